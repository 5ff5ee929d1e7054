using ContactCost.Interactions;
using ContactCost.Rating;
using CsCheck;

namespace ContactCost.Tests.Rating;

public class InteractionRaterTests
{
    private static readonly DateTimeOffset Start = new(2026, 10, 1, 13, 0, 0, TimeSpan.Zero);

    private static PriceBook Book(params Charge[] charges) =>
        new(Currency.USD, new DateOnly(2026, 1, 1), RoundingMode.HalfUp, charges);

    private static Charge PerUnit(string id, Meter meter, decimal price, decimal per = 1, decimal minimum = 0, decimal increment = 0, decimal connect = 0, ChargeFilter? filter = null) =>
        new(id, meter, filter ?? ChargeFilter.Any, new PerUnitModel(price, per, BillingIncrement.Of(minimum, increment), connect));

    private static Interaction Call(int seconds, Direction direction = Direction.Inbound) =>
        new("c1", Channel.Voice, Start) { End = Start.AddSeconds(seconds), Talk = TimeSpan.FromSeconds(seconds), Direction = direction };

    // seconds, minimum, increment, price per minute, connect fee, expected amount
    [Theory]
    [InlineData(61, 60, 60, "0.0125", "0", "0.03")]   // 120 s = 2 min x 0.0125 = 0.025 -> 0.03 (half-up)
    [InlineData(60, 60, 60, "0.0125", "0", "0.01")]   // 0.0125 -> 0.01
    [InlineData(61, 60, 6, "0.0125", "0", "0.01")]    // 66 s = 0.01375 -> 0.01
    [InlineData(0, 60, 60, "0.0125", "0.10", "0.00")] // an unconnected call costs nothing, not even the connect fee
    [InlineData(600, 60, 60, "0.022", "0.005", "0.23")] // 10 min x 0.022 + 0.005 = 0.225 -> 0.23
    [InlineData(1, 30, 6, "0.014", "0.005", "0.01")]  // 30 s: 0.007 + 0.005 = 0.012 -> 0.01
    public void VoiceCall_IsPricedPerMinuteAfterTheIncrement(int seconds, decimal minimum, decimal increment, string price, string connect, string expected)
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        var rater = new InteractionRater(Book(PerUnit("voice", Meter.VoiceSeconds, decimal.Parse(price, inv), 60, minimum, increment, decimal.Parse(connect, inv))));
        var lines = new List<ChargeLine>();
        rater.Rate(Call(seconds), lines);
        var line = Assert.Single(lines);
        Assert.Equal(decimal.Parse(expected, inv), line.Amount.Amount);
        Assert.Equal(seconds, line.RawQuantity);
        Assert.Equal("2026-01-01", line.PriceBookVersion);
    }

    [Fact]
    public void Line_ExplainsItself_RawAndBilledQuantityAndPrice()
    {
        var rater = new InteractionRater(Book(PerUnit("voice-in", Meter.VoiceSeconds, 0.0125m, 60, 60, 60)));
        var lines = new List<ChargeLine>();
        rater.Rate(Call(61), lines);
        Assert.Equal(new ChargeLine("voice-in", "2026-01-01", Meter.VoiceSeconds, 61m, 120m, 0.0125m, 60m, new ContactCost.Money(0.03m, Currency.USD)), lines[0]);
    }

    [Fact]
    public void Filters_PickTheChargeForTheDirection()
    {
        var rater = new InteractionRater(Book(
            PerUnit("in", Meter.VoiceSeconds, 0.60m, 60, filter: new ChargeFilter { Direction = Direction.Inbound }),
            PerUnit("out", Meter.VoiceSeconds, 1.20m, 60, filter: new ChargeFilter { Direction = Direction.Outbound })));
        var lines = new List<ChargeLine>();
        rater.Rate(Call(60, Direction.Outbound), lines);
        Assert.Equal("out", Assert.Single(lines).ChargeId);
        Assert.Equal(1.20m, lines[0].Amount.Amount);
    }

    [Fact]
    public void Sms_IsPricedPerSegment_AndOtherChannelsAreUntouched()
    {
        var rater = new InteractionRater(Book(PerUnit("sms", Meter.SmsSegments, 0.0079m), PerUnit("chat", Meter.ChatSessions, 0.04m)));
        var lines = new List<ChargeLine>();
        rater.Rate(new Interaction("s1", Channel.Sms, Start) { Units = 3 }, lines);
        rater.Rate(new Interaction("s2", Channel.Sms, Start), lines); // no units: one segment
        rater.Rate(new Interaction("e1", Channel.Email, Start), lines);
        Assert.Equal([0.02m, 0.01m], lines.Select(l => l.Amount.Amount)); // 0.0237 -> 0.02, 0.0079 -> 0.01
    }

    [Fact]
    public void Interactions_MeterCountsEveryChannel()
    {
        var rater = new InteractionRater(Book(PerUnit("platform", Meter.Interactions, 0.02m)));
        var lines = new List<ChargeLine>();
        foreach (var channel in ChannelNames.All)
            rater.Rate(new Interaction(channel.Name(), channel, Start), lines);
        Assert.Equal(ChannelNames.All.Count, lines.Count);
    }

    [Fact]
    public void Rating_IsOrderIndependent_ForPerUnitCharges()
    {
        var rater = new InteractionRater(Book(PerUnit("voice", Meter.VoiceSeconds, 0.0125m, 60, 60, 6, 0.01m)));
        Gen.Int[0, 7200].Array[1, 50].Sample(durations =>
        {
            decimal Total(IEnumerable<int> order)
            {
                var lines = new List<ChargeLine>();
                foreach (var seconds in order)
                    rater.Rate(Call(seconds), lines);
                return lines.Sum(l => l.Amount.Amount);
            }

            return Total(durations) == Total(durations.Reverse());
        });
    }

    [Fact]
    public void History_RatesWithTheVersionInForceOnTheDay_NotTheLatest()
    {
        var january = Book(PerUnit("chat", Meter.ChatSessions, 0.04m));
        var july = new PriceBook(Currency.USD, new DateOnly(2026, 7, 1), RoundingMode.HalfUp, [PerUnit("chat", Meter.ChatSessions, 0.05m)]);
        var history = new PriceBookHistory([july, january]);
        Assert.Null(history.RaterFor(new DateOnly(2025, 12, 31)));
        Assert.Same(january, history.RaterFor(new DateOnly(2026, 6, 30))!.PriceBook);
        Assert.Same(july, history.RaterFor(new DateOnly(2026, 7, 1))!.PriceBook);
    }

    [Fact]
    public void History_OfTwoCurrencies_IsRefused()
    {
        var usd = Book();
        var eur = new PriceBook(Currency.EUR, new DateOnly(2026, 7, 1), RoundingMode.HalfUp, []);
        var error = Assert.Throws<ArgumentException>(() => new PriceBookHistory([usd, eur]));
        Assert.Contains("is in EUR but 2026-01-01 is in USD", error.Message);
    }
}
