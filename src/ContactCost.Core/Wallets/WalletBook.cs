namespace ContactCost.Wallets;

/// <summary>A top-up's unspent credit (a lot): spent earliest expiry first, credit that never expires last.</summary>
/// <param name="Id">The top-up's operation id.</param>
/// <param name="ExpiresAt">When what is left expires; null for never.</param>
/// <param name="RemainingMinor">Unspent and unreserved credit, in minor units.</param>
/// <param name="AddedAt">When the top-up was made (orders lots with the same expiry).</param>
public sealed record CreditLot(string Id, DateTimeOffset? ExpiresAt, long RemainingMinor, DateTimeOffset AddedAt);

/// <summary>Where a reservation's credit came from: a lot, or the credit line when <paramref name="Lot"/> is null.</summary>
/// <param name="Lot">The lot's id, or null for the credit line.</param>
/// <param name="Minor">How much, in minor units.</param>
/// <param name="LotExpiresAt">The lot's expiry, kept so credit given back after the lot was spent to zero keeps its terms.</param>
public readonly record struct Allocation(string? Lot, long Minor, DateTimeOffset? LotExpiresAt);

/// <summary>Credit held for usage in progress, with the lots it was taken from (so unused credit goes back where it came from).</summary>
/// <param name="Id">The reservation's id (the authorize operation's id).</param>
/// <param name="AmountMinor">The credit held, in minor units.</param>
/// <param name="ExpiresAt">When it releases by itself.</param>
/// <param name="Allocations">Where the credit came from, in the order it was taken.</param>
public sealed record Reservation(string Id, long AmountMinor, DateTimeOffset ExpiresAt, IReadOnlyList<Allocation> Allocations);

/// <summary>How a reservation ended.</summary>
public enum ReservationEnd
{
    /// <summary>Its usage was debited.</summary>
    Committed,

    /// <summary>It was given back.</summary>
    Released,

    /// <summary>It reached its time to live.</summary>
    Expired,
}

/// <summary>
/// One wallet's live state and the rules that change it: every operation either is refused with
/// nothing changed, or moves money between accounts with ledger entries that explain it. Amounts are
/// whole minor units, so nothing can be created or lost to rounding.
/// </summary>
/// <remarks>
/// Invariants after every operation: balance = the sum of the wallet's entries = lots − debt +
/// reserved; available = lots − debt ≥ −credit limit; debt ≤ credit limit; nothing negative.
/// Before each operation, reservations past their time to live are released and top-ups past their
/// expiry expire, so credit never outlives its terms whether or not anyone looks.
/// </remarks>
public sealed class WalletBook
{
    private readonly List<CreditLot> lots;
    private readonly Dictionary<string, Reservation> reservations;
    private readonly List<LedgerEntry> newEntries = [];
    private readonly List<LowBalanceEvent> newEvents = [];
    private readonly List<Reservation> openedReservations = [];
    private readonly Dictionary<string, ReservationEnd> closedReservations = [];

    /// <summary>A wallet as the store keeps it.</summary>
    public WalletBook(
        string id, Currency currency, long creditLimitMinor, long? lowBalanceMinor, long debtMinor, bool isLow, long nextSequence,
        IEnumerable<CreditLot> lots, IEnumerable<Reservation> reservations)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentNullException.ThrowIfNull(currency);
        ArgumentOutOfRangeException.ThrowIfNegative(creditLimitMinor);
        ArgumentOutOfRangeException.ThrowIfNegative(debtMinor);
        Id = id;
        Currency = currency;
        CreditLimitMinor = creditLimitMinor;
        LowBalanceMinor = lowBalanceMinor;
        DebtMinor = debtMinor;
        IsLow = isLow;
        NextSequence = nextSequence;
        this.lots = [.. lots];
        SortLots();
        this.reservations = reservations.ToDictionary(r => r.Id, StringComparer.Ordinal);
    }

    /// <summary>A new, empty wallet from its create operation.</summary>
    public static WalletBook Open(CreateWallet create, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(create);
        var book = new WalletBook(create.Wallet, create.Currency, MinorOf(create.CreditLimit, create.Currency),
            create.LowBalance is { } low ? MinorOf(low, create.Currency) : null, 0, false, 1, [], []);
        book.CheckLowBalance(create.OperationId, now);
        return book;
    }

    /// <summary>The wallet's id.</summary>
    public string Id { get; }

    /// <summary>The wallet's currency.</summary>
    public Currency Currency { get; }

    /// <summary>How far below zero available credit may go, in minor units.</summary>
    public long CreditLimitMinor { get; }

    /// <summary>The low-balance threshold in minor units, or null.</summary>
    public long? LowBalanceMinor { get; }

    /// <summary>Credit-line money spent and not paid back yet, in minor units.</summary>
    public long DebtMinor { get; private set; }

    /// <summary>True while available credit is below the low-balance threshold.</summary>
    public bool IsLow { get; private set; }

    /// <summary>The sequence number the next ledger entry gets.</summary>
    public long NextSequence { get; private set; }

    /// <summary>The live lots, in the order they are spent.</summary>
    public IReadOnlyList<CreditLot> Lots => lots;

    /// <summary>The open reservations.</summary>
    public IReadOnlyCollection<Reservation> Reservations => reservations.Values;

    /// <summary>Credit free to spend, in minor units: lots − debt.</summary>
    public long AvailableMinor => lots.Sum(l => l.RemainingMinor) - DebtMinor;

    /// <summary>Credit held by open reservations, in minor units.</summary>
    public long ReservedMinor => reservations.Values.Sum(r => r.AmountMinor);

    /// <summary>The wallet's figures now.</summary>
    public WalletBalance Balance => new(
        Money.FromMinorUnits(AvailableMinor, Currency),
        Money.FromMinorUnits(ReservedMinor, Currency),
        Money.FromMinorUnits(AvailableMinor + ReservedMinor, Currency),
        Money.FromMinorUnits(CreditLimitMinor, Currency));

    /// <summary>Entries made since the book was loaded, in order.</summary>
    public IReadOnlyList<LedgerEntry> NewEntries => newEntries;

    /// <summary>Low-balance crossings since the book was loaded.</summary>
    public IReadOnlyList<LowBalanceEvent> NewEvents => newEvents;

    /// <summary>Reservations opened since the book was loaded.</summary>
    public IReadOnlyList<Reservation> OpenedReservations => openedReservations;

    /// <summary>Reservations closed since the book was loaded, and how.</summary>
    public IReadOnlyDictionary<string, ReservationEnd> ClosedReservations => closedReservations;

    /// <summary>True when the reservation is open in this wallet.</summary>
    public bool HasOpenReservation(string reservation) => reservations.ContainsKey(reservation);

    /// <summary>
    /// Applies <paramref name="operation"/> at <paramref name="now"/> (after settling what expired
    /// by then). Create operations are not applied to a book: see <see cref="Open"/>.
    /// </summary>
    public WalletResult Apply(WalletOperation operation, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(operation);
        Settle(now, operation.OperationId);
        var result = operation switch
        {
            TopUp t => ApplyTopUp(t, now),
            Authorize a => ApplyAuthorize(a, now),
            Commit c => ApplyCommit(c, now),
            Release r => Close(r.OperationId, r.Kind, r.Reservation, 0, ReservationEnd.Released, now),
            WalletCharge c => ApplyCharge(c, now),
            _ => Invalid(operation, $"A {operation.Kind} operation is not applied to an open wallet."),
        };
        if (result.Status == WalletStatus.Accepted)
            CheckLowBalance(operation.OperationId, now);
        return result;
    }

    /// <summary>Releases reservations past their time to live and expires top-ups past their expiry, as of <paramref name="now"/>.</summary>
    public void Settle(DateTimeOffset now, string operationId)
    {
        // Runs before every operation: look first, without allocating, whether anything expired at all.
        if (AnyExpired(now))
        {
            foreach (var reservation in reservations.Values.Where(r => r.ExpiresAt <= now).OrderBy(r => r.ExpiresAt).ThenBy(r => r.Id, StringComparer.Ordinal).ToArray())
                Close(operationId, "expire", reservation.Id, 0, ReservationEnd.Expired, now);

            foreach (var lot in lots.Where(l => l.ExpiresAt <= now).ToArray())
            {
                if (lot.RemainingMinor > 0)
                    Entry(operationId, EntryKind.CreditExpired, Account.Available, Account.Expired, lot.RemainingMinor, now, lot.Id);
                lots.Remove(lot);
            }
        }

        CheckLowBalance(operationId, now);
    }

    private bool AnyExpired(DateTimeOffset now)
    {
        foreach (var reservation in reservations.Values)
        {
            if (reservation.ExpiresAt <= now)
                return true;
        }

        foreach (var lot in lots)
        {
            if (lot.ExpiresAt <= now)
                return true;
        }

        return false;
    }

    private WalletResult ApplyTopUp(TopUp topUp, DateTimeOffset now)
    {
        if (Problem(topUp.Amount) is { } problem)
            return Invalid(topUp, problem);
        if (topUp.ExpiresAt is { } expires && expires <= now)
            return Invalid(topUp, $"The top-up would expire at {expires:O}, which is not after now ({now:O}).");

        var amount = MinorOf(topUp.Amount, Currency);
        Entry(topUp.OperationId, EntryKind.TopUp, Account.Funding, Account.Available, amount, now, topUp.OperationId);

        // Credit-line money already spent is paid back first; the rest becomes a lot.
        var repay = Math.Min(DebtMinor, amount);
        DebtMinor -= repay;
        if (amount - repay > 0)
        {
            lots.Add(new CreditLot(topUp.OperationId, topUp.ExpiresAt, amount - repay, now));
            SortLots();
        }

        return Accepted(topUp, null);
    }

    private WalletResult ApplyAuthorize(Authorize authorize, DateTimeOffset now)
    {
        if (Problem(authorize.Amount) is { } problem)
            return Invalid(authorize, problem);
        if (authorize.TimeToLive <= TimeSpan.Zero)
            return Invalid(authorize, "The time to live must be longer than zero.");
        if (reservations.ContainsKey(authorize.OperationId))
            return Invalid(authorize, $"Reservation {authorize.OperationId} is already open.");

        var amount = MinorOf(authorize.Amount, Currency);
        if (Shortfall(amount) is { } denial)
            return Denied(authorize, denial, null);

        var allocations = Take(amount);
        var reservation = new Reservation(authorize.OperationId, amount, now + authorize.TimeToLive, allocations);
        reservations.Add(reservation.Id, reservation);
        openedReservations.Add(reservation);
        Entry(authorize.OperationId, EntryKind.Reserve, Account.Available, Account.Reserved, amount, now, reservation.Id);
        return Accepted(authorize, reservation.Id);
    }

    private WalletResult ApplyCommit(Commit commit, DateTimeOffset now)
    {
        if (Problem(commit.Amount, allowZero: true) is { } problem)
            return Invalid(commit, problem);
        if (!reservations.TryGetValue(commit.Reservation, out var reservation))
            return Denied(commit, $"Reservation {commit.Reservation} is not open (committed, released or expired already).", commit.Reservation);
        var used = MinorOf(commit.Amount, Currency);
        if (used <= reservation.AmountMinor)
            return Close(commit.OperationId, commit.Kind, reservation.Id, used, ReservationEnd.Committed, now);

        // The usage ran past what was held (a call the platform did not cut): the reservation is
        // used up and the excess is charged like any charge, if the credit covers it. Refusing it
        // would leave real usage unbilled; taking it beyond the credit limit would break the wallet.
        var excess = used - reservation.AmountMinor;
        if (Shortfall(excess) is { } shortfall)
        {
            var most = Money.FromMinorUnits(reservation.AmountMinor + Math.Max(0, AvailableMinor + CreditLimitMinor), Currency);
            return Denied(commit,
                $"The usage {commit.Amount} is more than reservation {reservation.Id} holds ({Money.FromMinorUnits(reservation.AmountMinor, Currency)}) " +
                $"and the credit cannot cover the rest: at most {most} can be committed. {shortfall} Nothing was debited.", reservation.Id);
        }

        var result = Close(commit.OperationId, commit.Kind, reservation.Id, reservation.AmountMinor, ReservationEnd.Committed, now);
        Take(excess);
        Entry(commit.OperationId, EntryKind.Charge, Account.Available, Account.Usage, excess, now, reservation.Id);
        return result with { Balance = Balance };
    }

    private WalletResult ApplyCharge(WalletCharge charge, DateTimeOffset now)
    {
        if (Problem(charge.Amount) is { } problem)
            return Invalid(charge, problem);
        var amount = MinorOf(charge.Amount, Currency);
        if (Shortfall(amount) is { } denial)
            return Denied(charge, denial, null);
        Take(amount);
        Entry(charge.OperationId, EntryKind.Charge, Account.Available, Account.Usage, amount, now, null);
        return Accepted(charge, null);
    }

    // Debits the used part of a reservation and gives the rest back where it came from.
    private WalletResult Close(string operationId, string kind, string reservationId, long used, ReservationEnd end, DateTimeOffset now)
    {
        if (!reservations.Remove(reservationId, out var reservation))
            return new WalletResult(operationId, kind, WalletStatus.Denied, $"Reservation {reservationId} is not open (committed, released or expired already).", Id, reservationId, Balance);

        if (used > 0)
            Entry(operationId, EntryKind.Commit, Account.Reserved, Account.Usage, used, now, reservationId);
        var unused = reservation.AmountMinor - used;
        if (unused > 0)
        {
            Entry(operationId, end == ReservationEnd.Expired ? EntryKind.ReservationExpired : EntryKind.Release,
                Account.Reserved, Account.Available, unused, now, reservationId);
            GiveBack(reservation, unused, operationId, now);
        }

        closedReservations[reservationId] = end;
        openedReservations.RemoveAll(r => r.Id == reservationId);
        return new WalletResult(operationId, kind, WalletStatus.Accepted, null, Id, reservationId, Balance);
    }

    // The reason an amount cannot be taken now, or null when it can.
    private string? Shortfall(long amount)
    {
        if (AvailableMinor - amount >= -CreditLimitMinor)
            return null;
        var spendable = Money.FromMinorUnits(AvailableMinor + CreditLimitMinor, Currency);
        return $"Insufficient credit: {Money.FromMinorUnits(amount, Currency)} asked, {spendable} can be spent " +
               $"(available {Money.FromMinorUnits(AvailableMinor, Currency)}, credit limit {Money.FromMinorUnits(CreditLimitMinor, Currency)}).";
    }

    // Takes credit from lots (earliest expiry first), then from the credit line.
    private List<Allocation> Take(long amount)
    {
        var taken = new List<Allocation>();
        for (var i = 0; i < lots.Count && amount > 0; i++)
        {
            var lot = lots[i];
            var part = Math.Min(lot.RemainingMinor, amount);
            if (part == 0)
                continue;
            lots[i] = lot with { RemainingMinor = lot.RemainingMinor - part };
            taken.Add(new Allocation(lot.Id, part, lot.ExpiresAt));
            amount -= part;
        }

        if (amount > 0)
        {
            DebtMinor += amount;
            taken.Add(new Allocation(null, amount, null));
        }

        lots.RemoveAll(l => l.RemainingMinor == 0);
        return taken;
    }

    // Returns unused credit in the reverse order it was taken: the credit line first, then lots;
    // credit of a lot that expired meanwhile expires at once instead of coming back.
    private void GiveBack(Reservation reservation, long unused, string operationId, DateTimeOffset now)
    {
        var allocations = reservation.Allocations;
        for (var i = allocations.Count - 1; i >= 0 && unused > 0; i--)
        {
            var (lotId, minor, expiresAt) = allocations[i];
            var part = Math.Min(minor, unused);
            unused -= part;
            if (lotId is null)
            {
                // Credit-line money goes back to the credit line; whatever a top-up has repaid
                // meanwhile is the wallet's own money now, and becomes credit that never expires.
                var back = Math.Min(part, DebtMinor);
                DebtMinor -= back;
                if (part > back)
                {
                    lots.Add(new CreditLot(reservation.Id + ":repaid", null, part - back, now));
                    SortLots();
                }

                continue;
            }

            if (expiresAt <= now)
            {
                Entry(operationId, EntryKind.CreditExpired, Account.Available, Account.Expired, part, now, lotId);
                continue;
            }

            var index = lots.FindIndex(l => l.Id == lotId);
            if (index >= 0)
            {
                lots[index] = lots[index] with { RemainingMinor = lots[index].RemainingMinor + part };
            }
            else
            {
                // The lot was spent to zero: it comes back with its own expiry.
                lots.Add(new CreditLot(lotId, expiresAt, part, now));
                SortLots();
            }
        }
    }

    // Spending order: earliest expiry first, never-expiring credit last; then oldest first.
    private void SortLots() => lots.Sort((a, b) =>
    {
        var byExpiry = (a.ExpiresAt ?? DateTimeOffset.MaxValue).CompareTo(b.ExpiresAt ?? DateTimeOffset.MaxValue);
        if (byExpiry != 0)
            return byExpiry;
        var byAdded = a.AddedAt.CompareTo(b.AddedAt);
        return byAdded != 0 ? byAdded : string.CompareOrdinal(a.Id, b.Id);
    });

    private void CheckLowBalance(string operationId, DateTimeOffset now)
    {
        if (LowBalanceMinor is not { } threshold)
            return;
        var low = AvailableMinor < threshold;
        if (low == IsLow)
            return;
        IsLow = low;
        newEvents.Add(new LowBalanceEvent(Id, low, Money.FromMinorUnits(AvailableMinor, Currency), Money.FromMinorUnits(threshold, Currency), operationId, now));
    }

    private void Entry(string operationId, EntryKind kind, Account from, Account to, long minor, DateTimeOffset at, string? reference) =>
        newEntries.Add(new LedgerEntry(NextSequence++, Id, operationId, kind, from, to, Money.FromMinorUnits(minor, Currency), at, reference));

    private string? Problem(Money amount, bool allowZero = false)
    {
        if (amount.Currency != Currency)
            return $"The amount is in {amount.Currency.Code} but wallet {Id} holds {Currency.Code}.";
        if (!amount.IsRounded)
            return $"The amount {amount} has more digits than {Currency.Code} has minor units.";
        if (amount.IsNegative || (!allowZero && amount.IsZero))
            return $"The amount must be greater than zero; {amount} was given.";
        return null;
    }

    private WalletResult Accepted(WalletOperation operation, string? reservation) =>
        new(operation.OperationId, operation.Kind, WalletStatus.Accepted, null, Id, reservation, Balance);

    private WalletResult Denied(WalletOperation operation, string reason, string? reservation) =>
        new(operation.OperationId, operation.Kind, WalletStatus.Denied, reason, Id, reservation, Balance);

    private WalletResult Invalid(WalletOperation operation, string reason) =>
        new(operation.OperationId, operation.Kind, WalletStatus.Invalid, reason, Id, null, Balance);

    internal static long MinorOf(Money amount, Currency currency) =>
        amount.Currency == currency
            ? amount.ToMinorUnits()
            : throw new CurrencyMismatchException(amount.Currency, currency);
}
