using ContactCost.Cli.Server.Webhooks;
using ContactCost.Storage;
using ContactCost.Storage.Postgres;
using ContactCost.Storage.Sqlite;
using Npgsql;

namespace ContactCost.Cli.Server;

/// <summary>What <c>ccost serve</c> was started with.</summary>
/// <param name="Urls">Where Kestrel listens (e.g. <c>http://127.0.0.1:5080</c>; port 0 picks a free one).</param>
/// <param name="Database">The SQLite store file, when no PostgreSQL connection string is given.</param>
/// <param name="Postgres">A PostgreSQL connection string, or null.</param>
/// <param name="AdminKey">The key that may create tenants and keys; null disables the admin endpoints.</param>
/// <param name="MaxRequestBytes">The largest request body accepted, except by the upload routes.</param>
/// <param name="MaxUploadBytes">The largest CSV or file body of an ingest or import request (spooled to a file, never held in memory).</param>
internal sealed record ServerSettings(
    string Urls, string Database, string? Postgres, string? AdminKey, long MaxRequestBytes = 1024 * 1024, long MaxUploadBytes = 512L * 1024 * 1024)
{
    /// <summary>How low-balance webhooks are posted and retried.</summary>
    public WebhookOptions Webhooks { get; init; } = WebhookOptions.Default;
}

/// <summary>
/// Gives each request a store of its own (a store instance is not thread-safe): one lent by a pool of
/// open SQLite stores of the file, or a PostgreSQL store over one shared connection pool.
/// </summary>
internal sealed class StoreOpener : IAsyncDisposable
{
    private readonly SqliteStorePool? sqlite;
    private readonly NpgsqlDataSource? postgres;

    /// <summary>Prepares to open the store <paramref name="settings"/> names.</summary>
    public StoreOpener(ServerSettings settings)
    {
        postgres = settings.Postgres is { } connection ? NpgsqlDataSource.Create(connection) : null;
        sqlite = postgres is null ? new SqliteStorePool(settings.Database) : null;
    }

    /// <summary>A store for one request; the caller disposes it (which gives a pooled SQLite store back).</summary>
    public async Task<IStore> OpenAsync(CancellationToken cancellationToken) => sqlite is not null
        ? await sqlite.RentAsync(cancellationToken).ConfigureAwait(false)
        : await PostgresStore.OpenAsync(postgres!, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (sqlite is not null)
            await sqlite.DisposeAsync().ConfigureAwait(false);
        if (postgres is not null)
            await postgres.DisposeAsync().ConfigureAwait(false);
    }
}
