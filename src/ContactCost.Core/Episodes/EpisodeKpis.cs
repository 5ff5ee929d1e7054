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
        paths.OrderByDescending(p => p.Value.Count).ThenBy(p => p.Key, StringComparer.Ordinal).Take(count)
            .Select(p => (p.Key, p.Value.Count, PerEach(p.Value.Cost, p.Value.Count))).ToArray();

    private static Money PerEach(Money total, long count) => count == 0 ? Money.Zero(total.Currency) : (total / count).Round(RoundingMode.HalfUp);

    private static decimal Share(long part, long whole) => decimal.Round((decimal)part / whole, 4, MidpointRounding.AwayFromZero);
}
