using ContactCost.Interactions;
using ContactCost.Rating;
using CsCheck;
using static ContactCost.Tests.Rating.RatingFixtures;

namespace ContactCost.Tests.Rating;

public class PerUnitTests
{
    // seconds, minimum, increment, price per minute, connect fee, expected amount
    [Theory]
    [InlineData(61, 60, 60, "0.0125", "0", "0.03")]    // 120 s = 2 min x 0.0125 = 0.025 -> 0.03 (half-up)
    [InlineData(60, 60, 60, "0.0125", "0", "0.01")]    // 0.0125 -> 0.01
    [InlineData(61, 60, 6, "0.0125", "0", "0.01")]     // 66 s = 0.01375 -> 0.01
    [InlineData(0, 60, 60, "0.0125", "0.10", "0.00")]  // an unconnected call costs nothing, not even the connect fee
    [InlineData(600, 60, 60, "0.022", "0.005", "0.23")] // 10 min x 0.022 + 0.005 = 0.225 -> 0.23
    [InlineData(1, 30, 6, "0.014", "0.005", "0.01")]   // 30 s: 0.007 + 0.005 = 0.012 -> 0.01
    [InlineData(7, 6, 6, "0.60", "0", "0.12")]         // 6/6: 12 s = 0.2 min x 0.60 = 0.12
    [InlineData(61, 1, 1, "0.60", "0", "0.61")]        // 1/1: 61 s = 1.01666.. min x 0.60 = 0.61
    public void VoiceCall_IsPricedPerMinuteAfterTheIncrement(int seconds, int minimum, int increment, string price, string connect, string expected)
    {
        var rater = Rater(PerUnit("voice", Meter.VoiceSeconds, D(price), 60, minimum, increment, D(connect)));
        var line = Assert.Single(RateAll(rater, Call(seconds)));
        Assert.Equal(D(expected), line.Amount.Amount);
        Assert.Equal(seconds, line.RawQuantity);
        Assert.Equal("2026-01-01", line.PriceBookVersion);
    }

    [Fact]
    public void Line_ExplainsItself_RawAndBilledQuantityAndPrice()
    {
        var line = Assert.Single(RateAll(Rater(PerUnit("voice-in", Meter.VoiceSeconds, 0.0125m, 60, 60, 60)), Call(61)));
        Assert.Equal(new ChargeLine("voice-in", "2026-01-01", Meter.VoiceSeconds, 61m, 120m, 0.0125m, 60m, new ContactCost.Money(0.03m, Currency.USD)) { ExactAmount = 0.025m }, line);
    }

    [Fact]
    public void Filters_PickTheChargeForTheDirectionAndDestination()
    {
        var rater = Rater(
            PerUnit("in", Meter.VoiceSeconds, 0.60m, 60, filter: new ChargeFilter { Direction = Direction.Inbound }),
            PerUnit("out-uk", Meter.VoiceSeconds, 1.20m, 60, filter: new ChargeFilter { Direction = Direction.Outbound, DestinationPrefixes = ["+44"] }),
            PerUnit("out-other", Meter.VoiceSeconds, 0.90m, 60, filter: new ChargeFilter { Direction = Direction.Outbound, DestinationPrefixes = ["+1", "+52"] }));
        Assert.Equal(["out-uk"], RateAll(rater, Call(60, Direction.Outbound, destination: "+447700900123")).Select(l => l.ChargeId));
        Assert.Equal(["out-other"], RateAll(rater, Call(60, Direction.Outbound, destination: "+15551234567")).Select(l => l.ChargeId));
        Assert.Empty(RateAll(rater, Call(60, Direction.Outbound, destination: "+33123456789")));
        Assert.Empty(RateAll(rater, Call(60, Direction.Outbound)));
    }

    [Fact]
    public void Sms_IsPricedPerSegment_AndOtherChannelsAreUntouched()
    {
        var rater = Rater(PerUnit("sms", Meter.SmsSegments, 0.0079m), PerUnit("chat", Meter.ChatSessions, 0.04m));
        var lines = RateAll(rater, Sms(3), Sms(1, id: "s2"), new Interaction("e1", Channel.Email, Start));
        Assert.Equal([0.02m, 0.01m], lines.Select(l => l.Amount.Amount)); // 0.0237 -> 0.02, 0.0079 -> 0.01
    }

    [Fact]
    public void InteractionsMeter_CountsEveryChannel()
    {
        var rater = Rater(PerUnit("platform", Meter.Interactions, 0.02m));
        var lines = RateAll(rater, ChannelNames.All.Select(c => new Interaction(c.Name(), c, Start)).ToArray());
        Assert.Equal(ChannelNames.All.Count, lines.Count);
    }

    // destination, expected prefix, price per minute
    [Theory]
    [InlineData("+447700900123", "destination +447", "0.12")]
    [InlineData("+442071234567", "destination +44", "0.035")]
    [InlineData("+15551234567", "destination +1", "0.013")]
    [InlineData("+33123456789", null, "0.50")] // no prefix: the charge's own price
    public void Destinations_LongestPrefixWins(string destination, string? basis, string price)
    {
        var model = new PerUnitModel(0.50m, 60m, BillingIncrement.Of(60, 60), 0m)
        {
            Destinations = new DestinationPrices([("+1", 0.013m), ("+44", 0.035m), ("+447", 0.12m)]),
        };
        var rater = Rater(new Charge("out", Meter.VoiceSeconds, ChargeFilter.Any, model));
        var line = Assert.Single(RateAll(rater, Call(60, Direction.Outbound, destination: destination)));
        Assert.Equal(basis, line.Basis);
        Assert.Equal(D(price), line.UnitPrice);
    }

    // local time (New York), expected window
    [Theory]
    [InlineData("2026-10-05T09:00:00-04:00", "peak")]       // Monday morning
    [InlineData("2026-10-05T17:59:59-04:00", "peak")]
    [InlineData("2026-10-05T18:00:00-04:00", "evening")]    // the end is exclusive
    [InlineData("2026-10-06T07:59:00-04:00", "evening")]    // past midnight belongs to the window that opened on Monday
    [InlineData("2026-10-10T11:00:00-04:00", "weekend")]    // Saturday
    [InlineData("2026-10-05T08:00:00-04:00", "peak")]
    [InlineData("2026-10-12T03:00:00-04:00", null)]         // Monday 03:00: Sunday's evening window is not defined (weekdays only) -> base price
    public void Windows_MatchTheLocalTime(string at, string? window)
    {
        var weekdays = new HashSet<DayOfWeek> { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday };
        var model = new PerUnitModel(0.01m, 60m, BillingIncrement.Of(60, 60), 0m)
        {
            Windows =
            [
                new TimeWindow("peak", weekdays, new TimeOnly(8, 0), new TimeOnly(18, 0), 0.025m),
                new TimeWindow("evening", weekdays, new TimeOnly(18, 0), new TimeOnly(8, 0), 0.015m),
                new TimeWindow("weekend", new HashSet<DayOfWeek> { DayOfWeek.Saturday, DayOfWeek.Sunday }, new TimeOnly(0, 0), new TimeOnly(0, 0), 0.005m),
            ],
        };
        var newYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var rater = new Rater(new PriceBookHistory([Book(new Charge("voice", Meter.VoiceSeconds, ChargeFilter.Any, model))]), newYork);
        var start = DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture);
        var call = new Interaction("c", Channel.Voice, start) { End = start.AddMinutes(1) };
        var lines = new List<ChargeLine>();
        rater.Rate(call, lines);
        Assert.Equal(window, Assert.Single(lines).Basis);
    }

    [Fact]
    public void Allowance_IsFreeFirst_ThenPriced_PerBillingMonth()
    {
        // 100 GB free a month, then 0.08 per GB: 60 + 60 + 30 GB in October, 10 GB on 1 November.
        var model = new PerUnitModel(0.08m, 1m, BillingIncrement.Exact, 0m) { Allowance = 100m };
        var rater = Rater(new Charge("egress", Meter.EgressGb, ChargeFilter.Any, model));
        var lines = new List<ChargeLine>();
        rater.Rate(Record(Meter.EgressGb, 60m, Start, "a"), lines);
        rater.Rate(Record(Meter.EgressGb, 60m, Start.AddDays(1), "b"), lines);
        rater.Rate(Record(Meter.EgressGb, 30m, Start.AddDays(2), "c"), lines);
        rater.Rate(Record(Meter.EgressGb, 10m, new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), "d"), lines);
        Assert.Equal(
            ["allowance 60 0.00", "allowance 40 0.00", "- 20 1.60", "- 30 2.40", "allowance 10 0.00"],
            lines.Select(l => $"{l.Basis ?? "-"} {l.BilledQuantity} {l.Amount.Amount:F2}"));
    }

    [Fact]
    public void Rating_IsOrderIndependent_ForPerUnitCharges()
    {
        // Line amounts carry rounding in the order rated; a month's total does not depend on that order.
        Gen.Int[0, 7200].Array[1, 50].Sample(durations =>
        {
            decimal Total(IEnumerable<int> order) =>
                RateAll(Rater(PerUnit("voice", Meter.VoiceSeconds, 0.0125m, 60, 60, 6, 0.01m)), order.Select((s, i) => Call(s, id: $"c{i}")).ToArray()).Sum(l => l.Amount.Amount);
            return Total(durations) == Total(durations.Reverse());
        });
    }

    [Fact]
    public void SubCentPrices_AreNeitherSwallowedNorInflated_TheMonthBillsItsExactTotalRoundedOnce()
    {
        // 2,000 messages at 0.004 are 8.00 (not 2,000 lines of 0.00); 3 segments at 0.0079 are 0.02 (not 3 x 0.01).
        var tiny = Rater(PerUnit("ai", Meter.SmsSegments, 0.004m));
        var lines = RateAll(tiny, Enumerable.Range(0, 2000).Select(i => Sms(1, id: $"s{i}")).ToArray());
        Assert.Equal(8.00m, lines.Sum(l => l.Amount.Amount));
        Assert.All(lines, l => Assert.True(Math.Abs(l.Amount.Amount - l.ExactAmount) < 0.01m));

        var sms = RateAll(Rater(PerUnit("sms", Meter.SmsSegments, 0.0079m)), Sms(1, id: "a"), Sms(1, id: "b"), Sms(1, id: "c"));
        Assert.Equal([0.01m, 0.01m, 0.00m], sms.Select(l => l.Amount.Amount)); // running totals 0.0079, 0.0158, 0.0237 -> 0.01, 0.02, 0.02
    }

    [Fact]
    public void AnyMonth_BillsItsExactTotalRoundedOnce_AndEachLineIsWithinACent() =>
        Gen.Select(Gen.Int[1, 5_000].Array[1, 100], Gen.Int[1, 99_999]).Sample((units, priceTenThousandths) =>
        {
            var price = priceTenThousandths / 10_000m;
            var lines = RateAll(Rater(PerUnit("sms", Meter.SmsSegments, price)), units.Select((u, i) => Sms(u, id: $"s{i}")).ToArray());
            var exact = units.Sum() * price;
            return lines.Sum(l => l.Amount.Amount) == decimal.Round(exact, 2, MidpointRounding.AwayFromZero)
                && lines.All(l => Math.Abs(l.Amount.Amount - l.ExactAmount) < 0.01m);
        });

    [Fact]
    public void History_RatesWithTheVersionInForceOnTheDay_NotTheLatest()
    {
        var january = Book(PerUnit("chat", Meter.ChatSessions, 0.04m));
        var july = new PriceBook(Currency.USD, new DateOnly(2026, 7, 1), RoundingMode.HalfUp, [PerUnit("chat", Meter.ChatSessions, 0.05m)]);
        var rater = new Rater(new PriceBookHistory([july, january]), TimeZoneInfo.Utc);
        var lines = new List<ChargeLine>();
        Assert.Null(rater.Rate(new Interaction("a", Channel.Chat, new DateTimeOffset(2025, 12, 31, 12, 0, 0, TimeSpan.Zero)), lines));
        Assert.Same(january, rater.Rate(new Interaction("b", Channel.Chat, new DateTimeOffset(2026, 6, 30, 23, 59, 59, TimeSpan.Zero)), lines));
        Assert.Same(july, rater.Rate(new Interaction("c", Channel.Chat, new DateTimeOffset(2026, 7, 1, 0, 0, 0, TimeSpan.Zero)), lines));
        Assert.Equal([0.04m, 0.05m], lines.Select(l => l.Amount.Amount));
    }

    [Fact]
    public void History_OfTwoCurrencies_IsRefused()
    {
        var eur = new PriceBook(Currency.EUR, new DateOnly(2026, 7, 1), RoundingMode.HalfUp, []);
        var error = Assert.Throws<ArgumentException>(() => new PriceBookHistory([Book(), eur]));
        Assert.Contains("is in EUR but 2026-01-01 is in USD", error.Message);
    }
}
