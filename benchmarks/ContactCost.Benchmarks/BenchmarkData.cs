using ContactCost.Formats.PriceBooks;
using ContactCost.Interactions;
using ContactCost.Rating;
using ContactCost.Simulation;

namespace ContactCost.Benchmarks;

/// <summary>The inputs several benchmarks share: synthetic interactions and the sample files.</summary>
internal static class BenchmarkData
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    /// <summary>
    /// Up to <paramref name="rows"/> interactions of the synthetic center from 2026-10-01 (seed 42),
    /// as <c>ccost generate --scale <paramref name="scale"/></c> writes them.
    /// </summary>
    public static Interaction[] Interactions(decimal scale, int rows, DateOnly? endDay = null) =>
        new SyntheticCenter(CenterProfile.SmallOmnichannel with { Scale = scale, TimeZone = Zone }, 42)
            .Generate(new DateOnly(2026, 10, 1), endDay, rows).ToArray();

    public static string Sample(string name) => Path.Combine(AppContext.BaseDirectory, "samples", name);

    public static PriceBookHistory SamplePrices() => new([PriceBookJson.ReadFile(Sample("pricebook.json"))]);
}
