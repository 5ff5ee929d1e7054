using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ContactCost.Costing;
using ContactCost.Hashing;
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

    private readonly long gapTicks;
    private readonly Currency currency;
    private readonly Action<Episode>? closed;
    private readonly EpisodeKpis? kpis;
    private readonly bool followLinks;
    private readonly OpenEpisodes open = new();
    // Keyed by a 128-bit hash of the customer and of the interaction id rather than by the strings: a
    // million open episodes then keep no strings alive, and a lookup reads one place in memory.
    private readonly Hash128Table<int> byCustomer = new();
    private readonly Hash128Table<int> byInteraction = new();
    private readonly List<int> closing = [];
    private readonly List<int> unfreed = [];
    private long lastStart = long.MinValue;
    private long nextSweep = long.MinValue;

    /// <summary>A stitcher that hands each episode to <paramref name="closed"/> once no later interaction can join it.</summary>
    public EpisodeStitcher(TimeSpan gap, Currency currency, Action<Episode> closed)
    {
        if (gap < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(gap), gap, "The gap must not be negative.");
        ArgumentNullException.ThrowIfNull(currency);
        ArgumentNullException.ThrowIfNull(closed);
        gapTicks = gap.Ticks;
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
        gapTicks = gap.Ticks;
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
        Add(ContactFacts.Of(interaction), cost.Amount);
    }

    /// <summary>
    /// Adds the next interaction (in start order) with what it cost; its <see cref="ContactFacts.Id"/> must be
    /// there when links are followed or a listener sees the episodes.
    /// </summary>
    internal void Add(in ContactFacts contact, decimal cost) => Add(contact, cost, KeyOf(contact));

    /// <summary>
    /// Starts loading what adding <paramref name="contact"/> will read (its customer's entry), to be added a few
    /// contacts later; gives the customer's key for <see cref="Add(in ContactFacts, decimal, Hash128)"/>.
    /// </summary>
    internal Hash128 Prefetch(in ContactFacts contact)
    {
        var key = KeyOf(contact);
        if (!key.IsEmpty)
            byCustomer.Prefetch(key);
        return key;
    }

    /// <summary>Starts loading the episode the customer of <paramref name="customerKey"/> last had, once its entry is loaded.</summary>
    internal void PrefetchEpisode(Hash128 customerKey)
    {
        if (!customerKey.IsEmpty && byCustomer.TryGetValue(customerKey, out var slot))
            open.Prefetch(slot);
    }

    /// <summary>Adds the next interaction with what it cost and its customer's key (<see cref="Prefetch"/>; empty when it has no customer).</summary>
    internal void Add(in ContactFacts contact, decimal cost, Hash128 customerKey)
    {
        if (contact.StartTicks < lastStart)
            throw new ArgumentException($"Interaction '{contact.Id}' starts before the one added before it; add interactions in start order.", nameof(contact));
        lastStart = contact.StartTicks;

        // Closing late costs only memory (joining is decided by the gap itself), so sweep now and then: every
        // sixteenth of the gap when only figures are kept, every quarter when a listener sees the episodes, which
        // is the order it has always seen them in (oldest first among those a sweep closes).
        if (contact.StartTicks >= nextSweep)
        {
            Sweep(contact.StartTicks - gapTicks);
            nextSweep = contact.StartTicks + Math.Max(gapTicks / (closed is null ? 16 : 4), TimeSpan.TicksPerMinute);
        }

        if (followLinks && contact.Id is null)
            throw new ArgumentException("An interaction added without its id cannot be linked to; keep ids when links are followed.", nameof(contact));

        var slot = -1;
        if (followLinks && contact.Link is { } link && byInteraction.TryGetValue(Hash128.Of(link), out var linked) && IsJoinable(linked, contact))
            slot = linked;

        // One lookup for the customer's latest episode, read and then replaced: there are about a million at once.
        var known = false;
        ref var latest = ref Unsafe.NullRef<int>();
        if (contact.Customer is not null)
            latest = ref byCustomer.GetValueRefOrAddDefault(customerKey, out known);
        if (slot < 0 && known && IsJoinable(latest, contact))
            slot = latest;
        if (slot < 0)
            slot = open.Open(contact, customerKey, keepNames: closed is not null);

        open.Add(slot, contact, cost);
        if (!Unsafe.IsNullRef(ref latest))
            latest = slot;
        if (followLinks)
            byInteraction.Set(Hash128.Of(contact.Id!), slot);
    }

    private static Hash128 KeyOf(in ContactFacts contact) => contact.Customer is { } customer ? Hash128.Of(customer) : default;

    /// <summary>Closes every episode still open (the end of the input).</summary>
    public void Flush() => Sweep(long.MaxValue);

    private bool IsJoinable(int slot, in ContactFacts contact) => contact.StartTicks - open[slot].LastTicks <= gapTicks;

    // Hands over, oldest first, the episodes whose last activity is before keepFrom (now minus the gap),
    // and frees their slots once nothing points to them.
    private void Sweep(long keepFrom)
    {
        closing.Clear();
        open.CloseIdle(keepFrom, closing);
        const int Ahead = 8;
        for (var i = 0; i < closing.Count; i++)
        {
            if (i + Ahead < closing.Count && open[closing[i + Ahead]].CustomerKey is { IsEmpty: false } ahead)
                byCustomer.Prefetch(ahead);
            var slot = closing[i];
            ref var episode = ref open[slot];
            // One lookup: the customer's entry goes, and comes back in the rare case it named a later episode.
            if (!episode.CustomerKey.IsEmpty && byCustomer.Remove(episode.CustomerKey, out var latest) && latest != slot)
                byCustomer.Set(episode.CustomerKey, latest);
            Close(slot);
        }

        // Without links, an episode's contacts are all its first customer's, so the one entry above was the
        // only one pointing to it. With links, ids point to it, and so may other customers whose contacts
        // were linked into it: episodes do not list those (that would be a list each), so the indexes are
        // swept of closed episodes in one pass, when enough have closed, before their slots are reused.
        // Until then a closed episode's slot still refuses to be joined: it was last active over the gap ago.
        if (!followLinks)
        {
            foreach (var slot in closing)
                open.Free(slot);
            return;
        }

        unfreed.AddRange(closing);
        if (unfreed.Count == 0 || (keepFrom != long.MaxValue && unfreed.Count < Math.Max(1024, open.Count / 8)))
            return;
        byInteraction.RemoveAll(slot => open[slot].Closed);
        byCustomer.RemoveAll(slot => open[slot].Closed);
        foreach (var slot in unfreed)
            open.Free(slot);
        unfreed.Clear();
    }

    private void Close(int slot)
    {
        ref var episode = ref open[slot];
        if (closed is null && kpis is not null && episode.Count <= EpisodeKpis.MaxPacked)
        {
            kpis.AddPacked(episode.Count, episode.Channels, episode.Cost, episode.Resolved);
            return;
        }

        var done = open.ToEpisode(slot, currency);
        kpis?.Add(done);
        closed?.Invoke(done);
    }

    /// <summary>
    /// The open episodes, as structs in pages of slots reused through a free list: a busy month has close to
    /// a million open at once, and as objects (with their headers and references for the collector to trace)
    /// they were most of a report's memory. Slots are kept in the order their episodes opened, which is the
    /// order they close in when several close at once. What few episodes need beyond the slot (the first id
    /// and the customer for a listener, the 17th channel on) is kept aside by slot, so that a slot holds no
    /// reference: the collector then never scans the pages, and a slot is one cache line.
    /// </summary>
    private sealed class OpenEpisodes
    {
        private const int PageBits = 10;
        private const int PageSize = 1 << PageBits;
        private readonly List<OpenEpisode[]> pages = [];
        private readonly Dictionary<int, Rare> rare = [];
        private readonly Stack<int> free = new();
        // Slots in the order their episodes opened, which is the order of their first contacts' starts.
        private int[] order = new int[PageSize];
        private int opened;

        public ref OpenEpisode this[int slot] => ref pages[slot >> PageBits][slot & (PageSize - 1)];

        /// <summary>Starts loading the episode in <paramref name="slot"/>.</summary>
        public void Prefetch(int slot)
        {
            if (slot >> PageBits < pages.Count)
                Hashing.Prefetch.Of(ref this[slot]);
        }

        /// <summary>How many episodes are open.</summary>
        public int Count => opened;

        /// <summary>A slot for a new episode starting with <paramref name="first"/>.</summary>
        public int Open(in ContactFacts first, Hash128 customerKey, bool keepNames)
        {
            if (!free.TryPop(out var slot))
            {
                slot = pages.Count * PageSize;
                pages.Add(new OpenEpisode[PageSize]);
                for (var s = slot + PageSize - 1; s > slot; s--)
                    free.Push(s);
            }

            this[slot] = new OpenEpisode(first, customerKey);
            if (keepNames)
                rare[slot] = new Rare(first.Id, first.Customer);
            if (opened == order.Length)
                Array.Resize(ref order, order.Length * 2);
            order[opened++] = slot;
            return slot;
        }

        /// <summary>
        /// Marks closed, oldest first, the episodes last active before <paramref name="keepFrom"/> and lists
        /// their slots in <paramref name="closed"/>; they stay readable until freed.
        /// </summary>
        public void CloseIdle(long keepFrom, List<int> closed)
        {
            // An episode last active before keepFrom started before it too: only those that opened before keepFrom are looked at.
            const int Ahead = 8;
            var kept = 0;
            var i = 0;
            for (; i < opened; i++)
            {
                if (i + Ahead < opened)
                    Hashing.Prefetch.Of(ref this[order[i + Ahead]]);
                ref var episode = ref this[order[i]];
                if (episode.StartTicks >= keepFrom)
                    break;
                if (episode.LastTicks >= keepFrom)
                {
                    order[kept++] = order[i];
                    continue;
                }

                episode.Closed = true;
                closed.Add(order[i]);
            }

            if (kept == i)
                return;
            Array.Copy(order, i, order, kept, opened - i);
            opened -= i - kept;
        }

        public void Free(int slot)
        {
            this[slot] = default;
            if (rare.Count > 0)
                rare.Remove(slot);
            free.Push(slot);
        }

        /// <summary>Adds a contact to the episode in <paramref name="slot"/>.</summary>
        public void Add(int slot, in ContactFacts contact, decimal cost)
        {
            ref var episode = ref this[slot];
            if (episode.Count >= OpenEpisode.Packed)
            {
                ref var aside = ref CollectionsMarshal.GetValueRefOrAddDefault(rare, slot, out _);
                ((aside ??= new Rare(null, null)).More ??= []).Add(contact.Channel);
            }

            episode.Add(contact, cost);
        }

        /// <summary>The episode in <paramref name="slot"/>, whole.</summary>
        public Episode ToEpisode(int slot, Currency currency)
        {
            ref var episode = ref this[slot];
            var aside = rare.GetValueOrDefault(slot);
            var all = new Channel[episode.Count];
            for (var i = 0; i < Math.Min(episode.Count, OpenEpisode.Packed); i++)
                all[i] = (Channel)((episode.Channels >> (4 * i)) & 0xF);
            aside?.More?.CopyTo(all, OpenEpisode.Packed);
            return new(
                aside?.Id ?? "", aside?.Customer, new DateTimeOffset(episode.StartTicks, TimeSpan.Zero), new DateTimeOffset(episode.LastTicks, TimeSpan.Zero),
                all, new Money(episode.Cost, currency), episode.Resolved);
        }
    }

    // Keeps only what the episode needs from its interactions, with their channels packed four bits
    // each; times as UTC ticks; no references (see OpenEpisodes), so that a slot is 64 bytes.
    private struct OpenEpisode(in ContactFacts first, Hash128 customerKey)
    {
        public const int Packed = EpisodeKpis.MaxPacked;

        public long StartTicks { get; } = first.StartTicks;

        public long LastTicks { get; private set; } = first.StartTicks;

        /// <summary>The customer's key; empty when the episode has no customer.</summary>
        public Hash128 CustomerKey { get; } = customerKey;

        public ulong Channels { get; private set; }

        public decimal Cost { get; private set; }

        public int Count { get; private set; }

        public bool Resolved { get; private set; }

        public bool Closed { get; set; }

        // The channel of a contact past the sixteenth is kept aside by OpenEpisodes.Add.
        public void Add(in ContactFacts contact, decimal cost)
        {
            if (Count < Packed)
                Channels |= (ulong)contact.Channel << (4 * Count);
            Count++;
            Cost += cost;
            Resolved = contact.IsResolved;
            if (contact.EndTicks > LastTicks)
                LastTicks = contact.EndTicks;
        }
    }

    // What few episodes need beyond their slot.
    private sealed class Rare(string? id, string? customer)
    {
        public string? Id { get; } = id;

        public string? Customer { get; } = customer;

        public List<Channel>? More { get; set; }
    }
}
