using ContactCost.Invoicing;
using ContactCost.Periods;
using ContactCost.Rating;
using ContactCost.Storage;
using ContactCost.Tenants;

namespace ContactCost.Cli.Workflows;

/// <summary>
/// Postpaid invoicing of a billing month: rate what is unrated, sum the month's charge lines per
/// charge, and issue the invoice; when one is issued already and the lines have changed since
/// (late usage, a back-dated price), issue an adjustment for the difference instead.
/// </summary>
internal static class PeriodInvoicing
{
    /// <summary>The document the run produced or found, and whether it was issued now.</summary>
    public sealed record Result(Invoice Document, bool IssuedNow);

    public static async Task<Result> InvoiceAsync(IStore store, TenantId tenant, ReportingPeriod month, decimal? taxRate, CancellationToken cancellationToken)
    {
        if (month.Kind != PeriodKind.Month)
            throw new CommandFailedException($"Invoices are per billing month: write --period as yyyy-MM, not {month}.");

        await StoreRating.RateAsync(store, tenant, null, cancellationToken).ConfigureAwait(false);
        var basis = await store.GetRatingBasisAsync(tenant, cancellationToken).ConfigureAwait(false);
        var books = await DocumentLoading.PriceBooksAsync(store, tenant, cancellationToken).ConfigureAwait(false);
        var history = new PriceBookHistory(books);
        var zone = (await TenantSettingsLookup.GetAsync(store, tenant, cancellationToken).ConfigureAwait(false)).TimeZone;

        // Flat and one-time charges belong to the month whether or not it had usage.
        await StoreRating.SaveMonthLinesAsync(store, tenant, basis, new Rater(history, zone), month, zone, cancellationToken).ConfigureAwait(false);
        var totals = await store.SumChargesAsync(tenant, month.StartUtc(zone), month.EndUtc(zone), cancellationToken: cancellationToken).ConfigureAwait(false);

        var descriptions = books.SelectMany(b => b.Charges).Where(c => c.Description is not null)
            .GroupBy(c => c.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().Description, StringComparer.Ordinal);
        var current = totals.Select(t => new InvoiceLine(t.ChargeId, descriptions.GetValueOrDefault(t.ChargeId), t.BilledQuantity,
            Money.FromMinorUnits(t.AmountMinorUnits, history.Currency))).ToArray();

        var issued = await store.GetInvoicesAsync(tenant, month.ToString(), cancellationToken).ConfigureAwait(false);
        var original = issued.FirstOrDefault(i => i.Kind == InvoiceKind.Invoice);
        if (original is not null && taxRate is { } rate && rate != original.TaxRate)
            throw new CommandFailedException(
                $"{original.Number} for {month} was issued with tax rate {original.TaxRate}; its adjustments use the same rate. Leave out --tax-rate.");

        var draft = Invoice.Next(month.ToString(), history.Currency, current, issued, taxRate ?? 0m);
        if (draft is null)
            return new Result(issued[^1], IssuedNow: false);
        return new Result(await store.IssueInvoiceAsync(tenant, draft, cancellationToken).ConfigureAwait(false), IssuedNow: true);
    }
}
