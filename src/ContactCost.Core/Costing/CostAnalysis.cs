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
/// because every interaction's cost does. With more than one core, episodes are stitched on threads
/// of their own (<see cref="EpisodeLanes"/>; dispose the analyzer to stop them when <see cref="Finish"/> is not reached).
/// </summary>
public sealed class CostAnalyzer : IDisposable
{
    private const string None = "(none)";

    private readonly CostReport report;
    private readonly CostModel model;
    private readonly TimeZoneInfo zone;
    private readonly InteractionCoster coster;
    private readonly EpisodeLanes episodes;
    private readonly Dictionary<string, Group> queues = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Group> agentGroups = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Group> agents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Group> days = new(StringComparer.Ordinal);
    private readonly string[] groupOfChannel = new string[ChannelNames.All.Count];
    private (string Key, Group Group)? lastQueue, lastAgentGroup, lastAgent;
    private Group?[] queuesByNumber = [], agentsByNumber = [];
    private Group? dayGroup;
    private long dayFrom = long.MaxValue, dayTo = long.MinValue;

    /// <summary>
    /// An analysis of <paramref name="report"/>'s interactions; <paramref name="onEpisode"/> sees each episode as
    /// it closes. Give <paramref name="followLinks"/> false when no interaction can carry an
    /// <see cref="EpisodeStitcher.LinkColumn"/>: the stitcher then keeps no interaction ids.
    /// </summary>
    public CostAnalyzer(
        CostReport report, CostModel model, TimeZoneInfo zone, TimeSpan episodeGap, Action<Episode>? onEpisode = null, bool followLinks = true)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(zone);
        this.report = report;
        this.model = model;
        this.zone = zone;
        coster = new InteractionCoster(report, model);
        foreach (var channel in ChannelNames.All)
            groupOfChannel[(int)channel] = model.GroupOf(channel)?.Name ?? None;

        // Last, since it starts threads: nothing after it can throw and leave them waiting.
        episodes = EpisodeLanes.For(episodeGap, report.Currency, onEpisode, followLinks);
    }

    /// <summary>Adds the next interaction of the period, in start order, with its rated usage.</summary>
    public void Add(Interaction interaction, Money usage)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        Add(ContactFacts.Of(interaction), usage);
    }

    /// <summary>
    /// Adds the next interaction of the period, in start order, by its facts, with its rated usage; the facts
    /// need their <see cref="ContactFacts.Id"/> when links are followed or episodes are listened to.
    /// </summary>
    public void Add(in ContactFacts contact, Money usage)
    {
        if (usage.Currency != report.Currency)
            throw new CurrencyMismatchException(usage.Currency, report.Currency);
        var usageMinor = usage.ToMinorUnits();
        var (labour, shared) = coster.SharesOf(contact.Channel, contact.HandleMilliseconds, contact.Id);
        var cost = Money.FromMinorUnits(usageMinor + labour + shared, report.Currency).Amount;
        episodes.Add(contact, cost);
        var counted = new Counted(contact.IsHandled, contact.IsAbandoned, contact.HandleMilliseconds, usageMinor, labour, shared);
        GroupOf(queues, contact.Queue ?? None, contact.QueueNumber, ref queuesByNumber, ref lastQueue).Count(counted);
        GroupOf(agentGroups, groupOfChannel[(int)contact.Channel], ref lastAgentGroup).Count(counted);
        GroupOf(agents, contact.Agent ?? None, contact.AgentNumber, ref agentsByNumber, ref lastAgent).Count(counted);
        DayOf(contact.StartTicks).Count(counted);
    }

    // Interactions come in start order: the local day changes rarely, so its group is looked up once per day.
    private Group DayOf(long startTicks)
    {
        if (startTicks < dayFrom || startTicks >= dayTo || dayGroup is null)
        {
            var day = ReportingPeriod.LocalDay(new DateTimeOffset(startTicks, TimeSpan.Zero), zone);
            var key = day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            dayFrom = ReportingPeriod.StartOfDayUtc(day, zone).UtcTicks;
            dayTo = ReportingPeriod.StartOfDayUtc(day.AddDays(1), zone).UtcTicks;
            if (!days.TryGetValue(key, out dayGroup))
                days[key] = dayGroup = new Group();
        }

        return dayGroup;
    }

    // A numbered name's group is found by its number (a month of a 6,000-agent center changes agent on nearly
    // every contact, and a name lookup was a tenth of costing one); others by name.
    private static Group GroupOf(Dictionary<string, Group> groups, string key, int number, ref Group?[] byNumber, ref (string Key, Group Group)? last)
    {
        if (number <= 0)
            return GroupOf(groups, key, ref last);
        if (number < byNumber.Length && byNumber[number] is { } known)
            return known;
        if (number >= byNumber.Length)
            Array.Resize(ref byNumber, Math.Max(number + 1, byNumber.Length * 2));
        return byNumber[number] = GroupOf(groups, key, ref last);
    }

    // Names are pooled by the readers, so a run of one queue or agent is the same string: that skips the lookup.
    private static Group GroupOf(Dictionary<string, Group> groups, string key, ref (string Key, Group Group)? last)
    {
        if (last is { } l && ReferenceEquals(l.Key, key))
            return l.Group;
        if (!groups.TryGetValue(key, out var g))
            groups[key] = g = new Group();
        last = (key, g);
        return g;
    }

    /// <summary>The analysis, once every interaction of the period was added; checks that every grouping adds up to the total.</summary>
    public CostAnalysis Finish()
    {
        var episodeFigures = episodes.Finish();
        var analysis = new CostAnalysis
        {
            Report = report,
            ByQueue = Groups(queues),
            ByAgentGroup = Groups(agentGroups),
            ByAgent = Groups(agents),
            ByDay = Groups(days),
            Episodes = episodeFigures,
            Occupancy = Occupancy(),
        };
        var allocated = report.TotalCost - report.Unallocated;
        foreach (var (name, groups) in new[] { ("queue", analysis.ByQueue), ("agent group", analysis.ByAgentGroup), ("agent", analysis.ByAgent), ("day", analysis.ByDay) })
        {
            var sum = groups.Select(g => g.Cost).Sum(report.Currency);
            if (sum != allocated)
                throw new InvalidOperationException($"Costs by {name} add up to {sum}, not {allocated}: were the report's interactions all added, once each?");
        }

        if (episodeFigures.Cost != allocated)
            throw new InvalidOperationException($"Episode costs add up to {episodeFigures.Cost}, not {allocated}.");
        return analysis;
    }

    /// <summary>Stops the episode threads, if any.</summary>
    public void Dispose() => episodes.Dispose();

    private decimal? Occupancy()
    {
        if (model.AgentGroups.Count == 0 || model.AgentGroups.Any(g => g.StaffedHoursPerMonth is null))
            return null;
        var staffed = model.AgentGroups.Sum(g => g.StaffedHoursPerMonth!.Value) * CostReport.MonthsIn(report.Period);
        var working = report.Channels.Sum(c => c.Activity.HandleSeconds / model.ConcurrencyOf(c.Channel)) / 3600m;
        return staffed == 0m ? null : decimal.Round(working / staffed, 4, MidpointRounding.AwayFromZero);
    }

    private IReadOnlyList<GroupCost> Groups(Dictionary<string, Group> groups) =>
        groups.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => new GroupCost(
                p.Key, p.Value.Contacts, p.Value.Handled, p.Value.Abandoned, p.Value.HandleMs / 1000m,
                Money.FromMinorUnits(p.Value.UsageMinor, report.Currency), Money.FromMinorUnits(p.Value.LabourMinor, report.Currency),
                Money.FromMinorUnits(p.Value.SharedMinor, report.Currency)))
            .ToArray();

    // What one interaction adds to each of its groups; amounts in minor units.
    private readonly record struct Counted(bool Handled, bool Abandoned, long HandleMs, long Usage, long Labour, long Shared);

    private sealed class Group
    {
        public long Contacts, Handled, Abandoned, HandleMs, UsageMinor, LabourMinor, SharedMinor;

        public void Count(in Counted c)
        {
            Contacts++;
            if (c.Handled)
                Handled++;
            if (c.Abandoned)
                Abandoned++;
            HandleMs += c.HandleMs;
            UsageMinor += c.Usage;
            LabourMinor += c.Labour;
            SharedMinor += c.Shared;
        }
    }
}
