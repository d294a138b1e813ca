using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CloudMigration.Engine.Setup;

/// <summary>
/// The one way exported files are formatted, so that exporting the same entities again gives the same bytes on every
/// platform: indented by two spaces, LF line ends (Utf8JsonWriter writes Environment.NewLine on .NET 8), one LF at
/// the end, UTF-8 without BOM, and no \u escapes for quotes, apostrophes or non-ASCII letters (ADF expressions are
/// full of them, and a diff should show them as they are).
/// </summary>
internal static class ExportJson
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // files, never HTML: only what JSON requires is escaped
    };

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static byte[] Serialize(JsonNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            node.WriteTo(writer);
        }

        // Line breaks inside strings are escaped (\n), so every raw CR LF is the writer's own.
        var text = Utf8.GetString(buffer.ToArray()).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
        return Utf8.GetBytes(text);
    }
}
