using System.Buffers;
using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using ContactCost.Costing;
using ContactCost.Interactions;
using ContactCost.Invoicing;
using ContactCost.Rating;
using ContactCost.Tenants;
using ContactCost.Usage;
using Microsoft.Data.Sqlite;

namespace ContactCost.Storage.Sqlite;

/// <summary>
/// The embedded store: one SQLite file in WAL mode, schema migrated on open, writes batched in
/// transactions. Zero set-up for one user and up to tens of millions of interactions.
/// </summary>
public sealed partial class SqliteStore : IStore
{
    private const string InteractionColumns =
        "id, channel, direction, customer, start_ms, end_ms, wait_ms, talk_ms, hold_ms, wrap_ms, queue, agent, units, destination, resolved, extra";

    private const string UsageColumns = "id, meter, quantity, start_ms, channel, direction, queue, destination, extra";

    private static readonly SqliteRows Rows = new();
    private readonly SqliteConnection connection;
    private readonly Dictionary<string, SqliteCommand> statements = new(StringComparer.Ordinal);
    private InteractionInsert? interactionInsert;
    private WalCheckpointer? checkpointer;
    private bool checkpointsInline;
    private SqliteCommand? insertUsage;
    private SqliteStorePool? pool;
    private int lent;

    // Every store is used by one caller at a time (a server lends each request its own), so SQLite's
    // per-connection mutex and its allocator statistics only cost a lock on every call; turn both off
    // before the first connection opens. Once SQLite is initialized the calls are refused, harmlessly.
    static SqliteStore()
    {
        SQLitePCL.Batteries_V2.Init();
        SQLitePCL.raw.sqlite3_config(SQLitePCL.raw.SQLITE_CONFIG_MULTITHREAD);
        SQLitePCL.raw.sqlite3_config(SQLitePCL.raw.SQLITE_CONFIG_MEMSTATUS, 0);
    }

    private SqliteStore(SqliteConnection connection, string path)
    {
        this.connection = connection;
        Path = path;
    }

    /// <summary>The store file.</summary>
    public string Path { get; }

    /// <summary>The schema version the file is at after opening.</summary>
    public int SchemaVersion { get; private set; }

    /// <summary>Opens (creating it when absent) the store file at <paramref name="path"/> and brings its schema up to date.</summary>
    /// <exception cref="StoreException">The file is not a ContactCost store, or a newer version wrote it.</exception>
    public static async Task<SqliteStore> OpenAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fullPath = System.IO.Path.GetFullPath(path);
        var directory = System.IO.Path.GetDirectoryName(fullPath);
        if (!string.IsNullOrEmpty(directory))
            Directory.CreateDirectory(directory);

        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = 60,
        };
        var connection = new SqliteConnection(builder.ConnectionString);
        var store = new SqliteStore(connection, fullPath);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            // WAL lets readers work while an import writes; NORMAL sync keeps every committed
            // transaction across a process crash (an OS crash may lose the last few).
            await store.ExecuteAsync(
                "PRAGMA page_size = 16384; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY;",
                cancellationToken).ConfigureAwait(false);
            await store.MigrateAsync(cancellationToken).ConfigureAwait(false);
            return store;
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 26 /* SQLITE_NOTADB */ or 11 /* SQLITE_CORRUPT */)
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw new StoreException($"'{fullPath}' is not a ContactCost store (SQLite: {e.Message}). Name another file with --db.", e);
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    /// <remarks>A store lent by a <see cref="SqliteStorePool"/> goes back to it, open, unless the pool is full or closed.</remarks>
    public async ValueTask DisposeAsync()
    {
        if (pool is not null)
        {
            // Only the first dispose of a loan gives the store back; a second one must not close it under its next borrower.
            if (Interlocked.Exchange(ref lent, 0) == 0 || pool.TryReturn(this))
                return;
        }

        await CloseAsync().ConfigureAwait(false);
    }

    /// <summary>Marks the store as lent by <paramref name="lender"/>, to which disposing it returns it.</summary>
    internal void LendFrom(SqliteStorePool lender)
    {
        pool = lender;
        Volatile.Write(ref lent, 1);
    }

    /// <summary>Closes the statements and the connection.</summary>
    internal async ValueTask CloseAsync()
    {
        foreach (var statement in statements.Values)
            await statement.DisposeAsync().ConfigureAwait(false);
        interactionInsert?.Dispose();
        checkpointer?.Dispose();
        checkpointer = null; // a second close must not give the closed connection its checkpoints back
        if (insertUsage is not null)
            await insertUsage.DisposeAsync().ConfigureAwait(false);
        await connection.DisposeAsync().ConfigureAwait(false);
    }

    // From the first batch this large on, checkpoints leave the commit for a thread of their own.
    private const int BulkBatchRows = 1_000;

    // A bulk writer hands its checkpoints to a WalCheckpointer, whose WAL hook replaces SQLite's automatic one.
    // One that failed gives them back (SQLite's own, like it, let a failed checkpoint pass: the next one copies the frames).
    private void BeforeBulkWrite(int rows)
    {
        if (checkpointer is { Failed: true })
        {
            checkpointer.Dispose();
            checkpointer = null;
            checkpointsInline = true;
        }

        if (checkpointer is not null || checkpointsInline || rows < BulkBatchRows)
            return;
        checkpointer = WalCheckpointer.Start(Path, connection.Handle!);
        checkpointsInline = checkpointer is null;
    }

    /// <inheritdoc />
    public async Task<TenantSettings?> GetTenantAsync(TenantId tenant, CancellationToken cancellationToken = default)
    {
        await using var command = Command("SELECT time_zone FROM tenants WHERE tenant_id = $tenant", ("$tenant", tenant.Value));
        var zone = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
        return zone is null ? null : new TenantSettings(tenant, TimeZoneInfo.FindSystemTimeZoneById(zone));
    }

    /// <inheritdoc />
    public async Task<ZoneChange> SaveTenantAsync(TenantSettings settings, bool forgetRatings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var tenant = ("$tenant", (object)settings.Tenant.Value);

        // One immediate transaction: no rating can be saved between the look for rated charges and the move.
        await using var transaction = await BeginAsync(cancellationToken).ConfigureAwait(false);
        var stored = await ScalarAsync(transaction, "SELECT time_zone FROM tenants WHERE tenant_id = $tenant", cancellationToken, tenant).ConfigureAwait(false) as string;
        var previous = stored is null ? TenantSettings.DefaultTimeZone : TimeZoneInfo.FindSystemTimeZoneById(stored);
        var moves = ZoneChange.Moves(previous, settings.TimeZone);
        var rated = moves && await ScalarAsync(transaction, "SELECT EXISTS (SELECT 1 FROM charge_lines WHERE tenant_id = $tenant)", cancellationToken, tenant)
            .ConfigureAwait(false) is 1L;
        var outcome = ZoneChange.OutcomeOf(moves, rated, forgetRatings);
        if (outcome == ZoneChangeOutcome.Refused)
            return new ZoneChange(previous, stored is null, outcome, 0);

        await ExecuteAsync(
            transaction,
            """
            INSERT INTO tenants (tenant_id, time_zone, updated_at) VALUES ($tenant, $zone, $now)
            ON CONFLICT (tenant_id) DO UPDATE SET time_zone = excluded.time_zone, updated_at = excluded.updated_at
            """,
            cancellationToken, tenant, ("$zone", settings.TimeZone.Id), ("$now", Now())).ConfigureAwait(false);
        if (moves)
            await NewRatingBasisAsync(transaction, settings.Tenant, cancellationToken).ConfigureAwait(false);
        var forgotten = outcome == ZoneChangeOutcome.MovedRatingsForgotten
            ? await ForgetRatingsAsync(transaction, settings.Tenant, long.MinValue, long.MaxValue, cancellationToken).ConfigureAwait(false)
            : 0;
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new ZoneChange(previous, stored is null, outcome, forgotten);
    }

    /// <inheritdoc />
    public async Task<RatingBasis> GetRatingBasisAsync(TenantId tenant, CancellationToken cancellationToken = default)
    {
        await using var command = Command(RatingBasisSql, ("$tenant", tenant.Value));
        return new RatingBasis((long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!);
    }

    /// <inheritdoc />
    public async Task<BatchResult> AddInteractionsAsync(TenantId tenant, IReadOnlyList<Interaction> batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var outcomes = new WriteOutcome[batch.Count];
        if (batch.Count == 0)
            return new BatchResult(outcomes);

        BeforeBulkWrite(batch.Count);
        // Immediate: the write lock is taken first, so the batch never waits half-way for another writer.
        await using var transaction = connection.BeginTransaction(deferred: false);
        interactionInsert ??= new InteractionInsert(connection.Handle!);
        interactionInsert.UseTenant(tenant.Value);
        interactionInsert.AddAll(batch, outcomes, cancellationToken);

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new BatchResult(outcomes);
    }

    /// <inheritdoc />
    public Task<BatchResult> AddUsageAsync(TenantId tenant, IReadOnlyList<UsageRecord> batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return AddAsync(tenant, batch, "usage_records", u => u.Id, InteractionContent.Hash, InsertUsageCommand, BindUsage, cancellationToken);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<Interaction> ReadInteractionsAsync(
        TenantId tenant, DateTimeOffset fromUtc, DateTimeOffset toUtc, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var command = Command(
            $"SELECT {InteractionColumns} FROM interactions WHERE tenant_id = $tenant AND start_ms >= $from AND start_ms < $to ORDER BY start_ms, id",
            ("$tenant", tenant.Value), ("$from", Ms(fromUtc)), ("$to", Ms(toUtc)));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            yield return Rows.Interaction(reader);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<(Interaction Interaction, long? UsageMinorUnits)> ReadPricedInteractionsAsync(
        TenantId tenant, DateTimeOffset fromUtc, DateTimeOffset toUtc, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var command = Command(
            $"SELECT {InteractionColumns}, usage_minor FROM interactions WHERE tenant_id = $tenant AND start_ms >= $from AND start_ms < $to ORDER BY start_ms, id",
            ("$tenant", tenant.Value), ("$from", Ms(fromUtc)), ("$to", Ms(toUtc)));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var usage = reader.GetOrdinal("usage_minor");
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            yield return (Rows.Interaction(reader), reader.IsDBNull(usage) ? null : reader.GetInt64(usage));
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<UsageRecord> ReadUsageAsync(
        TenantId tenant, DateTimeOffset fromUtc, DateTimeOffset toUtc, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var command = Command(
            $"SELECT {UsageColumns} FROM usage_records WHERE tenant_id = $tenant AND start_ms >= $from AND start_ms < $to ORDER BY start_ms, id",
            ("$tenant", tenant.Value), ("$from", Ms(fromUtc)), ("$to", Ms(toUtc)));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            yield return Rows.Usage(reader);
    }

    /// <inheritdoc />
    public async Task<DateTimeOffset?> GetLatestStartAsync(TenantId tenant, CancellationToken cancellationToken = default)
    {
        await using var command = Command("SELECT MAX(start_ms) FROM interactions WHERE tenant_id = $tenant", ("$tenant", tenant.Value));
        var latest = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return latest is long ms ? InteractionContent.InstantFromMs(ms) : null;
    }

    /// <inheritdoc />
    public Task<long> CountInteractionsAsync(TenantId tenant, CancellationToken cancellationToken = default) =>
        ScalarAsync<long>("SELECT COUNT(*) FROM interactions WHERE tenant_id = $tenant", cancellationToken, ("$tenant", tenant.Value));

    /// <inheritdoc />
    public Task<long> CountUsageAsync(TenantId tenant, CancellationToken cancellationToken = default) =>
        ScalarAsync<long>("SELECT COUNT(*) FROM usage_records WHERE tenant_id = $tenant", cancellationToken, ("$tenant", tenant.Value));

    /// <inheritdoc />
    public async Task<DocumentSave> SavePriceBookAsync(TenantId tenant, string version, string json, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        ArgumentNullException.ThrowIfNull(json);
        await using var transaction = await BeginAsync(cancellationToken).ConfigureAwait(false);
        var stored = await ScalarAsync(
            transaction, "SELECT document FROM price_books WHERE tenant_id = $tenant AND version = $version", cancellationToken,
            ("$tenant", tenant.Value), ("$version", version)).ConfigureAwait(false) as string;
        if (stored == json)
            return DocumentSave.Unchanged;

        await ExecuteAsync(
            transaction,
            """
            INSERT INTO price_books (tenant_id, version, document, loaded_at) VALUES ($tenant, $version, $document, $now)
            ON CONFLICT (tenant_id, version) DO UPDATE SET document = excluded.document, loaded_at = excluded.loaded_at
            """,
            cancellationToken, ("$tenant", tenant.Value), ("$version", version), ("$document", json), ("$now", Now())).ConfigureAwait(false);
        await NewRatingBasisAsync(transaction, tenant, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return stored is null ? DocumentSave.Added : DocumentSave.Replaced;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredDocument>> GetPriceBooksAsync(TenantId tenant, CancellationToken cancellationToken = default)
    {
        await using var command = Command(
            "SELECT version, document, loaded_at FROM price_books WHERE tenant_id = $tenant ORDER BY version",
            ("$tenant", tenant.Value));
        return await ReadDocumentsAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<DocumentSave> SaveCostModelAsync(TenantId tenant, string json, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(json);
        var current = await GetCostModelAsync(tenant, cancellationToken).ConfigureAwait(false);
        if (current?.Json == json)
            return DocumentSave.Unchanged;
        await using var save = Command(
            """
            INSERT INTO cost_models (tenant_id, revision, document, loaded_at)
            VALUES ($tenant, (SELECT COALESCE(MAX(revision), 0) + 1 FROM cost_models WHERE tenant_id = $tenant), $document, $now)
            """,
            ("$tenant", tenant.Value), ("$document", json), ("$now", Now()));
        await save.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return current is null ? DocumentSave.Added : DocumentSave.Replaced;
    }

    /// <inheritdoc />
    public async Task<StoredDocument?> GetCostModelAsync(TenantId tenant, CancellationToken cancellationToken = default)
    {
        await using var command = Command(
            "SELECT revision, document, loaded_at FROM cost_models WHERE tenant_id = $tenant ORDER BY revision DESC LIMIT 1",
            ("$tenant", tenant.Value));
        var documents = await ReadDocumentsAsync(command, cancellationToken).ConfigureAwait(false);
        return documents.Count == 0 ? null : documents[0];
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Interaction>> ReadUnratedInteractionsAsync(
        TenantId tenant, RatingCursor after, DateTimeOffset toUtc, int limit, CancellationToken cancellationToken = default) =>
        ReadUnratedAsync(tenant, "interactions", InteractionColumns, Rows.Interaction, after, toUtc, limit, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<UsageRecord>> ReadUnratedUsageAsync(
        TenantId tenant, RatingCursor after, DateTimeOffset toUtc, int limit, CancellationToken cancellationToken = default) =>
        ReadUnratedAsync(tenant, "usage_records", UsageColumns, Rows.Usage, after, toUtc, limit, cancellationToken);

    /// <inheritdoc />
    public async Task<(DateTimeOffset First, DateTimeOffset Last)?> GetUnratedSpanAsync(TenantId tenant, CancellationToken cancellationToken = default)
    {
        await using var command = Command(
            """
            SELECT MIN(first), MAX(last) FROM (
                SELECT MIN(start_ms) AS first, MAX(start_ms) AS last FROM interactions WHERE tenant_id = $tenant AND rated_version IS NULL
                UNION ALL
                SELECT MIN(start_ms), MAX(start_ms) FROM usage_records WHERE tenant_id = $tenant AND rated_version IS NULL)
            """,
            ("$tenant", tenant.Value));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false) || reader.IsDBNull(0))
            return null;
        return (InteractionContent.InstantFromMs(reader.GetInt64(0)), InteractionContent.InstantFromMs(reader.GetInt64(1)));
    }

    /// <inheritdoc />
    public Task<long> CountUnratedAsync(TenantId tenant, DateTimeOffset fromUtc, DateTimeOffset toUtc, CancellationToken cancellationToken = default) =>
        ScalarAsync<long>(
            """
            SELECT (SELECT COUNT(*) FROM interactions WHERE tenant_id = $tenant AND rated_version IS NULL AND start_ms >= $from AND start_ms < $to)
                 + (SELECT COUNT(*) FROM usage_records WHERE tenant_id = $tenant AND rated_version IS NULL AND start_ms >= $from AND start_ms < $to)
            """,
            cancellationToken, ("$tenant", tenant.Value), ("$from", Ms(fromUtc)), ("$to", Ms(toUtc)));

    /// <inheritdoc />
    public async Task<IReadOnlyList<bool>> SaveRatingsAsync(TenantId tenant, RatingBasis basis, IReadOnlyList<RatedItem> rated, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rated);
        await using var transaction = await BeginAsync(cancellationToken).ConfigureAwait(false);
        await CheckRatingBasisAsync(transaction, tenant, basis, cancellationToken).ConfigureAwait(false);
        await using var markInteraction = Command(
            "UPDATE interactions SET rated_version = $version, usage_minor = $usage WHERE tenant_id = $tenant AND id = $id AND rated_version IS NULL",
            ("$tenant", tenant.Value), ("$version", ""), ("$usage", 0L), ("$id", ""));
        await using var markUsage = Command(
            "UPDATE usage_records SET rated_version = $version, usage_minor = $usage WHERE tenant_id = $tenant AND id = $id AND rated_version IS NULL",
            ("$tenant", tenant.Value), ("$version", ""), ("$usage", 0L), ("$id", ""));
        await using var insertLine = InsertLineCommand(tenant);
        markInteraction.Transaction = markUsage.Transaction = insertLine.Transaction = transaction;

        var saved = new bool[rated.Count];
        for (var i = 0; i < rated.Count; i++)
        {
            var item = rated[i];
            var mark = item.Source == RatedSource.Interaction ? markInteraction : markUsage;
            var usage = 0L;
            foreach (var l in item.Lines)
                usage += l.Amount.ToMinorUnits();
            mark.Parameters["$version"].Value = item.PriceBookVersion;
            mark.Parameters["$usage"].Value = usage;
            mark.Parameters["$id"].Value = item.Id;
            if (await mark.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
                continue; // already rated (or gone): never charge twice

            saved[i] = true;
            await InsertLinesAsync(insertLine, SourceName(item.Source), item.Id, item.Start, item.Lines, cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return saved;
    }

    /// <inheritdoc />
    public async Task SaveMonthLinesAsync(TenantId tenant, RatingBasis basis, string month, DateTimeOffset monthStartUtc, IReadOnlyList<ChargeLine> lines, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(month);
        ArgumentNullException.ThrowIfNull(lines);
        await using var transaction = await BeginAsync(cancellationToken).ConfigureAwait(false);
        await CheckRatingBasisAsync(transaction, tenant, basis, cancellationToken).ConfigureAwait(false);
        await using (var delete = Command(
            "DELETE FROM charge_lines WHERE tenant_id = $tenant AND source = 'month' AND source_id = $month",
            ("$tenant", tenant.Value), ("$month", month)))
        {
            delete.Transaction = transaction;
            await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using var insertLine = InsertLineCommand(tenant);
        insertLine.Transaction = transaction;
        await InsertLinesAsync(insertLine, "month", month, monthStartUtc, lines, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<long> ResetRatingsAsync(TenantId tenant, DateTimeOffset fromUtc, DateTimeOffset? toUtc, CancellationToken cancellationToken = default)
    {
        await using var transaction = await BeginAsync(cancellationToken).ConfigureAwait(false);
        var count = await ForgetRatingsAsync(transaction, tenant, Ms(fromUtc), toUtc is { } to ? Ms(to) : long.MaxValue, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return count;
    }

    // Forgets the ratings of the items that started in [fromMs, toMs) and the lines dated there; gives how many items.
    private async Task<long> ForgetRatingsAsync(SqliteTransaction transaction, TenantId tenant, long fromMs, long toMs, CancellationToken cancellationToken)
    {
        var parameters = new (string, object)[] { ("$tenant", tenant.Value), ("$from", fromMs), ("$to", toMs) };
        var count = 0L;
        foreach (var sql in new[]
        {
            // Lines carry their item's start: the range deletes items' and months' lines alike.
            "DELETE FROM charge_lines WHERE tenant_id = $tenant AND start_ms >= $from AND start_ms < $to",
            "UPDATE interactions SET rated_version = NULL, usage_minor = NULL WHERE tenant_id = $tenant AND start_ms >= $from AND start_ms < $to AND rated_version IS NOT NULL",
            "UPDATE usage_records SET rated_version = NULL, usage_minor = NULL WHERE tenant_id = $tenant AND start_ms >= $from AND start_ms < $to AND rated_version IS NOT NULL",
        })
        {
            await using var command = Command(sql, parameters);
            command.Transaction = transaction;
            var changed = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            if (!sql.StartsWith("DELETE", StringComparison.Ordinal))
                count += changed;
        }

        return count;
    }

    private const string RatingBasisSql = "SELECT COALESCE((SELECT basis FROM rating_bases WHERE tenant_id = $tenant), 0)";

    // Inside a write transaction, which no other writer can interleave with: a basis read here holds until the commit.
    private async Task CheckRatingBasisAsync(SqliteTransaction transaction, TenantId tenant, RatingBasis basis, CancellationToken cancellationToken)
    {
        if ((long)(await ScalarAsync(transaction, RatingBasisSql, cancellationToken, ("$tenant", tenant.Value)).ConfigureAwait(false))! != basis.Number)
            throw new RatingBasisChangedException(tenant);
    }

    private Task NewRatingBasisAsync(SqliteTransaction transaction, TenantId tenant, CancellationToken cancellationToken) =>
        ExecuteAsync(
            transaction,
            "INSERT INTO rating_bases (tenant_id, basis) VALUES ($tenant, 1) ON CONFLICT (tenant_id) DO UPDATE SET basis = basis + 1",
            cancellationToken, ("$tenant", tenant.Value));

    /// <inheritdoc />
    public async Task<IReadOnlyList<ChargeTotal>> SumChargesAsync(
        TenantId tenant, DateTimeOffset fromUtc, DateTimeOffset toUtc, RatedSource? source = null, CancellationToken cancellationToken = default)
    {
        // Quantities are decimal text: summed here, exactly, rather than by SQLite's floating point.
        await using var command = Command(
            """
            SELECT charge_id, billed_quantity, amount_minor, exact_amount FROM charge_lines
            WHERE tenant_id = $tenant AND start_ms >= $from AND start_ms < $to AND ($source IS NULL OR source = $source)
            """,
            ("$tenant", tenant.Value), ("$from", Ms(fromUtc)), ("$to", Ms(toUtc)),
            ("$source", source is { } kind ? SourceName(kind) : DBNull.Value));
        var totals = new Dictionary<string, (long Lines, decimal Quantity, long Amount, decimal Exact)>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var id = reader.GetString(0);
            var (lines, quantity, amount, exact) = totals.GetValueOrDefault(id);
            totals[id] = (lines + 1, quantity + Decimal(reader.GetString(1)), amount + reader.GetInt64(2), exact + Decimal(reader.GetString(3)));
        }

        return totals.OrderBy(t => t.Key, StringComparer.Ordinal)
            .Select(t => new ChargeTotal(t.Key, t.Value.Lines, t.Value.Quantity, t.Value.Amount) { ExactAmount = t.Value.Exact })
            .ToArray();
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ChargeLine>> GetChargeLinesAsync(TenantId tenant, RatedSource source, string id, Currency currency, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(currency);
        await using var command = Command(
            """
            SELECT charge_id, pricebook_version, meter, raw_quantity, billed_quantity, unit_price, per, amount_minor, basis, exact_amount
            FROM charge_lines WHERE tenant_id = $tenant AND source = $source AND source_id = $id ORDER BY line_no
            """,
            ("$tenant", tenant.Value), ("$source", SourceName(source)), ("$id", id));
        return await StoreRows.ListAsync(command, r => Rows.ChargeLine(r, currency), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Invoice>> GetInvoicesAsync(TenantId tenant, string period, CancellationToken cancellationToken = default)
    {
        await using var command = Command(
            "SELECT document FROM invoices WHERE tenant_id = $tenant AND period = $period ORDER BY issued_at, number",
            ("$tenant", tenant.Value), ("$period", period));
        var invoices = new List<Invoice>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            invoices.Add(InvoiceDocument.Read(reader.GetString(0)));
        return invoices;
    }

    /// <inheritdoc />
    public async Task<Invoice> IssueInvoiceAsync(TenantId tenant, InvoiceDraft draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var kind = draft.Kind == InvoiceKind.Invoice ? "invoice" : "adjustment";

        // An immediate transaction holds the write lock from the start: two processes cannot take the same number.
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using var count = Command("SELECT COUNT(*) FROM invoices WHERE tenant_id = $tenant AND kind = $kind", ("$tenant", tenant.Value), ("$kind", kind));
        count.Transaction = transaction;
        var sequence = (long)(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))! + 1;
        var invoice = draft.Issue(InvoiceDocument.Number(draft.Kind, sequence), DateTimeOffset.UtcNow);

        await using var insert = Command(
            "INSERT INTO invoices (tenant_id, number, kind, period, issued_at, document) VALUES ($tenant, $number, $kind, $period, $issued, $document)",
            ("$tenant", tenant.Value), ("$number", invoice.Number), ("$kind", kind), ("$period", invoice.Period),
            ("$issued", invoice.IssuedAt.ToString("O", CultureInfo.InvariantCulture)), ("$document", InvoiceDocument.Write(invoice)));
        insert.Transaction = transaction;
        try
        {
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 19 /* SQLITE_CONSTRAINT */)
        {
            throw new StoreException($"An invoice for {draft.Period} is already issued for tenant '{tenant}'; changes go on an adjustment.", e);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return invoice;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ChannelActivity>> SummarizeByChannelAsync(
        TenantId tenant, DateTimeOffset fromUtc, DateTimeOffset toUtc, CancellationToken cancellationToken = default)
    {
        await using var command = Command(
            """
            SELECT channel,
                   COUNT(*),
                   SUM(handled),
                   SUM(abandoned),
                   SUM(talk_ms + hold_ms + wrap_ms),
                   SUM(CASE WHEN handled = 1 AND direction = 'inbound' THEN wait_ms ELSE 0 END),
                   SUM(CASE WHEN handled = 1 AND direction = 'inbound' THEN 1 ELSE 0 END),
                   SUM(COALESCE(usage_minor, 0)),
                   SUM(rated_version IS NULL)
            FROM interactions
            WHERE tenant_id = $tenant AND start_ms >= $from AND start_ms < $to
            GROUP BY channel
            """,
            ("$tenant", tenant.Value), ("$from", Ms(fromUtc)), ("$to", Ms(toUtc)));
        var activity = await StoreRows.ListAsync(command, StoreRows.Activity, cancellationToken).ConfigureAwait(false);
        return activity.OrderBy(a => a.Channel).ToArray();
    }

    // Adds a batch idempotently: ids already stored are duplicates (same content hash) or conflicts.
    private async Task<BatchResult> AddAsync<T>(
        TenantId tenant,
        IReadOnlyList<T> batch,
        string table,
        Func<T, string> idOf,
        Func<T, long> hashOf,
        Func<SqliteCommand> insertCommand,
        Action<SqliteCommand, T, long> bind,
        CancellationToken cancellationToken)
    {
        var outcomes = new WriteOutcome[batch.Count];
        if (batch.Count == 0)
            return new BatchResult(outcomes);

        var hashes = new long[batch.Count];
        for (var i = 0; i < batch.Count; i++)
            hashes[i] = hashOf(batch[i]);

        BeforeBulkWrite(batch.Count);
        await using var transaction = await BeginAsync(cancellationToken).ConfigureAwait(false);
        var known = await StoredHashesAsync(tenant, table, batch.Select(idOf), transaction, cancellationToken).ConfigureAwait(false);
        var insert = insertCommand();
        insert.Transaction = transaction;
        insert.Parameters["$tenant"].Value = tenant.Value;
        for (var i = 0; i < batch.Count; i++)
        {
            var id = idOf(batch[i]);
            if (known.TryGetValue(id, out var storedHash))
            {
                outcomes[i] = storedHash == hashes[i] ? WriteOutcome.Duplicate : WriteOutcome.Conflict;
                continue;
            }

            bind(insert, batch[i], hashes[i]);
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            known[id] = hashes[i]; // a repeat later in the same batch is a duplicate or conflict too
            outcomes[i] = WriteOutcome.Added;
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new BatchResult(outcomes);
    }

    private async Task<IReadOnlyList<T>> ReadUnratedAsync<T>(
        TenantId tenant, string table, string columns, Func<DbDataReader, T> read, RatingCursor after, DateTimeOffset toUtc, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var command = Command(
            $"""
            SELECT {columns} FROM {table}
            WHERE tenant_id = $tenant AND rated_version IS NULL AND (start_ms, id) > ($start, $id) AND start_ms < $to
            ORDER BY start_ms, id LIMIT $limit
            """,
            ("$tenant", tenant.Value), ("$start", Ms(after.Start)), ("$id", after.Id), ("$to", Ms(toUtc)), ("$limit", limit));
        return await StoreRows.ListAsync(command, read, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Rows as SQLite keeps them: instants as Unix milliseconds, decimals as invariant text.</summary>
    private sealed class SqliteRows : StoreRows
    {
        public override DateTimeOffset Instant(DbDataReader reader, int ordinal) => InteractionContent.InstantFromMs(reader.GetInt64(ordinal));

        public override decimal Decimal(DbDataReader reader, int ordinal) => SqliteStore.Decimal(reader.GetString(ordinal));
    }

    private SqliteCommand InsertUsageCommand()
    {
        if (insertUsage is not null)
            return insertUsage;
        insertUsage = Command(
            """
            INSERT INTO usage_records (tenant_id, id, meter, quantity, start_ms, channel, direction, queue, destination, extra, content_hash)
            VALUES ($tenant, $id, $meter, $quantity, $start, $channel, $direction, $queue, $destination, $extra, $hash)
            """,
            ("$tenant", ""), ("$id", ""), ("$meter", ""), ("$quantity", ""), ("$start", 0L), ("$channel", DBNull.Value),
            ("$direction", DBNull.Value), ("$queue", DBNull.Value), ("$destination", DBNull.Value), ("$extra", DBNull.Value), ("$hash", 0L));
        insertUsage.Prepare();
        return insertUsage;
    }

    private static void BindUsage(SqliteCommand insert, UsageRecord record, long hash)
    {
        var p = insert.Parameters;
        p["$id"].Value = record.Id;
        p["$meter"].Value = record.Meter.Name();
        p["$quantity"].Value = InteractionContent.Quantity(record.Quantity);
        p["$start"].Value = Ms(record.Start);
        p["$channel"].Value = record.Channel is { } channel ? channel.Name() : DBNull.Value;
        p["$direction"].Value = record.Direction is { } direction ? direction.Name() : DBNull.Value;
        p["$queue"].Value = (object?)record.Queue ?? DBNull.Value;
        p["$destination"].Value = (object?)record.Destination ?? DBNull.Value;
        p["$extra"].Value = (object?)InteractionContent.ExtraToJson(record.Extra) ?? DBNull.Value;
        p["$hash"].Value = hash;
    }

    private SqliteCommand InsertLineCommand(TenantId tenant) => Command(
        """
        INSERT INTO charge_lines (tenant_id, source, source_id, line_no, start_ms, charge_id, pricebook_version, meter,
                                  raw_quantity, billed_quantity, unit_price, per, amount_minor, exact_amount, basis)
        VALUES ($tenant, $source, $id, $no, $start, $charge, $version, $meter, $raw, $billed, $price, $per, $amount, $exact, $basis)
        """,
        ("$tenant", tenant.Value), ("$source", ""), ("$id", ""), ("$no", 0L), ("$start", 0L), ("$charge", ""), ("$version", ""),
        ("$meter", DBNull.Value), ("$raw", ""), ("$billed", ""), ("$price", ""), ("$per", ""), ("$amount", 0L), ("$exact", ""), ("$basis", DBNull.Value));

    private static async Task InsertLinesAsync(SqliteCommand insert, string source, string id, DateTimeOffset start, IReadOnlyList<ChargeLine> lines, CancellationToken cancellationToken)
    {
        var p = insert.Parameters;
        p["$source"].Value = source;
        p["$id"].Value = id;
        p["$start"].Value = Ms(start);
        for (var n = 0; n < lines.Count; n++)
        {
            var l = lines[n];
            p["$no"].Value = (long)n;
            p["$charge"].Value = l.ChargeId;
            p["$version"].Value = l.PriceBookVersion;
            p["$meter"].Value = l.Meter is { } meter ? meter.Name() : DBNull.Value;
            p["$raw"].Value = InteractionContent.Quantity(l.RawQuantity);
            p["$billed"].Value = InteractionContent.Quantity(l.BilledQuantity);
            p["$price"].Value = InteractionContent.Quantity(l.UnitPrice);
            p["$per"].Value = InteractionContent.Quantity(l.Per);
            p["$amount"].Value = l.Amount.ToMinorUnits();
            p["$exact"].Value = InteractionContent.Quantity(l.ExactAmount);
            p["$basis"].Value = (object?)l.Basis ?? DBNull.Value;
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static string SourceName(RatedSource source) => source == RatedSource.Interaction ? "interaction" : "usage";

    // The content hashes of the batch's ids that are already stored, in one query.
    private async Task<Dictionary<string, long>> StoredHashesAsync(
        TenantId tenant, string table, IEnumerable<string> ids, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        var json = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(json))
        {
            writer.WriteStartArray();
            foreach (var id in ids)
                writer.WriteStringValue(id);
            writer.WriteEndArray();
        }

        // IN (subquery) makes SQLite probe the primary key once per id; a join on json_each let
        // the planner scan the tenant's whole time index instead.
        await using var command = Command(
            $"SELECT id, content_hash FROM {table} WHERE tenant_id = $tenant AND id IN (SELECT value FROM json_each($ids))",
            ("$tenant", tenant.Value), ("$ids", Encoding.UTF8.GetString(json.WrittenSpan)));
        command.Transaction = transaction;
        var known = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            known[reader.GetString(0)] = reader.GetInt64(1);
        return known;
    }

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await ExecuteAsync(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER NOT NULL PRIMARY KEY, applied_at TEXT NOT NULL) STRICT",
            cancellationToken).ConfigureAwait(false);
        SchemaVersion = checked((int)await ScalarAsync<long>("SELECT COALESCE(MAX(version), 0) FROM schema_migrations", cancellationToken).ConfigureAwait(false));

        var known = SqliteSchema.Migrations.Length;
        if (SchemaVersion > known)
            throw new StoreException(
                $"'{Path}' has schema version {SchemaVersion}, written by a newer ContactCost; this one knows up to {known}. Upgrade ccost to use it.");

        for (var version = SchemaVersion + 1; version <= known; version++)
        {
            await using var transaction = await BeginAsync(cancellationToken).ConfigureAwait(false);
            await using (var migrate = Command(SqliteSchema.Migrations[version - 1]))
            {
                migrate.Transaction = transaction;
                await migrate.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await using (var record = Command(
                "INSERT INTO schema_migrations (version, applied_at) VALUES ($version, $now)", ("$version", version), ("$now", Now())))
            {
                record.Transaction = transaction;
                await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            SchemaVersion = version;
        }
    }

    private static async Task<IReadOnlyList<StoredDocument>> ReadDocumentsAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var documents = new List<StoredDocument>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            documents.Add(new StoredDocument(
                Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture)!,
                reader.GetString(1),
                DateTimeOffset.Parse(reader.GetString(2), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)));
        }

        return documents;
    }

    private async Task<SqliteTransaction> BeginAsync(CancellationToken cancellationToken) =>
        (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

    // The first column of the first row (null when none) of a statement run inside transaction.
    private async Task<object?> ScalarAsync(SqliteTransaction transaction, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(sql, parameters);
        command.Transaction = transaction;
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task ExecuteAsync(SqliteTransaction transaction, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(sql, parameters);
        command.Transaction = transaction;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<T> ScalarAsync<T>(string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(sql, parameters);
        return (T)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = Command(sql);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A prepared statement kept for the life of the connection (wallet operations run the same few
    /// statements thousands of times a second), bound to <paramref name="transaction"/>. Every
    /// parameter is reset before binding, so nothing from an earlier call can leak into this one.
    /// </summary>
    private SqliteCommand Statement(string sql, SqliteTransaction transaction, params (string Name, object Value)[] parameters)
    {
        if (!statements.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (System.Text.RegularExpressions.Match name in ParameterNames().Matches(sql))
            {
                if (!command.Parameters.Contains(name.Value))
                    command.Parameters.Add(new SqliteParameter(name.Value, DBNull.Value));
            }

            command.Prepare();
            statements[sql] = command;
        }

        command.Transaction = transaction;
        foreach (SqliteParameter parameter in command.Parameters)
            parameter.Value = DBNull.Value;
        foreach (var (name, value) in parameters)
            command.Parameters[name].Value = value;
        return command;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\$[A-Za-z]+")]
    private static partial System.Text.RegularExpressions.Regex ParameterNames();

    private SqliteCommand Command(string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        return command;
    }

    private static long Ms(DateTimeOffset instant) => InteractionContent.ToMs(instant);

    private static decimal Decimal(string text) => decimal.Parse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture);

    private static string Now() => DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
}
