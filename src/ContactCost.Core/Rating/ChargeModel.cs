
namespace ContactCost.Rating;

/// <summary>How a charge turns a quantity into an amount. One subtype per model of the price book.</summary>
public abstract record ChargeModel
{
    /// <summary>The model's name in price-book files (<c>per-unit</c>, <c>per-seat</c>, ...).</summary>
    public abstract string Name { get; }
}

/// <summary>
/// A price per <see cref="Per"/> units of usage, after rounding the quantity by a
/// <see cref="BillingIncrement"/>, plus a connect fee on every non-zero use.
/// </summary>
/// <param name="UnitPrice">The price of <see cref="Per"/> units.</param>
/// <param name="Per">How many units <see cref="UnitPrice"/> buys (60 to price voice seconds per minute).</param>
/// <param name="Increment">The minimum and rounding step applied to the raw quantity.</param>
/// <param name="ConnectFee">A fixed amount added to every line with non-zero usage.</param>
public sealed record PerUnitModel(decimal UnitPrice, decimal Per, BillingIncrement Increment, decimal ConnectFee) : ChargeModel
{
    /// <inheritdoc />
    public override string Name => "per-unit";

    /// <summary>The exact, unrounded amount for a billed quantity.</summary>
    public decimal Price(decimal billedQuantity) =>
        billedQuantity == 0m ? 0m : billedQuantity * UnitPrice / Per + ConnectFee;
}

/// <summary>A licence price per seat per month, prorated by day for part of a month.</summary>
/// <param name="UnitPrice">The price of one seat for one whole month.</param>
public sealed record PerSeatModel(decimal UnitPrice) : ChargeModel
{
    /// <inheritdoc />
    public override string Name => "per-seat";
}

/// <summary>A fixed amount every month, prorated by day for part of a month.</summary>
/// <param name="Amount">The monthly amount.</param>
public sealed record FlatModel(decimal Amount) : ChargeModel
{
    /// <inheritdoc />
    public override string Name => "flat";
}

/// <summary>An amount charged once (an integration, a set-up fee); costing amortizes it.</summary>
/// <param name="Amount">The amount.</param>
public sealed record OneTimeModel(decimal Amount) : ChargeModel
{
    /// <inheritdoc />
    public override string Name => "one-time";
}
