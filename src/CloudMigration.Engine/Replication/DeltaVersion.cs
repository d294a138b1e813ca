using System.Globalization;
using System.Text.RegularExpressions;

namespace CloudMigration.Engine.Replication;

/// <summary>
/// The last synced version in a delta query: a literal (a Copy activity's sqlReaderQuery built for one run) or a named
/// parameter (the engine binds it; <see cref="Default"/> is @LastSyncedVersion). SQL Server's CHANGETABLE takes only a
/// literal or a variable there, never an expression, so nothing else is allowed.
/// </summary>
public sealed partial class DeltaVersion
{
    /// <summary>The parameter the engine's own reads bind.</summary>
    public static readonly DeltaVersion Default = Parameter("@LastSyncedVersion");

    private DeltaVersion(string text, long? value)
    {
        Text = text;
        Value = value;
    }

    /// <summary>The text as it stands in the query.</summary>
    public string Text { get; }

    /// <summary>The literal's value; null for a parameter.</summary>
    public long? Value { get; }

    public bool IsParameter => Value is null;

    public static DeltaVersion Literal(long version)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(version);
        return new DeltaVersion(version.ToString(CultureInfo.InvariantCulture), version);
    }

    /// <summary>A parameter name such as <c>@LastSyncedVersion</c>: '@' then letters, digits and '_'.</summary>
    public static DeltaVersion Parameter(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return ParameterName().IsMatch(name) ? new DeltaVersion(name, null)
            : throw new ArgumentException($"'{name}' is not a parameter name ('@' then letters, digits or '_').", nameof(name));
    }

    public override string ToString() => Text;

    [GeneratedRegex("^@[A-Za-z_][A-Za-z0-9_]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex ParameterName();
}
