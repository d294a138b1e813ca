using System.Management.Automation;
using CloudMigration.Engine.Factories;

namespace CloudMigration.PowerShell.Commands.Factories;

/// <summary>Gets the two authentication keys of a self-hosted IR as SecureString (as plain text only with -AsPlainText).</summary>
[Cmdlet(VerbsCommon.Get, "CmIntegrationRuntimeKey")]
[OutputType(typeof(IntegrationRuntimeKeys))]
[OutputType(typeof(PlainIntegrationRuntimeKeys))]
public sealed class GetCmIntegrationRuntimeKeyCommand : CmFactoryCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = null!;

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? Factory { get; set; }

    /// <summary>Write the keys as plain text (for dmgcmd -RegisterNewNode on another machine). Handle the output as a secret.</summary>
    [Parameter]
    public SwitchParameter AsPlainText { get; set; }

    protected override void ProcessCore()
    {
        var service = Factories();
        var keys = Run((_, ct) => service.GetKeysAsync(Factory, Name, ct));
        WriteObject(AsPlainText ? PlainIntegrationRuntimeKeys.From(keys) : keys);
    }
}

/// <summary>The keys in clear, written only when the user asks with -AsPlainText.</summary>
public sealed class PlainIntegrationRuntimeKeys
{
    public required string IntegrationRuntime { get; init; }

    public required string Factory { get; init; }

    public required string AuthKey1 { get; init; }

    public required string AuthKey2 { get; init; }

    internal static PlainIntegrationRuntimeKeys From(IntegrationRuntimeKeys keys)
    {
        using (keys)
        {
            return new PlainIntegrationRuntimeKeys
            {
                IntegrationRuntime = keys.IntegrationRuntime,
                Factory = keys.Factory,
                AuthKey1 = new System.Net.NetworkCredential(string.Empty, keys.AuthKey1).Password,
                AuthKey2 = new System.Net.NetworkCredential(string.Empty, keys.AuthKey2).Password,
            };
        }
    }
}
