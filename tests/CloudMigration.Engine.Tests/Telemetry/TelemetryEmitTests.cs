using System.Diagnostics;
using CloudMigration.Engine.Compatibility;
using CloudMigration.Engine.Connections;
using CloudMigration.Engine.Telemetry;
using CloudMigration.Engine.Tests.Sample;
using Emitter = CloudMigration.Engine.Telemetry.Telemetry;

namespace CloudMigration.Engine.Tests.Telemetry;

[Collection(TelemetryEnvironmentCollection.Name)]
public sealed class TelemetryEmitTests(SampleFixture fixture) : IClassFixture<SampleFixture>
{
    [Fact]
    public void Telemetry_writes_one_json_line_with_utc_timestamp_dimensions_and_measures()
    {
        using var env = new TelemetryEnvironment();
        Emitter.Emit(TelemetryEvents.TablePlanBuilt, ("product", "DynamicsSL"), ("entries", 42), ("full", 2L));

        var line = Assert.Single(env.Lines());
        Assert.Equal("CM0002", line.GetProperty("id").GetString());
        Assert.Equal(TelemetryEvents.TablePlanBuilt.Name, line.GetProperty("name").GetString());
        Assert.EndsWith("Z", line.GetProperty("timestamp").GetString(), StringComparison.Ordinal);
        Assert.Equal("DynamicsSL", line.GetProperty("dimensions").GetProperty("product").GetString());
        Assert.Equal(42, line.GetProperty("measures").GetProperty("entries").GetDouble());
        Assert.Equal(2, line.GetProperty("measures").GetProperty("full").GetDouble());
    }

    [Fact]
    public void Telemetry_drops_dimension_keys_the_catalog_does_not_allow()
    {
        using var env = new TelemetryEnvironment();
        var dropped = Emitter.DroppedKeys;
        Emitter.Emit(TelemetryEvents.CompatibilityTested, ("passed", 3), ("server", "sql01.contoso.local"), ("connectionString", "Server=sql01;Database=SLApp"), ("companyCount", 9));
        Emitter.Emit(new TelemetryEvent
        {
            Id = TelemetryEvents.NodeRegistered.Id,
            Name = "renamed by the caller",
            Dimensions = new Dictionary<string, string> { ["machine"] = "BUILD-PC-07" },
            Measures = new Dictionary<string, double> { ["maxConcurrentJobs"] = 4, ["secretNumber"] = 1234 },
        });

        var tested = Assert.Single(env.Lines("CM0001"));
        Assert.Equal(["passed"], tested.GetProperty("measures").EnumerateObject().Select(p => p.Name));
        Assert.Empty(tested.GetProperty("dimensions").EnumerateObject());
        var node = Assert.Single(env.Lines("CM0005"));
        Assert.Equal(TelemetryEvents.NodeRegistered.Name, node.GetProperty("name").GetString());
        Assert.Equal(["maxConcurrentJobs"], node.GetProperty("measures").EnumerateObject().Select(p => p.Name));
        Assert.DoesNotContain("sql01", env.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("BUILD-PC-07", env.Text, StringComparison.Ordinal);
        Assert.Equal(dropped + 5, Emitter.DroppedKeys);
    }

    [Fact]
    public void Telemetry_drops_events_that_are_not_in_the_catalog()
    {
        using var env = new TelemetryEnvironment();
        Emitter.Emit(new TelemetryEvent { Id = "CM9999", Name = "Made up" });
        Emitter.Emit(TelemetryEvents.SetupStarted, ("product", "DynamicsSL"));

        Assert.Equal(["CM0009"], env.Lines().Select(l => l.GetProperty("id").GetString()));
    }

    [Fact]
    public void Telemetry_never_stores_a_registered_secret_or_a_connection_string_password()
    {
        using var env = new TelemetryEnvironment();
        var sentinel = "Sentinel-" + Guid.NewGuid().ToString("N");
        SecretRedactor.Register(sentinel);
        var unregistered = "Pw-" + Guid.NewGuid().ToString("N");

        Emitter.Emit(TelemetryEvents.CompatibilityTested, ("product", sentinel));
        Emitter.Emit(TelemetryEvents.SetupStarted, ("product", $"Server=sql01;User ID=sa;Password={unregistered};Database=SLApp"));
        Emitter.Emit(new TelemetryEvent { Id = TelemetryEvents.SetupCompleted.Id, Name = "x", Dimensions = new Dictionary<string, string> { ["product"] = "DynamicsSL " + sentinel } });

        Assert.Equal(3, env.Lines().Count);
        Assert.DoesNotContain(sentinel, env.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(unregistered, env.Text, StringComparison.Ordinal);
        Assert.Contains(SecretRedactor.Mask, env.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("true")]
    [InlineData("TRUE")]
    public void Telemetry_opt_out_writes_nothing_and_creates_no_file(string value)
    {
        using var env = new TelemetryEnvironment(optOut: value);
        Emitter.Emit(TelemetryEvents.CompatibilityTested, ("passed", 1));
        new JsonLinesTelemetrySink().Write(new TelemetryEvent { Id = "CM0001", Name = "direct" });

        Assert.False(File.Exists(env.FilePath));
        Assert.False(Directory.Exists(env.Folder));
    }

    [Fact]
    public void Telemetry_opt_out_zero_still_writes()
    {
        using var env = new TelemetryEnvironment(optOut: "0");
        Emitter.Emit(TelemetryEvents.CompatibilityTested, ("passed", 1));

        Assert.Single(env.Lines("CM0001"));
    }

    [Fact]
    public async Task Telemetry_two_writers_in_parallel_write_only_whole_lines()
    {
        using var env = new TelemetryEnvironment();
        const int PerWriter = 300;
        var padding = new string('x', 2000); // long lines: a torn write would show
        async Task Writer(string product)
        {
            await Task.Yield();
            var sink = new JsonLinesTelemetrySink(env.FilePath);
            for (var i = 0; i < PerWriter; i++)
            {
                sink.Write(new TelemetryEvent { Id = "CM0009", Name = "Setup started", Dimensions = new Dictionary<string, string> { ["product"] = product + padding } });
            }
        }

        await Task.WhenAll(Task.Run(() => Writer("A")), Task.Run(() => Writer("B")));

        var lines = env.Lines(); // throws on a line that is not whole JSON
        Assert.Equal(2 * PerWriter, lines.Count);
        Assert.Equal(PerWriter, lines.Count(l => l.GetProperty("dimensions").GetProperty("product").GetString() == "A" + padding));
        Assert.Equal(PerWriter, lines.Count(l => l.GetProperty("dimensions").GetProperty("product").GetString() == "B" + padding));
    }

    [Fact]
    public void Telemetry_events_reach_an_activity_listener()
    {
        using var env = new TelemetryEnvironment();
        var marker = "DynamicsSL-" + Guid.NewGuid().ToString("N");
        var seen = new List<ActivityEvent>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == "CloudMigration",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => { lock (seen) { seen.AddRange(a.Events); } },
        };
        ActivitySource.AddActivityListener(listener);

        Emitter.Emit(TelemetryEvents.SetupCompleted, ("product", marker), ("totalCompanies", 3), ("password", "nope"));

        ActivityEvent match;
        lock (seen)
        {
            match = Assert.Single(seen, e => e.Tags.Any(t => t.Key == "product" && (string?)t.Value == marker));
        }

        Assert.Equal(TelemetryEvents.SetupCompleted.Name, match.Name);
        Assert.Contains(match.Tags, t => t.Key == "event.id" && (string?)t.Value == "CM0010");
        Assert.Contains(match.Tags, t => t.Key == "totalCompanies" && t.Value is double d && d == 3);
        Assert.DoesNotContain(match.Tags, t => t.Key == "password");
    }

    [Fact]
    public void Telemetry_swallows_and_counts_a_failing_sink()
    {
        using var env = new TelemetryEnvironment();
        var failures = Emitter.Failures;
        using (Emitter.AddSink(new ThrowingSink()))
        {
            Emitter.Emit(TelemetryEvents.SetupStarted, ("product", "DynamicsSL"));
        }

        Assert.Equal(failures + 1, Emitter.Failures);
        Assert.Single(env.Lines("CM0009")); // the other sinks still got the event
    }

    [Fact]
    public async Task Telemetry_compatibility_test_on_the_sample_writes_a_compatibility_tested_line()
    {
        using var env = new TelemetryEnvironment();
        var report = await new CompatibilityService().TestAsync(fixture.Sample.Source, fixture.Sample.Destination, new CompatibilityOptions(), null, CancellationToken.None);

        var line = Assert.Single(env.Lines("CM0001"));
        Assert.Equal("DynamicsSL", line.GetProperty("dimensions").GetProperty("product").GetString());
        var measures = line.GetProperty("measures");
        Assert.Equal(report.Results.Count(r => r.Status == CompatibilityStatus.Passed), measures.GetProperty("passed").GetDouble());
        Assert.Equal(report.Results.Count(r => r.Status == CompatibilityStatus.Failed), measures.GetProperty("failed").GetDouble());
        Assert.InRange(measures.GetProperty("selectedCompanies").GetDouble(), 1, fixture.Sample.Companies.Count);
        Assert.True(measures.GetProperty("passed").GetDouble() > 0);
        Assert.DoesNotContain(fixture.Folder, env.Text, StringComparison.OrdinalIgnoreCase);
    }

    private sealed class ThrowingSink : ITelemetrySink
    {
        public void Write(TelemetryEvent telemetryEvent) => throw new IOException("disk full");
    }
}
