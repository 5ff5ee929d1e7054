namespace ContactCost.Wallets;

/// <summary>How an operation ended.</summary>
public enum WalletStatus
{
    /// <summary>Done; its entries are in the ledger.</summary>
    Accepted,

    /// <summary>Refused for lack of credit (or a closed reservation); nothing changed, and the same id may be tried again later.</summary>
    Denied,

    /// <summary>The request itself is wrong (unknown wallet, wrong currency, an id used for another request); nothing changed.</summary>
    Invalid,
}

/// <summary>A wallet's figures after an operation: balance = available + reserved.</summary>
/// <param name="Available">Credit free to spend (may be negative down to minus the credit limit).</param>
/// <param name="Reserved">Credit held by open reservations.</param>
/// <param name="Balance">Available + reserved.</param>
/// <param name="CreditLimit">How far below zero available may go.</param>
public sealed record WalletBalance(Money Available, Money Reserved, Money Balance, Money CreditLimit);

/// <summary>
/// The result of one operation, stored with its id so a repeat returns it unchanged.
/// </summary>
/// <param name="OperationId">The operation.</param>
/// <param name="Kind">Its kind (<c>topup</c>, <c>charge</c>, ...).</param>
/// <param name="Status">Accepted, denied or invalid.</param>
/// <param name="Reason">Why it was denied or invalid; null when accepted.</param>
/// <param name="Wallet">The wallet, when known.</param>
/// <param name="Reservation">The reservation an authorize made, or a commit or release closed.</param>
/// <param name="Balance">The wallet's figures right after the operation, when known.</param>
public sealed record WalletResult(string OperationId, string Kind, WalletStatus Status, string? Reason, string? Wallet, string? Reservation, WalletBalance? Balance)
{
    /// <summary>True when this result was stored by an earlier attempt with the same id: nothing was done this time.</summary>
    public bool Replayed { get; init; }
}

/// <summary>A low-balance threshold crossed, recorded for notification (webhooks come with the server).</summary>
/// <param name="Wallet">The wallet.</param>
/// <param name="Low">True when available credit fell below the threshold; false when it came back above it.</param>
/// <param name="Available">Available credit at the crossing.</param>
/// <param name="Threshold">The threshold.</param>
/// <param name="OperationId">The operation that crossed it.</param>
/// <param name="At">When.</param>
public sealed record LowBalanceEvent(string Wallet, bool Low, Money Available, Money Threshold, string OperationId, DateTimeOffset At);
