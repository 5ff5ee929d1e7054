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
    public const int BatchSize = 5_000;

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
        ImportAsync(records, batch => store.AddInteractionsAsync(tenant, batch, cancellationToken), i => i.Id, CanonicalCsvWriter.RecordOf, source, quarantine, progress, cancellationToken);

    public static Task<Counts> ImportAsync(
        IStore store, TenantId tenant, string source, IEnumerable<ReadResult<UsageRecord>> records,
        Action<Rejection> quarantine, IProgress<long>? progress, CancellationToken cancellationToken) =>
        ImportAsync(records, batch => store.AddUsageAsync(tenant, batch, cancellationToken), u => u.Id,
            u => string.Create(CultureInfo.InvariantCulture, $"{u.Id},{u.Meter.Name()},{u.Quantity},{u.Start:yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK}"), source, quarantine, progress, cancellationToken);

    private static async Task<Counts> ImportAsync<T>(
        IEnumerable<ReadResult<T>> records,
        Func<IReadOnlyList<T>, Task<BatchResult>> add,
        Func<T, string> idOf,
        Func<T, string> recordOf,
        string source,
        Action<Rejection> quarantine,
        IProgress<long>? progress,
        CancellationToken cancellationToken)
        where T : class
    {
        // Both cores: a thread of its own reads and parses the file into blocks, a few blocks
        // ahead of this one, which quarantines and stores them in file order.
        var blocks = System.Threading.Channels.Channel.CreateBounded<List<ReadResult<T>>>(
            new BoundedChannelOptions(ReadAhead) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reading = Task.Factory.StartNew(
            () => ReadBlocks(records, blocks.Writer, stop.Token), stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        var total = Counts.None;
        var batch = new List<T>(BatchSize);
        var lines = new List<long>(BatchSize);
        try
        {
            await foreach (var block in blocks.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                foreach (var record in block)
                {
                    if (record.Rejection is { } rejection)
                    {
                        quarantine(rejection);
                        total += new Counts(1, 0, 0, 0, 1);
                        continue;
                    }

                    batch.Add(record.Item!);
                    lines.Add(record.Line);
                }

                total += await StoreAsync(batch, lines, add, idOf, recordOf, source, quarantine).ConfigureAwait(false);
                progress?.Report(total.Read);
                batch.Clear();
                lines.Clear();
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
        List<T> batch, List<long> lines, Func<IReadOnlyList<T>, Task<BatchResult>> add,
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

    // Runs on its own thread: blocks of BatchSize records (good or rejected), in file order. On an
    // error the partial block is dropped, and the error goes to the awaiting side with the task.
    private static void ReadBlocks<T>(IEnumerable<ReadResult<T>> records, ChannelWriter<List<ReadResult<T>>> blocks, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            var block = new List<ReadResult<T>>(BatchSize);
            var good = 0;
            foreach (var record in records)
            {
                block.Add(record);
                if (record.Rejection is null)
                    good++;
                if (good < BatchSize)
                    continue;
                Send(blocks, block, cancellationToken);
                block = new List<ReadResult<T>>(BatchSize);
                good = 0;
            }

            if (block.Count > 0)
                Send(blocks, block, cancellationToken);
        }
        finally
        {
            blocks.TryComplete();
        }
    }

    private static void Send<T>(ChannelWriter<T> blocks, T block, CancellationToken cancellationToken)
    {
        while (!blocks.TryWrite(block))
        {
            if (!blocks.WaitToWriteAsync(cancellationToken).AsTask().GetAwaiter().GetResult())
                throw new InvalidOperationException("The import stopped taking blocks.");
        }
    }
}
