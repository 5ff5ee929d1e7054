using ContactCost.Rating;
using static ContactCost.Tests.Rating.RatingFixtures;

namespace ContactCost.Tests.Rating;

public class PeriodChargeTests
{
    [Theory]
    [InlineData(1, "2750.00")]   // 25 seats x 110.00, the whole month
    [InlineData(17, "1330.65")]  // from the 17th of a 31-day month: 15/31 x 2,750 = 1,330.645.. -> 1,330.65
    [InlineData(31, "88.71")]    // the last day: 1/31
    public void Seats_CountFromTheirStartDay_ProratedByDay(int day, string expected)
    {
        var rater = Rater(new Charge("seats", Meter.Seats, ChargeFilter.Any, new PerSeatModel(110m)));
        var lines = new List<ChargeLine>();
        rater.Rate(Record(Meter.Seats, 25m, new DateTimeOffset(2026, 10, day, 9, 0, 0, TimeSpan.Zero)), lines);
        Assert.Equal(D(expected), Assert.Single(lines).Amount.Amount);
    }

    [Fact]
    public void Flat_IsAWholeMonth_WhenOneVersionCoversIt()
    {
        var rater = Rater(new Charge("addon", null, ChargeFilter.Any, new FlatModel(30m)));
        var line = Assert.Single(rater.RateMonth(2026, 10));
        Assert.Equal(30m, line.Amount.Amount);
        Assert.Equal("month 2026-10, 31 of 31 days", line.Basis);
    }

    [Fact]
    public void Flat_IsProratedByDay_AcrossVersions()
    {
        // 30.00 a month until the 16th, then 45.00: 15 x 30 + 16 x 45 = 1,170 / 31 = 37.741.. -> 37.74
        var first = Book(new Charge("addon", null, ChargeFilter.Any, new FlatModel(30m)));
        var second = new PriceBook(Currency.USD, new DateOnly(2026, 10, 16), RoundingMode.HalfUp, [new Charge("addon", null, ChargeFilter.Any, new FlatModel(45m))]);
        var rater = new Rater(new PriceBookHistory([first, second]), TimeZoneInfo.Utc);
        Assert.Equal(37.74m, Assert.Single(rater.RateMonth(2026, 10)).Amount.Amount);
    }

    [Fact]
    public void OneTime_CarriedOverByALaterVersion_IsNotBilledAgain()
    {
        var setup = new Charge("crm", null, ChargeFilter.Any, new OneTimeModel(5000m));
        var january = new PriceBook(Currency.USD, new DateOnly(2026, 1, 1), RoundingMode.HalfUp, [setup]);
        var october = new PriceBook(Currency.USD, new DateOnly(2026, 10, 1), RoundingMode.HalfUp, [setup]);
        var rater = new Rater(new PriceBookHistory([january, october]), TimeZoneInfo.Utc);
        Assert.Equal(5000m, Assert.Single(rater.RateMonth(2026, 1)).Amount.Amount);
        Assert.Empty(rater.RateMonth(2026, 10));
    }

    [Fact]
    public void OneTime_IsChargedInTheMonthItsVersionTakesEffect_Only()
    {
        var book = new PriceBook(Currency.USD, new DateOnly(2026, 10, 15), RoundingMode.HalfUp, [new Charge("crm", null, ChargeFilter.Any, new OneTimeModel(5000m))]);
        var rater = new Rater(new PriceBookHistory([book]), TimeZoneInfo.Utc);
        Assert.Equal(5000m, Assert.Single(rater.RateMonth(2026, 10)).Amount.Amount);
        Assert.Empty(rater.RateMonth(2026, 11));
    }
}
