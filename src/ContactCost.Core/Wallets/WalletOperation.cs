namespace ContactCost.Wallets;

/// <summary>
/// A request to change a wallet. Every operation carries the caller's id: repeating the id (after
/// a timeout, after a crash) returns the first result and has no second effect.
/// </summary>
/// <param name="OperationId">The caller's idempotency key, unique per tenant.</param>
public abstract record WalletOperation(string OperationId)
{
    /// <summary>The operation's name in results and history (<c>topup</c>, <c>charge</c>, ...).</summary>
    public abstract string Kind { get; }

    /// <summary>The wallet the operation changes, when the request names it (commit and release name a reservation instead).</summary>
    public abstract string? WalletId { get; }
}

/// <summary>Opens a wallet.</summary>
/// <param name="OperationId">The caller's idempotency key.</param>
/// <param name="Wallet">The new wallet's id.</param>
/// <param name="Currency">The wallet's currency; every amount it holds is in it.</param>
/// <param name="CreditLimit">How far below zero available credit may go (0: strictly prepaid).</param>
/// <param name="LowBalance">Available credit below which a low-balance event is recorded; null for none.</param>
public sealed record CreateWallet(string OperationId, string Wallet, Currency Currency, Money CreditLimit, Money? LowBalance) : WalletOperation(OperationId)
{
    /// <inheritdoc />
    public override string Kind => "create";

    /// <inheritdoc />
    public override string? WalletId => Wallet;
}

/// <summary>Adds credit; credit with an expiry is spent before credit without, earliest expiry first.</summary>
/// <param name="OperationId">The caller's idempotency key.</param>
/// <param name="Wallet">The wallet.</param>
/// <param name="Amount">The credit added.</param>
/// <param name="ExpiresAt">When what is left of this credit expires; null for never.</param>
public sealed record TopUp(string OperationId, string Wallet, Money Amount, DateTimeOffset? ExpiresAt) : WalletOperation(OperationId)
{
    /// <inheritdoc />
    public override string Kind => "topup";

    /// <inheritdoc />
    public override string? WalletId => Wallet;
}

/// <summary>Reserves credit for usage about to happen (a call starting), for a time to live; the reservation's id is the operation id.</summary>
/// <param name="OperationId">The caller's idempotency key, and the reservation's id.</param>
/// <param name="Wallet">The wallet.</param>
/// <param name="Amount">The credit to reserve.</param>
/// <param name="TimeToLive">After this the reservation releases by itself.</param>
public sealed record Authorize(string OperationId, string Wallet, Money Amount, TimeSpan TimeToLive) : WalletOperation(OperationId)
{
    /// <inheritdoc />
    public override string Kind => "authorize";

    /// <inheritdoc />
    public override string? WalletId => Wallet;
}

/// <summary>Debits the actual usage of a reservation (at most its amount) and releases the rest.</summary>
/// <param name="OperationId">The caller's idempotency key.</param>
/// <param name="Reservation">The reservation (the id of the authorize operation).</param>
/// <param name="Amount">The usage to debit.</param>
public sealed record Commit(string OperationId, string Reservation, Money Amount) : WalletOperation(OperationId)
{
    /// <inheritdoc />
    public override string Kind => "commit";

    /// <inheritdoc />
    public override string? WalletId => null;
}

/// <summary>Gives a reservation's credit back unused.</summary>
/// <param name="OperationId">The caller's idempotency key.</param>
/// <param name="Reservation">The reservation.</param>
public sealed record Release(string OperationId, string Reservation) : WalletOperation(OperationId)
{
    /// <inheritdoc />
    public override string Kind => "release";

    /// <inheritdoc />
    public override string? WalletId => null;
}

/// <summary>A one-shot debit for usage priced as an event (an SMS, a chat session).</summary>
/// <param name="OperationId">The caller's idempotency key.</param>
/// <param name="Wallet">The wallet.</param>
/// <param name="Amount">The debit.</param>
public sealed record WalletCharge(string OperationId, string Wallet, Money Amount) : WalletOperation(OperationId)
{
    /// <inheritdoc />
    public override string Kind => "charge";

    /// <inheritdoc />
    public override string? WalletId => Wallet;
}
