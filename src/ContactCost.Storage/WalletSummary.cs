using ContactCost.Wallets;

namespace ContactCost.Storage;

/// <summary>One of a tenant's wallets as a list shows it: its figures as of a moment and its low-balance threshold.</summary>
/// <param name="Wallet">The wallet's id.</param>
/// <param name="Currency">The wallet's currency.</param>
/// <param name="Balance">Available, reserved, balance and credit limit, expiries settled first.</param>
/// <param name="LowBalance">The threshold under which available credit counts as low, or null when none is set.</param>
/// <param name="IsLow">Whether available credit is under the threshold now.</param>
public sealed record WalletSummary(string Wallet, Currency Currency, WalletBalance Balance, Money? LowBalance, bool IsLow)
{
    /// <summary>The summary of a loaded (and settled) book.</summary>
    internal static WalletSummary Of(WalletBook book) => new(
        book.Id, book.Currency, book.Balance, book.LowBalanceMinor is { } low ? Money.FromMinorUnits(low, book.Currency) : null, book.IsLow);
}
