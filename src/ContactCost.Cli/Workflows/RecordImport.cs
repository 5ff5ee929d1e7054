using System.Globalization;
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
        var total = Counts.None;
        var batch = new List<T>(BatchSize);
        var lines = new List<long>(BatchSize);

        async Task FlushAsync()
        {
            if (batch.Count == 0)
                return;
            var result = await add(batch).ConfigureAwait(false);
            for (var i = 0; i < batch.Count; i++)
            {
                if (result.Outcomes[i] == WriteOutcome.Conflict)
                {
                    quarantine(new Rejection(source, lines[i], "id", idOf(batch[i]),
                        "a record with this id is already stored with different content; the stored one was kept", recordOf(batch[i])));
                }
            }

            total += new Counts(batch.Count, result.Added, result.Duplicates, result.Conflicts, 0);
            progress?.Report(total.Read);
            batch.Clear();
            lines.Clear();
        }

        foreach (var record in records)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (record.Rejection is { } rejection)
            {
                quarantine(rejection);
                total += new Counts(1, 0, 0, 0, 1);
                continue;
            }

            batch.Add(record.Item!);
            lines.Add(record.Line);
            if (batch.Count == BatchSize)
                await FlushAsync().ConfigureAwait(false);
        }

        await FlushAsync().ConfigureAwait(false);
        return total;
    }
}
