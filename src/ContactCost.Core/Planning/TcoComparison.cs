namespace ContactCost.Planning;

/// <summary>The total cost of ownership of each deployment of a <see cref="TcoScenario"/>, year by year, and the cheapest at present value.</summary>
/// <param name="Scenario">The scenario compared.</param>
/// <param name="Deployments">One result per deployment, in scenario order.</param>
public sealed record TcoComparison(TcoScenario Scenario, IReadOnlyList<DeploymentCost> Deployments)
{
    /// <summary>The deployment with the lowest present value (the first when tied).</summary>
    public DeploymentCost Cheapest => Deployments.MinBy(d => d.PresentValue.Amount)!;

    /// <summary>Costs every deployment of <paramref name="scenario"/>: each item rounded once per year, each year discounted and rounded once.</summary>
    public static TcoComparison Of(TcoScenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var currency = scenario.Currency;
        var results = new List<DeploymentCost>();
        foreach (var deployment in scenario.Deployments)
        {
            var items = deployment.Items
                .Select(item => new TcoItemCost(item, Enumerable.Range(0, scenario.Years + 1)
                    .Select(y => new Money(deployment.AmountIn(item, y), currency).Round(RoundingMode.HalfUp)).ToArray()))
                .ToArray();
            var years = Enumerable.Range(0, scenario.Years + 1).Select(y =>
            {
                var total = items.Select(i => i.ByYear[y]).Sum(currency);
                var factor = Discounting.Factor(scenario.DiscountRate, y);
                return new TcoYear(y, total, factor, (total * factor).Round(RoundingMode.HalfUp));
            }).ToArray();
            var cost = new DeploymentCost(deployment, items, years);
            cost.CheckTotals();
            results.Add(cost);
        }

        return new TcoComparison(scenario, results);
    }
}

/// <summary>One deployment's costs over the years.</summary>
/// <param name="Deployment">The deployment.</param>
/// <param name="Items">Each item's cost per year.</param>
/// <param name="Years">Year 0 (up front) to the horizon.</param>
public sealed record DeploymentCost(Deployment Deployment, IReadOnlyList<TcoItemCost> Items, IReadOnlyList<TcoYear> Years)
{
    /// <summary>Everything paid over the horizon, undiscounted.</summary>
    public Money Total => Years.Select(y => y.Total).Sum(Currency);

    /// <summary>The sum of each year's discounted total.</summary>
    public Money PresentValue => Years.Select(y => y.PresentValue).Sum(Currency);

    private Currency Currency => Years[0].Total.Currency;

    /// <summary>Throws when the items' totals and the years' totals differ by as much as a minor unit.</summary>
    public void CheckTotals()
    {
        var byItems = Items.Select(i => i.Total).Sum(Currency);
        if (byItems != Total)
            throw new InvalidOperationException($"'{Deployment.Name}' does not add up: items {byItems}, years {Total}.");
    }
}

/// <summary>One item's cost in each year.</summary>
/// <param name="Item">The item.</param>
/// <param name="ByYear">Its rounded cost in year 0 to the horizon.</param>
public sealed record TcoItemCost(TcoItem Item, IReadOnlyList<Money> ByYear)
{
    /// <summary>Its cost over all years.</summary>
    public Money Total => ByYear.Sum(ByYear[0].Currency);
}

/// <summary>One year of a deployment.</summary>
/// <param name="Year">0 is up front.</param>
/// <param name="Total">What the year costs.</param>
/// <param name="DiscountFactor">1 / (1 + rate)^year.</param>
/// <param name="PresentValue">The total × the factor, rounded half-up once.</param>
public sealed record TcoYear(int Year, Money Total, decimal DiscountFactor, Money PresentValue);
