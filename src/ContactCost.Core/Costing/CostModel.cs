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

    /// <summary>Staff who do not handle contacts (supervisors, QA, WFM analysts, trainers), paid by the month.</summary>
    public IReadOnlyList<IndirectRole> IndirectStaff { get; init; } = [];

    /// <summary>Monthly costs per agent seat (a QA or recording licence).</summary>
    public IReadOnlyList<MonthlyCost> PerSeat { get; init; } = [];

    /// <summary>Monthly costs per employee, agents and indirect staff alike (WFM, HR tools).</summary>
    public IReadOnlyList<MonthlyCost> PerEmployee { get; init; } = [];

    /// <summary>Storage of recordings and transcripts per agent per year (about 1,350 in the cloud, 2,100 on premises).</summary>
    public decimal StoragePerAgentPerYear { get; init; }

    /// <summary>One-time costs (integrations, set-up) spread evenly over the months they serve.</summary>
    public IReadOnlyList<AmortizedCost> OneTime { get; init; } = [];

    /// <summary>Recruiting and training of the agents who replace those who leave; null when not counted.</summary>
    public Hiring? Hiring { get; init; }

    /// <summary>Licensed agent seats: the headcount of every group.</summary>
    public decimal Seats => AgentGroups.Sum(g => g.Headcount);

    /// <summary>Everyone employed: agents and indirect staff.</summary>
    public decimal Employees => Seats + IndirectStaff.Sum(r => r.Headcount);

    /// <summary>The agent group that works <paramref name="channel"/> (the first that names it), or null when none does.</summary>
    public AgentGroup? GroupOf(Channel channel) => AgentGroups.FirstOrDefault(g => g.Channels.Contains(channel));

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

    /// <summary>Paid time not spent available for contacts (breaks, training, meetings) as a fraction; null when unknown.</summary>
    public decimal? Shrinkage { get; init; }

    /// <summary>Hours a month the group is available for contacts: paid hours less shrinkage; null when shrinkage is unknown.</summary>
    public decimal? StaffedHoursPerMonth => Shrinkage is { } s ? Headcount * PaidHoursPerMonth * (1m - s) : null;
}

/// <summary>A role of staff who do not handle contacts.</summary>
/// <param name="Role">What they do (supervisors, QA, trainers).</param>
/// <param name="Headcount">How many.</param>
/// <param name="MonthlySalary">Gross salary per person per month.</param>
/// <param name="BurdenRate">Employer costs on top, as a fraction.</param>
public sealed record IndirectRole(string Role, decimal Headcount, decimal MonthlySalary, decimal BurdenRate)
{
    /// <summary>The role's loaded cost for one month, unrounded.</summary>
    public decimal MonthlyCost => Headcount * MonthlySalary * (1m + BurdenRate);
}

/// <summary>A one-time cost spread evenly over <paramref name="Months"/> months from <paramref name="FirstMonth"/>.</summary>
/// <param name="Name">What it was.</param>
/// <param name="Amount">The whole amount.</param>
/// <param name="FirstMonth">The first day of the first month it is spread over.</param>
/// <param name="Months">Over how many months.</param>
public sealed record AmortizedCost(string Name, decimal Amount, DateOnly FirstMonth, int Months)
{
    /// <summary>The amount a day of <paramref name="day"/>'s month carries, as a monthly amount (zero outside the months).</summary>
    public decimal MonthlyAmountOn(DateOnly day)
    {
        var index = (day.Year - FirstMonth.Year) * 12 + day.Month - FirstMonth.Month;
        return index >= 0 && index < Months ? Amount / Months : 0m;
    }
}

/// <summary>Replacing agents who leave: each hire costs recruiting and training.</summary>
/// <param name="CostPerHire">Recruiting, onboarding and training of one agent.</param>
/// <param name="AnnualTurnover">The share of agents who leave in a year (0.35 is 35%).</param>
public sealed record Hiring(decimal CostPerHire, decimal AnnualTurnover);

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
