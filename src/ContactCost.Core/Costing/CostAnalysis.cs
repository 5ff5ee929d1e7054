using ContactCost.Episodes;
using ContactCost.Interactions;
using ContactCost.Periods;

namespace ContactCost.Costing;

/// <summary>What a period's contacts cost, looked at every way: by channel (the report), by queue, agent and day, and by episode.</summary>
public sealed record CostAnalysis
{
    /// <summary>The channel report the rest is shared out from.</summary>
    public required CostReport Report { get; init; }

    /// <summary>Cost and activity per queue (contacts without a queue under <c>(none)</c>).</summary>
    public required IReadOnlyList<GroupCost> ByQueue { get; init; }

    /// <summary>Cost and activity per agent group of the cost model, by the channel each group works (channels no group works under <c>(none)</c>).</summary>
    public required IReadOnlyList<GroupCost> ByAgentGroup { get; init; }

    /// <summary>Cost and activity per agent (contacts no agent handled under <c>(none)</c>).</summary>
    public required IReadOnlyList<GroupCost> ByAgent { get; init; }

    /// <summary>Cost and activity per local day.</summary>
    public required IReadOnlyList<GroupCost> ByDay { get; init; }

    /// <summary>The episodes' figures.</summary>
    public required EpisodeKpis Episodes { get; init; }

    /// <summary>Handled contacts' handle time (after concurrency) over the staffed hours, when every agent group states its shrinkage.</summary>
    public required decimal? Occupancy { get; init; }
}

/// <summary>The cost and activity of a group of interactions (a queue, an agent, a day).</summary>
/// <param name="Key">The group's name.</param>
/// <param name="Contacts">Interactions in it.</param>
/// <param name="Handled">Interactions an agent handled.</param>
/// <param name="Abandoned">Abandoned contacts.</param>
/// <param name="HandleSeconds">Handle time in seconds.</param>
/// <param name="Usage">Rated usage.</param>
/// <param name="Labour">Labour shared to it.</param>
/// <param name="Shared">Shared costs shared to it.</param>
public sealed record GroupCost(string Key, long Contacts, long Handled, long Abandoned, decimal HandleSeconds, Money Usage, Money Labour, Money Shared)
{
    /// <summary>Everything it cost.</summary>
    public Money Cost => Usage + Labour + Shared;

    /// <summary>Cost / contacts, rounded half-up.</summary>
    public Money CostPerContact => Contacts == 0 ? Money.Zero(Cost.Currency) : (Cost / Contacts).Round(RoundingMode.HalfUp);

    /// <summary>Average handle time of the handled contacts, in seconds.</summary>
    public decimal AverageHandleSeconds => Handled == 0 ? 0m : decimal.Round(HandleSeconds / Handled, 1, MidpointRounding.AwayFromZero);
}

/// <summary>
/// The second pass of a report: costs each interaction of the period (in start order), stitches
/// episodes, and sums by queue, agent and day. Each grouping adds up to the report's total exactly,
/// because every interaction's cost does.
/// </summary>
public sealed class CostAnalyzer
{
    private const string None = "(none)";

    private readonly CostReport report;
    private readonly CostModel model;
    private readonly TimeZoneInfo zone;
    private readonly InteractionCoster coster;
    private readonly EpisodeStitcher stitcher;
    private readonly EpisodeKpis episodes;
    private readonly Action<Interaction, InteractionCost>? onInteraction;
    private readonly Dictionary<string, Group> queues = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Group> agentGroups = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Group> agents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Group> days = new(StringComparer.Ordinal);
    private string dayKey = "";
    private DateTimeOffset dayFrom = DateTimeOffset.MaxValue, dayTo = DateTimeOffset.MinValue;

    /// <summary>An analysis of <paramref name="report"/>'s interactions; <paramref name="onEpisode"/> and <paramref name="onInteraction"/> see each one as it is done.</summary>
    public CostAnalyzer(CostReport report, CostModel model, TimeZoneInfo zone, TimeSpan episodeGap, Action<Episode>? onEpisode = null, Action<Interaction, InteractionCost>? onInteraction = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(zone);
        this.report = report;
        this.model = model;
        this.zone = zone;
        this.onInteraction = onInteraction;
        coster = new InteractionCoster(report, model);
        episodes = new EpisodeKpis(report.Currency);
        stitcher = new EpisodeStitcher(episodeGap, report.Currency, e =>
        {
            episodes.Add(e);
            onEpisode?.Invoke(e);
        });
    }

    /// <summary>Adds the next interaction of the period, in start order, with its rated usage.</summary>
    public void Add(Interaction interaction, Money usage)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        var cost = coster.CostOf(interaction, usage);
        stitcher.Add(interaction, cost.Total);
        Count(queues, interaction.Queue ?? None, interaction, cost);
        Count(agentGroups, model.GroupOf(interaction.Channel)?.Name ?? None, interaction, cost);
        Count(agents, interaction.Agent ?? None, interaction, cost);
        Count(days, DayOf(interaction.Start), interaction, cost);
        onInteraction?.Invoke(interaction, cost);
    }

    // Interactions come in start order: the local day changes rarely, so its name is made once per day.
    private string DayOf(DateTimeOffset start)
    {
        if (start < dayFrom || start >= dayTo)
        {
            var day = ReportingPeriod.LocalDay(start, zone);
            dayKey = day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            dayFrom = ReportingPeriod.StartOfDayUtc(day, zone);
            dayTo = ReportingPeriod.StartOfDayUtc(day.AddDays(1), zone);
        }

        return dayKey;
    }

    /// <summary>The analysis, once every interaction of the period was added; checks that every grouping adds up to the total.</summary>
    public CostAnalysis Finish()
    {
        stitcher.Flush();
        var analysis = new CostAnalysis
        {
            Report = report,
            ByQueue = Groups(queues),
            ByAgentGroup = Groups(agentGroups),
            ByAgent = Groups(agents),
            ByDay = Groups(days),
            Episodes = episodes,
            Occupancy = Occupancy(),
        };
        var allocated = report.TotalCost - report.Unallocated;
        foreach (var (name, groups) in new[] { ("queue", analysis.ByQueue), ("agent group", analysis.ByAgentGroup), ("agent", analysis.ByAgent), ("day", analysis.ByDay) })
        {
            var sum = groups.Select(g => g.Cost).Sum(report.Currency);
            if (sum != allocated)
                throw new InvalidOperationException($"Costs by {name} add up to {sum}, not {allocated}: were the report's interactions all added, once each?");
        }

        if (episodes.Cost != allocated)
            throw new InvalidOperationException($"Episode costs add up to {episodes.Cost}, not {allocated}.");
        return analysis;
    }

    private decimal? Occupancy()
    {
        if (model.AgentGroups.Count == 0 || model.AgentGroups.Any(g => g.StaffedHoursPerMonth is null))
            return null;
        var staffed = model.AgentGroups.Sum(g => g.StaffedHoursPerMonth!.Value) * CostReport.MonthsIn(report.Period);
        var working = report.Channels.Sum(c => c.Activity.HandleSeconds / model.ConcurrencyOf(c.Channel)) / 3600m;
        return staffed == 0m ? null : decimal.Round(working / staffed, 4, MidpointRounding.AwayFromZero);
    }

    private static void Count(Dictionary<string, Group> groups, string key, Interaction interaction, InteractionCost cost)
    {
        if (!groups.TryGetValue(key, out var g))
            groups[key] = g = new Group(cost.Usage.Currency);
        g.Contacts++;
        if (interaction.IsHandled)
            g.Handled++;
        if (interaction.IsAbandoned)
            g.Abandoned++;
        g.HandleMs += (interaction.HandleTime.Ticks / TimeSpan.TicksPerMillisecond);
        g.Usage += cost.Usage;
        g.Labour += cost.Labour;
        g.Shared += cost.Shared;
    }

    private static IReadOnlyList<GroupCost> Groups(Dictionary<string, Group> groups) =>
        groups.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => new GroupCost(p.Key, p.Value.Contacts, p.Value.Handled, p.Value.Abandoned, p.Value.HandleMs / 1000m, p.Value.Usage, p.Value.Labour, p.Value.Shared))
            .ToArray();

    private sealed class Group(Currency currency)
    {
        public long Contacts, Handled, Abandoned, HandleMs;
        public Money Usage = Money.Zero(currency), Labour = Money.Zero(currency), Shared = Money.Zero(currency);
    }
}
