using ContactCost.Interactions;

namespace ContactCost.Planning;

/// <summary>
/// Per-seat licences against pay-per-use for one mix of channels: each plan has a fixed monthly part and a
/// price per contact on each channel; the mix says what share of the contacts each channel gets.
/// </summary>
public sealed record BreakEvenScenario
{
    /// <summary>A comparison in <paramref name="currency"/>; the mix's shares must add up to 1.</summary>
    public BreakEvenScenario(string name, Currency currency, PricingPlan seatPlan, PricingPlan payPerUse, IReadOnlyDictionary<Channel, decimal> mix, long maxVolume, int steps)
    {
        ArgumentNullException.ThrowIfNull(currency);
        ArgumentNullException.ThrowIfNull(seatPlan);
        ArgumentNullException.ThrowIfNull(payPerUse);
        ArgumentNullException.ThrowIfNull(mix);
        if (mix.Count == 0 || mix.Values.Any(s => s < 0m) || mix.Values.Sum() != 1m)
            throw new ArgumentException($"The channel mix's shares must be 0 or more and add up to 1 (they add up to {mix.Values.Sum()}).", nameof(mix));
        if (maxVolume is < 1 or > 1_000_000_000_000)
            throw new ArgumentOutOfRangeException(nameof(maxVolume), maxVolume, "The largest monthly volume is 1 to 10^12 contacts.");
        if (steps is < 1 or > 1000)
            throw new ArgumentOutOfRangeException(nameof(steps), steps, "The curve has 1 to 1000 steps.");
        Name = name;
        Currency = currency;
        SeatPlan = seatPlan;
        PayPerUse = payPerUse;
        Mix = mix;
        MaxVolume = maxVolume;
        Steps = steps;
    }

    /// <summary>What the comparison is called.</summary>
    public string Name { get; }

    /// <summary>The currency of every amount.</summary>
    public Currency Currency { get; }

    /// <summary>The per-seat licence: seats × price a month, plus usage per contact.</summary>
    public PricingPlan SeatPlan { get; }

    /// <summary>Pay-per-use: a price per contact, perhaps a small monthly fee.</summary>
    public PricingPlan PayPerUse { get; }

    /// <summary>The share of contacts on each channel.</summary>
    public IReadOnlyDictionary<Channel, decimal> Mix { get; }

    /// <summary>The largest monthly volume in the curve.</summary>
    public long MaxVolume { get; }

    /// <summary>How many steps the curve has from 0 to <see cref="MaxVolume"/>.</summary>
    public int Steps { get; }
}

/// <summary>How a plan charges: a fixed amount a month and a price per contact by channel.</summary>
/// <param name="Name">What the plan is called.</param>
/// <param name="MonthlyFixed">What it costs a month whatever the volume (seats × price per seat, platform fee).</param>
/// <param name="PerContact">The price of one contact on each channel; a channel not listed costs nothing per contact.</param>
public sealed record PricingPlan(string Name, decimal MonthlyFixed, IReadOnlyDictionary<Channel, decimal> PerContact)
{
    /// <summary>The average price of one contact for <paramref name="mix"/>, unrounded.</summary>
    public decimal PerContactFor(IReadOnlyDictionary<Channel, decimal> mix)
    {
        ArgumentNullException.ThrowIfNull(mix);
        return mix.Sum(m => m.Value * (PerContact.TryGetValue(m.Key, out var price) ? price : 0m));
    }

    /// <summary>What <paramref name="volume"/> contacts a month of <paramref name="mix"/> cost, unrounded.</summary>
    public decimal MonthlyCost(decimal volume, IReadOnlyDictionary<Channel, decimal> mix) => MonthlyFixed + volume * PerContactFor(mix);
}
