using System.Runtime.InteropServices;
using System.Security;
using System.Text.Json.Nodes;
using CloudMigration.Engine.Errors;
using CloudMigration.Engine.Factories;
using Microsoft.Extensions.Time.Testing;

namespace CloudMigration.Engine.Tests.Factories;

/// <summary>A factory store in a temporary folder, on a fake clock; removed when disposed.</summary>
internal sealed class TempStore : IDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    public TempStore(TimeSpan? queuedRunTimeout = null)
    {
        Folder = Path.Combine(Path.GetTempPath(), "cm-factory-" + Guid.NewGuid().ToString("N"));
        StorePath = Path.Combine(Folder, "factories.db");
        Options = new FactoryStoreOptions
        {
            TimeProvider = Clock,
            QueuedRunTimeout = queuedRunTimeout ?? FactoryStoreOptions.DefaultQueuedRunTimeout,
        };
        Store = FactoryStore.Open(StorePath, Options);
    }

    public string Folder { get; }

    public string StorePath { get; }

    public FakeTimeProvider Clock { get; } = new(Start);

    public FactoryStoreOptions Options { get; }

    public FactoryStore Store { get; }

    /// <summary>Another, independent store instance on the same file (as another process would have).</summary>
    public FactoryStore OpenAgain() => FactoryStore.Open(StorePath, Options);

    public LocalFactoryRegistry Registry => new(Store);

    public async Task<LocalDataFactory> NewFactoryAsync(string name = "cm-local-01")
    {
        await Registry.RegisterAsync(name);
        return await Registry.OpenAsync(name);
    }

    /// <summary>Every byte of the store on disk: the database and its write-ahead log.</summary>
    public byte[] FileBytes() =>
        [.. new[] { StorePath, StorePath + "-wal", StorePath + "-journal" }.Where(File.Exists).SelectMany(ReadShared)];

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static byte[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}

internal static class Secure
{
    public static string Plain(SecureString secure)
    {
        var pointer = Marshal.SecureStringToGlobalAllocUnicode(secure);
        try
        {
            return Marshal.PtrToStringUni(pointer) ?? string.Empty;
        }
        finally
        {
            Marshal.ZeroFreeGlobalAllocUnicode(pointer);
        }
    }

    public static SecureString Of(string plain)
    {
        var secure = new SecureString();
        foreach (var c in plain)
        {
            secure.AppendChar(c);
        }

        secure.MakeReadOnly();
        return secure;
    }
}

/// <summary>ADF JSON for tests.</summary>
internal static class AdfJson
{
    public static JsonObject SqlServerLinkedService(string? runtime, string password = "not-a-real-password") => new()
    {
        ["properties"] = new JsonObject
        {
            ["type"] = "SqlServer",
            ["connectVia"] = runtime is null ? null : new JsonObject { ["referenceName"] = runtime, ["type"] = "IntegrationRuntimeReference" },
            ["typeProperties"] = new JsonObject
            {
                ["connectionString"] = "Data Source=sl01;Initial Catalog=SLSystem;User ID=migrator",
                ["password"] = new JsonObject { ["type"] = "SecureString", ["value"] = password },
            },
        },
    };

    public static JsonObject Dataset(string linkedService) => new()
    {
        ["properties"] = new JsonObject
        {
            ["type"] = "SqlServerTable",
            ["linkedServiceName"] = new JsonObject { ["referenceName"] = linkedService, ["type"] = "LinkedServiceReference" },
            ["typeProperties"] = new JsonObject { ["schema"] = "dbo", ["table"] = "Company" },
        },
    };

    public static JsonObject LookupPipeline(string dataset) => new()
    {
        ["properties"] = new JsonObject
        {
            ["activities"] = new JsonArray(new JsonObject
            {
                ["name"] = "ListCompanies",
                ["type"] = "Lookup",
                ["typeProperties"] = new JsonObject
                {
                    ["source"] = new JsonObject { ["type"] = "SqlServerSource" },
                    ["dataset"] = new JsonObject { ["referenceName"] = dataset, ["type"] = "DatasetReference" },
                },
            }),
            ["parameters"] = new JsonObject { ["requestId"] = new JsonObject { ["type"] = "String" } },
        },
    };

    /// <summary>An Azure SQL linked service: no integration runtime.</summary>
    public static JsonObject AzureSqlLinkedService() => new()
    {
        ["properties"] = new JsonObject
        {
            ["type"] = "AzureSqlDatabase",
            ["typeProperties"] = new JsonObject
            {
                ["connectionString"] = new JsonObject { ["type"] = "SecureString", ["value"] = "Server=tcp:bc.example.net;Database=tenant;Password=not-a-real-one" },
            },
        },
    };

    /// <summary>A pipeline with one Script activity on <paramref name="linkedService"/>.</summary>
    public static JsonObject ScriptPipeline(string linkedService) => new()
    {
        ["properties"] = new JsonObject
        {
            ["activities"] = new JsonArray(new JsonObject
            {
                ["name"] = "MarkReady",
                ["type"] = "Script",
                ["linkedServiceName"] = new JsonObject { ["referenceName"] = linkedService, ["type"] = "LinkedServiceReference" },
                ["typeProperties"] = new JsonObject
                {
                    ["scripts"] = new JsonArray(new JsonObject { ["type"] = "NonQuery", ["text"] = "UPDATE setup SET ready = 1" }),
                },
            }),
            ["parameters"] = new JsonObject { ["requestId"] = new JsonObject { ["type"] = "String" } },
        },
    };

    /// <summary>Puts linked service "BcDestination" (Azure SQL, no IR) and pipeline "Finish": any node of the factory may run it.</summary>
    public static async Task PutFinishAsync(IDataFactory factory)
    {
        await factory.PutResourceAsync(FactoryResourceKind.LinkedService, "BcDestination", AzureSqlLinkedService(), default);
        await factory.PutResourceAsync(FactoryResourceKind.Pipeline, "Finish", ScriptPipeline("BcDestination"), default);
    }

    /// <summary>Puts linked service "SlSource" (via <paramref name="runtime"/>), dataset "Companies" and pipeline "Prepare".</summary>
    public static async Task PutPrepareAsync(IDataFactory factory, string? runtime, string password = "not-a-real-password")
    {
        await factory.PutResourceAsync(FactoryResourceKind.LinkedService, "SlSource", SqlServerLinkedService(runtime, password), default);
        await factory.PutResourceAsync(FactoryResourceKind.Dataset, "Companies", Dataset("SlSource"), default);
        await factory.PutResourceAsync(FactoryResourceKind.Pipeline, "Prepare", LookupPipeline("Companies"), default);
    }
}

internal static class Expect
{
    public static async Task<CmException> ErrorAsync(string errorId, Func<Task> action)
    {
        var ex = await Assert.ThrowsAsync<CmException>(action);
        Assert.Equal(errorId, ex.ErrorId);
        return ex;
    }

    public static CmException Error(string errorId, Action action)
    {
        var ex = Assert.Throws<CmException>(action);
        Assert.Equal(errorId, ex.ErrorId);
        return ex;
    }
}
