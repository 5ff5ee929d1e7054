using System.Runtime.CompilerServices;

namespace ContactCost.Hashing;

/// <summary>
/// A table from <see cref="Hash128"/> keys to values stored inline (open addressing, linear probing, deletion by
/// shifting back, no tombstones). A lookup reads one place in memory where a <see cref="Dictionary{TKey,TValue}"/>
/// reads two (its bucket, then its entry): with a million keys nearly every lookup misses the cache, so that is
/// most of the cost of the duplicate check and of stitching episodes.
/// </summary>
/// <typeparam name="TValue">The value kept with each key; keep it small, it sits next to the key.</typeparam>
public sealed class Hash128Table<TValue>
    where TValue : struct
{
    private const int MinCapacity = 16;
    private Entry[] entries;
    private int mask;
    private int growAt;

    /// <summary>An empty table with room for <paramref name="capacity"/> keys before it grows.</summary>
    public Hash128Table(int capacity = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        var slots = MinCapacity;
        while (GrowAt(slots) < capacity)
            slots *= 2;
        entries = new Entry[slots];
        mask = slots - 1;
        growAt = GrowAt(slots);
    }

    /// <summary>How many keys the table holds.</summary>
    public int Count { get; private set; }

    /// <summary>
    /// The value of <paramref name="key"/>, added as <c>default</c> when absent (<paramref name="exists"/> says which);
    /// the reference is valid until the table is next changed.
    /// </summary>
    public ref TValue GetValueRefOrAddDefault(Hash128 key, out bool exists)
    {
        Check(key);
        var i = Find(key);
        exists = !entries[i].Key.IsEmpty;
        if (!exists)
        {
            if (Count == growAt)
            {
                Grow();
                i = Find(key);
            }

            entries[i].Key = key;
            Count++;
        }

        return ref entries[i].Value;
    }

    /// <summary>Starts loading where <paramref name="key"/> would be, to be looked up a few items later (see <see cref="Hashing.Prefetch"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Prefetch(Hash128 key) => Hashing.Prefetch.Of(ref entries[Home(key)]);

    /// <summary>Sets the value of <paramref name="key"/>, adding it when absent.</summary>
    public void Set(Hash128 key, TValue value) => GetValueRefOrAddDefault(key, out _) = value;

    /// <summary>The value of <paramref name="key"/>, when the table holds it.</summary>
    public bool TryGetValue(Hash128 key, out TValue value)
    {
        Check(key);
        ref var entry = ref entries[Find(key)];
        value = entry.Value;
        return !entry.Key.IsEmpty;
    }

    /// <summary>Removes <paramref name="key"/> and gives its value, when the table holds it.</summary>
    public bool Remove(Hash128 key, out TValue value)
    {
        Check(key);
        var i = Find(key);
        value = entries[i].Value;
        if (entries[i].Key.IsEmpty)
            return false;
        RemoveAt(i);
        return true;
    }

    /// <summary>Removes every key, keeping the room made so far.</summary>
    public void Clear()
    {
        Array.Clear(entries);
        Count = 0;
    }

    /// <summary>Removes every key whose value <paramref name="match"/> accepts, in one pass; gives how many went.</summary>
    public int RemoveAll(Predicate<TValue> match)
    {
        ArgumentNullException.ThrowIfNull(match);
        if (Count == 0)
            return 0;

        // Start just after an empty slot (there is always one), so that no run of keys wraps past the start:
        // shifting back then only moves keys not yet looked at into the place being looked at.
        var i = 0;
        while (!entries[i].Key.IsEmpty)
            i++;
        var removed = 0;
        for (var looked = 0; looked < entries.Length; looked++)
        {
            i = (i + 1) & mask;
            while (!entries[i].Key.IsEmpty && match(entries[i].Value))
            {
                RemoveAt(i);
                removed++;
            }
        }

        return removed;
    }

    // The slot holding key, or the empty slot where it would go.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Find(Hash128 key)
    {
        var i = Home(key);
        while (true)
        {
            ref var entry = ref entries[i];
            if ((entry.Key.Low == key.Low && entry.Key.High == key.High) || entry.Key.IsEmpty)
                return i;
            i = (i + 1) & mask;
        }
    }

    private int Home(Hash128 key) => unchecked((int)key.Low) & mask;

    // Empties slot hole, then moves back each later key of its run that may sit there (whose home is not
    // between the hole and itself), so that every key stays reachable from its home without a gap.
    private void RemoveAt(int hole)
    {
        var j = hole;
        while (true)
        {
            j = (j + 1) & mask;
            if (entries[j].Key.IsEmpty)
                break;
            var fromHome = (j - Home(entries[j].Key)) & mask;
            var fromHole = (j - hole) & mask;
            if (fromHome >= fromHole)
            {
                entries[hole] = entries[j];
                hole = j;
            }
        }

        entries[hole] = default;
        Count--;
    }

    // Called a few times per table, each time over every entry, so never often enough to be recompiled by
    // call count: under tiering its loop ran in unoptimized code until on-stack replacement took over (529
    // samples in a 10M-row report, 395 compiled fully optimized at once).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Grow()
    {
        var old = entries;
        entries = new Entry[old.Length * 2];
        mask = entries.Length - 1;
        growAt = GrowAt(entries.Length);
        foreach (ref var entry in old.AsSpan())
        {
            if (!entry.Key.IsEmpty)
                entries[Find(entry.Key)] = entry;
        }
    }

    // At most five eighths full: runs of keys stay short enough that a lookup reads one or two cache lines.
    private static int GrowAt(int slots) => slots / 2 + slots / 8;

    private static void Check(Hash128 key)
    {
        if (key.IsEmpty)
            throw new ArgumentException("The all-zero hash marks an empty slot; make keys with Hash128.Of.", nameof(key));
    }

    private struct Entry
    {
        public Hash128 Key;
        public TValue Value;
    }
}
