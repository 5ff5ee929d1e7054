using System.Globalization;

namespace ContactCost.Rating;

/// <summary>
/// How raw usage is rounded up before it is priced, written minimum/increment in telecom terms:
/// 60/60 bills whole minutes, 60/6 a first minute then 6-second steps, 1/1 exact seconds.
/// </summary>
public readonly record struct BillingIncrement
{
    private BillingIncrement(decimal minimum, decimal increment)
    {
        Minimum = minimum;
        Increment = increment;
    }

    /// <summary>The least quantity billed for any non-zero usage.</summary>
    public decimal Minimum { get; }

    /// <summary>The step usage above the minimum is rounded up to.</summary>
    public decimal Increment { get; }

    /// <summary>No rounding at all: 1/1 for whole units, and exact for fractions.</summary>
    public static BillingIncrement Exact { get; } = new(0m, 0m);

    /// <summary>A minimum and an increment, both non-negative; an increment of 0 means no rounding above the minimum.</summary>
    public static BillingIncrement Of(decimal minimum, decimal increment)
    {
        if (minimum < 0m)
            throw new ArgumentOutOfRangeException(nameof(minimum), minimum, "The billing minimum must not be negative.");
        if (increment < 0m)
            throw new ArgumentOutOfRangeException(nameof(increment), increment, "The billing increment must not be negative.");
        return new BillingIncrement(minimum, increment);
    }

    /// <summary>
    /// The quantity to bill for <paramref name="raw"/> usage: zero stays zero, anything up to the
    /// minimum bills the minimum, the rest rounds up to whole increments above it.
    /// </summary>
    public decimal Apply(decimal raw)
    {
        if (raw <= 0m)
            return 0m;
        if (raw <= Minimum)
            return Minimum;
        if (Increment == 0m)
            return raw;
        var above = raw - Minimum;

        // Whole seconds in whole increments (nearly every call) in integers: the same value and scale as the
        // decimal division below, at a fraction of its cost.
        if (above.Scale == 0 && Increment.Scale == 0 && above <= int.MaxValue && Increment <= int.MaxValue)
        {
            long whole = (long)above, step = (long)Increment;
            return Minimum + ((whole + step - 1) / step * step);
        }

        return Minimum + decimal.Ceiling(above / Increment) * Increment;
    }

    /// <summary>The telecom notation, e.g. <c>60/6</c>.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Minimum}/{Increment}");
}
