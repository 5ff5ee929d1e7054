using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using ContactCost.Cli.Output;
using ContactCost.Storage;
using ContactCost.Storage.Sqlite;
using ContactCost.Wallets;
using Spectre.Console;

namespace ContactCost.Cli.Commands;

/// <summary>
/// <c>ccost wallet bench</c>: durable charges per second and their latency, with group commit, at
/// several numbers of concurrent clients; each client waits for its charge to be committed before
/// sending the next.
/// </summary>
internal static class WalletBenchCommand
{
    public sealed record RunJson(int Clients, int Operations, double Seconds, double OperationsPerSecond, double P50Milliseconds, double P99Milliseconds, long Commits);

    public static Command Create(Terminal terminal)
    {
        var (database, tenant, json) = (CommonOptions.Database(), CommonOptions.Tenant(), CommonOptions.Json());
        var wallet = new Option<string>("--wallet") { Description = "The wallet to charge (created and funded when missing). Default: bench", DefaultValueFactory = _ => "bench", HelpName = "WALLET" };
        var operations = new Option<int>("--operations") { Description = "Charges per run. Default: 50000", DefaultValueFactory = _ => 50_000, HelpName = "N" };
        var clients = new Option<int[]>("--clients")
        {
            Description = "Concurrent clients, one run each. Default: 1 4 16",
            DefaultValueFactory = _ => [1, 4, 16],
            AllowMultipleArgumentsPerToken = true,
            HelpName = "N",
        };
        var ackLog = new Option<FileInfo?>("--ack-log") { Description = "Append the id of every acknowledged (committed) charge to this file as it is acknowledged.", HelpName = "FILE" };
        var command = new Command("bench",
            "Measure durable wallet charges per second and their latency (p50, p99) with group commit, at 1, 4 and 16 concurrent clients.")
        {
            wallet, operations, clients, ackLog, database, tenant, json,
        };
        // On the options themselves: a command validator sees 0, not the default, for an option not given.
        operations.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 1)
                r.AddError("--operations must be at least 1.");
        });
        clients.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int[]>()?.Any(c => c < 1) != false)
                r.AddError("--clients must all be at least 1.");
        });
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(database)!;
            var tenantId = parse.GetValue(tenant);
            var walletId = parse.GetValue(wallet)!;
            var count = parse.GetValue(operations);
            var runId = terminal.Clock.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);

            // Enough credit for every run: one cent per charge.
            await using (var setup = await SqliteStore.OpenAsync(path, cancellationToken).ConfigureAwait(false))
            {
                var currency = Currency.USD;
                var funds = Money.FromMinorUnits((long)count * parse.GetValue(clients)!.Length, currency);
                await setup.ExecuteWalletOperationsAsync(tenantId,
                    [new CreateWallet($"create:{walletId}", walletId, currency, Money.Zero(currency), null), new TopUp($"bench-fund-{runId}", walletId, funds, null)],
                    terminal.Clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            }

            await using var acks = parse.GetValue(ackLog) is { } file ? new StreamWriter(file.FullName, append: true) : null;
            var runs = new List<RunJson>();
            foreach (var clientCount in parse.GetValue(clients)!)
            {
                await using var writer = new WalletGroupCommit(await SqliteStore.OpenAsync(path, cancellationToken).ConfigureAwait(false), tenantId, terminal.Clock);
                var latencies = new double[count];
                var next = -1;
                var watch = Stopwatch.StartNew();
                var workers = Enumerable.Range(0, clientCount).Select(_ => Task.Run(async () =>
                {
                    int i;
                    while ((i = Interlocked.Increment(ref next)) < count)
                    {
                        var started = Stopwatch.GetTimestamp();
                        var result = await writer.SubmitAsync(new WalletCharge($"bench-{runId}-{clientCount}-{i}", walletId, Money.FromMinorUnits(1, Currency.USD))).ConfigureAwait(false);
                        latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                        if (result.Status != WalletStatus.Accepted)
                            throw new CommandFailedException($"Charge {result.OperationId} was {result.Status}: {result.Reason}");
                        if (acks is not null)
                        {
                            lock (acks)
                            {
                                acks.WriteLine(result.OperationId);
                                acks.Flush();
                            }
                        }
                    }
                }, cancellationToken)).ToArray();
                await Task.WhenAll(workers).ConfigureAwait(false);
                watch.Stop();
                Array.Sort(latencies);
                runs.Add(new RunJson(clientCount, count, Math.Round(watch.Elapsed.TotalSeconds, 3), Math.Round(count / watch.Elapsed.TotalSeconds),
                    Math.Round(latencies[count / 2], 3), Math.Round(latencies[Math.Min(count - 1, (int)(count * 0.99))], 3), writer.Commits));
            }

            if (parse.GetValue(json))
            {
                terminal.WriteJson(runs);
                return ExitCode.Ok;
            }

            var table = new Table().Border(TableBorder.Rounded).Title("Durable wallet charges (group commit, SQLite WAL)")
                .AddColumn(new TableColumn("Clients").RightAligned()).AddColumn(new TableColumn("Charges").RightAligned())
                .AddColumn(new TableColumn("Charges/s").RightAligned()).AddColumn(new TableColumn("p50 ms").RightAligned())
                .AddColumn(new TableColumn("p99 ms").RightAligned()).AddColumn(new TableColumn("Commits").RightAligned());
            foreach (var r in runs)
            {
                table.AddRow(r.Clients.ToString(CultureInfo.InvariantCulture), r.Operations.ToString("N0", CultureInfo.InvariantCulture),
                    r.OperationsPerSecond.ToString("N0", CultureInfo.InvariantCulture), r.P50Milliseconds.ToString("0.###", CultureInfo.InvariantCulture),
                    r.P99Milliseconds.ToString("0.###", CultureInfo.InvariantCulture), r.Commits.ToString("N0", CultureInfo.InvariantCulture));
            }

            terminal.Console.Write(table);
            return ExitCode.Ok;
        });
        return command;
    }
}
