using System.Management.Automation;
using System.Security;
using CloudMigration.Engine.Factories;
using CloudMigration.Engine.Factories.Azure;

namespace CloudMigration.PowerShell.Commands.Factories;

/// <summary>
/// Registers a data factory: a local one (-Local) runs pipelines on this machine; an Azure one (-ResourceId) is read once
/// with the chosen sign-in (default credential chain, managed identity, service principal, access token or device code)
/// and then used like a local one by every cmdlet.
/// </summary>
[Cmdlet(VerbsLifecycle.Register, "CmDataFactory", SupportsShouldProcess = true, DefaultParameterSetName = LocalSet)]
[OutputType(typeof(DataFactoryInfo))]
public sealed class RegisterCmDataFactoryCommand : CmFactoryCmdlet
{
    private const string LocalSet = "Local";
    private const string DefaultSet = "AzureDefault";
    private const string ManagedIdentitySet = "AzureManagedIdentity";
    private const string ServicePrincipalSet = "AzureServicePrincipal";
    private const string AccessTokenSet = "AzureAccessToken";
    private const string DeviceCodeSet = "AzureDeviceCode";

    /// <summary>The local factory's name.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = LocalSet)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = null!;

    /// <summary>A local factory (the embedded engine).</summary>
    [Parameter(Mandatory = true, ParameterSetName = LocalSet)]
    public SwitchParameter Local { get; set; }

    /// <summary>The Azure factory: /subscriptions/&lt;id&gt;/resourceGroups/&lt;group&gt;/providers/Microsoft.DataFactory/factories/&lt;name&gt;.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = DefaultSet)]
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = ManagedIdentitySet)]
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = ServicePrincipalSet)]
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = AccessTokenSet)]
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = DeviceCodeSet)]
    [ValidateNotNullOrEmpty]
    [Alias("Id")]
    public string ResourceId { get; set; } = null!;

    /// <summary>Sign in with the managed identity of the Automation account, VM or app.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ManagedIdentitySet)]
    public SwitchParameter ManagedIdentity { get; set; }

    /// <summary>The client id of a user-assigned managed identity (or of the default chain's managed identity).</summary>
    [Parameter(ParameterSetName = ManagedIdentitySet)]
    [Parameter(ParameterSetName = DefaultSet)]
    [ValidateNotNullOrEmpty]
    public string? ClientId { get; set; }

    /// <summary>A service principal: user name = client id, password = client secret.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ServicePrincipalSet)]
    [Credential]
    [ValidateNotNull]
    public PSCredential Credential { get; set; } = null!;

    /// <summary>The Entra tenant (a service principal needs it; AzureSignInRequired without it).</summary>
    [Parameter(ParameterSetName = ServicePrincipalSet)]
    [Parameter(ParameterSetName = DefaultSet)]
    [Parameter(ParameterSetName = DeviceCodeSet)]
    [ValidateNotNullOrEmpty]
    public string? TenantId { get; set; }

    /// <summary>An access token for https://management.azure.com (Get-AzAccessToken -AsSecureString); kept in this session only.</summary>
    [Parameter(Mandatory = true, ParameterSetName = AccessTokenSet)]
    [ValidateNotNull]
    public SecureString AccessToken { get; set; } = null!;

    /// <summary>Sign in with a device code (a terminal without a browser).</summary>
    [Parameter(Mandatory = true, ParameterSetName = DeviceCodeSet)]
    public SwitchParameter DeviceCode { get; set; }

    /// <summary>Another Resource Manager endpoint: a sovereign cloud's (https://management.usgovcloudapi.net), or a test emulator's.</summary>
    [Parameter(ParameterSetName = DefaultSet)]
    [Parameter(ParameterSetName = ManagedIdentitySet)]
    [Parameter(ParameterSetName = ServicePrincipalSet)]
    [Parameter(ParameterSetName = AccessTokenSet)]
    [Parameter(ParameterSetName = DeviceCodeSet)]
    [ValidateNotNull]
    public Uri? Endpoint { get; set; }

    /// <summary>Accept only the server certificate with this SHA-256 thumbprint (an emulator's self-signed one).</summary>
    [Parameter(ParameterSetName = DefaultSet)]
    [Parameter(ParameterSetName = ManagedIdentitySet)]
    [Parameter(ParameterSetName = ServicePrincipalSet)]
    [Parameter(ParameterSetName = AccessTokenSet)]
    [Parameter(ParameterSetName = DeviceCodeSet)]
    [ValidateNotNullOrEmpty]
    public string? CertificateThumbprint { get; set; }

    /// <summary>Replace the registration of an Azure factory of the same name (for example with a new access token).</summary>
    [Parameter(ParameterSetName = DefaultSet)]
    [Parameter(ParameterSetName = ManagedIdentitySet)]
    [Parameter(ParameterSetName = ServicePrincipalSet)]
    [Parameter(ParameterSetName = AccessTokenSet)]
    [Parameter(ParameterSetName = DeviceCodeSet)]
    public SwitchParameter Force { get; set; }

    protected override void ProcessCore()
    {
        if (ParameterSetName == LocalSet)
        {
            if (!Local)
            {
                throw new Engine.Errors.CmException(Engine.Errors.ErrorIds.FactoryKindNotSupported, Engine.Errors.CmErrorCategory.InvalidArgument,
                    "-Local:$false names no kind of factory.", "Register a local factory with -Local, or an Azure data factory with -ResourceId.", Name);
            }

            if (ShouldProcess(Name, "Register a local data factory"))
            {
                var local = Factories();
                WriteObject(Run((_, ct) => local.RegisterLocalAsync(Name, ct)));
            }

            return;
        }

        if (!ShouldProcess(ResourceId, $"Register an Azure data factory (sign-in: {Method})"))
        {
            return;
        }

        var signIn = new AzureSignIn
        {
            Method = Method,
            TenantId = TenantId,
            ClientId = Method == AzureSignInMethod.ServicePrincipal ? Credential.UserName : ClientId,
            Secret = Method switch
            {
                AzureSignInMethod.ServicePrincipal => Credential.Password,
                AzureSignInMethod.AccessToken => AccessToken,
                _ => null,
            },
        };
        var service = Factories();
        WriteObject(Run((_, ct) => service.RegisterAzureAsync(ResourceId, signIn, Endpoint, CertificateThumbprint, Force, ct)));
    }

    private AzureSignInMethod Method => ParameterSetName switch
    {
        ManagedIdentitySet => AzureSignInMethod.ManagedIdentity,
        ServicePrincipalSet => AzureSignInMethod.ServicePrincipal,
        AccessTokenSet => AzureSignInMethod.AccessToken,
        DeviceCodeSet => AzureSignInMethod.DeviceCode,
        _ => AzureSignInMethod.Default,
    };
}
