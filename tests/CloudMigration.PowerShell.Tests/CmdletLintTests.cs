using System.Collections;
using System.Management.Automation;
using System.Reflection;
using System.Security;
using System.Xml.Linq;

namespace CloudMigration.PowerShell.Tests;

/// <summary>PowerShell conventions, checked by reflection over every cmdlet of the module.</summary>
public sealed class CmdletLintTests
{
    // Verbs whose cmdlets change something; they must support -WhatIf/-Confirm unless marked [NoStateChange].
    private static readonly HashSet<string> StateChangingVerbs = new(StringComparer.OrdinalIgnoreCase)
    {
        "Add", "Clear", "Copy", "Disable", "Enable", "Export", "Import", "Initialize", "Install", "Invoke", "Move", "New",
        "Publish", "Register", "Remove", "Rename", "Reset", "Restart", "Restore", "Resume", "Save", "Set", "Start", "Stop",
        "Submit", "Suspend", "Sync", "Uninstall", "Unpublish", "Unregister", "Update", "Write",
    };

    // Nouns that end in 's' but are singular.
    private static readonly HashSet<string> SingularNounsEndingInS = new(StringComparer.OrdinalIgnoreCase) { "CmStatus", "CmAlias" };

    [Fact]
    public void The_module_has_cmdlets() => Assert.True(CmdletCatalog.CmdletTypes.Count >= 4);

    [Theory]
    [MemberData(nameof(CmdletCatalog.All), MemberType = typeof(CmdletCatalog))]
    public void Verb_is_approved(string typeName)
    {
        var verb = CmdletCatalog.ByName(typeName).GetCustomAttribute<CmdletAttribute>()!.VerbName;
        Assert.Contains(verb, ApprovedVerbs());
    }

    [Theory]
    [MemberData(nameof(CmdletCatalog.All), MemberType = typeof(CmdletCatalog))]
    public void Noun_is_singular_and_prefixed(string typeName)
    {
        var noun = CmdletCatalog.ByName(typeName).GetCustomAttribute<CmdletAttribute>()!.NounName;
        Assert.StartsWith("Cm", noun, StringComparison.Ordinal);
        Assert.True(!noun.EndsWith('s') || noun.EndsWith("ss", StringComparison.Ordinal) || SingularNounsEndingInS.Contains(noun), $"The noun '{noun}' looks plural; use the singular (aliases may be plural).");
    }

    [Theory]
    [MemberData(nameof(CmdletCatalog.All), MemberType = typeof(CmdletCatalog))]
    public void Declares_output_type(string typeName)
    {
        var outputs = CmdletCatalog.ByName(typeName).GetCustomAttributes<OutputTypeAttribute>().ToArray();
        Assert.NotEmpty(outputs);
        Assert.All(outputs, o => Assert.All(o.Type, t => Assert.NotNull(t.Type)));
    }

    [Theory]
    [MemberData(nameof(CmdletCatalog.All), MemberType = typeof(CmdletCatalog))]
    public void State_changing_cmdlet_supports_should_process(string typeName)
    {
        var type = CmdletCatalog.ByName(typeName);
        var attribute = type.GetCustomAttribute<CmdletAttribute>()!;
        var exempt = type.GetCustomAttribute<NoStateChangeAttribute>();
        if (StateChangingVerbs.Contains(attribute.VerbName) && exempt is null)
        {
            Assert.True(attribute.SupportsShouldProcess, $"{CmdletCatalog.CommandName(type)} changes state and must declare SupportsShouldProcess.");
        }

        if (exempt is not null)
        {
            Assert.False(string.IsNullOrWhiteSpace(exempt.Reason));
        }
    }

    [Theory]
    [MemberData(nameof(CmdletCatalog.All), MemberType = typeof(CmdletCatalog))]
    public void Derives_from_the_module_base_class(string typeName) =>
        Assert.True(typeof(CmCmdlet).IsAssignableFrom(CmdletCatalog.ByName(typeName)));

    [Theory]
    [MemberData(nameof(CmdletCatalog.All), MemberType = typeof(CmdletCatalog))]
    public void Secrets_are_secure_strings_or_credentials(string typeName)
    {
        foreach (var property in Parameters(CmdletCatalog.ByName(typeName)))
        {
            var name = property.Name;
            if (name.Contains("Password", StringComparison.OrdinalIgnoreCase) || name.Contains("Token", StringComparison.OrdinalIgnoreCase) ||
                name.Contains("Secret", StringComparison.OrdinalIgnoreCase) || name.EndsWith("Key", StringComparison.OrdinalIgnoreCase))
            {
                Assert.True(property.PropertyType == typeof(SecureString), $"-{name} carries a secret and must be a SecureString.");
            }

            if (name.EndsWith("Credential", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Equal(typeof(PSCredential), property.PropertyType);
            }
        }
    }

    [Theory]
    [MemberData(nameof(CmdletCatalog.All), MemberType = typeof(CmdletCatalog))]
    public void Endpoint_parameters_take_pipeline_input_by_property_name(string typeName)
    {
        foreach (var property in Parameters(CmdletCatalog.ByName(typeName)).Where(p => p.Name is "Source" or "Destination"))
        {
            Assert.All(property.GetCustomAttributes<ParameterAttribute>(), a => Assert.True(a.ValueFromPipelineByPropertyName, $"-{property.Name} must bind from the pipeline by property name."));
        }
    }

    [Fact]
    public void Manifest_exports_exactly_the_cmdlets_and_aliases()
    {
        var manifest = ReadManifest();
        var cmdlets = ((object[])manifest["CmdletsToExport"]!).Cast<string>().Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(CmdletCatalog.CmdletTypes.Select(CmdletCatalog.CommandName).Order(StringComparer.Ordinal).ToArray(), cmdlets);

        var aliases = manifest["AliasesToExport"] switch { object[] a => a.Cast<string>(), string s => [s], _ => [] };
        var declared = CmdletCatalog.CmdletTypes.SelectMany(t => t.GetCustomAttributes<AliasAttribute>().SelectMany(a => a.AliasNames));
        Assert.Equal(declared.Order(StringComparer.Ordinal).ToArray(), aliases.Order(StringComparer.Ordinal).ToArray());

        Assert.Empty(manifest["FunctionsToExport"] as object[] ?? ["not an empty array"]);
        Assert.Empty(manifest["VariablesToExport"] as object[] ?? ["not an empty array"]);
        Assert.Equal("7.4", manifest["PowerShellVersion"]);
        Assert.Equal(["Core"], ((object[])manifest["CompatiblePSEditions"]!).Cast<string>());
        var psData = (Hashtable)((Hashtable)manifest["PrivateData"]!)["PSData"]!;
        foreach (var key in new[] { "Tags", "ProjectUri", "LicenseUri", "ReleaseNotes" })
        {
            Assert.NotNull(psData[key]);
        }

        Assert.False(manifest.ContainsKey("RequiredAssemblies"), "Dependencies load into the private AssemblyLoadContext; RequiredAssemblies would load them into the default one.");
    }

    [Theory]
    [MemberData(nameof(CmdletCatalog.All), MemberType = typeof(CmdletCatalog))]
    public void Every_output_type_has_a_format_view(string typeName)
    {
        var format = XDocument.Load(Path.Combine(CmdletCatalog.RepositoryRoot, "module", "CloudMigration.Format.ps1xml"));
        var viewed = format.Descendants("TypeName").Select(e => e.Value.Trim()).ToHashSet(StringComparer.Ordinal);
        // Types of the .NET base library ([bool] from -Quiet) have PowerShell's own formatting.
        foreach (var output in CmdletCatalog.ByName(typeName).GetCustomAttributes<OutputTypeAttribute>().SelectMany(o => o.Type)
                     .Where(o => o.Type!.Assembly != typeof(object).Assembly))
        {
            Assert.True(viewed.Contains(output.Type!.FullName!), $"{output.Type.FullName} has no view in CloudMigration.Format.ps1xml.");
        }
    }

    [Theory]
    [MemberData(nameof(CmdletCatalog.All), MemberType = typeof(CmdletCatalog))]
    public void Every_cmdlet_has_a_help_source(string typeName)
    {
        var file = Path.Combine(CmdletCatalog.RepositoryRoot, "module", "help", CmdletCatalog.CommandName(CmdletCatalog.ByName(typeName)) + ".md");
        Assert.True(File.Exists(file), $"Missing help source {file}.");
    }

    private static IEnumerable<PropertyInfo> Parameters(Type type) =>
        type.GetProperties().Where(p => p.GetCustomAttributes<ParameterAttribute>().Any());

    private static HashSet<string> ApprovedVerbs()
    {
        var verbs = new HashSet<string>(StringComparer.Ordinal);
        foreach (var holder in new[] { typeof(VerbsCommon), typeof(VerbsCommunications), typeof(VerbsData), typeof(VerbsDiagnostic), typeof(VerbsLifecycle), typeof(VerbsOther), typeof(VerbsSecurity) })
        {
            foreach (var field in holder.GetFields(BindingFlags.Public | BindingFlags.Static))
            {
                verbs.Add((string)field.GetValue(null)!);
            }
        }

        return verbs;
    }

    private static Hashtable ReadManifest()
    {
        using var ps = System.Management.Automation.PowerShell.Create();
        ps.AddCommand("Import-PowerShellDataFile").AddParameter("Path", Path.Combine(CmdletCatalog.RepositoryRoot, "CloudMigration.psd1"));
        return (Hashtable)ps.Invoke().Single().BaseObject;
    }
}
