using ContactCost.Costing;
using ContactCost.Interactions;
using ContactCost.Invoicing;
using ContactCost.Rating;
using ContactCost.Tenants;
using ContactCost.Usage;
using ContactCost.Wallets;

namespace ContactCost.Storage;

/// <summary>
/// The store contract: everything ContactCost keeps, scoped by tenant. The embedded SQLite store
/// implements it; a PostgreSQL store will implement the same contract and pass the same tests.
/// </summary>
/// <remarks>
/// Every write is idempotent: adding an id twice, or rating an item that is already rated, has no
/// second effect. Time ranges are half-open, [from, to), on the item's start. An instance is not
/// thread-safe; open one per worker.
/// </remarks>
public interface IStore : IAsyncDisposable
{
    /// <summary>The tenant's settings, or null when the tenant has never been saved.</summary>
    Task<TenantSettings?> GetTenantAsync(TenantId tenant, CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates a tenant's settings or changes its time zone, in one transaction with the check that makes a change safe.
    /// A zone with other rules moves the days and months rated charges were dated, tiered and prorated by: when the
    /// tenant has rated charges, the change is refused, or with <paramref name="forgetRatings"/> made with every
    /// rating forgotten, to be rated again. A move starts a new <see cref="RatingBasis"/>; another name for the same
    /// zone (US/Eastern for America/New_York) moves nothing.
    /// </summary>
    Task<ZoneChange> SaveTenantAsync(TenantSettings settings, bool forgetRatings, CancellationToken cancellationToken = default);

    /// <summary>The tenant's current <see cref="RatingBasis"/>: read it before the price books and the zone a rating uses.</summary>
    Task<RatingBasis> GetRatingBasisAsync(TenantId tenant, CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds a batch of interactions in one transaction and reports each one: added, a duplicate of
    /// a stored interaction with the same id and content, or a conflict (same id, other content;
    /// the stored one is kept).
    /// </summary>
    Task<BatchResult> AddInteractionsAsync(TenantId tenant, IReadOnlyList<Interaction> batch, CancellationToken cancellationToken = default);

    /// <summary>Adds a batch of usage records in one transaction, with the same outcomes as interactions.</summary>
    Task<BatchResult> AddUsageAsync(TenantId tenant, IReadOnlyList<UsageRecord> batch, CancellationToken cancellationToken = default);

    /// <summary>The tenant's interactions that started in the range, by start time then id.</summary>
    IAsyncEnumerable<Interaction> ReadInteractionsAsync(TenantId tenant, DateTimeOffset fromUtc, DateTimeOffset toUtc, CancellationToken cancellationToken = default);

    /// <summary>The tenant's interactions that started in the range with their rated usage (null when unrated), by start time then id.</summary>
    IAsyncEnumerable<(Interaction Interaction, long? UsageMinorUnits)> ReadPricedInteractionsAsync(TenantId tenant, DateTimeOffset fromUtc, DateTimeOffset toUtc, CancellationToken cancellationToken = default);

    /// <summary>The tenant's usage records that started in the range, by start time then id.</summary>
    IAsyncEnumerable<UsageRecord> ReadUsageAsync(TenantId tenant, DateTimeOffset fromUtc, DateTimeOffset toUtc, CancellationToken cancellationToken = default);

    /// <summary>The start of the tenant's latest interaction, or null when it has none.</summary>
    Task<DateTimeOffset?> GetLatestStartAsync(TenantId tenant, CancellationToken cancellationToken = default);

    /// <summary>How many interactions the tenant has.</summary>
    Task<long> CountInteractionsAsync(TenantId tenant, CancellationToken cancellationToken = default);

    /// <summary>How many usage records the tenant has.</summary>
    Task<long> CountUsageAsync(TenantId tenant, CancellationToken cancellationToken = default);

    /// <summary>Saves a price-book version (its effective date) as its JSON document; a new or changed one starts a new <see cref="RatingBasis"/>.</summary>
    Task<DocumentSave> SavePriceBookAsync(TenantId tenant, string version, string json, CancellationToken cancellationToken = default);

    /// <summary>Every price-book version of the tenant, oldest first.</summary>
    Task<IReadOnlyList<StoredDocument>> GetPriceBooksAsync(TenantId tenant, CancellationToken cancellationToken = default);

    /// <summary>Saves the tenant's cost model as a new revision when it differs from the current one.</summary>
    Task<DocumentSave> SaveCostModelAsync(TenantId tenant, string json, CancellationToken cancellationToken = default);

    /// <summary>The tenant's current cost model, or null when none was loaded.</summary>
    Task<StoredDocument?> GetCostModelAsync(TenantId tenant, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="limit"/> unrated interactions after <paramref name="after"/> in (start, id) order, within the range.</summary>
    Task<IReadOnlyList<Interaction>> ReadUnratedInteractionsAsync(TenantId tenant, RatingCursor after, DateTimeOffset toUtc, int limit, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="limit"/> unrated usage records after <paramref name="after"/> in (start, id) order, within the range.</summary>
    Task<IReadOnlyList<UsageRecord>> ReadUnratedUsageAsync(TenantId tenant, RatingCursor after, DateTimeOffset toUtc, int limit, CancellationToken cancellationToken = default);

    /// <summary>The earliest and latest start of the tenant's unrated interactions and usage records, or null when everything is rated.</summary>
    Task<(DateTimeOffset First, DateTimeOffset Last)?> GetUnratedSpanAsync(TenantId tenant, CancellationToken cancellationToken = default);

    /// <summary>How many interactions and usage records in the range are not rated.</summary>
    Task<long> CountUnratedAsync(TenantId tenant, DateTimeOffset fromUtc, DateTimeOffset toUtc, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores charge lines and marks their items rated, in one transaction. An item that is
    /// already rated is skipped, so a second rating run never charges twice. Returns, per item,
    /// whether it was newly rated (false: it was rated already, its lines were not stored).
    /// </summary>
    /// <exception cref="RatingBasisChangedException">The tenant's basis is no longer <paramref name="basis"/>; nothing was stored.</exception>
    Task<IReadOnlyList<bool>> SaveRatingsAsync(TenantId tenant, RatingBasis basis, IReadOnlyList<RatedItem> rated, CancellationToken cancellationToken = default);

    /// <summary>Replaces the lines a billing month owes without usage (flat and one-time charges), named by the month (<c>2026-10</c>).</summary>
    /// <exception cref="RatingBasisChangedException">The tenant's basis is no longer <paramref name="basis"/>; nothing was stored.</exception>
    Task SaveMonthLinesAsync(TenantId tenant, RatingBasis basis, string month, DateTimeOffset monthStartUtc, IReadOnlyList<ChargeLine> lines, CancellationToken cancellationToken = default);

    /// <summary>
    /// Forgets the rating of every item that started in the range, and the month lines dated in
    /// it, so they are rated again; returns how many items.
    /// </summary>
    Task<long> ResetRatingsAsync(TenantId tenant, DateTimeOffset fromUtc, DateTimeOffset? toUtc, CancellationToken cancellationToken = default);

    /// <summary>
    /// Per charge, the sum of the lines dated in the range (items' starts and months' first
    /// instants); only the lines of one kind of item when <paramref name="source"/> is given.
    /// </summary>
    Task<IReadOnlyList<ChargeTotal>> SumChargesAsync(TenantId tenant, DateTimeOffset fromUtc, DateTimeOffset toUtc, RatedSource? source = null, CancellationToken cancellationToken = default);

    /// <summary>The lines of one interaction or usage record, in order.</summary>
    Task<IReadOnlyList<ChargeLine>> GetChargeLinesAsync(TenantId tenant, RatedSource source, string id, Currency currency, CancellationToken cancellationToken = default);

    /// <summary>The invoice and adjustments issued for a tenant's billing month, in the order they were issued.</summary>
    Task<IReadOnlyList<Invoice>> GetInvoicesAsync(TenantId tenant, string period, CancellationToken cancellationToken = default);

    /// <summary>
    /// Issues a draft: gives it the tenant's next number of its kind (<c>INV-000001</c>, <c>ADJ-000001</c>)
    /// and stores it, in one transaction. A second invoice for the same month is refused.
    /// </summary>
    Task<Invoice> IssueInvoiceAsync(TenantId tenant, InvoiceDraft draft, CancellationToken cancellationToken = default);

    /// <summary>
    /// Executes wallet operations in one transaction (group commit) and returns a result per
    /// operation, in order. An operation id seen before returns its first result, marked replayed,
    /// and changes nothing; the same id for another request is invalid. Every wallet's expired
    /// reservations and credit are settled as of <paramref name="now"/> before its operations.
    /// </summary>
    Task<IReadOnlyList<WalletResult>> ExecuteWalletOperationsAsync(TenantId tenant, IReadOnlyList<WalletOperation> operations, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>
    /// Up to <paramref name="limit"/> rated interactions and usage records with a non-zero amount
    /// that no wallet operation <c>usage:{source}:{id}</c> has charged yet, oldest first.
    /// </summary>
    Task<IReadOnlyList<UnchargedUsage>> ReadUnchargedUsageAsync(TenantId tenant, int limit, CancellationToken cancellationToken = default);

    /// <summary>How many items <see cref="ReadUnchargedUsageAsync"/> would return without a limit, and their amount in minor units.</summary>
    Task<(long Count, long AmountMinorUnits)> SumUnchargedUsageAsync(TenantId tenant, CancellationToken cancellationToken = default);

    /// <summary>The wallet a reservation belongs to (open or closed), or null when there is no such reservation.</summary>
    Task<string?> GetReservationWalletAsync(TenantId tenant, string reservation, CancellationToken cancellationToken = default);

    /// <summary>A wallet's currency, or null when there is no such wallet.</summary>
    Task<Currency?> GetWalletCurrencyAsync(TenantId tenant, string wallet, CancellationToken cancellationToken = default);

    /// <summary>A wallet's figures as of <paramref name="now"/> (expiries settled first), or null when there is no such wallet.</summary>
    Task<WalletBalance?> GetWalletBalanceAsync(TenantId tenant, string wallet, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>A wallet's ledger entries in order, or null when there is no such wallet.</summary>
    Task<IReadOnlyList<LedgerEntry>?> GetWalletHistoryAsync(TenantId tenant, string wallet, CancellationToken cancellationToken = default);

    /// <summary>A wallet's low-balance crossings in order.</summary>
    Task<IReadOnlyList<LowBalanceEvent>> GetWalletEventsAsync(TenantId tenant, string wallet, CancellationToken cancellationToken = default);

    /// <summary>Every wallet of the tenant by id, with its figures as of <paramref name="now"/> (expiries settled first, as a balance read does).</summary>
    Task<IReadOnlyList<WalletSummary>> ListWalletsAsync(TenantId tenant, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>The start of the tenant's earliest and latest interaction, or null when it has none.</summary>
    Task<(DateTimeOffset First, DateTimeOffset Last)?> GetInteractionSpanAsync(TenantId tenant, CancellationToken cancellationToken = default);

    /// <summary>Per-channel sums of the interactions that started in the range.</summary>
    Task<IReadOnlyList<ChannelActivity>> SummarizeByChannelAsync(TenantId tenant, DateTimeOffset fromUtc, DateTimeOffset toUtc, CancellationToken cancellationToken = default);

    // The server's tenants, API keys and low-balance webhooks.

    /// <summary>Saves a tenant's settings unless the tenant exists; true when it was added (an existing tenant is left as it is).</summary>
    Task<bool> AddTenantAsync(TenantSettings settings, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records an API key of a saved tenant by its SHA-256 (32 bytes; the key itself is never given
    /// to the store); false when the tenant was never saved.
    /// </summary>
    Task<bool> AddApiKeyAsync(TenantId tenant, byte[] keyHash, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>The tenant whose key has this SHA-256, or null when no such key was recorded. Looks across every tenant.</summary>
    Task<TenantId?> FindApiKeyTenantAsync(byte[] keyHash, CancellationToken cancellationToken = default);

    /// <summary>Sets the tenant's webhook, or removes it when <paramref name="webhook"/> is null.</summary>
    Task SaveWebhookAsync(TenantId tenant, WebhookSettings? webhook, CancellationToken cancellationToken = default);

    /// <summary>The tenant's webhook, or null when none is set.</summary>
    Task<WebhookSettings?> GetWebhookAsync(TenantId tenant, CancellationToken cancellationToken = default);

    /// <summary>
    /// The tenant's latest <paramref name="limit"/> webhook deliveries with their attempts, newest
    /// first. A wallet operation that makes a wallet cross below its threshold while the tenant has a
    /// webhook adds a pending delivery in its own transaction.
    /// </summary>
    Task<IReadOnlyList<WebhookDelivery>> GetWebhookDeliveriesAsync(TenantId tenant, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes up to <paramref name="limit"/> pending deliveries due at <paramref name="now"/>, of any
    /// tenant, oldest due first, and moves their next attempt to <paramref name="leaseUntil"/> so
    /// that no other sender takes them meanwhile (a sender that dies leaves them due again then).
    /// </summary>
    Task<IReadOnlyList<DueDelivery>> ClaimWebhookDeliveriesAsync(DateTimeOffset now, DateTimeOffset leaseUntil, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records an attempt and where the delivery stands after it, in one transaction; false (nothing
    /// recorded) when the delivery is not pending or the attempt's number is not the next one.
    /// </summary>
    Task<bool> RecordWebhookAttemptAsync(
        TenantId tenant, string deliveryId, WebhookAttempt attempt, DeliveryStatus status, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken = default);
}
