using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using ContactCost.Episodes;
using ContactCost.Formats.Canonical;
using ContactCost.Formats.Import;
using ContactCost.Formats.Usage;
using ContactCost.Hashing;
using ContactCost.Interactions;
using ContactCost.Periods;
using ContactCost.Rating;
using ContactCost.Usage;

namespace ContactCost.Cli.Workflows;

/// <summary>
/// Rates files without a store: interaction and usage-record CSVs, streamed and merged by start
/// time, each item with the version in force on its local day. Volume tiers take a first pass over
/// the files. Memory stays flat whatever the size of the files.
/// </summary>
internal static class FileRating
{
    /// <summary>
    /// One item read from a file: an interaction, a usage record or (inside this class only) a record refused
    /// while reading, with where it came from. Refusals travel with the items so that the caller's thread
    /// reports every one of them, in the order read.
    /// </summary>
    public readonly record struct Item(Interaction? Interaction, UsageRecord? Usage, string File, long Line, Rejection? Rejection = null)
    {
        public DateTimeOffset Start => Interaction?.Start ?? Usage!.Start;

        public string Id => Interaction?.Id ?? Usage!.Id;

        public string Source => Interaction is null ? "usage" : "interaction";

        /// <summary>The hash of <see cref="Id"/> the duplicate check looks up, taken on the reading thread.</summary>
        public Hash128 IdHash { get; init; }
    }

    /// <summary>The counts of a run; lines go to the caller as they are made.</summary>
    public sealed record Counts(long Items, long Unpriced, long Rejected, IReadOnlyList<ReportingPeriod> Months);

    /// <summary>
    /// Rates every item of <paramref name="files"/>: each item's lines go to <paramref name="onLines"/>,
    /// bad records to <paramref name="onRejection"/>, and the flat and one-time lines of every month
    /// the items touch to <paramref name="onMonth"/> at the end; items no price-book version covers
    /// go to <paramref name="onUnpriced"/>.
    /// </summary>
    public static Counts Rate(
        IReadOnlyList<string> files,
        Rater rater,
        TimeZoneInfo zone,
        Action<Item, IReadOnlyList<ChargeLine>> onLines,
        Action<ReportingPeriod, IReadOnlyList<ChargeLine>> onMonth,
        Action<Rejection> onRejection,
        Action<Item> onUnpriced,
        CancellationToken cancellationToken)
    {
        if (rater.NeedsMeasuring)
        {
            foreach (var item in Accepted(ReadAhead(Merged(files, cancellationToken), cancellationToken), _ => { }))
            {
                if (item.Interaction is { } i)
                    rater.Measure(i);
                else
                    rater.Measure(item.Usage!);
            }
        }

        long items = 0, unpriced = 0, rejected = 0;
        DateTimeOffset? first = null, last = null;
        var lines = new List<ChargeLine>();
        foreach (var item in Accepted(ReadAhead(Merged(files, cancellationToken), cancellationToken), r => { rejected++; onRejection(r); }))
        {
            lines.Clear();
            var version = item.Interaction is { } interaction ? rater.Rate(interaction, lines) : rater.Rate(item.Usage!, lines);
            items++;
            if (version is null)
            {
                unpriced++;
                onUnpriced(item);
                continue;
            }

            first = first is { } f && f <= item.Start ? f : item.Start;
            last = last is { } l && l >= item.Start ? l : item.Start;
            onLines(item, lines);
        }

        var months = first is { } from ? StoreRating.MonthsBetween(from, last!.Value, zone) : [];
        foreach (var month in months)
            onMonth(month, rater.RateMonth(month.FirstDay.Year, month.FirstDay.Month));
        return new Counts(items, unpriced, rejected, months);
    }

    /// <summary>
    /// The items of <paramref name="items"/> in blocks, read and parsed on another thread a few blocks ahead,
    /// so that parsing uses one core while the caller rates and costs on the other; that thread also takes
    /// each item's <see cref="Item.IdHash"/>. A block is reused once the next is asked for. An exception
    /// there is thrown here, as if read here.
    /// </summary>
    private static IEnumerable<ArraySegment<Item>> ReadAhead(IEnumerable<Item> items, CancellationToken cancellationToken)
    {
        const int BlockSize = 1024;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var blocks = new BlockingCollection<ArraySegment<Item>>(boundedCapacity: 4);
        var free = new ConcurrentBag<Item[]>();
        ExceptionDispatchInfo? failure = null;
        var reader = Task.Factory.StartNew(
            () =>
            {
                try
                {
                    var block = new Item[BlockSize];
                    var filled = 0;
                    foreach (var item in items)
                    {
                        block[filled++] = item.Rejection is null ? item with { IdHash = Hash128.Of(item.Id) } : item;
                        if (filled < BlockSize)
                            continue;
                        blocks.Add(block, stop.Token);
                        block = free.TryTake(out var reused) ? reused : new Item[BlockSize];
                        filled = 0;
                    }

                    if (filled > 0)
                        blocks.Add(new ArraySegment<Item>(block, 0, filled), stop.Token);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    // The caller stopped reading.
                }
                catch (Exception e)
                {
                    failure = ExceptionDispatchInfo.Capture(e);
                }
                finally
                {
                    blocks.CompleteAdding();
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);

        try
        {
            foreach (var block in blocks.GetConsumingEnumerable())
            {
                yield return block;
                block.AsSpan().Clear();
                free.Add(block.Array!);
            }

            reader.Wait(CancellationToken.None);
            failure?.Throw();
        }
        finally
        {
            stop.Cancel();
            reader.Wait(CancellationToken.None);
        }
    }

    /// <summary>
    /// The items of all files in start order (each file must be in start order itself; ties keep file order),
    /// with the records refused while reading passed on as they are met.
    /// </summary>
    private static IEnumerable<Item> Merged(IReadOnlyList<string> files, CancellationToken cancellationToken)
    {
        // One file needs no merging: its items pass straight through (the queue cost a tenth of the reading
        // thread). Cancelling is then seen by ReadAhead, block by block.
        return files.Count == 1 ? Read(files[0]) : MergedByStart(files, cancellationToken);
    }

    private static IEnumerable<Item> MergedByStart(IReadOnlyList<string> files, CancellationToken cancellationToken)
    {
        var sources = files.Select(f => Read(f).GetEnumerator()).ToArray();
        var heads = new PriorityQueue<(int Source, Item Item), (DateTimeOffset Start, int Source)>();
        var behind = new Queue<int>(Enumerable.Range(0, sources.Length));
        try
        {
            while (true)
            {
                // Each file whose head was taken (at first, every file) moves on to its next item.
                while (behind.TryDequeue(out var source))
                {
                    var items = sources[source];
                    while (items.MoveNext())
                    {
                        if (items.Current.Rejection is null)
                        {
                            heads.Enqueue((source, items.Current), (items.Current.Start, source));
                            break;
                        }

                        yield return items.Current;
                    }
                }

                if (!heads.TryDequeue(out var head, out _))
                    break;
                cancellationToken.ThrowIfCancellationRequested();
                yield return head.Item;
                behind.Enqueue(head.Source);
            }
        }
        finally
        {
            foreach (var items in sources)
                items.Dispose();
        }
    }

    /// <summary>
    /// The items of <paramref name="blocks"/> that were not refused while reading nor read before (see
    /// <see cref="RecentIds"/>); both kinds of refusal go to <paramref name="onRejection"/>, in order.
    /// </summary>
    private static IEnumerable<Item> Accepted(IEnumerable<ArraySegment<Item>> blocks, Action<Rejection> onRejection)
    {
        // How many items ahead the duplicate check's table is asked to load: enough for the misses to overlap.
        const int Ahead = 8;
        var recent = new RecentIds();
        foreach (var block in blocks)
        {
            for (var i = 0; i < Math.Min(Ahead, block.Count); i++)
                recent.Prefetch(block[i]);
            for (var i = 0; i < block.Count; i++)
            {
                if (i + Ahead < block.Count)
                    recent.Prefetch(block[i + Ahead]);
                if (Check(block[i], recent, onRejection) is { } item)
                    yield return item;
            }
        }
    }

    // The item when it is accepted; else null, its refusal (from reading, or as a repeat) given to onRejection.
    private static Item? Check(in Item item, RecentIds recent, Action<Rejection> onRejection)
    {
        if (item.Rejection is { } rejection)
        {
            onRejection(rejection);
            return null;
        }

        if (recent.FirstSeen(item) is { } first)
        {
            onRejection(new Rejection(item.File, item.Line, "id", item.Id,
                $"the {item.Source} id was already read at {first.File}:{first.Line}; it is counted once", ""));
            return null;
        }

        return item;
    }

    /// <summary>
    /// Remembers the ids read in the last day of start times, so an item exported twice (overlapping
    /// exports, a file given twice) is counted once. A repeat further apart would need every id in
    /// memory; the store, which keys by id, catches those.
    /// </summary>
    private sealed class RecentIds
    {
        private readonly DayWindow interactions = new(), usage = new();
        private readonly List<string> files = [];

        /// <summary>Starts loading where the item's id is kept, to be checked a few items later.</summary>
        public void Prefetch(in Item item)
        {
            if (item.Rejection is null)
                (item.Interaction is null ? usage : interactions).Prefetch(item.IdHash);
        }

        /// <summary>Where the item's id was first read, when it was read before; else remembers it and returns null.</summary>
        public (string File, long Line)? FirstSeen(in Item item)
        {
            var window = item.Interaction is null ? usage : interactions;
            return window.FirstSeen(item.Start.UtcTicks, item.IdHash, FileIndex(item.File), item.Line) is { } first
                ? (files[first.File], first.Line)
                : null;
        }

        // A file as its index in files, so that the windows' tables hold no references for the collector to scan.
        private int FileIndex(string file)
        {
            for (var i = files.Count - 1; i >= 0; i--)
            {
                if (ReferenceEquals(files[i], file) || files[i] == file)
                    return i;
            }

            files.Add(file);
            return files.Count - 1;
        }

        // Ids, as 128-bit hashes (a day of ids is then not a day of strings kept alive), with the start of the item
        // they were first read on, in two tables of about a day each: the current one, and the one before it,
        // dropped whole when the current one is a day old. An id is a repeat when it is in the current table (all
        // of it is within a day), or in the one before with a start within a day of this item's. Dropping a day
        // at once costs one clear instead of a removal per id, and neither table grows past a day of ids.
        private sealed class DayWindow
        {
            private const int LineBits = 40;
            private static readonly long Day = TimeSpan.TicksPerDay;
            private Hash128Table<(long StartTicks, long Place)> current = new(), before = new();
            private long nextTurn = long.MinValue;

            public void Prefetch(Hash128 id)
            {
                current.Prefetch(id);
                before.Prefetch(id);
            }

            public (int File, long Line)? FirstSeen(long startTicks, Hash128 id, int file, long line)
            {
                // The table dropped holds only starts a day or more before this one: the current table began a day ago at least.
                if (startTicks >= nextTurn)
                {
                    (before, current) = (current, before);
                    current.Clear();
                    nextTurn = startTicks + Day;
                }

                if (before.TryGetValue(id, out var earlier) && earlier.StartTicks >= startTicks - Day)
                    return Where(earlier.Place);

                ref var first = ref current.GetValueRefOrAddDefault(id, out var exists);
                if (exists)
                    return Where(first.Place);

                // A file's index and a line in one long: 2^23 files of 2^40 lines each, far beyond any input.
                first = (startTicks, ((long)file << LineBits) | line);
                return null;
            }

            private static (int File, long Line) Where(long place) => ((int)(place >> LineBits), place & ((1L << LineBits) - 1));
        }
    }

    private static readonly string[] LinkColumns = [EpisodeStitcher.LinkColumn];

    private static IEnumerable<Item> Read(string file)
    {
        switch (CsvKinds.Detect(file))
        {
            case CsvKind.Interactions:
                // Of the extra columns only the link between contacts is used here (episodes); the rest are not kept.
                foreach (var result in CanonicalCsvReader.ReadFile(file, LinkColumns))
                {
                    yield return result.Rejection is { } r
                        ? new Item(null, null, file, result.Line, r)
                        : new Item(result.Item, null, file, result.Line);
                }

                break;

            case CsvKind.Usage:
                foreach (var result in UsageCsvReader.ReadFile(file))
                {
                    yield return result.Rejection is { } r
                        ? new Item(null, null, file, result.Line, r)
                        : new Item(null, result.Item, file, result.Line);
                }

                break;

            default:
                throw new InputFormatException(file, 1,
                    "is neither an interaction file (columns id, channel, start) nor a usage file (columns id, meter, quantity, start); see docs/formats.md");
        }
    }
}
