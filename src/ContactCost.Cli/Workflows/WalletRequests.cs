using ContactCost.Interactions;
using ContactCost.Rating;
using ContactCost.Storage;
using ContactCost.Tenants;
using ContactCost.Usage;
using ContactCost.Wallets;

namespace ContactCost.Cli.Workflows;

/// <summary>
/// Turns what a person types (a wallet and an amount, or a meter and a quantity) into wallet
/// operations: amounts in the wallet's own currency, meters priced with the price book in force.
/// </summary>
internal static class WalletRequests
{
    /// <summary>An amount in the currency of the wallet (or of the reservation's wallet); a clear error when neither exists.</summary>
    public static async Task<Money> AmountAsync(IStore store, TenantId tenant, string? wallet, string? reservation, decimal amount, CancellationToken cancellationToken)
    {
        var walletId = wallet ?? await store.GetReservationWalletAsync(tenant, reservation!, cancellationToken).ConfigureAwait(false)
            ?? throw new CommandFailedException($"There is no reservation '{reservation}'.");
        var currency = await store.GetWalletCurrencyAsync(tenant, walletId, cancellationToken).ConfigureAwait(false)
            ?? throw new CommandFailedException($"There is no wallet '{walletId}'; create it first: ccost wallet create --id {walletId} --currency USD");
        return new Money(amount, currency);
    }

    /// <summary>What <paramref name="quantity"/> of <paramref name="meter"/> costs now, with the price book in force today.</summary>
    public static async Task<(Money Price, Func<decimal, Money> PriceOf)> PriceAsync(
        IStore store, TenantId tenant, Meter meter, decimal quantity, Direction? direction, string? destination, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var books = await DocumentLoading.PriceBooksAsync(store, tenant, cancellationToken).ConfigureAwait(false);
        if (books.Count == 0)
            throw new CommandFailedException($"Tenant '{tenant}' has no price book to price {meter.Name()} with; load one, or authorize an --amount.");
        var zone = (await TenantSettingsLookup.GetAsync(store, tenant, cancellationToken).ConfigureAwait(false)).TimeZone;
        var history = new PriceBookHistory(books);

        // A fresh rater per price: an authorization is priced as if it were the only usage.
        Money PriceOf(decimal q)
        {
            var lines = new List<ChargeLine>();
            new Rater(history, zone).Rate(new UsageRecord("authorize", meter, q, now) { Direction = direction, Destination = destination }, lines);
            return lines.Select(l => l.Amount).Sum(history.Currency);
        }

        var probe = new List<ChargeLine>();
        new Rater(history, zone).Rate(new UsageRecord("authorize", meter, quantity, now) { Direction = direction, Destination = destination }, probe);
        if (probe.Count == 0)
        {
            throw new CommandFailedException(
                $"No charge of the price book in force prices {meter.Name()}{(direction is { } d ? $" {d.Name()}" : "")}; give --direction or --destination if its charges are filtered, or authorize an --amount.");
        }

        return (probe.Select(l => l.Amount).Sum(history.Currency), PriceOf);
    }

    /// <summary>
    /// The largest quantity whose price fits in <paramref name="spendable"/>: how long a call may
    /// last with the credit there is (prices only grow with the quantity, so a binary search finds it).
    /// </summary>
    public static decimal AffordableQuantity(Func<decimal, Money> priceOf, Money spendable, decimal upTo)
    {
        if (spendable.Amount <= 0m || priceOf(1m) > spendable)
            return 0m;
        decimal low = 1m, high = decimal.Floor(upTo);
        while (low < high)
        {
            var middle = decimal.Ceiling((low + high) / 2m);
            if (priceOf(middle) <= spendable)
                low = middle;
            else
                high = middle - 1m;
        }

        return low;
    }
}
