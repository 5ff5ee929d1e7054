using BenchmarkDotNet.Attributes;
using ContactCost.Formats.PriceBooks;
using ContactCost.Interactions;
using ContactCost.Rating;
using ContactCost.Simulation;

namespace ContactCost.Benchmarks;

/// <summary>
/// Rating throughput: a day of a large synthetic center (100,000 interactions across every
/// channel) rated with the sample price book (10 charges) and with a tiered book. One operation
/// rates all of them; divide by <see cref="Interactions"/> for the cost of one.
/// </summary>
[MemoryDiagnoser]
public class RatingBenchmarks
{
    public const int Interactions = 100_000;

    private Interaction[] interactions = [];
    private PriceBookHistory sample = null!;
    private PriceBookHistory tiered = null!;
    private readonly List<ChargeLine> lines = new(4);

    [GlobalSetup]
    public void Setup()
    {
        interactions = new SyntheticCenter(CenterProfile.SmallOmnichannel with { Scale = 40 }, 42)
            .Generate(new DateOnly(2026, 10, 5), maxRows: Interactions).ToArray();
        var book = PriceBookJson.ReadFile(Path.Combine(AppContext.BaseDirectory, "samples", "pricebook.json"));
        sample = new PriceBookHistory([book]);

        // The same book with SMS graduated and voice priced by destination: the accumulating paths.
        var charges = book.Charges.Select(c => c.Id switch
        {
            "sms" => c with { Model = new GraduatedModel(new PriceTiers([new(1000m, 0m), new(100_000m, 0.01m), new(null, 0.008m)]), 1m, BillingIncrement.Exact) },
            "voice-out" => c with { Model = ((PerUnitModel)c.Model) with { Destinations = new DestinationPrices([("+1", 0.013m), ("+44", 0.035m), ("+447", 0.12m), ("+52", 0.05m), ("+49", 0.03m)]) } },
            _ => c,
        }).ToArray();
        tiered = new PriceBookHistory([new PriceBook(book.Currency, book.Effective, book.Rounding, charges)]);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Interactions)]
    public decimal SamplePriceBook() => RateAll(sample);

    [Benchmark(OperationsPerInvoke = Interactions)]
    public decimal TieredAndDestinations() => RateAll(tiered);

    private decimal RateAll(PriceBookHistory prices)
    {
        var rater = new Rater(prices, TimeZoneInfo.Utc);
        var total = 0m;
        foreach (var interaction in interactions)
        {
            lines.Clear();
            rater.Rate(interaction, lines);
            foreach (var line in lines)
                total += line.Amount.Amount;
        }

        return total;
    }
}
