namespace ContactCost.Planning;

/// <summary>How a total-cost-of-ownership item is charged.</summary>
public enum CostBasis
{
    /// <summary>Once, in year 0: hardware, software, integrations, set-up.</summary>
    UpFront,

    /// <summary>Per licensed seat per month: platform licences.</summary>
    PerSeatPerMonth,

    /// <summary>Per agent per year: storage of recordings, training.</summary>
    PerAgentPerYear,

    /// <summary>Per minute of traffic: telephony.</summary>
    PerMinute,

    /// <summary>A fixed amount every year: maintenance, IT staff, hosting.</summary>
    PerYear,
}

/// <summary>One cost of a deployment and how it is charged.</summary>
/// <param name="Name">What it is.</param>
/// <param name="Basis">How it is charged.</param>
/// <param name="Amount">The price per unit of the basis (0 or more).</param>
public sealed record TcoItem(string Name, CostBasis Basis, decimal Amount);

/// <summary>A way to run the center (on premises, cloud, hybrid) with its size and costs.</summary>
/// <param name="Name">What it is called in the output.</param>
/// <param name="Kind">on-premises, cloud or hybrid.</param>
/// <param name="Agents">Agents employed.</param>
/// <param name="Seats">Licensed seats.</param>
/// <param name="MinutesPerYear">Voice minutes a year.</param>
/// <param name="Items">Its costs.</param>
public sealed record Deployment(string Name, DeploymentKind Kind, decimal Agents, decimal Seats, decimal MinutesPerYear, IReadOnlyList<TcoItem> Items)
{
    /// <summary>What <paramref name="item"/> costs in <paramref name="year"/> (0 is up front), unrounded.</summary>
    public decimal AmountIn(TcoItem item, int year)
    {
        ArgumentNullException.ThrowIfNull(item);
        return (item.Basis, year) switch
        {
            (CostBasis.UpFront, 0) => item.Amount,
            (CostBasis.UpFront, _) or (_, 0) => 0m,
            (CostBasis.PerSeatPerMonth, _) => item.Amount * Seats * 12m,
            (CostBasis.PerAgentPerYear, _) => item.Amount * Agents,
            (CostBasis.PerMinute, _) => item.Amount * MinutesPerYear,
            (CostBasis.PerYear, _) => item.Amount,
            _ => throw new ArgumentOutOfRangeException(nameof(item), item.Basis, "Unknown cost basis."),
        };
    }
}

/// <summary>The three classic ways to run a contact center.</summary>
public enum DeploymentKind
{
    /// <summary>Buy everything and run it yourself.</summary>
    OnPremises,

    /// <summary>Technology from a provider, paid as used.</summary>
    Cloud,

    /// <summary>A mix of both.</summary>
    Hybrid,
}

/// <summary>Deployments compared side by side over the same years and discount rate.</summary>
public sealed record TcoScenario
{
    /// <summary>A comparison over <paramref name="years"/> years (1 to 50) at an effective annual <paramref name="discountRate"/>.</summary>
    public TcoScenario(string name, Currency currency, int years, decimal discountRate, IReadOnlyList<Deployment> deployments)
    {
        ArgumentNullException.ThrowIfNull(currency);
        ArgumentNullException.ThrowIfNull(deployments);
        if (years is < 1 or > 50)
            throw new ArgumentOutOfRangeException(nameof(years), years, "The horizon is 1 to 50 years.");
        if (discountRate is <= -1m or > 10m)
            throw new ArgumentOutOfRangeException(nameof(discountRate), discountRate, "The discount rate is an annual fraction above -1 and at most 10.");
        if (deployments.Count == 0)
            throw new ArgumentException("Compare at least one deployment.", nameof(deployments));
        if (deployments.GroupBy(d => d.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new ArgumentException($"Deployment '{twice.Key}' is named twice.", nameof(deployments));
        if (deployments.SelectMany(d => d.Items).FirstOrDefault(i => i.Amount < 0m) is { } negative)
            throw new ArgumentOutOfRangeException(nameof(deployments), negative.Amount, $"'{negative.Name}' is negative; costs are 0 or more.");
        Name = name;
        Currency = currency;
        Years = years;
        DiscountRate = discountRate;
        Deployments = deployments;
    }

    /// <summary>What the comparison is called.</summary>
    public string Name { get; }

    /// <summary>The currency of every amount.</summary>
    public Currency Currency { get; }

    /// <summary>Years compared after the up-front year 0.</summary>
    public int Years { get; }

    /// <summary>The effective annual discount rate for present values.</summary>
    public decimal DiscountRate { get; }

    /// <summary>The deployments compared.</summary>
    public IReadOnlyList<Deployment> Deployments { get; }
}
