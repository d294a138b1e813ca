using System.Management.Automation;
using CloudMigration.Engine.Connections;

namespace CloudMigration.PowerShell;

/// <summary>
/// What -Source and -Destination accept: endpoint text (a SQL Server connection string, or
/// <c>sqlite:&lt;path&gt;</c>) or an endpoint object from New-CmEndpoint, New-CmSampleEnvironment or
/// Get-CmCompany. Conversion does not parse: the cmdlet parses, so bad text gets a proper error record
/// with a stable id instead of a parameter-binding error.
/// </summary>
public sealed class CmEndpointParameter
{
    public CmEndpointParameter(string text) => Text = text;

    public CmEndpointParameter(CmEndpoint endpoint) => Endpoint = endpoint;

    /// <summary>An endpoint or text wrapped in a PSObject (from the pipeline or a variable).</summary>
    public CmEndpointParameter(PSObject value)
    {
        switch (value.BaseObject)
        {
            case CmEndpoint endpoint:
                Endpoint = endpoint;
                break;
            case string text:
                Text = text;
                break;
            default:
                throw new PSArgumentException($"Cannot use a {value.BaseObject.GetType().Name} as an endpoint. Give a connection string, 'sqlite:<path>', or an endpoint object.");
        }
    }

    internal string? Text { get; }

    internal CmEndpoint? Endpoint { get; }

    public override string ToString() => Endpoint?.DisplayString ?? SecretRedactor.Redact(Text);
}
