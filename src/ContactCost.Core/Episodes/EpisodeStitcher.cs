using ContactCost.Interactions;

namespace ContactCost.Episodes;

/// <summary>
/// Stitches interactions into episodes as they come in start order. An interaction joins the
/// episode of the contact it names in <c>initial_contact_id</c> (an explicit link, as Amazon
/// Connect gives for transfers and follow-ups), or else its customer's latest episode; in both
/// cases only when it starts within the gap (72 h by default) of that episode's last activity.
/// Otherwise it starts a new episode. Memory holds only the episodes that can still grow.
/// </summary>
public sealed class EpisodeStitcher
{
    /// <summary>The extra column naming the first contact of a chain of transfers or follow-ups.</summary>
    public const string LinkColumn = "initial_contact_id";

    private readonly TimeSpan gap;
    private readonly Currency currency;
    private readonly Action<Episode>? closed;
    private readonly EpisodeKpis? kpis;
    private readonly bool followLinks;
    // In the order they were opened, which is the order they close in when several close at once.
    private readonly List<OpenEpisode> open = [];
    private readonly Dictionary<string, OpenEpisode> byCustomer = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OpenEpisode> byInteraction = new(StringComparer.Ordinal);
    private DateTimeOffset lastStart = DateTimeOffset.MinValue;
    private DateTimeOffset nextSweep = DateTimeOffset.MinValue;

    /// <summary>A stitcher that hands each episode to <paramref name="closed"/> once no later interaction can join it.</summary>
    public EpisodeStitcher(TimeSpan gap, Currency currency, Action<Episode> closed)
    {
        if (gap < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(gap), gap, "The gap must not be negative.");
        ArgumentNullException.ThrowIfNull(currency);
        ArgumentNullException.ThrowIfNull(closed);
        this.gap = gap;
        this.currency = currency;
        this.closed = closed;
        followLinks = true;
    }

    /// <summary>
    /// A stitcher that counts each closed episode into <paramref name="kpis"/> and, when given, hands it to
    /// <paramref name="closed"/>. Without <paramref name="followLinks"/> (no source names a <see cref="LinkColumn"/>)
    /// it keeps no interaction ids; without <paramref name="closed"/> it makes no <see cref="Episode"/> unless one
    /// has more contacts than <see cref="EpisodeKpis.AddPacked"/> takes.
    /// </summary>
    internal EpisodeStitcher(TimeSpan gap, Currency currency, EpisodeKpis kpis, Action<Episode>? closed, bool followLinks)
    {
        if (gap < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(gap), gap, "The gap must not be negative.");
        ArgumentNullException.ThrowIfNull(currency);
        ArgumentNullException.ThrowIfNull(kpis);
        this.gap = gap;
        this.currency = currency;
        this.kpis = kpis;
        this.closed = closed;
        this.followLinks = followLinks;
    }

    /// <summary>The gap used when none is given: 72 hours.</summary>
    public static TimeSpan DefaultGap { get; } = TimeSpan.FromHours(72);

    /// <summary>Adds the next interaction (in start order) with what it cost.</summary>
    /// <exception cref="ArgumentException">The interaction starts before the previous one.</exception>
    public void Add(Interaction interaction, Money cost)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        if (interaction.Start < lastStart)
            throw new ArgumentException($"Interaction '{interaction.Id}' starts before the one added before it; add interactions in start order.", nameof(interaction));
        lastStart = interaction.Start;

        // Closing late costs only memory (joining is decided by the gap itself), so sweep now and then.
        if (interaction.Start >= nextSweep)
        {
            Sweep(interaction.Start);
            nextSweep = interaction.Start + TimeSpan.FromTicks(Math.Max(gap.Ticks / 4, TimeSpan.TicksPerMinute));
        }

        var episode = (followLinks ? Joinable(Linked(interaction), interaction) : null) ?? Joinable(Latest(interaction), interaction);
        if (episode is null)
        {
            episode = new OpenEpisode(interaction, closed is null ? null : interaction.Id);
            open.Add(episode);
        }

        episode.Add(interaction, cost);
        if (followLinks)
            byInteraction[interaction.Id] = episode;
        if (interaction.Customer is { } customer)
            byCustomer[customer] = episode;
    }

    /// <summary>Closes every episode still open (the end of the input).</summary>
    public void Flush() => Sweep(DateTimeOffset.MaxValue);

    private OpenEpisode? Linked(Interaction interaction)
    {
        foreach (var (name, value) in interaction.Extra)
        {
            if (string.Equals(name, LinkColumn, StringComparison.OrdinalIgnoreCase) && byInteraction.TryGetValue(value, out var episode))
                return episode;
        }

        return null;
    }

    private OpenEpisode? Latest(Interaction interaction) =>
        interaction.Customer is { } customer && byCustomer.TryGetValue(customer, out var episode) ? episode : null;

    private OpenEpisode? Joinable(OpenEpisode? episode, Interaction interaction) =>
        episode is not null && interaction.Start - episode.LastActivity <= gap ? episode : null;

    // Hands over, oldest first, the episodes whose last activity is more than the gap before now.
    private void Sweep(DateTimeOffset now)
    {
        var kept = 0;
        for (var i = 0; i < open.Count; i++)
        {
            var episode = open[i];
            if (now != DateTimeOffset.MaxValue && now - episode.LastActivity <= gap)
            {
                open[kept++] = episode;
                continue;
            }

            episode.Closed = true;
            if (episode.Customer is { } customer && byCustomer.TryGetValue(customer, out var latest) && latest == episode)
                byCustomer.Remove(customer);
            Close(episode);
        }

        if (kept == open.Count)
            return;
        open.RemoveRange(kept, open.Count - kept);

        // Episodes do not keep their interactions' ids (that would be a list each): the ids of
        // closed episodes are dropped here in one pass over the index instead.
        if (!followLinks)
            return;
        foreach (var (id, episode) in byInteraction)
        {
            if (episode.Closed)
                byInteraction.Remove(id);
        }
    }

    private void Close(OpenEpisode episode)
    {
        if (closed is null && kpis is not null && episode.Count <= EpisodeKpis.MaxPacked)
        {
            kpis.AddPacked(episode.Count, episode.PackedChannels, episode.Cost, episode.Resolved);
            return;
        }

        var done = episode.ToEpisode(currency);
        kpis?.Add(done);
        closed?.Invoke(done);
    }

    // Keeps only what the episode needs from its first interaction, not the interaction itself,
    // and its channels packed four bits each: a busy month has close to a million episodes open at once.
    // Its id only when someone sees the episode itself.
    // Times as UTC ticks (interactions keep UTC times), the first id only for a listener, the 17th channel on in a list.
    private sealed class OpenEpisode(Interaction first, string? id)
    {
        private const int Packed = EpisodeKpis.MaxPacked;
        private readonly long startTicks = first.Start.UtcTicks;
        private long lastTicks = first.Start.UtcTicks;
        private ulong channels;
        private decimal cost;
        private List<Channel>? more;
        private int count;
        private bool resolved;

        public int Count => count;

        public ulong PackedChannels => channels;

        public decimal Cost => cost;

        public bool Resolved => resolved;

        public string? Customer { get; } = first.Customer;

        public bool Closed { get; set; }

        public DateTimeOffset LastActivity => new(lastTicks, TimeSpan.Zero);

        public void Add(Interaction interaction, Money interactionCost)
        {
            if (count < Packed)
                channels |= (ulong)interaction.Channel << (4 * count);
            else
                (more ??= []).Add(interaction.Channel);
            count++;
            cost += interactionCost.Amount;
            resolved = interaction.Resolved == true;
            var end = (interaction.End ?? interaction.Start).UtcTicks;
            if (end > lastTicks)
                lastTicks = end;
        }

        public Episode ToEpisode(Currency currency)
        {
            var all = new Channel[count];
            for (var i = 0; i < Math.Min(count, Packed); i++)
                all[i] = (Channel)((channels >> (4 * i)) & 0xF);
            more?.CopyTo(all, Packed);
            return new(id ?? "", Customer, new DateTimeOffset(startTicks, TimeSpan.Zero), LastActivity, all, new Money(cost, currency), resolved);
        }
    }
}
