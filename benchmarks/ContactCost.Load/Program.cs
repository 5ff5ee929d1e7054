using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using ContactCost.Compare;
using ContactCost.Load;

// A bounded C# client against `ccost serve` on loopback: authorize/commit pairs per second and report
// requests per second, with p50 and p99 latency. The method and the figures are in docs/benchmarks.md.
const string AdminKey = "load-admin-key";
const string Period = "2026-10";
const decimal TopUp = 10_000_000m, Hold = 0.25m, Spend = 0.17m;

var options = Arguments.Parse(() => LoadOptions.Parse(args), out var exitCode);
if (options is null)
    return exitCode;

var repository = Repository.Root();
string dll;
try
{
    dll = Repository.CcostDll(options.Ccost, repository);
}
catch (InvalidOperationException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

var outDirectory = Path.GetFullPath(options.OutDirectory);
var work = Path.Combine(outDirectory, $"work-{DateTime.UtcNow:yyyyMMddHHmmss}");
Directory.CreateDirectory(work);
try
{
    var database = Path.Combine(work, "load.db");
    Console.WriteLine($"Demo month {Period} into {database} ...");
    var demo = new System.Diagnostics.ProcessStartInfo("dotnet", [dll, "demo", "--db", database]) { RedirectStandardOutput = true, RedirectStandardError = true };
    using (var run = System.Diagnostics.Process.Start(demo)!)
    {
        var errors = run.StandardError.ReadToEndAsync();
        await run.StandardOutput.ReadToEndAsync();
        await run.WaitForExitAsync();
        if (run.ExitCode != 0)
            throw new LoadCheckException($"ccost demo exited with {run.ExitCode}: {await errors}");
    }

    using var server = await ServerProcess.StartAsync(dll, database, AdminKey);
    Console.WriteLine($"ccost serve on {server.Address}");
    var admin = Api.For(server.Address, 1, AdminKey);
    await admin.PostAsync("/api/tenants", new { id = "default" });
    var key = (await admin.PostAsync("/api/tenants/default/keys", new { })).GetProperty("key").GetString()!;
    var api = Api.For(server.Address, Math.Max(options.Clients, options.ReportClients), key);
    await api.PostAsync("/api/wallets", new { id = "load", currency = "USD", operationId = "load-create" });
    await api.PostAsync("/api/wallets/load/topup", new { operationId = "load-topup", amount = TopUp });

    // Operation ids are unique per run, phase, client and sequence, so no pair is a replay.
    long committed = 0;
    Func<int, long, Task> Pair(string phase) => async (client, sequence) =>
    {
        var id = $"{phase}-{client}-{sequence}";
        var held = await api.PostAsync("/api/wallets/load/authorize", new { operationId = "a-" + id, amount = Hold });
        var reservation = held.GetProperty("reservation").GetString() ?? throw new LoadCheckException("authorize: no reservation in the answer.");
        await api.PostAsync("/api/wallets/load/commit", new { operationId = "c-" + id, reservation, amount = Spend });
        Interlocked.Increment(ref committed);
    };

    Console.WriteLine($"Authorize/commit pairs: {options.Clients} clients, {options.WarmUp.TotalSeconds:0} s warm-up, {options.Duration.TotalSeconds:0} s measured ...");
    await LoadPhase.RunAsync("warm-up", options.Clients, options.WarmUp, Pair("warm"));
    var pairs = await LoadPhase.RunAsync("authorize + commit pair", options.Clients, options.Duration, Pair("pair"));

    // The money must add up: every committed pair spent exactly Spend, and nothing is left reserved.
    var balance = await api.GetAsync("/api/wallets/load");
    var expected = TopUp - committed * Spend;
    if (balance.GetProperty("balance").GetDecimal() != expected || balance.GetProperty("reserved").GetDecimal() != 0m)
        throw new LoadCheckException($"wallet 'load': balance {balance.GetProperty("balance")}, reserved {balance.GetProperty("reserved")}; expected {expected} and 0 after {committed:N0} committed pairs.");

    Console.WriteLine($"Cost reports of {Period}: {options.ReportClients} clients ...");
    var total = (await api.GetAsync($"/api/report?period={Period}")).GetProperty("totalCost").GetDecimal();
    Func<int, long, Task> report = async (_, _) =>
    {
        var answer = await api.GetAsync($"/api/report?period={Period}");
        if (answer.GetProperty("totalCost").GetDecimal() != total)
            throw new LoadCheckException($"report total {answer.GetProperty("totalCost")}, expected {total}.");
    };
    await LoadPhase.RunAsync("warm-up", options.ReportClients, options.WarmUp, report);
    var reports = await LoadPhase.RunAsync($"report {Period}", options.ReportClients, options.Duration, report);

    var results = new[] { pairs, reports };
    var text = Markdown(results, server.PeakBytes, committed, expected, total);
    Console.WriteLine();
    Console.WriteLine(text);
    File.WriteAllText(Path.Combine(outDirectory, "load.md"), text);
    File.WriteAllText(Path.Combine(outDirectory, "load.json"), JsonSerializer.Serialize(results, new JsonSerializerOptions { WriteIndented = true }));
    if (results.Any(r => r.Failures > 0))
    {
        Console.Error.WriteLine(string.Join('\n', results.Where(r => r.Failures > 0).Select(r => $"{r.Name}: {r.Failures:N0} failed, first: {r.FirstFailure}")));
        return 1;
    }

    return 0;
}
catch (Exception e) when (e is LoadCheckException or InvalidOperationException or HttpRequestException)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}
finally
{
    Directory.Delete(work, recursive: true);
}

static string Markdown(PhaseResult[] results, long? serverPeak, long committed, decimal balance, decimal reportTotal)
{
    var text = new StringBuilder();
    var inv = CultureInfo.InvariantCulture;
    text.AppendLine(inv, $"Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}; server and clients on the same machine.");
    text.AppendLine();
    text.AppendLine("| phase | clients | completed | per second | p50 | p99 | failed |");
    text.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    foreach (var r in results)
        text.AppendLine(inv, $"| {r.Name} | {r.Clients} | {r.Operations:N0} | {r.PerSecond:N0} | {r.P50Milliseconds:0.00} ms | {r.P99Milliseconds:0.00} ms | {r.Failures:N0} |");
    text.AppendLine();
    text.AppendLine(inv, $"Checked: {committed:N0} committed pairs (warm-up included) leave the wallet at {balance:N2} USD with nothing reserved; every report's total is {reportTotal:N2}. Server peak memory: {serverPeak / (1024 * 1024):N0} MB.");
    return text.ToString();
}
