using ContactCost.Wallets;

namespace ContactCost.Storage;

/// <summary>
/// One transaction's worth of wallet work, the same in every store: books loaded once and kept
/// while the batch applies operations to them, repeats answered from the first result, then every
/// change written at the end. A store supplies how a book, a reservation's wallet and the changes
/// are read and written.
/// </summary>
internal abstract class WalletBatch(DateTimeOffset now)
{
    private readonly Dictionary<string, WalletBook?> books = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Request, WalletResult Result)> stored = new(StringComparer.Ordinal);
    private readonly HashSet<string> created = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Request, WalletResult Result)> accepted = new(StringComparer.Ordinal);

    /// <summary>The instant the batch runs at.</summary>
    protected DateTimeOffset Now { get; } = now;

    /// <summary>Applies one operation to the books in memory and returns its result.</summary>
    public async Task<WalletResult> ExecuteAsync(WalletOperation operation, CancellationToken cancellationToken)
    {
        var request = WalletDocuments.Request(operation);
        if (FirstResult(operation.OperationId) is { } first)
        {
            return first.Request == request
                ? first.Result with { Replayed = true }
                : Invalid(operation, null, $"Operation id '{operation.OperationId}' was already used for another request ({first.Request}); use a new id for a new request.");
        }

        WalletResult result;
        if (operation is CreateWallet create)
        {
            if (await BookAsync(create.Wallet, cancellationToken).ConfigureAwait(false) is not null)
                return Invalid(operation, create.Wallet, $"Wallet '{create.Wallet}' exists already.");
            if (create.CreditLimit.Currency != create.Currency || create.CreditLimit.IsNegative || !create.CreditLimit.IsRounded)
                return Invalid(operation, create.Wallet, $"The credit limit must be zero or more, in whole {create.Currency.Code} minor units.");
            var book = WalletBook.Open(create, Now);
            books[create.Wallet] = book;
            created.Add(create.Wallet);
            result = new WalletResult(create.OperationId, create.Kind, WalletStatus.Accepted, null, create.Wallet, null, book.Balance);
        }
        else
        {
            var walletId = operation.WalletId ?? await WalletOfReservationAsync(ReservationOf(operation), cancellationToken).ConfigureAwait(false);
            if (walletId is null)
                return Invalid(operation, null, $"There is no reservation '{ReservationOf(operation)}'.");
            if (await BookAsync(walletId, cancellationToken).ConfigureAwait(false) is not { } book)
                return Invalid(operation, walletId, $"There is no wallet '{walletId}'; create it first: ccost wallet create --id {walletId} --currency USD");
            result = book.Apply(operation, Now);
        }

        // Only what changed something is remembered: a denied operation may be tried again with the same id.
        if (result.Status == WalletStatus.Accepted)
            accepted[operation.OperationId] = (request, result);
        return result;
    }

    /// <summary>The wallet's book, loaded once per batch; null when there is no such wallet.</summary>
    public async Task<WalletBook?> BookAsync(string wallet, CancellationToken cancellationToken)
    {
        if (books.TryGetValue(wallet, out var known))
            return known;
        return books[wallet] = await LoadBookAsync(wallet, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Settles each of <paramref name="wallets"/> as of the batch's time (expired credit and reservations) and returns their figures; the caller saves.</summary>
    public async Task<IReadOnlyList<WalletSummary>> SettleAsync(IReadOnlyList<string> wallets, CancellationToken cancellationToken)
    {
        var summaries = new List<WalletSummary>(wallets.Count);
        var settle = "settle@" + Now.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        foreach (var id in wallets)
        {
            var book = await BookAsync(id, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Wallet '{id}' was listed but could not be read.");
            book.Settle(Now, settle);
            summaries.Add(WalletSummary.Of(book));
        }

        return summaries;
    }

    /// <summary>Writes every touched wallet's new state, entries, events and accepted operations.</summary>
    public async Task SaveAsync(CancellationToken cancellationToken)
    {
        foreach (var book in books.Values)
        {
            if (book is null || (!created.Contains(book.Id) && book.NewEntries.Count == 0 && book.NewEvents.Count == 0))
                continue;
            await SaveBookAsync(book, cancellationToken).ConfigureAwait(false);
        }

        foreach (var (operationId, (request, result)) in accepted)
            await SaveOperationAsync(operationId, request, result, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Remembers an operation's stored request and result, read before the batch runs.</summary>
    protected void RememberStored(string operationId, string request, string resultJson) =>
        stored[operationId] = (request, WalletDocuments.ReadResult(operationId, resultJson));

    /// <summary>Reads a wallet's state, lots and open reservations; null when there is no such wallet.</summary>
    protected abstract Task<WalletBook?> LoadBookAsync(string wallet, CancellationToken cancellationToken);

    /// <summary>The wallet of a stored reservation (open or closed), or null.</summary>
    protected abstract Task<string?> FindReservationWalletAsync(string reservation, CancellationToken cancellationToken);

    /// <summary>Writes one wallet's new state, lots, reservations, entries and events.</summary>
    protected abstract Task SaveBookAsync(WalletBook book, CancellationToken cancellationToken);

    /// <summary>Records an accepted operation's request and result under its id.</summary>
    protected abstract Task SaveOperationAsync(string operationId, string request, WalletResult result, CancellationToken cancellationToken);

    /// <summary>The reservation a commit or release names.</summary>
    protected static string ReservationOf(WalletOperation operation) => operation switch
    {
        Commit c => c.Reservation,
        Release r => r.Reservation,
        _ => "",
    };

    private (string Request, WalletResult Result)? FirstResult(string operationId) =>
        accepted.TryGetValue(operationId, out var inBatch) ? inBatch
        : stored.TryGetValue(operationId, out var before) ? before
        : null;

    private async Task<string?> WalletOfReservationAsync(string reservation, CancellationToken cancellationToken)
    {
        foreach (var book in books.Values)
        {
            if (book?.HasOpenReservation(reservation) == true || book?.ClosedReservations.ContainsKey(reservation) == true)
                return book.Id;
        }

        return await FindReservationWalletAsync(reservation, cancellationToken).ConfigureAwait(false);
    }

    private static WalletResult Invalid(WalletOperation operation, string? wallet, string reason) =>
        new(operation.OperationId, operation.Kind, WalletStatus.Invalid, reason, wallet, null, null);
}
