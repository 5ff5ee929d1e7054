using ContactCost.Costing;
using ContactCost.Interactions;
using ContactCost.Rating;

namespace ContactCost.Planning;

/// <summary>A period's real cost report next to the report it would have had with a <see cref="WhatIfScenario"/>'s changes.</summary>
/// <param name="Scenario">The changes tried.</param>
/// <param name="Current">The period as it was.</param>
/// <param name="WhatIf">The period with the changes.</param>
/// <param name="CurrentAgents">Agents needed per channel as it was.</param>
/// <param name="WhatIfAgents">Agents needed per channel with the changes.</param>
public sealed record WhatIfComparison(
    WhatIfScenario Scenario,
    CostReport Current,
    CostReport WhatIf,
    IReadOnlyDictionary<Channel, decimal> CurrentAgents,
    IReadOnlyDictionary<Channel, decimal> WhatIfAgents)
{
    /// <summary>What-if total cost minus the current one (negative is a saving).</summary>
    public Money Difference => WhatIf.TotalCost - Current.TotalCost;

    /// <summary>
    /// Recomputes <paramref name="current"/> (built from <paramref name="model"/> and <paramref name="prices"/>) with the changes of
    /// <paramref name="scenario"/>; usage no interaction caused (storage, egress) is carried over unchanged.
    /// </summary>
    public static WhatIfComparison Of(CostReport current, TimeZoneInfo zone, CostModel model, PriceBookHistory? prices, WhatIfScenario scenario)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(scenario);
        var before = current.Channels.Select(c => c.Activity).ToArray();
        var after = scenario.Apply(before);

        // CostReport.Compute lists one usage line per channel with contacts first, then the usage no interaction caused.
        var shared = current.Breakdown.Where(l => l.Category == CostCategory.Usage).Skip(current.Channels.Count)
            .Select(l => (l.Name, l.Amount)).ToArray();
        var whatIfModel = scenario.Labour == LabourRule.FollowsWorkload ? ScaleLabour(model, before, after) : model;
        var whatIf = CostReport.Compute(current.Period, zone, whatIfModel, prices, after, shared);
        return new WhatIfComparison(scenario, current, whatIf, AgentsNeeded(model, before, current), AgentsNeeded(model, after, current));
    }

    /// <summary>
    /// Full-time agents a channel's workload needs: handle hours (after concurrency) / (paid hours per agent in the period × (1 − shrinkage))
    /// of the first agent group working the channel, to one decimal; channels no group works are left out.
    /// </summary>
    public static IReadOnlyDictionary<Channel, decimal> AgentsNeeded(CostModel model, IReadOnlyList<ChannelActivity> activity, CostReport period)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(period);
        var months = CostReport.MonthsIn(period.Period);
        var agents = new Dictionary<Channel, decimal>();
        foreach (var a in activity)
        {
            if (model.AgentGroups.FirstOrDefault(g => g.Channels.Contains(a.Channel)) is not { } group || group.PaidHoursPerMonth <= 0m)
                continue;
            var hours = a.HandleSeconds / model.ConcurrencyOf(a.Channel) / 3600m;
            var available = group.PaidHoursPerMonth * months * (1m - (group.Shrinkage ?? 0m));
            agents[a.Channel] = decimal.Round(hours / available, 1, MidpointRounding.AwayFromZero);
        }

        return agents;
    }

    // Each group's headcount × (its channels' workload after / before); a group with no workload before keeps its headcount.
    private static CostModel ScaleLabour(CostModel model, IReadOnlyList<ChannelActivity> before, IReadOnlyList<ChannelActivity> after)
    {
        decimal Workload(IEnumerable<ChannelActivity> activity, AgentGroup group) =>
            activity.Where(a => group.Channels.Contains(a.Channel)).Sum(a => a.HandleSeconds / model.ConcurrencyOf(a.Channel));
        var groups = model.AgentGroups.Select(g =>
        {
            var was = Workload(before, g);
            return was == 0m ? g : g with { Headcount = g.Headcount * Workload(after, g) / was };
        }).ToArray();
        return new CostModel(model.Currency, groups, model.Overhead, model.Concurrency, model.FixedCostDriver)
        {
            IndirectStaff = model.IndirectStaff,
            PerSeat = model.PerSeat,
            PerEmployee = model.PerEmployee,
            StoragePerAgentPerYear = model.StoragePerAgentPerYear,
            OneTime = model.OneTime,
            Hiring = model.Hiring,
        };
    }
}
