using System.Security.Cryptography;
using System.Text;
using CloudMigration.Engine.Discovery;
using CloudMigration.Engine.Errors;

namespace CloudMigration.Engine.Setup;

/// <summary>
/// The request checked against both sides before anything is written: the source is an SL system database with the
/// companies asked for, the destination a Business Central database. The fingerprint says what the setup is for, so a
/// re-run knows whether it resumes the same setup.
/// </summary>
internal sealed record SetupInput(IReadOnlyList<SourceCompany> Companies, string Fingerprint)
{
    public IReadOnlyList<string> CompanyIds => Companies.Select(c => c.CpnyID).ToList();

    /// <summary>The company ids as exact patterns (no wildcards), for the compatibility and planning services.</summary>
    public IReadOnlyList<string> CompanyPatterns => Companies.Select(c => NamePattern.Escape(c.CpnyID)).ToList();

    public static async Task<SetupInput> ResolveAsync(SetupRequest request, CancellationToken cancellationToken)
    {
        // A reviewed plan says which companies it is for.
        var names = request.Companies.Count > 0 || request.TablePlan is null
            ? request.Companies
            : request.TablePlan.Select(r => r.Company?.Trim()).Where(c => !string.IsNullOrEmpty(c)).Distinct(StringComparer.OrdinalIgnoreCase).Select(c => NamePattern.Escape(c!)).ToList();
        var listing = await new CompanyDiscoveryService().GetSourceCompaniesAsync(request.Source, new CompanyQuery { Names = names }, cancellationToken).ConfigureAwait(false);
        if (listing.UnmatchedNames.Count > 0)
        {
            throw new CmException(ErrorIds.CompanyNotFound, CmErrorCategory.ObjectNotFound,
                $"No active company of '{request.Source.DisplayString}' matches {string.Join(", ", listing.UnmatchedNames.Select(n => $"'{n}'"))}.",
                $"List the companies with Get-CmCompany -Source '{request.Source.DisplayString}', and give their ids to -Company.", listing.UnmatchedNames[0]);
        }

        if (listing.Companies.Count == 0)
        {
            throw new CmException(ErrorIds.CompanyNotFound, CmErrorCategory.ObjectNotFound,
                $"The source '{request.Source.DisplayString}' has no active company to migrate.",
                "Activate the companies to migrate in Dynamics SL, or check that -Source names the SL system database.", request.Source.DisplayString);
        }

        // Not a Business Central database: NotABusinessCentralDatabase, before anything is written into it.
        await new ExtensionDiscoveryService().GetInstalledExtensionsAsync(request.Destination, [], cancellationToken).ConfigureAwait(false);

        var text = new StringBuilder()
            .Append(request.Source.Kind).Append('\u001f').Append(request.Source.DisplayString).Append('\u001e')
            .AppendJoin('\u001f', listing.Companies.Select(c => c.CpnyID).Order(StringComparer.OrdinalIgnoreCase)).Append('\u001e');
        foreach (var row in (request.TablePlan ?? []).Select(r => $"{r.Company?.Trim()}\u001f{r.SourceTable?.Trim()}\u001f{r.DestinationTable?.Trim()}\u001f{r.CopyMethod?.Trim()}").Order(StringComparer.OrdinalIgnoreCase))
        {
            text.Append(row).Append('\u001e');
        }

        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString().ToUpperInvariant())))[..32].ToLowerInvariant();
        return new SetupInput(listing.Companies, hash);
    }
}
