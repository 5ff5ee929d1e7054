using BenchmarkDotNet.Attributes;
using ContactCost.Staffing;

namespace ContactCost.Benchmarks;

/// <summary>
/// Agents needed for 80% of calls answered within 20 s (Erlang C), in a 30-minute interval with
/// 180 s handle time: a small queue (10 erlangs) and a very large one (10,000 erlangs), where the
/// search and the numerics are stressed. One operation is one full solve.
/// </summary>
public class ErlangBenchmarks
{
    private static readonly ServiceLevelTarget Target = new(0.8, TimeSpan.FromSeconds(20));

    [Params(10d, 10_000d)]
    public double Erlangs { get; set; }

    private StaffingRequest request = null!;

    [GlobalSetup]
    public void Setup()
    {
        var interval = TimeSpan.FromMinutes(30);
        var handle = TimeSpan.FromSeconds(180);
        request = new StaffingRequest(new Traffic(Erlangs * interval.TotalSeconds / handle.TotalSeconds, interval, handle), Target);
    }

    [Benchmark]
    public int SolveErlangC() => StaffingResult.Solve(request).Agents;
}
