namespace ContactCost.Wallets;

/// <summary>Where money sits. A wallet's balance is what its two accounts hold; the others are the world outside.</summary>
public enum Account
{
    /// <summary>Money paid in (the source of top-ups).</summary>
    Funding,

    /// <summary>The wallet's credit free to spend.</summary>
    Available,

    /// <summary>The wallet's credit held by open reservations.</summary>
    Reserved,

    /// <summary>Money spent on usage.</summary>
    Usage,

    /// <summary>Credit that expired unspent.</summary>
    Expired,
}

/// <summary>Why an entry was made.</summary>
public enum EntryKind
{
    /// <summary>Credit added.</summary>
    TopUp,

    /// <summary>Credit held for a reservation.</summary>
    Reserve,

    /// <summary>A reservation's usage debited.</summary>
    Commit,

    /// <summary>A reservation's unused credit given back.</summary>
    Release,

    /// <summary>A reservation that reached its time to live, released by itself.</summary>
    ReservationExpired,

    /// <summary>A one-shot debit.</summary>
    Charge,

    /// <summary>A top-up's unspent credit, expired.</summary>
    CreditExpired,
}

/// <summary>
/// One movement of money from one account to another: the double-entry ledger a wallet's balance
/// is the sum of. Entries are never changed or removed.
/// </summary>
/// <param name="Sequence">The entry's number in the wallet's ledger, from 1.</param>
/// <param name="Wallet">The wallet.</param>
/// <param name="OperationId">The operation that made it.</param>
/// <param name="Kind">Why.</param>
/// <param name="From">The account debited.</param>
/// <param name="To">The account credited.</param>
/// <param name="Amount">How much (positive).</param>
/// <param name="At">When.</param>
/// <param name="Reference">The top-up (lot) or reservation it concerns, when it concerns one.</param>
public sealed record LedgerEntry(long Sequence, string Wallet, string OperationId, EntryKind Kind, Account From, Account To, Money Amount, DateTimeOffset At, string? Reference)
{
    /// <summary>What the entry adds to the wallet's balance (available + reserved): positive in, negative out, zero for moves inside.</summary>
    public Money BalanceChange =>
        (IsWallet(To) ? Amount : Money.Zero(Amount.Currency)) - (IsWallet(From) ? Amount : Money.Zero(Amount.Currency));

    /// <summary>What the entry adds to the available account.</summary>
    public Money AvailableChange =>
        (To == Account.Available ? Amount : Money.Zero(Amount.Currency)) - (From == Account.Available ? Amount : Money.Zero(Amount.Currency));

    private static bool IsWallet(Account account) => account is Account.Available or Account.Reserved;
}
