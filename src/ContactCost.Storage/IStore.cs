using ContactCost.Costing;
using ContactCost.Interactions;
using ContactCost.Tenants;

namespace ContactCost.Storage;

/// <summary>
/// The store contract: everything ContactCost keeps, scoped by tenant. The embedded SQLite store
/// implements it; a PostgreSQL store will implement the same contract and pass the same tests.
/// </summary>
/// <remarks>
/// Every write is idempotent: adding an interaction id twice, or rating an interaction that is
/// already rated, has no second effect. An instance is not thread-safe; open one per worker.
/// </remarks>
public interface IStore : IAsyncDisposable
{
    /// <summary>The tenant's settings, or null when the tenant has never been saved.</summary>
    Task<TenantSettings?> GetTenantAsync(TenantId tenant, CancellationToken cancellationToken = default);

    /// <summary>Creates or updates a tenant's settings.</summary>
    Task SaveTenantAsync(TenantSettings settings, CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds a batch of interactions in one transaction and reports each one: added, a duplicate of
    /// a stored interaction with the same id and content, or a conflict (same id, other content;
    /// the stored one is kept).
    /// </summary>
    Task<InteractionBatchResult> AddInteractionsAsync(TenantId tenant, IReadOnlyList<Interaction> batch, CancellationToken cancellationToken = default);

    /// <summary>The tenant's interactions that started in [<paramref name="fromUtc"/>, <paramref name="toUtc"/>), by start time.</summary>
    IAsyncEnumerable<Interaction> ReadInteractionsAsync(TenantId tenant, DateTimeOffset fromUtc, DateTimeOffset toUtc, CancellationToken cancellationToken = default);

    /// <summary>The start of the tenant's latest interaction, or null when it has none.</summary>
    Task<DateTimeOffset?> GetLatestStartAsync(TenantId tenant, CancellationToken cancellationToken = default);

    /// <summary>How many interactions the tenant has.</summary>
    Task<long> CountInteractionsAsync(TenantId tenant, CancellationToken cancellationToken = default);

    /// <summary>Saves a price-book version (its effective date) as its JSON document.</summary>
    Task<DocumentSave> SavePriceBookAsync(TenantId tenant, string version, string json, CancellationToken cancellationToken = default);

    /// <summary>Every price-book version of the tenant, oldest first.</summary>
    Task<IReadOnlyList<StoredDocument>> GetPriceBooksAsync(TenantId tenant, CancellationToken cancellationToken = default);

    /// <summary>Saves the tenant's cost model as a new revision when it differs from the current one.</summary>
    Task<DocumentSave> SaveCostModelAsync(TenantId tenant, string json, CancellationToken cancellationToken = default);

    /// <summary>The tenant's current cost model, or null when none was loaded.</summary>
    Task<StoredDocument?> GetCostModelAsync(TenantId tenant, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="limit"/> unrated interactions that come after <paramref name="after"/> in (start, id) order.</summary>
    Task<IReadOnlyList<Interaction>> ReadUnratedAsync(TenantId tenant, RatingCursor after, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores charge lines and marks their interactions rated, in one transaction. An interaction
    /// that is already rated is skipped, so a second rating run never charges twice. Returns, per
    /// item, whether it was newly rated (false: it was rated already, its lines were not stored).
    /// </summary>
    Task<IReadOnlyList<bool>> SaveRatingsAsync(TenantId tenant, IReadOnlyList<RatedInteraction> rated, CancellationToken cancellationToken = default);

    /// <summary>Forgets the rating of interactions that started in [<paramref name="fromUtc"/>, <paramref name="toUtc"/>) so they are rated again; returns how many.</summary>
    Task<long> ResetRatingsAsync(TenantId tenant, DateTimeOffset fromUtc, DateTimeOffset? toUtc, CancellationToken cancellationToken = default);

    /// <summary>Per-channel sums of the interactions that started in [<paramref name="fromUtc"/>, <paramref name="toUtc"/>).</summary>
    Task<IReadOnlyList<ChannelActivity>> SummarizeByChannelAsync(TenantId tenant, DateTimeOffset fromUtc, DateTimeOffset toUtc, CancellationToken cancellationToken = default);
}
