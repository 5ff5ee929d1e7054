using System.Runtime.InteropServices;
using ContactCost.Interactions;

namespace ContactCost.Episodes;

/// <summary>
/// What the episodes of a period say: cost per episode and per resolution, contacts per episode,
/// what a channel switch adds, how much self-service contains, and how often the first contact
/// resolves. Fed one episode at a time; keeps sums, not episodes.
/// </summary>
public sealed class EpisodeKpis
{
    private readonly Currency currency;
    private readonly Dictionary<string, (long Count, Money Cost)> paths = new(StringComparer.Ordinal);

    // Paths of episodes added packed (see AddPacked), keyed by their folded channels four bits each; named at the end.
    private readonly Dictionary<ulong, (long Count, decimal Cost)> packedPaths = [];
    private long episodes, resolved, contacts, single, multi, switches, startedInSelfService, containedInSelfService, resolvedFirstContact;
    private Money cost, singleCost, multiCost;

    /// <summary>Empty figures in <paramref name="currency"/>.</summary>
    public EpisodeKpis(Currency currency)
    {
        this.currency = currency;
        cost = singleCost = multiCost = Money.Zero(currency);
    }

    /// <summary>Counts one episode.</summary>
    public void Add(Episode episode)
    {
        ArgumentNullException.ThrowIfNull(episode);
        episodes++;
        contacts += episode.Contacts;
        cost += episode.Cost;
        if (episode.Resolved)
            resolved++;
        if (episode.Resolved && episode.Contacts == 1)
            resolvedFirstContact++;
        if (episode.Switches == 0)
        {
            single++;
            singleCost += episode.Cost;
        }
        else
        {
            multi++;
            multiCost += episode.Cost;
            switches += episode.Switches;
        }

        if (episode.Channels[0] == Channel.SelfService)
        {
            startedInSelfService++;
            if (episode.Channels.All(c => c == Channel.SelfService))
                containedInSelfService++;
        }

        var path = episode.Path;
        var (count, pathCost) = paths.GetValueOrDefault(path, (0, Money.Zero(currency)));
        paths[path] = (count + 1, pathCost + episode.Cost);
    }

    /// <summary>Counts every episode <paramref name="other"/> counted, as if they had been added here.</summary>
    internal void AddAll(EpisodeKpis other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.currency != currency)
            throw new CurrencyMismatchException(other.currency, currency);
        episodes += other.episodes;
        resolved += other.resolved;
        contacts += other.contacts;
        single += other.single;
        multi += other.multi;
        switches += other.switches;
        startedInSelfService += other.startedInSelfService;
        containedInSelfService += other.containedInSelfService;
        resolvedFirstContact += other.resolvedFirstContact;
        cost += other.cost;
        singleCost += other.singleCost;
        multiCost += other.multiCost;
        foreach (var (path, (count, pathCost)) in other.paths)
        {
            var (sumCount, sumCost) = paths.GetValueOrDefault(path, (0, Money.Zero(currency)));
            paths[path] = (sumCount + count, sumCost + pathCost);
        }

        foreach (var (path, (count, pathCost)) in other.packedPaths)
        {
            ref var sums = ref CollectionsMarshal.GetValueRefOrAddDefault(packedPaths, path, out _);
            sums = (sums.Count + count, sums.Cost + pathCost);
        }
    }

    /// <summary>
    /// Counts one episode of at most <see cref="MaxPacked"/> contacts given as its channels packed four bits
    /// each (the first in the lowest bits), as <see cref="Add(Episode)"/> would, without making the episode.
    /// </summary>
    internal void AddPacked(int count, ulong channels, decimal amount, bool isResolved)
    {
        if (count is < 1 or > MaxPacked)
            throw new ArgumentOutOfRangeException(nameof(count), count, $"An episode packs 1 to {MaxPacked} contacts.");

        // The folded path: channel + 1 in four bits each, so that no channel packs as zero.
        ulong path = 0;
        var folded = 0;
        var previous = -1L;
        for (var i = 0; i < count; i++)
        {
            var channel = (long)((channels >> (4 * i)) & 0xF);
            if (channel != previous)
                path |= (ulong)(channel + 1) << (4 * folded++);
            previous = channel;
        }

        var episodeCost = new Money(amount, currency);
        episodes++;
        contacts += count;
        cost += episodeCost;
        if (isResolved)
            resolved++;
        if (isResolved && count == 1)
            resolvedFirstContact++;
        if (folded == 1)
        {
            single++;
            singleCost += episodeCost;
        }
        else
        {
            multi++;
            multiCost += episodeCost;
            switches += folded - 1;
        }

        if ((Channel)(channels & 0xF) == Channel.SelfService)
        {
            startedInSelfService++;
            if (folded == 1)
                containedInSelfService++;
        }

        ref var sums = ref CollectionsMarshal.GetValueRefOrAddDefault(packedPaths, path, out _);
        sums = (sums.Count + 1, sums.Cost + amount);
    }

    /// <summary>The most contacts <see cref="AddPacked"/> takes: sixteen channels of four bits.</summary>
    internal const int MaxPacked = 16;

    /// <summary>How many episodes.</summary>
    public long Episodes => episodes;

    /// <summary>Interactions in them.</summary>
    public long Contacts => contacts;

    /// <summary>What they cost together.</summary>
    public Money Cost => cost;

    /// <summary>Episodes whose last contact resolved the need.</summary>
    public long Resolved => resolved;

    /// <summary>Cost / episodes, rounded half-up.</summary>
    public Money CostPerEpisode => PerEach(cost, episodes);

    /// <summary>Cost / resolved episodes: what a resolution costs, rounded half-up.</summary>
    public Money CostPerResolution => PerEach(cost, resolved);

    /// <summary>Contacts / episodes.</summary>
    public decimal ContactsPerEpisode => episodes == 0 ? 0m : decimal.Round((decimal)contacts / episodes, 2, MidpointRounding.AwayFromZero);

    /// <summary>
    /// What one channel switch adds: (average cost of episodes that switched − average cost of
    /// those that stayed on one channel) / average switches of those that switched. Zero without both kinds.
    /// </summary>
    public Money ExtraCostPerSwitch =>
        single == 0 || multi == 0
            ? Money.Zero(currency)
            : new Money((multiCost.Amount / multi - singleCost.Amount / single) / ((decimal)switches / multi), currency).Round(RoundingMode.HalfUp);

    /// <summary>Share of episodes that began in self-service and never left it.</summary>
    public decimal SelfServiceContainment => startedInSelfService == 0 ? 0m : Share(containedInSelfService, startedInSelfService);

    /// <summary>Share of episodes resolved by their first and only contact.</summary>
    public decimal FirstContactResolution => episodes == 0 ? 0m : Share(resolvedFirstContact, episodes);

    /// <summary>The most common channel paths with how many episodes took each and what they cost on average.</summary>
    public IReadOnlyList<(string Path, long Episodes, Money AverageCost)> TopPaths(int count) =>
        AllPaths().OrderByDescending(p => p.Value.Count).ThenBy(p => p.Key, StringComparer.Ordinal).Take(count)
            .Select(p => (p.Key, p.Value.Count, PerEach(p.Value.Cost, p.Value.Count))).ToArray();

    // The paths added either way under their names (a path may have been added both ways).
    private Dictionary<string, (long Count, Money Cost)> AllPaths()
    {
        if (packedPaths.Count == 0)
            return paths;
        var all = new Dictionary<string, (long Count, Money Cost)>(paths, StringComparer.Ordinal);
        foreach (var (packed, (pathCount, pathCost)) in packedPaths)
        {
            var name = PathName(packed);
            var (count, sum) = all.GetValueOrDefault(name, (0, Money.Zero(currency)));
            all[name] = (count + pathCount, sum + new Money(pathCost, currency));
        }

        return all;
    }

    private static string PathName(ulong packed)
    {
        var names = new List<string>();
        for (; packed != 0; packed >>= 4)
            names.Add(((Channel)((packed & 0xF) - 1)).Name());
        return string.Join(" > ", names);
    }

    private static Money PerEach(Money total, long count) => count == 0 ? Money.Zero(total.Currency) : (total / count).Round(RoundingMode.HalfUp);

    private static decimal Share(long part, long whole) => decimal.Round((decimal)part / whole, 4, MidpointRounding.AwayFromZero);
}
