using BenchmarkDotNet.Attributes;
using ContactCost.Costing;
using ContactCost.Episodes;
using ContactCost.Formats.CostModels;
using ContactCost.Interactions;
using ContactCost.Periods;
using ContactCost.Rating;

namespace ContactCost.Benchmarks;

/// <summary>
/// Allocation of a month's labour and fixed costs to each contact: 40,000 interactions of the sample
/// center in October 2026 (scale 1.1 fills about 27 days; <c>samples/costmodel.json</c>), rated
/// beforehand so only costing is measured. A row is the cost of one interaction.
/// </summary>
[MemoryDiagnoser]
public class AllocationBenchmarks
{
    public const int Interactions = 40_000;

    private Interaction[] interactions = [];
    private Money[] usage = [];
    private CostModel model = null!;
    private CostReport report = null!;

    [GlobalSetup]
    public void Setup()
    {
        var period = ReportingPeriod.Month(2026, 10);
        interactions = BenchmarkData.Interactions(scale: 1.1m, Interactions, period.EndDay);
        if (interactions.Length != Interactions)
            throw new InvalidOperationException($"October holds {interactions.Length} interactions at this scale, not {Interactions}.");
        var prices = BenchmarkData.SamplePrices();
        var rater = new Rater(prices, BenchmarkData.Zone);
        var lines = new List<ChargeLine>();
        var tally = new ActivityTally();
        usage = new Money[interactions.Length];
        for (var i = 0; i < interactions.Length; i++)
        {
            lines.Clear();
            rater.Rate(interactions[i], lines);
            usage[i] = Money.FromMinorUnits(lines.Sum(l => l.Amount.ToMinorUnits()), prices.Currency);
            tally.Add(interactions[i], usage[i].ToMinorUnits());
        }

        model = CostModelJson.ReadFile(BenchmarkData.Sample("costmodel.json"));
        report = CostReport.Compute(period, BenchmarkData.Zone, model, prices, tally.Channels());
    }

    /// <summary>Each contact's labour and shared-cost shares (<see cref="InteractionCoster"/> alone).</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Interactions)]
    public decimal CostEachContact()
    {
        var coster = new InteractionCoster(report, model);
        var total = 0m;
        for (var i = 0; i < interactions.Length; i++)
            total += coster.CostOf(interactions[i], usage[i]).Total.Amount;
        return total;
    }

    /// <summary>The whole analysis: costs, groupings by queue, agent and day, and episodes (<see cref="CostAnalyzer"/>).</summary>
    [Benchmark(OperationsPerInvoke = Interactions)]
    public CostAnalysis AnalyseMonth()
    {
        using var analyzer = new CostAnalyzer(report, model, BenchmarkData.Zone, EpisodeStitcher.DefaultGap);
        for (var i = 0; i < interactions.Length; i++)
            analyzer.Add(interactions[i], usage[i]);
        return analyzer.Finish();
    }
}
