using System.Net;
using System.Security;
using CloudMigration.Engine.Errors;

namespace CloudMigration.Engine.Tests.Connections;

/// <summary>Helpers shared by the endpoint tests: sentinel secrets, leak checks and temporary folders.</summary>
internal static class ConnectionTestSupport
{
    /// <summary>The visible part of every sentinel password; a tag keeps each test's sentinel unique,
    /// so that one test cannot pass only because another one registered the same literal secret.</summary>
    public const string SentinelPrefix = "S3ntinel-Pa55!";

    public static string Sentinel(string tag) => SentinelPrefix + tag;

    public static SecureString Secure(string value)
    {
        var secure = new SecureString();
        foreach (var c in value)
        {
            secure.AppendChar(c);
        }

        secure.MakeReadOnly();
        return secure;
    }

    public static NetworkCredential Credential(string user, string password) => new(user, Secure(password));

    /// <summary>Every text that can leave the engine with the exception, inner exceptions included.</summary>
    public static IEnumerable<(string Where, string Text)> VisibleTexts(CmException ex)
    {
        yield return ("Message", ex.Message);
        yield return ("RecommendedAction", ex.RecommendedAction);
        yield return ("ToString()", ex.ToString());
        yield return ("TargetObject", ex.TargetObject?.ToString() ?? string.Empty);
        var depth = 0;
        for (var inner = ex.InnerException; inner is not null; inner = inner.InnerException)
        {
            depth++;
            yield return ($"InnerException[{depth}].Message", inner.Message);
            yield return ($"InnerException[{depth}].ToString()", inner.ToString());
        }
    }

    public static void AssertNoSecret(CmException ex, params string[] secrets)
    {
        Assert.NotEmpty(secrets);
        foreach (var secret in secrets)
        {
            Assert.False(string.IsNullOrEmpty(secret));
            foreach (var (where, text) in VisibleTexts(ex))
            {
                Assert.False(text.Contains(secret, StringComparison.Ordinal),
                    $"The secret '{secret}' leaked into {where}: {text}");
            }
        }
    }
}

/// <summary>A fresh folder under the temp directory, deleted afterwards.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "cm-endpoint-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Sub(string name)
    {
        var path = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(path);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }
}
