using System.Globalization;
using System.Threading.Channels;
using ContactCost.Formats.Canonical;
using ContactCost.Formats.Import;
using ContactCost.Interactions;
using ContactCost.Rating;
using ContactCost.Storage;
using ContactCost.Tenants;
using ContactCost.Usage;

namespace ContactCost.Cli.Workflows;

/// <summary>
/// Moves what a reader produced into the store in batches. Good records land; bad ones, and ids
/// already stored with other content, go to the quarantine with their reason; nothing is dropped
/// silently. Each batch is one transaction, so an interrupted import keeps whole batches only and
/// running it again adds just what is missing.
/// </summary>
internal static class RecordImport
{
    // Small on purpose: every collection copies the interactions still in flight (this batch and the blocks
    // read ahead) out of gen 0. 2,000 took 10M rows in 33 s where 5,000 took 42 s and 20,000 no less;
    // commits cost little now that checkpoints run on their own thread (SqliteStore's WalCheckpointer).
    public const int BatchSize = 2_000;

    // Blocks read ahead of the store: enough to keep the reading thread busy while a batch commits.
    private const int ReadAhead = 2;

    /// <summary>The counts of one import; <see cref="Read"/> = added + duplicates + conflicts + rejected.</summary>
    public sealed record Counts(long Read, long Added, long Duplicates, long Conflicts, long Rejected)
    {
        public static Counts None { get; } = new(0, 0, 0, 0, 0);

        /// <summary>Records refused for any reason (bad content or a conflicting id).</summary>
        public long Refused => Conflicts + Rejected;

        public static Counts operator +(Counts a, Counts b) =>
            new(a.Read + b.Read, a.Added + b.Added, a.Duplicates + b.Duplicates, a.Conflicts + b.Conflicts, a.Rejected + b.Rejected);
    }

    public static Task<Counts> ImportAsync(
        IStore store, TenantId tenant, string source, IEnumerable<ReadResult<Interaction>> records,
        Action<Rejection> quarantine, IProgress<long>? progress, CancellationToken cancellationToken) =>
        ImportAsync(records, good => new InteractionBatch(good), batch => store.AddInteractionsAsync(tenant, batch, cancellationToken),
            i => i.Id, CanonicalCsvWriter.RecordOf, source, quarantine, progress, cancellationToken);

    public static Task<Counts> ImportAsync(
        IStore store, TenantId tenant, string source, IEnumerable<ReadResult<UsageRecord>> records,
        Action<Rejection> quarantine, IProgress<long>? progress, CancellationToken cancellationToken) =>
        ImportAsync(records, good => good, batch => store.AddUsageAsync(tenant, batch, cancellationToken), u => u.Id,
            u => string.Create(CultureInfo.InvariantCulture, $"{u.Id},{u.Meter.Name()},{u.Quantity},{u.Start:yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK}"), source, quarantine, progress, cancellationToken);

    private static async Task<Counts> ImportAsync<T>(
        IEnumerable<ReadResult<T>> records,
        Func<List<T>, IReadOnlyList<T>> prepare,
        Func<IReadOnlyList<T>, Task<BatchResult>> add,
        Func<T, string> idOf,
        Func<T, string> recordOf,
        string source,
        Action<Rejection> quarantine,
        IProgress<long>? progress,
        CancellationToken cancellationToken)
        where T : class
    {
        // Both cores: a thread of its own reads and parses the file into blocks, and prepares each block's
        // batch for the store (an interaction batch takes its content hashes there), a few blocks ahead of
        // this one, which quarantines and stores them in file order.
        var blocks = System.Threading.Channels.Channel.CreateBounded<Block<T>>(
            new BoundedChannelOptions(ReadAhead) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reading = Task.Factory.StartNew(
            () => ReadBlocks(records, prepare, blocks.Writer, stop.Token), stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        var total = Counts.None;
        try
        {
            await foreach (var block in blocks.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                foreach (var rejection in block.Rejections)
                    quarantine(rejection);
                total += new Counts(block.Rejections.Count, 0, 0, 0, block.Rejections.Count);
                total += await StoreAsync(block.Batch, block.Lines, add, idOf, recordOf, source, quarantine).ConfigureAwait(false);
                (block.Batch as IDisposable)?.Dispose(); // stored: an interaction batch's encoded texts go back to their pool
                progress?.Report(total.Read);
            }
        }
        catch
        {
            await stop.CancelAsync().ConfigureAwait(false);
            try
            {
                await reading.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // the reader stopped because this side failed; this side's error is the one to report
            }

            throw;
        }

        // A reading error (an unusable header, a file that is not text) surfaces here, after the
        // whole blocks read before it are stored, as a one-thread import would have left them.
        await reading.ConfigureAwait(false);
        return total;
    }

    // One block's good records, added in one transaction; conflicts are quarantined with their line.
    private static async Task<Counts> StoreAsync<T>(
        IReadOnlyList<T> batch, List<long> lines, Func<IReadOnlyList<T>, Task<BatchResult>> add,
        Func<T, string> idOf, Func<T, string> recordOf, string source, Action<Rejection> quarantine)
    {
        if (batch.Count == 0)
            return Counts.None;
        var result = await add(batch).ConfigureAwait(false);
        for (var i = 0; i < batch.Count; i++)
        {
            if (result.Outcomes[i] == WriteOutcome.Conflict)
            {
                quarantine(new Rejection(source, lines[i], "id", idOf(batch[i]),
                    "a record with this id is already stored with different content; the stored one was kept", recordOf(batch[i])));
            }
        }

        return new Counts(batch.Count, result.Added, result.Duplicates, result.Conflicts, 0);
    }

    // Runs on its own thread: blocks of BatchSize good records, prepared for the store, with their lines and
    // the records refused among them, in file order. On an error the partial block is dropped, and the error
    // goes to the awaiting side with the task.
    private static void ReadBlocks<T>(
        IEnumerable<ReadResult<T>> records, Func<List<T>, IReadOnlyList<T>> prepare, ChannelWriter<Block<T>> blocks, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            var (good, lines, rejections) = (new List<T>(BatchSize), new List<long>(BatchSize), new List<Rejection>());
            foreach (var record in records)
            {
                if (record.Rejection is { } rejection)
                {
                    rejections.Add(rejection);
                    continue;
                }

                good.Add(record.Item!);
                lines.Add(record.Line);
                if (good.Count < BatchSize)
                    continue;
                Send(blocks, new Block<T>(rejections, prepare(good), lines), cancellationToken);
                (good, lines, rejections) = (new List<T>(BatchSize), new List<long>(BatchSize), new List<Rejection>());
            }

            if (good.Count > 0 || rejections.Count > 0)
                Send(blocks, new Block<T>(rejections, prepare(good), lines), cancellationToken);
        }
        finally
        {
            blocks.TryComplete();
        }
    }

    // What the reading thread hands over: the refused records, then the batch to store with each item's line.
    private sealed record Block<T>(List<Rejection> Rejections, IReadOnlyList<T> Batch, List<long> Lines);

    private static void Send<T>(ChannelWriter<T> blocks, T block, CancellationToken cancellationToken)
    {
        while (!blocks.TryWrite(block))
        {
            if (!blocks.WaitToWriteAsync(cancellationToken).AsTask().GetAwaiter().GetResult())
                throw new InvalidOperationException("The import stopped taking blocks.");
        }
    }
}
