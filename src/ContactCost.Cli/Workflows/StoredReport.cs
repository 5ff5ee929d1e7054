using ContactCost.Costing;
using ContactCost.Periods;
using ContactCost.Rating;
using ContactCost.Storage;
using ContactCost.Tenants;

namespace ContactCost.Cli.Workflows;

/// <summary>The cost report of a period from what the store holds: its activity, cost model and price books.</summary>
internal static class StoredReport
{
    public static async Task<CostReport> BuildAsync(IStore store, TenantId tenant, ReportingPeriod period, CancellationToken cancellationToken)
    {
        var settings = await TenantSettingsLookup.GetAsync(store, tenant, cancellationToken).ConfigureAwait(false);
        var model = await DocumentLoading.CostModelAsync(store, tenant, cancellationToken).ConfigureAwait(false);
        var books = await DocumentLoading.PriceBooksAsync(store, tenant, cancellationToken).ConfigureAwait(false);
        var from = period.StartUtc(settings.TimeZone);
        var to = period.EndUtc(settings.TimeZone);
        var activity = await store.SummarizeByChannelAsync(tenant, from, to, cancellationToken).ConfigureAwait(false);

        // Charges on usage records (storage, egress) are costs no interaction caused; seats are left
        // out because the report prices licences from the cost model's headcount.
        var seatCharges = books.SelectMany(b => b.Charges).Where(c => c.Model is PerSeatModel).Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var usage = await store.SumChargesAsync(tenant, from, to, RatedSource.Usage, cancellationToken).ConfigureAwait(false);
        var shared = usage.Where(t => !seatCharges.Contains(t.ChargeId))
            .Select(t => (t.ChargeId, Money.FromMinorUnits(t.AmountMinorUnits, model.Currency)))
            .ToArray();
        return CostReport.Compute(period, settings.TimeZone, model, books.Count == 0 ? null : new PriceBookHistory(books), activity, shared);
    }

    /// <summary>The month of the tenant's latest interaction, for a report run without --period; null when the store is empty.</summary>
    public static async Task<ReportingPeriod?> LatestMonthAsync(IStore store, TenantId tenant, CancellationToken cancellationToken)
    {
        var latest = await store.GetLatestStartAsync(tenant, cancellationToken).ConfigureAwait(false);
        if (latest is null)
            return null;
        var settings = await TenantSettingsLookup.GetAsync(store, tenant, cancellationToken).ConfigureAwait(false);
        return ReportingPeriod.Containing(PeriodKind.Month, latest.Value, settings.TimeZone);
    }
}
