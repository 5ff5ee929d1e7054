using ContactCost.Interactions;
using ContactCost.Periods;
using ContactCost.Rating;
using ContactCost.Storage;
using ContactCost.Tenants;
using ContactCost.Usage;

namespace ContactCost.Cli.Workflows;

/// <summary>
/// Rates what the store holds unrated. When every charge prices items on their own (per-unit),
/// only the unrated items are rated. When a charge accumulates per billing month (tiers,
/// allowances, packages, volume), every month that has unrated items is rated again from its
/// first item in time order, so an item imported late still lands in the right tier.
/// </summary>
internal static class StoreRating
{
    private const int PageSize = 5_000;

    /// <summary>What a rating run did.</summary>
    public sealed record Summary(long Rated, long Lines, long WithoutPriceBook, Money Amount, IReadOnlyList<ReportingPeriod> MonthsRerated);

    public static async Task<Summary> RateAsync(IStore store, TenantId tenant, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        // The basis before what it versions: a price book or zone that changes after this read makes the saves below fail.
        var basis = await store.GetRatingBasisAsync(tenant, cancellationToken).ConfigureAwait(false);
        var books = await DocumentLoading.PriceBooksAsync(store, tenant, cancellationToken).ConfigureAwait(false);
        if (books.Count == 0)
            throw new CommandFailedException($"Tenant '{tenant}' has no price book yet. Load one first: ccost pricebook load samples/pricebook.json");
        var zone = (await TenantSettingsLookup.GetAsync(store, tenant, cancellationToken).ConfigureAwait(false)).TimeZone;
        var rater = new Rater(new PriceBookHistory(books), zone);
        var run = new Run(store, tenant, basis, rater, progress, cancellationToken);

        var span = await store.GetUnratedSpanAsync(tenant, cancellationToken).ConfigureAwait(false);
        if (span is not { } unrated)
            return run.Summary([]);

        var months = MonthsBetween(unrated.First, unrated.Last, zone);
        var rerated = new List<ReportingPeriod>();
        if (!rater.IsOrderSensitive)
        {
            // New lines join their month's rounding carry where the lines already rated left it.
            foreach (var month in months)
                await ContinueMonthAsync(store, tenant, rater, month, zone, cancellationToken).ConfigureAwait(false);
            await run.RateUnratedAsync(unrated.First, unrated.Last.AddMilliseconds(1)).ConfigureAwait(false);
        }
        else
        {
            foreach (var month in months)
            {
                var from = month.StartUtc(zone);
                var to = month.EndUtc(zone);
                if (await store.CountUnratedAsync(tenant, from, to, cancellationToken).ConfigureAwait(false) == 0)
                    continue;
                await store.ResetRatingsAsync(tenant, from, to, cancellationToken).ConfigureAwait(false);
                if (rater.NeedsMeasuring)
                    await run.MeasureAsync(from, to).ConfigureAwait(false);
                await run.RateUnratedAsync(from, to).ConfigureAwait(false);
                rerated.Add(month);
            }
        }

        foreach (var month in months)
            await SaveMonthLinesAsync(store, tenant, basis, rater, month, zone, cancellationToken).ConfigureAwait(false);
        return run.Summary(rerated);
    }

    private static async Task ContinueMonthAsync(IStore store, TenantId tenant, Rater rater, ReportingPeriod month, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        var (from, to) = (month.StartUtc(zone), month.EndUtc(zone));
        var rated = (await store.SumChargesAsync(tenant, from, to, RatedSource.Interaction, cancellationToken).ConfigureAwait(false))
            .Concat(await store.SumChargesAsync(tenant, from, to, RatedSource.Usage, cancellationToken).ConfigureAwait(false))
            .GroupBy(t => t.ChargeId, StringComparer.Ordinal);
        var minor = rater.Prices.Currency.MinorUnit;
        foreach (var charge in rated)
        {
            rater.Continue(charge.Key, month.FirstDay.Year, month.FirstDay.Month,
                charge.Sum(t => t.ExactAmount), charge.Sum(t => t.AmountMinorUnits) * minor, charge.Sum(t => t.BilledQuantity));
        }
    }

    /// <summary>Stores the flat and one-time lines a billing month owes, replacing what it had; <paramref name="rater"/> rates from <paramref name="basis"/>.</summary>
    public static async Task SaveMonthLinesAsync(IStore store, TenantId tenant, RatingBasis basis, Rater rater, ReportingPeriod month, TimeZoneInfo zone, CancellationToken cancellationToken) =>
        await store.SaveMonthLinesAsync(tenant, basis, month.ToString(), month.StartUtc(zone),
            rater.RateMonth(month.FirstDay.Year, month.FirstDay.Month), cancellationToken).ConfigureAwait(false);

    public static IReadOnlyList<ReportingPeriod> MonthsBetween(DateTimeOffset first, DateTimeOffset last, TimeZoneInfo zone)
    {
        var months = new List<ReportingPeriod>();
        var end = ReportingPeriod.Containing(PeriodKind.Month, last, zone);
        for (var m = ReportingPeriod.Containing(PeriodKind.Month, first, zone); m.FirstDay <= end.FirstDay; m = m.Next())
            months.Add(m);
        return months;
    }

    /// <summary>One rating run's counters and its paging through the store.</summary>
    private sealed class Run(IStore store, TenantId tenant, RatingBasis basis, Rater rater, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        private readonly List<ChargeLine> lines = [];
        private long rated, lineCount, withoutBook, seen;
        private Money amount = Money.Zero(rater.Prices.Currency);

        public Summary Summary(IReadOnlyList<ReportingPeriod> rerated) => new(rated, lineCount, withoutBook, amount, rerated);

        // The volume tiers' first pass: every item of the range counts towards its month's total.
        public async Task MeasureAsync(DateTimeOffset from, DateTimeOffset to)
        {
            await foreach (var interaction in store.ReadInteractionsAsync(tenant, from, to, cancellationToken).ConfigureAwait(false))
                rater.Measure(interaction);
            await foreach (var record in store.ReadUsageAsync(tenant, from, to, cancellationToken).ConfigureAwait(false))
                rater.Measure(record);
        }

        // Pages through the range's unrated interactions and usage records, merged by start time.
        public async Task RateUnratedAsync(DateTimeOffset from, DateTimeOffset to)
        {
            var interactions = new Pager<Interaction>((cursor, limit) => store.ReadUnratedInteractionsAsync(tenant, cursor, to, limit, cancellationToken), i => (i.Start, i.Id), from);
            var usage = new Pager<UsageRecord>((cursor, limit) => store.ReadUnratedUsageAsync(tenant, cursor, to, limit, cancellationToken), u => (u.Start, u.Id), from);
            var batch = new List<RatedItem>(PageSize);
            while (true)
            {
                var nextInteraction = await interactions.PeekAsync().ConfigureAwait(false);
                var nextUsage = await usage.PeekAsync().ConfigureAwait(false);
                if (nextInteraction is null && nextUsage is null)
                    break;

                // Ties go to the interaction, so the order is the same on every run.
                if (nextUsage is null || (nextInteraction is not null && nextInteraction.Start <= nextUsage.Start))
                    Add(batch, RatedSource.Interaction, interactions.Take().Id, nextInteraction!.Start, rater.Rate(nextInteraction, Cleared()));
                else
                    Add(batch, RatedSource.Usage, usage.Take().Id, nextUsage.Start, rater.Rate(nextUsage, Cleared()));

                if (batch.Count == PageSize)
                    await SaveAsync(batch).ConfigureAwait(false);
            }

            await SaveAsync(batch).ConfigureAwait(false);
        }

        private List<ChargeLine> Cleared()
        {
            lines.Clear();
            return lines;
        }

        private void Add(List<RatedItem> batch, RatedSource source, string id, DateTimeOffset start, PriceBook? version)
        {
            seen++;
            if (version is null)
            {
                withoutBook++; // before the first version took effect: left unrated, reported
                return;
            }

            batch.Add(new RatedItem(source, id, start, version.Version, lines.ToArray()));
        }

        private async Task SaveAsync(List<RatedItem> batch)
        {
            if (batch.Count == 0)
                return;
            var saved = await store.SaveRatingsAsync(tenant, basis, batch, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < batch.Count; i++)
            {
                if (!saved[i])
                    continue; // another run rated it first; its charge is that run's
                rated++;
                lineCount += batch[i].Lines.Count;
                foreach (var line in batch[i].Lines)
                    amount += line.Amount;
            }

            batch.Clear();
            progress?.Report(seen);
        }
    }

    /// <summary>Reads one kind of unrated item a page at a time, following a (start, id) cursor.</summary>
    private sealed class Pager<T>(Func<RatingCursor, int, Task<IReadOnlyList<T>>> read, Func<T, (DateTimeOffset Start, string Id)> keyOf, DateTimeOffset from)
        where T : class
    {
        private IReadOnlyList<T> page = [];
        private int index;
        private bool done;
        private RatingCursor cursor = new(from, ""); // ids are never empty, so (start, id) > (from, "") is start >= from

        public async Task<T?> PeekAsync()
        {
            if (index < page.Count)
                return page[index];
            if (done)
                return null;
            page = await read(cursor, PageSize).ConfigureAwait(false);
            index = 0;
            if (page.Count == 0)
            {
                done = true;
                return null;
            }

            var (start, id) = keyOf(page[^1]);
            cursor = new RatingCursor(start, id);
            return page[0];
        }

        public T Take() => page[index++];
    }
}
