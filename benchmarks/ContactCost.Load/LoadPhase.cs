using System.Diagnostics;

namespace ContactCost.Load;

/// <summary>What one phase measured: completed operations, failures and the latency a caller saw.</summary>
internal sealed record PhaseResult(string Name, int Clients, long Operations, long Failures, string? FirstFailure, double Seconds, double P50Milliseconds, double P99Milliseconds)
{
    /// <summary>Completed operations per second of the phase.</summary>
    public double PerSecond => Operations / Seconds;
}

/// <summary>
/// Runs a closed loop: each client performs one operation, waits for it, then the next, until the
/// phase's time is up. An operation that throws counts as a failure and is not timed.
/// </summary>
internal static class LoadPhase
{
    /// <summary>Runs <paramref name="operation"/> from <paramref name="clients"/> clients for <paramref name="duration"/>.</summary>
    /// <param name="operation">One operation: the client's index and the operation's sequence number within that client.</param>
    public static async Task<PhaseResult> RunAsync(string name, int clients, TimeSpan duration, Func<int, long, Task> operation)
    {
        var latencies = new List<long>[clients];
        var failures = new long[clients];
        string? firstFailure = null;
        var watch = Stopwatch.StartNew();
        var tasks = Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            var mine = latencies[client] = new List<long>(capacity: 1 << 16);
            for (long sequence = 0; watch.Elapsed < duration; sequence++)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    await operation(client, sequence).ConfigureAwait(false);
                    mine.Add(Stopwatch.GetTimestamp() - started);
                }
                catch (Exception e) when (e is HttpRequestException or LoadCheckException or TaskCanceledException)
                {
                    failures[client]++;
                    Interlocked.CompareExchange(ref firstFailure, e.Message, null);
                }
            }
        })).ToArray();
        await Task.WhenAll(tasks).ConfigureAwait(false);
        watch.Stop();

        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new PhaseResult(name, clients, all.LongLength, failures.Sum(), firstFailure, watch.Elapsed.TotalSeconds,
            Milliseconds(Percentile(all, 0.50)), Milliseconds(Percentile(all, 0.99)));
    }

    // Nearest rank: the smallest latency at or above the given share of the sorted samples.
    private static long Percentile(long[] sorted, double share) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(share * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static double Milliseconds(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}

/// <summary>An answer that came back but is not the one expected (wrong status, missing field).</summary>
internal sealed class LoadCheckException(string message) : Exception(message);
