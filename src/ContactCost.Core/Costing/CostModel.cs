using ContactCost.Interactions;

namespace ContactCost.Costing;

/// <summary>
/// What running the center costs besides rated usage: agent labour, licences and overhead, in one
/// currency, as monthly amounts that a report prorates to its period.
/// </summary>
public sealed record CostModel
{
    /// <summary>A cost model; group names must be unique and concurrency factors at least 1.</summary>
    public CostModel(
        Currency currency,
        IReadOnlyList<AgentGroup> agentGroups,
        IReadOnlyList<MonthlyCost> overhead,
        IReadOnlyDictionary<Channel, decimal> concurrency,
        CostDriver fixedCostDriver)
    {
        ArgumentNullException.ThrowIfNull(currency);
        ArgumentNullException.ThrowIfNull(agentGroups);
        ArgumentNullException.ThrowIfNull(overhead);
        ArgumentNullException.ThrowIfNull(concurrency);
        var duplicate = agentGroups.GroupBy(g => g.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"Agent group '{duplicate.Key}' is defined {duplicate.Count()} times.", nameof(agentGroups));
        foreach (var (channel, factor) in concurrency)
        {
            if (factor < 1m)
                throw new ArgumentOutOfRangeException(nameof(concurrency), factor, $"Concurrency for {channel.Name()} is {factor}; it must be at least 1.");
        }

        Currency = currency;
        AgentGroups = agentGroups;
        Overhead = overhead;
        Concurrency = concurrency;
        FixedCostDriver = fixedCostDriver;
    }

    /// <summary>The currency of every amount.</summary>
    public Currency Currency { get; }

    /// <summary>The agent groups and the channels each one works.</summary>
    public IReadOnlyList<AgentGroup> AgentGroups { get; }

    /// <summary>Monthly costs that are not labour: supervisors, facilities, tools, IT.</summary>
    public IReadOnlyList<MonthlyCost> Overhead { get; }

    /// <summary>
    /// How many interactions of a channel one agent works at once (chat is often 2-3). Handle time is
    /// divided by it before labour is shared out, so a chat does not cost as much agent time as its length.
    /// </summary>
    public IReadOnlyDictionary<Channel, decimal> Concurrency { get; }

    /// <summary>How licences, recurring platform fees and overhead are shared between channels.</summary>
    public CostDriver FixedCostDriver { get; }

    /// <summary>Licensed agent seats: the headcount of every group.</summary>
    public decimal Seats => AgentGroups.Sum(g => g.Headcount);

    /// <summary>The concurrency of <paramref name="channel"/>; 1 when not set.</summary>
    public decimal ConcurrencyOf(Channel channel) => Concurrency.TryGetValue(channel, out var factor) ? factor : 1m;
}

/// <summary>Agents who work some channels, paid by the hour.</summary>
/// <param name="Name">The group's name, unique in the model.</param>
/// <param name="Channels">The channels the group works; its labour is shared among them.</param>
/// <param name="Headcount">Agents in the group (full-time equivalents; fractions allowed).</param>
/// <param name="HourlyWage">Gross wage per paid hour.</param>
/// <param name="BurdenRate">Employer costs on top of the wage (taxes, benefits) as a fraction: 0.3 adds 30%.</param>
/// <param name="PaidHoursPerMonth">Paid hours per agent per month (about 160 for full time).</param>
public sealed record AgentGroup(
    string Name,
    IReadOnlyList<Channel> Channels,
    decimal Headcount,
    decimal HourlyWage,
    decimal BurdenRate,
    decimal PaidHoursPerMonth)
{
    /// <summary>The group's loaded labour cost for one month, unrounded.</summary>
    public decimal MonthlyCost => Headcount * PaidHoursPerMonth * HourlyWage * (1m + BurdenRate);
}

/// <summary>A named cost that recurs every month.</summary>
/// <param name="Name">What it is (supervisors, facilities, WFM licences).</param>
/// <param name="Amount">The amount per month.</param>
public sealed record MonthlyCost(string Name, decimal Amount);

/// <summary>The measure that shares costs which no single interaction caused.</summary>
public enum CostDriver
{
    /// <summary>In proportion to agent handle time (after concurrency): channels without agents carry none.</summary>
    HandleTime,

    /// <summary>In proportion to the number of contacts.</summary>
    Contacts,
}
