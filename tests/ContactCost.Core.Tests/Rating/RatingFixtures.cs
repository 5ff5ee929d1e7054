using ContactCost.Interactions;
using ContactCost.Rating;
using ContactCost.Usage;

namespace ContactCost.Tests.Rating;

/// <summary>Small builders for rating tests: a book, a charge, a call, an SMS, a usage record.</summary>
internal static class RatingFixtures
{
    public static readonly DateTimeOffset Start = new(2026, 10, 1, 13, 0, 0, TimeSpan.Zero);

    public static decimal D(string text) => decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    public static PriceBook Book(params Charge[] charges) =>
        new(Currency.USD, new DateOnly(2026, 1, 1), RoundingMode.HalfUp, charges);

    public static Rater Rater(params Charge[] charges) => new(new PriceBookHistory([Book(charges)]), TimeZoneInfo.Utc);

    public static Charge PerUnit(string id, Meter meter, decimal price, decimal per = 1, decimal minimum = 0, decimal increment = 0, decimal connect = 0, ChargeFilter? filter = null) =>
        new(id, meter, filter ?? ChargeFilter.Any, new PerUnitModel(price, per, BillingIncrement.Of(minimum, increment), connect));

    public static Charge Graduated(string id, Meter meter, params PriceTier[] tiers) =>
        new(id, meter, ChargeFilter.Any, new GraduatedModel(new PriceTiers(tiers), 1m, BillingIncrement.Exact));

    public static Charge Volume(string id, Meter meter, params PriceTier[] tiers) =>
        new(id, meter, ChargeFilter.Any, new VolumeModel(new PriceTiers(tiers), 1m, BillingIncrement.Exact));

    public static Interaction Call(int seconds, Direction direction = Direction.Inbound, int minute = 0, string? destination = null, string id = "c1") =>
        new(id, Channel.Voice, Start.AddMinutes(minute))
        {
            End = Start.AddMinutes(minute).AddSeconds(seconds),
            Talk = TimeSpan.FromSeconds(seconds),
            Direction = direction,
            Destination = destination,
        };

    public static Interaction Sms(int segments, int minute = 0, string id = "s1") =>
        new(id, Channel.Sms, Start.AddMinutes(minute)) { Units = segments };

    public static UsageRecord Record(Meter meter, decimal quantity, DateTimeOffset? start = null, string id = "u1") =>
        new(id, meter, quantity, start ?? Start);

    public static List<ChargeLine> RateAll(Rater rater, params Interaction[] interactions)
    {
        var lines = new List<ChargeLine>();
        foreach (var interaction in interactions)
            rater.Rate(interaction, lines);
        return lines;
    }
}
