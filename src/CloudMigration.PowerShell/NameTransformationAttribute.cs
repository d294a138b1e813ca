using System.Management.Automation;
using CloudMigration.Engine.Factories;

namespace CloudMigration.PowerShell;

/// <summary>
/// Lets a name parameter take the object it names: an integration runtime (Get-/New-CmIntegrationRuntime) or a data
/// factory (Get-/Register-CmDataFactory) becomes its Name; text stays text.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class NameTransformationAttribute : ArgumentTransformationAttribute
{
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData) =>
        (inputData is PSObject wrapped ? wrapped.BaseObject : inputData) switch
        {
            IntegrationRuntimeInfo runtime => runtime.Name,
            CreatedIntegrationRuntime created => created.Name,
            DataFactoryInfo factory => factory.Name,
            var other => inputData is PSObject ps && other is not string ? ps : other,
        };
}
