namespace ContactCost.Rating;

/// <summary>How a charge turns a quantity into an amount. One subtype per model of the price book.</summary>
public abstract record ChargeModel
{
    /// <summary>The model's name in price-book files (<c>per-unit</c>, <c>graduated</c>, ...).</summary>
    public abstract string Name { get; }

    /// <summary>True when the price of one item depends on what came before it in the billing period.</summary>
    public virtual bool AccumulatesPerPeriod => false;
}

/// <summary>
/// A price per <see cref="Per"/> units after the billing increment, plus a connect fee per item;
/// optionally a free allowance per billing period, and a price that depends on the destination
/// (longest prefix) or on the local time window.
/// </summary>
public sealed record PerUnitModel : ChargeModel
{
    /// <summary>A per-unit price; see the properties for each parameter.</summary>
    public PerUnitModel(decimal unitPrice, decimal per, BillingIncrement increment, decimal connectFee)
    {
        UnitPrice = unitPrice >= 0m ? unitPrice : throw new ArgumentOutOfRangeException(nameof(unitPrice), unitPrice, "The unit price must not be negative.");
        Per = per > 0m ? per : throw new ArgumentOutOfRangeException(nameof(per), per, "'per' must be greater than 0.");
        Increment = increment;
        ConnectFee = connectFee >= 0m ? connectFee : throw new ArgumentOutOfRangeException(nameof(connectFee), connectFee, "The connect fee must not be negative.");
    }

    /// <inheritdoc />
    public override string Name => "per-unit";

    /// <summary>The price of <see cref="Per"/> units when no destination or window price applies.</summary>
    public decimal UnitPrice { get; }

    /// <summary>How many units <see cref="UnitPrice"/> buys (60 to price seconds per minute).</summary>
    public decimal Per { get; }

    /// <summary>The minimum and rounding step applied to each item's raw quantity.</summary>
    public BillingIncrement Increment { get; }

    /// <summary>A fixed amount added once to every item with non-zero usage.</summary>
    public decimal ConnectFee { get; }

    /// <summary>Billed units free in each billing period, before the price applies (e.g. 100 GB of egress).</summary>
    public decimal Allowance { get; init; }

    /// <summary>Prices by destination prefix, overriding <see cref="UnitPrice"/> where one matches.</summary>
    public DestinationPrices? Destinations { get; init; }

    /// <summary>Prices by local time window, the first matching one overriding <see cref="UnitPrice"/>.</summary>
    public IReadOnlyList<TimeWindow> Windows { get; init; } = [];

    /// <inheritdoc />
    public override bool AccumulatesPerPeriod => Allowance > 0m;
}

/// <summary>Graduated tiers: each unit is priced by the tier it falls in, counting the period's units in time order.</summary>
/// <param name="Tiers">The tiers.</param>
/// <param name="Per">How many units a tier's unit price buys.</param>
/// <param name="Increment">The minimum and rounding step applied to each item's raw quantity.</param>
public sealed record GraduatedModel(PriceTiers Tiers, decimal Per, BillingIncrement Increment) : ChargeModel
{
    /// <summary>How many units a tier's unit price buys; greater than zero.</summary>
    public decimal Per { get; } = Per > 0m ? Per : throw new ArgumentOutOfRangeException(nameof(Per), Per, "'per' must be greater than 0.");

    /// <inheritdoc />
    public override string Name => "graduated";

    /// <inheritdoc />
    public override bool AccumulatesPerPeriod => true;
}

/// <summary>Volume tiers: every unit of the period is priced by the tier the period's total falls in.</summary>
/// <param name="Tiers">The tiers.</param>
/// <param name="Per">How many units a tier's unit price buys.</param>
/// <param name="Increment">The minimum and rounding step applied to each item's raw quantity.</param>
public sealed record VolumeModel(PriceTiers Tiers, decimal Per, BillingIncrement Increment) : ChargeModel
{
    /// <summary>How many units a tier's unit price buys; greater than zero.</summary>
    public decimal Per { get; } = Per > 0m ? Per : throw new ArgumentOutOfRangeException(nameof(Per), Per, "'per' must be greater than 0.");

    /// <inheritdoc />
    public override string Name => "volume";

    /// <inheritdoc />
    public override bool AccumulatesPerPeriod => true;
}

/// <summary>Packages: a price per started block of <see cref="Size"/> units in the billing period (e.g. 10.00 per 1,000 SMS).</summary>
public sealed record PackageModel : ChargeModel
{
    /// <summary>A package price; the size must be positive and the price not negative.</summary>
    public PackageModel(decimal size, decimal price, BillingIncrement increment)
    {
        Size = size > 0m ? size : throw new ArgumentOutOfRangeException(nameof(size), size, "The package size must be greater than 0.");
        Price = price >= 0m ? price : throw new ArgumentOutOfRangeException(nameof(price), price, "The package price must not be negative.");
        Increment = increment;
    }

    /// <inheritdoc />
    public override string Name => "package";

    /// <summary>Units in one package.</summary>
    public decimal Size { get; }

    /// <summary>The price of one package.</summary>
    public decimal Price { get; }

    /// <summary>The minimum and rounding step applied to each item's raw quantity.</summary>
    public BillingIncrement Increment { get; }

    /// <inheritdoc />
    public override bool AccumulatesPerPeriod => true;
}

/// <summary>A licence price per seat per month; a seat counts from its start day, prorated by day.</summary>
/// <param name="UnitPrice">The price of one seat for one whole month.</param>
public sealed record PerSeatModel(decimal UnitPrice) : ChargeModel
{
    /// <summary>The price of one seat for one whole month; not negative.</summary>
    public decimal UnitPrice { get; } = UnitPrice >= 0m ? UnitPrice : throw new ArgumentOutOfRangeException(nameof(UnitPrice), UnitPrice, "The price must not be negative.");

    /// <inheritdoc />
    public override string Name => "per-seat";
}

/// <summary>A fixed amount every month, prorated by day for part of a month.</summary>
/// <param name="Amount">The monthly amount.</param>
public sealed record FlatModel(decimal Amount) : ChargeModel
{
    /// <summary>The monthly amount; not negative.</summary>
    public decimal Amount { get; } = Amount >= 0m ? Amount : throw new ArgumentOutOfRangeException(nameof(Amount), Amount, "The amount must not be negative.");

    /// <inheritdoc />
    public override string Name => "flat";
}

/// <summary>An amount charged once, in the billing month the price-book version takes effect.</summary>
/// <param name="Amount">The amount.</param>
public sealed record OneTimeModel(decimal Amount) : ChargeModel
{
    /// <summary>The amount; not negative.</summary>
    public decimal Amount { get; } = Amount >= 0m ? Amount : throw new ArgumentOutOfRangeException(nameof(Amount), Amount, "The amount must not be negative.");

    /// <inheritdoc />
    public override string Name => "one-time";
}
