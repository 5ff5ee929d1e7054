namespace ContactCost.Planning;

/// <summary>A return-on-investment question: what is invested, what it costs to run and what it gains, month by month.</summary>
public sealed record RoiScenario
{
    /// <summary>A scenario over <paramref name="months"/> months (1 to 600) in <paramref name="currency"/>, discounted at an effective annual <paramref name="discountRate"/>.</summary>
    public RoiScenario(
        string name,
        Currency currency,
        int months,
        decimal discountRate,
        IReadOnlyList<CashFlowItem> investment,
        IReadOnlyList<CashFlowItem> costs,
        IReadOnlyList<CashFlowItem> gains)
    {
        ArgumentNullException.ThrowIfNull(currency);
        if (months is < 1 or > 600)
            throw new ArgumentOutOfRangeException(nameof(months), months, "The horizon is 1 to 600 months.");
        if (discountRate is <= -1m or > 10m)
            throw new ArgumentOutOfRangeException(nameof(discountRate), discountRate, "The discount rate is an annual fraction above -1 and at most 10 (0.08 is 8%).");
        var all = investment.Concat(costs).Concat(gains).Select(i => i.Validate()).ToArray();
        if (all.FirstOrDefault(i => i.LastMonth > months) is { } late)
            throw new ArgumentOutOfRangeException(nameof(months), months, $"'{late.Name}' runs to month {late.LastMonth}, past the horizon of {months} months.");
        if (investment.Sum(i => i.Total) <= 0m)
            throw new ArgumentException("The investment must add up to more than zero: ROI divides by it.", nameof(investment));
        Name = name;
        Currency = currency;
        Months = months;
        DiscountRate = discountRate;
        Investment = investment;
        Costs = costs;
        Gains = gains;
    }

    /// <summary>What the scenario is called.</summary>
    public string Name { get; }

    /// <summary>The currency of every amount.</summary>
    public Currency Currency { get; }

    /// <summary>The horizon in months; month 0 is today.</summary>
    public int Months { get; }

    /// <summary>The effective annual discount rate for the net present value.</summary>
    public decimal DiscountRate { get; }

    /// <summary>What is invested: software, equipment, onboarding, integration.</summary>
    public IReadOnlyList<CashFlowItem> Investment { get; }

    /// <summary>What running it costs besides the investment: wages, licences, usage.</summary>
    public IReadOnlyList<CashFlowItem> Costs { get; }

    /// <summary>What it gains or saves.</summary>
    public IReadOnlyList<CashFlowItem> Gains { get; }
}
