using System.Management.Automation;
using System.Security;
using CloudMigration.Engine.Connections;

namespace CloudMigration.PowerShell.Commands;

/// <summary>
/// Makes an endpoint object from a connection string and a way to sign in. Nothing connects and
/// nothing changes: the object only describes the database, so no ShouldProcess is needed.
/// </summary>
[Cmdlet(VerbsCommon.New, "CmEndpoint", DefaultParameterSetName = CredentialSet)]
[OutputType(typeof(CmEndpoint))]
[NoStateChange("Creates an in-memory object only; nothing is connected to or written.")]
public sealed class NewCmEndpointCommand : CmCmdlet
{
    private const string CredentialSet = "Credential";
    private const string TokenSet = "AccessToken";

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string ConnectionString { get; set; } = null!;

    [Parameter(ParameterSetName = CredentialSet)]
    [Credential]
    public PSCredential? Credential { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = TokenSet)]
    public SecureString AccessToken { get; set; } = null!;

    protected override void ProcessCore()
    {
        var endpoint = CmEndpoint.Parse(ConnectionString, new EndpointParseOptions
        {
            Credential = ToNetworkCredential(Credential),
            AccessToken = ParameterSetName == TokenSet ? AccessToken : null,
            BaseDirectory = CurrentDirectory,
        });
        WriteObject(endpoint);
    }
}
