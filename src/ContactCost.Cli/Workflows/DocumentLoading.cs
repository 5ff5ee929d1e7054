using ContactCost.Costing;
using ContactCost.Formats.CostModels;
using ContactCost.Formats.PriceBooks;
using ContactCost.Periods;
using ContactCost.Rating;
using ContactCost.Storage;
using ContactCost.Tenants;

namespace ContactCost.Cli.Workflows;

/// <summary>Price books and cost models: validated from files into the store, and read back from it.</summary>
internal static class DocumentLoading
{
    /// <summary>What loading a price-book version did, and how the charges it covers changed.</summary>
    public sealed record PriceBookLoad(PriceBook Book, DocumentSave Save, long Rerated, IReadOnlyList<ChargeDifference> Differences);

    /// <summary>One charge's total over the range a version covers, before and after loading it.</summary>
    public sealed record ChargeDifference(string ChargeId, Money Before, Money After)
    {
        public Money Change => After - Before;
    }

    /// <summary>
    /// Validates and stores a price-book version. When it is new or changed, everything it covers
    /// (from its effective day to the next version's) is rated again at once, and the totals per
    /// charge before and after are returned, so a back-dated price change shows what it changed.
    /// </summary>
    public static async Task<PriceBookLoad> LoadPriceBookAsync(IStore store, TenantId tenant, string path, CancellationToken cancellationToken) =>
        await LoadPriceBookAsync(store, tenant, await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false), Path.GetFileName(path), cancellationToken)
            .ConfigureAwait(false);

    /// <summary>As <see cref="LoadPriceBookAsync(IStore, TenantId, string, CancellationToken)"/>, for a document's text; <paramref name="name"/> names it in errors.</summary>
    public static async Task<PriceBookLoad> LoadPriceBookAsync(IStore store, TenantId tenant, string json, string name, CancellationToken cancellationToken)
    {
        var book = PriceBookJson.Read(json, name);
        var existing = await PriceBooksAsync(store, tenant, cancellationToken).ConfigureAwait(false);
        if (existing.Count > 0 && existing[0].Currency != book.Currency)
            throw new CommandFailedException(
                $"{name} is in {book.Currency.Code} but tenant '{tenant}' bills in {existing[0].Currency.Code}; one tenant uses one currency.");

        var save = await store.SavePriceBookAsync(tenant, book.Version, json, cancellationToken).ConfigureAwait(false);
        if (save == DocumentSave.Unchanged)
            return new PriceBookLoad(book, save, 0, []);

        var zone = (await TenantSettingsLookup.GetAsync(store, tenant, cancellationToken).ConfigureAwait(false)).TimeZone;
        var next = existing.Where(v => v.Effective > book.Effective).Select(v => (DateOnly?)v.Effective).Min();
        var from = ReportingPeriod.StartOfDayUtc(book.Effective, zone);
        var to = next is { } n ? ReportingPeriod.StartOfDayUtc(n, zone) : DateTimeOffset.MaxValue;

        var before = await store.SumChargesAsync(tenant, from, to, cancellationToken: cancellationToken).ConfigureAwait(false);
        var reset = await store.ResetRatingsAsync(tenant, from, to, cancellationToken).ConfigureAwait(false);
        if (reset == 0 && before.Count == 0)
            return new PriceBookLoad(book, save, 0, []);
        await StoreRating.RateAsync(store, tenant, null, cancellationToken).ConfigureAwait(false);
        var after = await store.SumChargesAsync(tenant, from, to, cancellationToken: cancellationToken).ConfigureAwait(false);

        var currency = book.Currency;
        var differences = before.Select(t => t.ChargeId).Union(after.Select(t => t.ChargeId), StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(id => new ChargeDifference(
                id,
                Money.FromMinorUnits(before.FirstOrDefault(t => t.ChargeId == id)?.AmountMinorUnits ?? 0, currency),
                Money.FromMinorUnits(after.FirstOrDefault(t => t.ChargeId == id)?.AmountMinorUnits ?? 0, currency)))
            .ToArray();
        return new PriceBookLoad(book, save, reset, differences);
    }

    public static async Task<(CostModel Model, DocumentSave Save)> LoadCostModelAsync(IStore store, TenantId tenant, string path, CancellationToken cancellationToken) =>
        await LoadCostModelAsync(store, tenant, await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false), Path.GetFileName(path), cancellationToken)
            .ConfigureAwait(false);

    /// <summary>Validates a cost model's text (<paramref name="name"/> names it in errors) and makes it the tenant's current one.</summary>
    public static async Task<(CostModel Model, DocumentSave Save)> LoadCostModelAsync(IStore store, TenantId tenant, string json, string name, CancellationToken cancellationToken)
    {
        var model = CostModelJson.Read(json, name);
        var save = await store.SaveCostModelAsync(tenant, json, cancellationToken).ConfigureAwait(false);
        return (model, save);
    }

    /// <summary>Every stored price-book version, oldest first.</summary>
    public static async Task<IReadOnlyList<PriceBook>> PriceBooksAsync(IStore store, TenantId tenant, CancellationToken cancellationToken)
    {
        var documents = await store.GetPriceBooksAsync(tenant, cancellationToken).ConfigureAwait(false);
        return documents.Select(d => PriceBookJson.Read(d.Json, $"stored price book {d.Version}")).ToArray();
    }

    /// <summary>The stored cost model; a clear error when none was loaded.</summary>
    public static async Task<CostModel> CostModelAsync(IStore store, TenantId tenant, CancellationToken cancellationToken)
    {
        var document = await store.GetCostModelAsync(tenant, cancellationToken).ConfigureAwait(false)
            ?? throw new CommandFailedException(
                $"Tenant '{tenant}' has no cost model yet. Load one first: ccost costmodel load samples/costmodel.json");
        return CostModelJson.Read(document.Json, $"stored cost model revision {document.Version}");
    }
}
