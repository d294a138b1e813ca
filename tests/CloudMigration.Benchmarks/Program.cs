using System.Diagnostics;
using System.Globalization;
using CloudMigration.Benchmarks;
using CloudMigration.Engine.Planning;
using CloudMigration.Engine.Products.DynamicsSL;

// build.ps1 -Task Bench. Figures are reported as ratios against a baseline measured in the same run:
// the baseline produces the same entries' identities (company, source, destination SQL name, both
// tables looked up) without column alignment, methods or estimates: the floor any planner pays.
const int Iterations = 5;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var results = new List<(Measurement Plan, Measurement Baseline)>();

var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
var big = PlanCatalogs.DefaultCatalog(companies: 300);
var catalogMB = (GC.GetTotalMemory(forceFullCollection: true) - heapBefore) / 1048576.0;
results.Add((
    Measurement.Run("Plan 300 companies x 60 tables (default catalog)", Iterations, () => TablePlanner.Plan(big), r => r.Count),
    Measurement.Run("Baseline: identities only", Iterations, () => Baseline(big), r => r)));

var (customInput, custom) = PlanCatalogs.CustomCatalog(tables: 5000);
results.Add((
    Measurement.Run("Mappings + plan, 5,000-table custom catalog", Iterations, () =>
    {
        var input = new PlanInput { Source = customInput.Source, Destination = customInput.Destination, Companies = customInput.Companies, Mappings = MappingSet.Create(SlCatalog.Default, custom) };
        return TablePlanner.Plan(input);
    }, r => r.Count),
    Measurement.Run("Baseline: identities only", Iterations, () => Baseline(customInput), r => r)));

Console.WriteLine($"CloudMigration benchmark — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}, median of {Iterations} runs after a warm-up");
Console.WriteLine();
Console.WriteLine("| scenario | entries | median ms | min ms | x baseline | retained MB | allocated MB |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
foreach (var (plan, baseline) in results)
{
    Console.WriteLine($"| {plan.Name} | {plan.Items:N0} | {plan.MedianMs:0.0} | {plan.MinMs:0.0} | {plan.MedianMs / baseline.MedianMs:0.0} | {plan.RetainedMB:0.0} | {plan.AllocatedMB:0.0} |");
    Console.WriteLine($"| {baseline.Name} | {baseline.Items:N0} | {baseline.MedianMs:0.0} | {baseline.MinMs:0.0} | 1.0 | {baseline.RetainedMB:0.0} | {baseline.AllocatedMB:0.0} |");
}

using var process = Process.GetCurrentProcess();
Console.WriteLine();
var peakMB = process.PeakWorkingSet64 / 1048576.0;
var first = results[0].Plan;
Console.WriteLine($"Catalogs of 300 companies x 60 tables in memory (source and destination facts): {catalogMB:0} MB of managed heap.");
Console.WriteLine($"Plan of 18,000 entries: {first.RetainedMB:0.0} MB kept, {first.AllocatedMB:0.0} MB allocated while planning.");
Console.WriteLine($"Peak working set of the whole process (runtime, JIT, catalogs, plans): {peakMB:0} MB.");
Console.WriteLine("Targets: 18,000 entries with full column alignment in under 1,000 ms and under 200 MB.");
var ok = first.Items == 18_000 && first.MedianMs < 1000 && first.RetainedMB + first.AllocatedMB < 200 && peakMB < 200;
Console.WriteLine(ok ? "Targets met." : "Targets NOT met.");

// Replication on SQLite: the runner's Copy against the raw insert limit, a 1% delta against the full copy, verification.
// CM_BENCH_ROWS overrides the table's size (default 1,000,000), CM_BENCH_ROUNDS the copy rounds (default 2, best counts).
var rows = int.TryParse(Environment.GetEnvironmentVariable("CM_BENCH_ROWS"), out var r) && r >= 1000 ? r : 1_000_000;
var rounds = int.TryParse(Environment.GetEnvironmentVariable("CM_BENCH_ROUNDS"), out var n) && n >= 1 ? n : 2;
Console.WriteLine();
Console.WriteLine($"Replication on SQLite: a GLTran-shaped table of {rows:N0} rows (23 copied columns), company 0010:");
var figures = await ReplicationBenchmark.RunAsync(rows, rounds, Console.Out);
var replicationOk = ReplicationReport.Write(Console.Out, figures);

// The real run path: Start-CmReplication (Copy into the stage, cm.ApplyTable) on a Ready setup, against the raw limit; a 1% delta run.
Console.WriteLine();
Console.WriteLine($"Replication runs (Start-CmReplication on a Ready setup of a generated sample, local factory): GLTran of company 0010 with {rows:N0} rows:");
var runFigures = await ReplicationRunBenchmark.RunAsync(rows, rounds, Console.Out);
var runOk = ReplicationReport.Write(Console.Out, runFigures);

// Azure: the ARM requests of one setup, for 60 and for 6,000 tables.
var armOk = await ArmRequestBenchmark.RunAsync(Console.Out);
return ok && replicationOk && runOk && armOk ? 0 : 1;

static int Baseline(PlanInput input)
{
    var count = 0;
    foreach (var company in input.Companies)
    {
        var database = input.Source.ApplicationDatabase(company.ApplicationDatabase);
        foreach (var mapping in input.Mappings.Mappings)
        {
            var name = mapping.SqlName(company.Id);
            if (database?.Table(mapping.SourceTable) is not null && input.Destination.Database.Table(name) is not null)
            {
                count++;
            }
        }
    }

    return count;
}
