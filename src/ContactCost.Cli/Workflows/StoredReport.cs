using ContactCost.Costing;
using ContactCost.Episodes;
using ContactCost.Periods;
using ContactCost.Rating;
using ContactCost.Storage;
using ContactCost.Tenants;

namespace ContactCost.Cli.Workflows;

/// <summary>
/// The cost report of a period from what the store holds: the channel sums come from one query,
/// then the period's interactions are read once, in start order, to cost each one and stitch episodes.
/// </summary>
internal static class StoredReport
{
    /// <summary>The channel report of <paramref name="period"/> (the first pass: sums only).</summary>
    public static async Task<CostReport> BuildAsync(IStore store, TenantId tenant, ReportingPeriod period, CancellationToken cancellationToken)
    {
        var sources = await SourcesAsync(store, tenant, cancellationToken).ConfigureAwait(false);
        return sources.Report(period, await ActivityAsync(store, tenant, sources, period, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The full analysis of <paramref name="period"/>: the report, then every interaction costed and stitched into episodes.</summary>
    public static async Task<CostAnalysis> AnalyseAsync(
        IStore store, TenantId tenant, ReportingPeriod period, TimeSpan episodeGap, Action<Episode>? onEpisode,
        IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var sources = await SourcesAsync(store, tenant, cancellationToken).ConfigureAwait(false);
        var report = sources.Report(period, await ActivityAsync(store, tenant, sources, period, cancellationToken).ConfigureAwait(false));
        using var analyzer = new CostAnalyzer(report, sources.Model, sources.Zone, episodeGap, onEpisode);
        long done = 0;
        await foreach (var (interaction, usage) in store.ReadPricedInteractionsAsync(tenant, period.StartUtc(sources.Zone), period.EndUtc(sources.Zone), cancellationToken).ConfigureAwait(false))
        {
            analyzer.Add(interaction, Money.FromMinorUnits(usage ?? 0, report.Currency));
            if (++done % 100_000 == 0)
                progress?.Report(done);
        }

        progress?.Report(done);
        return analyzer.Finish();
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

    private static async Task<(IReadOnlyList<ChannelActivity> Activity, IReadOnlyList<(string ChargeId, Money Amount)> Shared)> ActivityAsync(
        IStore store, TenantId tenant, ReportSources sources, ReportingPeriod period, CancellationToken cancellationToken)
    {
        var from = period.StartUtc(sources.Zone);
        var to = period.EndUtc(sources.Zone);
        var activity = await store.SummarizeByChannelAsync(tenant, from, to, cancellationToken).ConfigureAwait(false);
        var usage = await store.SumChargesAsync(tenant, from, to, RatedSource.Usage, cancellationToken).ConfigureAwait(false);
        var shared = usage.Where(t => !sources.SeatCharges.Contains(t.ChargeId))
            .Select(t => (t.ChargeId, Money.FromMinorUnits(t.AmountMinorUnits, sources.Model.Currency)))
            .ToArray();
        return (activity, shared);
    }

    private static async Task<ReportSources> SourcesAsync(IStore store, TenantId tenant, CancellationToken cancellationToken)
    {
        var settings = await TenantSettingsLookup.GetAsync(store, tenant, cancellationToken).ConfigureAwait(false);
        var model = await DocumentLoading.CostModelAsync(store, tenant, cancellationToken).ConfigureAwait(false);
        var books = await DocumentLoading.PriceBooksAsync(store, tenant, cancellationToken).ConfigureAwait(false);
        return new ReportSources(model, books.Count == 0 ? null : new PriceBookHistory(books), settings.TimeZone);
    }
}

/// <summary>What a report is costed with: the cost model, the price books and the time zone of its days.</summary>
internal sealed record ReportSources(CostModel Model, PriceBookHistory? Prices, TimeZoneInfo Zone)
{
    /// <summary>
    /// Per-seat charges: rated seat usage is left out of a report because the report prices
    /// licences from the cost model's headcount, once.
    /// </summary>
    public IReadOnlySet<string> SeatCharges { get; } =
        (Prices?.Versions.SelectMany(b => b.Charges) ?? []).Where(c => c.Model is PerSeatModel).Select(c => c.Id).ToHashSet(StringComparer.Ordinal);

    /// <summary>The channel report of <paramref name="period"/> from its activity and the usage no interaction caused.</summary>
    public CostReport Report(ReportingPeriod period, (IReadOnlyList<ChannelActivity> Activity, IReadOnlyList<(string ChargeId, Money Amount)> Shared) sums) =>
        CostReport.Compute(period, Zone, Model, Prices, sums.Activity, sums.Shared);
}
