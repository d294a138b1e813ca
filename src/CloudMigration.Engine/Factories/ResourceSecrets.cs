using System.Text.Json.Nodes;
using CloudMigration.Engine.Connections;

namespace CloudMigration.Engine.Factories;

/// <summary>
/// The secrets inside ADF JSON: every object <c>{"type": "SecureString", "value": ...}</c>. They are encrypted
/// in the store, masked as ADF masks them when a resource is read back, and in clear only for the runner.
/// </summary>
internal static class ResourceSecrets
{
    /// <summary>What ADF returns in place of a secret.</summary>
    public const string Mask = "**********";

    /// <summary>A copy with every SecureString value encrypted; the plain values are registered with the redactor.</summary>
    public static JsonObject Protect(JsonObject definition, SecretProtector protector, string context) =>
        Rewrite(definition, value =>
        {
            if (SecretProtector.IsProtected(value))
            {
                return value;
            }

            SecretRedactor.Register(value);
            return protector.Protect(value, context);
        });

    /// <summary>A copy with every SecureString value replaced by <see cref="Mask"/>.</summary>
    public static JsonObject MaskAll(JsonObject stored) => Rewrite(stored, _ => Mask);

    /// <summary>A copy with every SecureString value decrypted (for the runner only); the values are registered with the redactor.</summary>
    public static JsonObject Reveal(JsonObject stored, SecretProtector protector, string context) =>
        Rewrite(stored, value =>
        {
            if (!SecretProtector.IsProtected(value))
            {
                return value;
            }

            var plain = protector.Unprotect(value, context);
            SecretRedactor.Register(plain);
            return plain;
        });

    /// <summary>The encryption context of a resource's secrets: they decrypt only in their own resource.</summary>
    public static string ContextOf(string factory, FactoryResourceKind kind, string name) => $"resource:{factory}/{kind}/{name}";

    private static JsonObject Rewrite(JsonObject definition, Func<string, string> rewrite)
    {
        var copy = (JsonObject)definition.DeepClone();
        Walk(copy, rewrite);
        return copy;
    }

    private static void Walk(JsonNode? node, Func<string, string> rewrite)
    {
        switch (node)
        {
            case JsonObject obj:
                if (IsSecureString(obj) && obj["value"] is JsonValue value && value.TryGetValue<string>(out var text))
                {
                    obj["value"] = rewrite(text);
                    return;
                }

                foreach (var (_, child) in obj.ToList())
                {
                    Walk(child, rewrite);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    Walk(child, rewrite);
                }

                break;
        }
    }

    private static bool IsSecureString(JsonObject obj) =>
        obj["type"] is JsonValue type && type.TryGetValue<string>(out var name) && string.Equals(name, "SecureString", StringComparison.OrdinalIgnoreCase);
}
