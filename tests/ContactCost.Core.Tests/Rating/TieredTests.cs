using ContactCost.Rating;
using CsCheck;
using static ContactCost.Tests.Rating.RatingFixtures;

namespace ContactCost.Tests.Rating;

public class TieredTests
{
    // SMS: the first 1,000 segments of a month free, then 0.01 up to 100,000, then 0.008.
    private static readonly PriceTier[] SmsTiers = [new(1000m, 0m), new(100_000m, 0.01m), new(null, 0.008m)];

    [Fact]
    public void Graduated_SplitsAnItemThatCrossesATierEdge_IntoOneLinePerTier()
    {
        var rater = Rater(Graduated("sms", Meter.SmsSegments, SmsTiers));
        var lines = new List<ChargeLine>();
        rater.Rate(Record(Meter.SmsSegments, 998m, id: "a"), lines);          // 998 free
        rater.Rate(Record(Meter.SmsSegments, 5m, Start.AddMinutes(1), "b"), lines); // 2 free + 3 x 0.01
        Assert.Equal(
            ["tier 1 (0-1000) 998 0.00", "tier 1 (0-1000) 2 0.00", "tier 2 (1000-100000) 3 0.03"],
            lines.Select(l => $"{l.Basis} {l.BilledQuantity} {l.Amount.Amount:F2}"));
    }

    // month's segments before, segments of the item, expected amount of the item
    [Theory]
    [InlineData(0, 1000, "0.00")]          // exactly on the first edge: all free
    [InlineData(1000, 1, "0.01")]          // the first priced unit
    [InlineData(99_999, 2, "0.02")]        // 1 x 0.01 + 1 x 0.008 = 0.018 -> 0.01 + 0.01 (rounded per line)
    [InlineData(100_000, 1000, "8.00")]    // all in the last tier
    [InlineData(500, 0, "0.00")]           // zero usage: one zero line
    public void Graduated_ItemAmount_IsTheSumOfItsRoundedTierParts(int before, int segments, string expected)
    {
        var rater = Rater(Graduated("sms", Meter.SmsSegments, SmsTiers));
        var lines = new List<ChargeLine>();
        if (before > 0)
            rater.Rate(Record(Meter.SmsSegments, before, id: "earlier"), lines);
        lines.Clear();
        rater.Rate(Record(Meter.SmsSegments, segments, Start.AddMinutes(1), "item"), lines);
        Assert.Equal(D(expected), lines.Sum(l => l.Amount.Amount));
        Assert.Equal(segments, lines.Sum(l => l.BilledQuantity));
    }

    [Fact]
    public void Graduated_AccumulatesPerBillingMonth_AndRestartsInTheNext()
    {
        var rater = Rater(Graduated("sms", Meter.SmsSegments, SmsTiers));
        var lines = new List<ChargeLine>();
        rater.Rate(Record(Meter.SmsSegments, 1500m, Start, "oct"), lines);
        rater.Rate(Record(Meter.SmsSegments, 1500m, new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), "nov"), lines);
        Assert.Equal([5.00m, 5.00m], lines.Where(l => l.Amount.Amount > 0).Select(l => l.Amount.Amount)); // 500 x 0.01 each month
    }

    [Fact]
    public void Graduated_MonthTotal_EqualsTheSumOfTierParts_ForAnySplitOfTheMonth()
    {
        // Property: however a month's usage is split into items, the lines bill the graduated price of
        // the month's quantity, rounded once (rounding carries from line to line).
        Gen.Int[0, 3000].Array[1, 40].Sample(items =>
        {
            var rater = Rater(Graduated("sms", Meter.SmsSegments, [new(1000m, 0m), new(2000m, 0.013m), new(null, 0.011m)]));
            var lines = new List<ChargeLine>();
            for (var i = 0; i < items.Length; i++)
                rater.Rate(Record(Meter.SmsSegments, items[i], Start.AddSeconds(i), $"i{i}"), lines);
            var total = items.Sum();
            var exact = Math.Clamp(total - 1000m, 0m, 1000m) * 0.013m + Math.Max(total - 2000m, 0m) * 0.011m;
            var exactOfLines = lines.Sum(l => l.BilledQuantity * l.UnitPrice);
            return exactOfLines == exact
                && lines.Sum(l => l.BilledQuantity) == total
                && lines.Sum(l => l.Amount.Amount) == decimal.Round(exact, 2, MidpointRounding.AwayFromZero); // rounded once, whatever the split
        });
    }

    [Fact]
    public void Volume_PricesEveryUnitByTheMonthTotal()
    {
        // 800 + 400 = 1,200 segments in the month: all at tier 2's 0.009.
        var rater = Rater(Volume("sms", Meter.SmsSegments, [new(1000m, 0.01m), new(10_000m, 0.009m), new(null, 0.008m)]));
        var items = new[] { Record(Meter.SmsSegments, 800m, Start, "a"), Record(Meter.SmsSegments, 400m, Start.AddHours(1), "b") };
        foreach (var item in items)
            rater.Measure(item);
        var lines = new List<ChargeLine>();
        foreach (var item in items)
            rater.Rate(item, lines);
        Assert.Equal([7.20m, 3.60m], lines.Select(l => l.Amount.Amount));
        Assert.All(lines, l => Assert.Equal("volume tier 2 (1000-10000), month total 1200", l.Basis));
    }

    [Fact]
    public void Volume_WithoutMeasuring_SaysWhatToDo()
    {
        var rater = Rater(Volume("sms", Meter.SmsSegments, [new(1000m, 0.01m), new(null, 0.009m)]));
        var error = Assert.Throws<InvalidOperationException>(() => rater.Rate(Record(Meter.SmsSegments, 1m), []));
        Assert.Contains("measure the month's usage", error.Message);
    }

    [Fact]
    public void VolumeAndGraduated_Agree_BelowTheFirstEdge() =>
        // Quantities that add up to 1,000 at most by construction: filtering random arrays for it ran out of
        // tries now and then ("Failing Where max count").
        Gen.Int[1, 20].SelectMany(n => Gen.Int[0, Math.Min(999, 1000 / n)].Array[n]).Sample(items =>
        {
            PriceTier[] tiers = [new(1000m, 0.0123m), new(null, 0.009m)];
            var graduated = Rater(Graduated("g", Meter.SmsSegments, tiers));
            var volume = Rater(Volume("v", Meter.SmsSegments, tiers));
            var records = items.Select((q, i) => Record(Meter.SmsSegments, q, Start.AddSeconds(i), $"i{i}")).ToArray();
            foreach (var r in records)
                volume.Measure(r);
            var g = new List<ChargeLine>();
            var v = new List<ChargeLine>();
            foreach (var r in records)
            {
                graduated.Rate(r, g);
                volume.Rate(r, v);
            }

            return g.Sum(l => l.Amount.Amount) == v.Sum(l => l.Amount.Amount);
        });

    [Fact]
    public void Package_ChargesEachStartedBlock_ToTheItemThatOpensIt()
    {
        // 10.00 per started 1,000 segments: 600 (opens 1), 600 (opens 2nd), 800 (fills the 2nd, no new one).
        var rater = Rater(new Charge("bundle", Meter.SmsSegments, ChargeFilter.Any, new PackageModel(1000m, 10m, BillingIncrement.Exact)));
        var lines = new List<ChargeLine>();
        rater.Rate(Record(Meter.SmsSegments, 600m, Start, "a"), lines);
        rater.Rate(Record(Meter.SmsSegments, 600m, Start.AddMinutes(1), "b"), lines);
        rater.Rate(Record(Meter.SmsSegments, 800m, Start.AddMinutes(2), "c"), lines);
        Assert.Equal([10m, 10m, 0m], lines.Select(l => l.Amount.Amount));
        Assert.Equal(20m, lines.Sum(l => l.Amount.Amount)); // ceil(2,000 / 1,000) = 2 packages
    }

    [Fact]
    public void Package_MonthTotal_IsTheStartedBlocksOfTheMonth() =>
        Gen.Int[0, 2500].Array[1, 30].Sample(items =>
        {
            var rater = Rater(new Charge("bundle", Meter.SmsSegments, ChargeFilter.Any, new PackageModel(1000m, 7.5m, BillingIncrement.Exact)));
            var lines = new List<ChargeLine>();
            for (var i = 0; i < items.Length; i++)
                rater.Rate(Record(Meter.SmsSegments, items[i], Start.AddSeconds(i), $"i{i}"), lines);
            return lines.Sum(l => l.Amount.Amount) == decimal.Ceiling(items.Sum() / 1000m) * 7.5m;
        });

    [Fact]
    public void AnOrderSensitiveRun_RefusesAnItemOutOfOrder()
    {
        var rater = Rater(Graduated("sms", Meter.SmsSegments, SmsTiers));
        rater.Rate(Record(Meter.SmsSegments, 1m, Start.AddMinutes(5), "later"), []);
        var error = Assert.Throws<RatingOrderException>(() => rater.Rate(Record(Meter.SmsSegments, 1m, Start, "earlier"), []));
        Assert.Equal("earlier", error.Id);
        Assert.Contains("rate items sorted by start", error.Message);
    }

    [Fact]
    public void Tiers_AreCheckedWhenBuilt()
    {
        Assert.Contains("must be greater than 100", Assert.Throws<ArgumentException>(() => new PriceTiers([new(100m, 1m), new(100m, 1m), new(null, 1m)])).Message);
        Assert.Contains("must have no upper bound", Assert.Throws<ArgumentException>(() => new PriceTiers([new(100m, 1m)])).Message);
        Assert.Contains("not the last tier", Assert.Throws<ArgumentException>(() => new PriceTiers([new(null, 1m), new(null, 1m)])).Message);
    }
}
