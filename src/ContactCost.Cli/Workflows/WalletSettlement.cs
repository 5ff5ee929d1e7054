using ContactCost.Storage;
using ContactCost.Tenants;
using ContactCost.Wallets;

namespace ContactCost.Cli.Workflows;

/// <summary>
/// Charges rated usage to a prepaid wallet: every rated item not charged yet, oldest first, each
/// with its own operation id, so a run that stops (or runs twice) never charges an item twice.
/// Items go in pages of one transaction each; in the page where the credit runs out, an item the
/// credit cannot cover is skipped while smaller later items of that page may still be charged, and
/// no further page is sent. The summary counts exactly what was charged and what is still owed.
/// </summary>
internal static class WalletSettlement
{
    private const int PageSize = 1_000;

    public sealed record Summary(long Charged, Money ChargedAmount, long Pending, Money PendingAmount, WalletResult? Denial);

    public static async Task<Summary> SettleAsync(IStore store, TenantId tenant, string wallet, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var currency = await store.GetWalletCurrencyAsync(tenant, wallet, cancellationToken).ConfigureAwait(false)
            ?? throw new CommandFailedException($"There is no wallet '{wallet}'; create it first: ccost wallet create --id {wallet} --currency USD");
        var books = await DocumentLoading.PriceBooksAsync(store, tenant, cancellationToken).ConfigureAwait(false);
        if (books.Count > 0 && books[0].Currency != currency)
        {
            // Rated amounts are minor units of the price book's currency: charging them as another currency would be wrong by the exchange rate.
            throw new CommandFailedException(
                $"Wallet '{wallet}' holds {currency.Code} but tenant '{tenant}' is rated in {books[0].Currency.Code}; settle to a wallet in {books[0].Currency.Code}.");
        }
        long charged = 0;
        var chargedAmount = Money.Zero(currency);
        while (true)
        {
            var page = await store.ReadUnchargedUsageAsync(tenant, PageSize, cancellationToken).ConfigureAwait(false);
            if (page.Count == 0)
                return new Summary(charged, chargedAmount, 0, Money.Zero(currency), null);

            var operations = page.Select(u => (WalletOperation)new WalletCharge(u.OperationId, wallet, Money.FromMinorUnits(u.AmountMinorUnits, currency))).ToArray();
            var results = await store.ExecuteWalletOperationsAsync(tenant, operations, now, cancellationToken).ConfigureAwait(false);
            WalletResult? denial = null;
            for (var i = 0; i < results.Count; i++)
            {
                if (results[i].Status == WalletStatus.Accepted)
                {
                    charged++;
                    chargedAmount += Money.FromMinorUnits(page[i].AmountMinorUnits, currency);
                }
                else
                {
                    denial ??= results[i];
                }
            }

            if (denial is not null)
            {
                // Out of credit (or a wrong currency): what is left waits for the next run, after a top-up.
                var (pending, pendingMinor) = await store.SumUnchargedUsageAsync(tenant, cancellationToken).ConfigureAwait(false);
                return new Summary(charged, chargedAmount, pending, Money.FromMinorUnits(pendingMinor, currency), denial);
            }
        }
    }
}
