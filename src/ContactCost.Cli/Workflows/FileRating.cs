using System.Collections.Concurrent;
using System.IO.Hashing;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using ContactCost.Episodes;
using ContactCost.Formats.Canonical;
using ContactCost.Formats.Import;
using ContactCost.Formats.Usage;
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
    /// <summary>One item read from a file: an interaction or a usage record, with where it came from.</summary>
    public readonly record struct Item(Interaction? Interaction, UsageRecord? Usage, string File, long Line)
    {
        public DateTimeOffset Start => Interaction?.Start ?? Usage!.Start;

        public string Id => Interaction?.Id ?? Usage!.Id;

        public string Source => Interaction is null ? "usage" : "interaction";
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
            foreach (var item in ReadAhead(Merged(files, _ => { }, cancellationToken), cancellationToken))
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
        foreach (var item in ReadAhead(Merged(files, r => { rejected++; onRejection(r); }, cancellationToken), cancellationToken))
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
    /// The items of <paramref name="items"/>, read and parsed on another thread a few blocks ahead, so that
    /// parsing uses one core while the caller rates and costs on the other. Rejections are reported from
    /// that thread; an exception there is thrown here, as if read here.
    /// </summary>
    private static IEnumerable<Item> ReadAhead(IEnumerable<Item> items, CancellationToken cancellationToken)
    {
        const int BlockSize = 1024;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var blocks = new BlockingCollection<Item[]>(boundedCapacity: 4);
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
                        block[filled++] = item;
                        if (filled < BlockSize)
                            continue;
                        blocks.Add(block, stop.Token);
                        block = free.TryTake(out var reused) ? reused : new Item[BlockSize];
                        filled = 0;
                    }

                    if (filled > 0)
                    {
                        Array.Clear(block, filled, BlockSize - filled);
                        blocks.Add(block, stop.Token);
                    }
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
                foreach (var item in block)
                {
                    if (item.Interaction is null && item.Usage is null)
                        break;
                    yield return item;
                }

                Array.Clear(block);
                free.Add(block);
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

    /// <summary>The items of all files in start order (each file must be in start order itself; ties keep file order).</summary>
    private static IEnumerable<Item> Merged(IReadOnlyList<string> files, Action<Rejection> onRejection, CancellationToken cancellationToken)
    {
        var sources = files.Select((f, i) => (Index: i, Items: Read(f, onRejection).GetEnumerator())).ToArray();
        var heads = new PriorityQueue<(int Source, Item Item), (DateTimeOffset Start, int Source)>();
        try
        {
            foreach (var (index, items) in sources)
            {
                if (items.MoveNext())
                    heads.Enqueue((index, items.Current), (items.Current.Start, index));
            }

            var recent = new RecentIds();
            while (heads.TryDequeue(out var head, out _))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (recent.FirstSeen(head.Item) is { } first)
                {
                    onRejection(new Rejection(head.Item.File, head.Item.Line, "id", head.Item.Id,
                        $"the {head.Item.Source} id was already read at {first.File}:{first.Line}; it is counted once", ""));
                }
                else
                {
                    yield return head.Item;
                }

                var items = sources[head.Source].Items;
                if (items.MoveNext())
                    heads.Enqueue((head.Source, items.Current), (items.Current.Start, head.Source));
            }
        }
        finally
        {
            foreach (var (_, items) in sources)
                items.Dispose();
        }
    }

    /// <summary>
    /// Remembers the ids read in the last day of start times, so an item exported twice (overlapping
    /// exports, a file given twice) is counted once. A repeat further apart than a day would need
    /// every id in memory; the store, which keys by id, catches those.
    /// </summary>
    private sealed class RecentIds
    {
        private static readonly TimeSpan Window = TimeSpan.FromDays(1);
        // Keyed by a 128-bit hash of the id rather than the id, so that a day of ids is not a day of strings
        // kept alive: two different ids of one day share a hash with a probability far below 10^-25. The
        // tables hold no references either (a file is its index in files), so the collector never scans them.
        private readonly Dictionary<UInt128, (int File, long Line)> interactions = [];
        private readonly Dictionary<UInt128, (int File, long Line)> usage = [];
        private readonly List<string> files = [];

        // Items arrive in start order, so the oldest ids leave from the front of a queue.
        private readonly Queue<(long StartTicks, bool IsUsage, UInt128 Id)> byStart = new();

        /// <summary>Where the item's id was first read, when it was read before; else remembers it and returns null.</summary>
        public (string File, long Line)? FirstSeen(Item item)
        {
            var window = (item.Start - Window).UtcTicks;
            while (byStart.TryPeek(out var oldest) && oldest.StartTicks < window)
            {
                byStart.Dequeue();
                (oldest.IsUsage ? usage : interactions).Remove(oldest.Id);
            }

            var isUsage = item.Interaction is null;
            var id = XxHash128.HashToUInt128(MemoryMarshal.AsBytes(item.Id.AsSpan()));
            ref var first = ref CollectionsMarshal.GetValueRefOrAddDefault(isUsage ? usage : interactions, id, out var exists);
            if (exists)
                return (files[first.File], first.Line);
            first = (FileIndex(item.File), item.Line);
            byStart.Enqueue((item.Start.UtcTicks, isUsage, id));
            return null;
        }

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
    }

    private static readonly string[] LinkColumns = [EpisodeStitcher.LinkColumn];

    private static IEnumerable<Item> Read(string file, Action<Rejection> onRejection)
    {
        switch (CsvKinds.Detect(file))
        {
            case CsvKind.Interactions:
                // Of the extra columns only the link between contacts is used here (episodes); the rest are not kept.
                foreach (var result in CanonicalCsvReader.ReadFile(file, LinkColumns))
                {
                    if (result.Rejection is { } r)
                        onRejection(r);
                    else
                        yield return new Item(result.Item, null, file, result.Line);
                }

                break;

            case CsvKind.Usage:
                foreach (var result in UsageCsvReader.ReadFile(file))
                {
                    if (result.Rejection is { } r)
                        onRejection(r);
                    else
                        yield return new Item(null, result.Item, file, result.Line);
                }

                break;

            default:
                throw new InputFormatException(file, 1,
                    "is neither an interaction file (columns id, channel, start) nor a usage file (columns id, meter, quantity, start); see docs/formats.md");
        }
    }
}
