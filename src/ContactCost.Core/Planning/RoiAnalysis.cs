namespace ContactCost.Planning;

/// <summary>ROI, payback, NPV and IRR of a <see cref="RoiScenario"/>, with its month-by-month cash flow.</summary>
public sealed record RoiAnalysis
{
    private RoiAnalysis(RoiScenario scenario, IReadOnlyList<RoiMonth> months, Money investment, Money costs, Money gains, Money npv, double? irr)
    {
        Scenario = scenario;
        Months = months;
        Investment = investment;
        Costs = costs;
        Gains = gains;
        NetPresentValue = npv;
        InternalRateOfReturn = irr;
    }

    /// <summary>The scenario analysed.</summary>
    public RoiScenario Scenario { get; }

    /// <summary>Month 0 (today) to the horizon.</summary>
    public IReadOnlyList<RoiMonth> Months { get; }

    /// <summary>Everything invested.</summary>
    public Money Investment { get; }

    /// <summary>Running costs besides the investment.</summary>
    public Money Costs { get; }

    /// <summary>Everything gained.</summary>
    public Money Gains { get; }

    /// <summary>Gains minus investment and costs.</summary>
    public Money Net => Gains - Investment - Costs;

    /// <summary>ROI % = (gain − cost) / investment × 100, where cost is the investment plus running costs; two decimals.</summary>
    public decimal RoiPercent => decimal.Round(Net.Amount / Investment.Amount * 100m, 2, MidpointRounding.AwayFromZero);

    /// <summary>The first month from which the cumulative net stays at zero or above to the horizon; null when it never does.</summary>
    public int? PaybackMonth
    {
        get
        {
            int? payback = null;
            foreach (var month in Months)
            {
                if (month.Cumulative.IsNegative)
                    payback = null;
                else
                    payback ??= month.Month;
            }

            return payback;
        }
    }

    /// <summary>The net flows discounted monthly at (1 + r)^(m/12), rounded half-up once.</summary>
    public Money NetPresentValue { get; }

    /// <summary>The effective annual rate at which the net present value is zero; null when there is none.</summary>
    public double? InternalRateOfReturn { get; }

    /// <summary>Analyses <paramref name="scenario"/>.</summary>
    public static RoiAnalysis Of(RoiScenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var currency = scenario.Currency;
        Money Round(decimal amount) => new Money(amount, currency).Round(RoundingMode.HalfUp);
        var months = new List<RoiMonth>();
        var cumulative = Money.Zero(currency);
        var npv = 0m;
        for (var m = 0; m <= scenario.Months; m++)
        {
            var invested = Round(scenario.Investment.Sum(i => i.In(m)));
            var cost = Round(scenario.Costs.Sum(i => i.In(m)));
            var gain = Round(scenario.Gains.Sum(i => i.In(m)));
            var net = gain - invested - cost;
            cumulative += net;
            npv += net.Amount * Discounting.Factor(scenario.DiscountRate, m / 12.0);
            months.Add(new RoiMonth(m, invested, cost, gain, net, cumulative));
        }

        var analysis = new RoiAnalysis(
            scenario,
            months,
            months.Select(r => r.Investment).Sum(currency),
            months.Select(r => r.Costs).Sum(currency),
            months.Select(r => r.Gains).Sum(currency),
            Round(npv),
            Discounting.InternalRateOfReturn(months.Select(r => r.Net.Amount).ToArray()));
        if (analysis.Net != cumulative)
            throw new InvalidOperationException($"The ROI months do not add up: net {analysis.Net}, cumulative {cumulative}.");
        return analysis;
    }
}

/// <summary>One month of an ROI cash flow; every amount rounded once.</summary>
/// <param name="Month">0 is today.</param>
/// <param name="Investment">Invested this month.</param>
/// <param name="Costs">Running costs this month.</param>
/// <param name="Gains">Gained this month.</param>
/// <param name="Net">Gains − investment − costs.</param>
/// <param name="Cumulative">The net so far.</param>
public sealed record RoiMonth(int Month, Money Investment, Money Costs, Money Gains, Money Net, Money Cumulative);
