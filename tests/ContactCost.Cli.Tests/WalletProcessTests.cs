using System.Diagnostics;
using ContactCost.Storage.Sqlite;
using ContactCost.Tenants;
using Microsoft.Data.Sqlite;

namespace ContactCost.Tests;

/// <summary>
/// Wallets under real processes: many charging one wallet at once, and one killed in the middle of
/// its work. The guarantees must hold across processes, not only threads.
/// </summary>
[Trait("Speed", "Slow")]
public sealed class WalletProcessTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task TwentyProcesses_ChargingTen_AgainstOneHundred_ExactlyTenSucceed_AndTheLedgerBalances()
    {
        var db = folder.File("w.db");
        Assert.Equal(0, (await Ccost.RunAsync("wallet", "create", "--id", "w", "--currency", "USD", "--db", db)).ExitCode);
        Assert.Equal(0, (await Ccost.RunAsync("wallet", "topup", "w", "100.00", "--op", "fund", "--db", db)).ExitCode);

        var processes = Enumerable.Range(1, 20).Select(i => Start("wallet", "charge", "w", "10.00", "--op", $"charge-{i}", "--db", db)).ToArray();
        foreach (var p in processes)
            await p.WaitForExitAsync();
        var exits = processes.Select(p => p.ExitCode).ToArray();
        Assert.Equal(10, exits.Count(e => e == 0));
        Assert.Equal(10, exits.Count(e => e == 1));

        var balance = await Ccost.RunAsync("wallet", "balance", "w", "--db", db, "--json");
        Assert.Contains("\"balance\": 0.00", balance.Out);
        await using var store = await SqliteStore.OpenAsync(db);
        var history = (await store.GetWalletHistoryAsync(TenantId.Default, "w"))!;
        Assert.Equal(0m, history.Sum(e => e.BalanceChange.Amount));
        Assert.Equal(10, history.Count(e => e.Kind == ContactCost.Wallets.EntryKind.Charge));
    }

    [Fact]
    public async Task AProcessKilledMidBatch_LosesNoAcknowledgedCharge_AndChargesNoneTwice()
    {
        var db = folder.File("crash.db");
        var acks = folder.File("acks.txt");
        var bench = Start("wallet", "bench", "--db", db, "--operations", "500000", "--clients", "8", "--ack-log", acks);

        // Let it commit a few thousand charges, then kill it without warning.
        var waited = Stopwatch.StartNew();
        while (AckCount(acks) < 10_000 && waited.Elapsed < TimeSpan.FromSeconds(60) && !bench.HasExited)
            await Task.Delay(50);
        Assert.False(bench.HasExited, "the bench finished before it could be killed");
        bench.Kill(entireProcessTree: true);
        await bench.WaitForExitAsync();

        var acknowledged = File.ReadAllLines(acks).Where(l => l.Length > 0).ToArray();
        Assert.True(acknowledged.Length >= 10_000);

        using var connection = new SqliteConnection($"Data Source={db};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT operation_id, COUNT(*) FROM wallet_entries WHERE kind = 'Charge' GROUP BY operation_id";
        var charged = new Dictionary<string, long>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
                charged[reader.GetString(0)] = reader.GetInt64(1);
        }

        Assert.All(acknowledged, id => Assert.Equal(1, charged.GetValueOrDefault(id))); // every acknowledged charge, exactly once
        Assert.All(charged.Values, count => Assert.Equal(1, count));                    // and nothing twice

        command.CommandText = "SELECT COUNT(*) FROM wallet_operations WHERE kind = 'charge'";
        Assert.Equal((long)charged.Count, command.ExecuteScalar()); // each charge recorded with its result, atomically

        await using var store = await SqliteStore.OpenAsync(db);
        var balance = (await store.GetWalletBalanceAsync(TenantId.Default, "bench", DateTimeOffset.UtcNow))!;
        var history = (await store.GetWalletHistoryAsync(TenantId.Default, "bench"))!;
        Assert.Equal(balance.Balance.Amount, history.Sum(e => e.BalanceChange.Amount)); // the ledger balances
    }

    private static long AckCount(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            var count = 0L;
            while (reader.ReadLine() is not null)
                count++;
            return count;
        }
        catch (FileNotFoundException)
        {
            return 0;
        }
    }

    private static Process Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ccost.dll"));
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        var process = Process.Start(start)!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
