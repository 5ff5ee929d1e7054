using ContactCost.Costing;

namespace ContactCost.Episodes;

/// <summary>
/// Where a report's episodes are stitched: on the caller's thread (one core), on a thread of their own,
/// or, when neither links nor a listener tie customers together, in one lane per half of the customers,
/// each on a thread of its own, their figures added up at the end. An episode is then one customer's, so
/// the figures are the same whichever way; stitching is the largest part of a report's second pass.
/// </summary>
internal sealed class EpisodeLanes : IDisposable
{
    private readonly EpisodeStitcher[] stitchers;
    private readonly EpisodeKpis[] figures;
    private readonly StitcherThread[] threads;
    private readonly Currency currency;
    private int withoutCustomer;

    /// <summary>
    /// Lanes for <paramref name="lanes"/> parts of the customers (one when links are followed or episodes are
    /// listened to), on threads of their own when <paramref name="threaded"/>.
    /// </summary>
    public EpisodeLanes(TimeSpan gap, Currency currency, Action<Episode>? onEpisode, bool followLinks, int lanes, bool threaded)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lanes, 1);
        if (lanes > 1 && (onEpisode is not null || followLinks))
            throw new ArgumentException("Episodes can be split by customer only when no link or listener needs them in one place.", nameof(lanes));
        this.currency = currency;
        figures = [.. Enumerable.Range(0, lanes).Select(_ => new EpisodeKpis(currency))];
        stitchers = [.. figures.Select(f => new EpisodeStitcher(gap, currency, f, onEpisode, followLinks))];
        threads = threaded ? [.. stitchers.Select(s => new StitcherThread(s))] : [];
    }

    /// <summary>The lanes that suit this machine: as many as there are cores, at most two, when nothing ties customers together.</summary>
    public static EpisodeLanes For(TimeSpan gap, Currency currency, Action<Episode>? onEpisode, bool followLinks)
    {
        var cores = Environment.ProcessorCount;
        var lanes = onEpisode is null && !followLinks ? Math.Clamp(cores, 1, 2) : 1;
        return new EpisodeLanes(gap, currency, onEpisode, followLinks, lanes, threaded: cores > 1);
    }

    /// <summary>Adds the next contact (in start order) with what it cost.</summary>
    public void Add(in ContactFacts contact, decimal cost)
    {
        var lane = 0;
        if (stitchers.Length > 1)
        {
            // A customer always goes to the same lane (string hashes are fixed within a process); contacts without one take turns.
            if (contact.Customer is { } customer)
            {
                lane = (customer.GetHashCode() & int.MaxValue) % stitchers.Length;
            }
            else
            {
                lane = withoutCustomer;
                withoutCustomer = (withoutCustomer + 1) % stitchers.Length;
            }
        }

        if (threads.Length == 0)
            stitchers[lane].Add(contact, cost);
        else
            threads[lane].Add(contact, cost);
    }

    /// <summary>Closes every episode and returns the figures of all of them.</summary>
    public EpisodeKpis Finish()
    {
        foreach (var thread in threads)
            thread.Finish();
        if (threads.Length == 0)
        {
            foreach (var stitcher in stitchers)
                stitcher.Flush();
        }

        if (figures.Length == 1)
            return figures[0];
        var all = new EpisodeKpis(currency);
        foreach (var lane in figures)
            all.AddAll(lane);
        return all;
    }

    /// <summary>Stops the threads, if any.</summary>
    public void Dispose()
    {
        foreach (var thread in threads)
            thread.Dispose();
    }
}
