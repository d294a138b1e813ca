using System.Text.Json;
using System.Text.Json.Nodes;
using CloudMigration.ArmEmulator;

// dotnet ArmEmulator.dll [--store <path>] [--token <token>] [--port <n>] [--auto-register]
// Prints one JSON line {"url","thumbprint","token","store"} and serves until standard input closes or the process is stopped.
var store = Option("--store");
var options = new ArmEmulatorOptions
{
    StorePath = store is null ? null : Path.GetFullPath(store),
    Token = Option("--token"),
    Port = Option("--port") is { } port ? int.Parse(port, System.Globalization.CultureInfo.InvariantCulture) : 0,
    AutoRegisterFactories = args.Contains("--auto-register", StringComparer.OrdinalIgnoreCase),
};

await using var host = await ArmEmulatorHost.StartAsync(options);
Console.Out.WriteLine(new JsonObject
{
    ["url"] = host.BaseUri.ToString(),
    ["thumbprint"] = host.Thumbprint,
    ["token"] = host.Token,
    ["store"] = host.StorePath,
}.ToJsonString(new JsonSerializerOptions { WriteIndented = false }));
Console.Out.Flush();

var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stopped.TrySetResult();
};
AppDomain.CurrentDomain.ProcessExit += (_, _) => stopped.TrySetResult();
var stdinClosed = Task.Run(async () =>
{
    while (await Console.In.ReadLineAsync() is not null)
    {
    }
});
await Task.WhenAny(stdinClosed, stopped.Task);
return 0;

string? Option(string name)
{
    var index = Array.FindIndex(args, a => string.Equals(a, name, StringComparison.OrdinalIgnoreCase));
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}
