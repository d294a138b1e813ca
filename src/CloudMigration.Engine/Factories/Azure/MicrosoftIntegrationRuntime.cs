using System.Diagnostics;
using System.Security;
using CloudMigration.Engine.Connections;
using CloudMigration.Engine.Errors;

namespace CloudMigration.Engine.Factories.Azure;

/// <summary>
/// Microsoft's self-hosted integration runtime (the Windows service a node of an Azure data factory runs): registers this
/// machine as a node with <c>dmgcmd -RegisterNewNode "&lt;key&gt;" "&lt;node&gt;"</c> when it is installed, and otherwise says what to
/// install and where, without running anything.
/// </summary>
public static class MicrosoftIntegrationRuntime
{
    public const string DownloadUrl = "https://www.microsoft.com/download/details.aspx?id=39717";

    /// <summary>dmgcmd.exe of the newest installed version, or null (always null off Windows).</summary>
    public static string? FindDmgcmd()
    {
        if (!OperatingSystem.IsWindows())
        {
            return null;
        }

        var root = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ProgramFiles), "Microsoft Integration Runtime");
        return Directory.Exists(root)
            ? Directory.EnumerateDirectories(root)
                .Select(d => (Version: Version.TryParse(Path.GetFileName(d), out var v) ? v : new Version(0, 0), Path: Path.Combine(d, "Shared", "dmgcmd.exe")))
                .Where(c => File.Exists(c.Path))
                .OrderByDescending(c => c.Version)
                .Select(c => c.Path)
                .FirstOrDefault()
            : null;
    }

    /// <summary>Registers this machine as a node of the Azure IR the key belongs to.</summary>
    public static async Task<NodeRegistration> RegisterNodeAsync(SecureString authKey, string? nodeName, string factory, string runtimeId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(authKey);
        var dmgcmd = FindDmgcmd() ?? throw new CmException(ErrorIds.NodeRegistrationNotSupported, CmErrorCategory.NotImplemented,
            $"The key belongs to the Azure data factory '{factory}', whose nodes are machines running Microsoft Integration Runtime, and {(OperatingSystem.IsWindows() ? "it is not installed here" : "it runs on Windows only")}.",
            $"On a Windows machine that reaches the source SQL Server, install Microsoft Integration Runtime ({DownloadUrl}), then run Register-CmIntegrationRuntimeNode there " +
            "(or dmgcmd -RegisterNewNode \"<key>\" \"<node name>\" from its Shared folder). Get the key with Get-CmIntegrationRuntimeKey.", factory);
        var node = nodeName ?? Environment.MachineName;
        var start = new ProcessStartInfo(dmgcmd) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false, CreateNoWindow = true };
        start.ArgumentList.Add("-RegisterNewNode");
        start.ArgumentList.Add(EndpointParser.ToPlain(authKey));
        start.ArgumentList.Add(node);
        using var process = Process.Start(start) ?? throw new CmException(ErrorIds.NodeRegistrationNotSupported, CmErrorCategory.InvalidOperation,
            $"'{dmgcmd}' could not be started.", "Check the Microsoft Integration Runtime installation.", dmgcmd);
        var output = await process.StandardOutput.ReadToEndAsync(cancellationToken).ConfigureAwait(false) + await process.StandardError.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new CmException(ErrorIds.AuthKeyInvalid, CmErrorCategory.InvalidOperation,
                $"dmgcmd -RegisterNewNode ended with exit code {process.ExitCode}: {SecretRedactor.Redact(output.Trim())}",
                "Check the key (Get-CmIntegrationRuntimeKey), the machine's connection to Azure, and the Microsoft Integration Runtime Configuration Manager.", factory);
        }

        return new NodeRegistration
        {
            Factory = factory,
            IntegrationRuntime = runtimeId,
            NodeName = node,
            MachineName = Environment.MachineName,
            MaxConcurrentJobs = IntegrationRuntimeNodeService.DefaultMaxConcurrentJobs,
            RegisterTime = DateTimeOffset.UtcNow,
        };
    }
}
