using System.Runtime.CompilerServices;
using ContactCost.Costing;
using ContactCost.Interactions;
using ContactCost.Invoicing;
using ContactCost.Rating;
using ContactCost.Tenants;
using ContactCost.Usage;
using Npgsql;

namespace ContactCost.Storage.Postgres;

/// <summary>
/// The shared store: the same contract as the embedded SQLite store on a PostgreSQL database,
/// for several processes and machines at once. Schema migrated on open; batches written with one
/// statement each (arrays unnested server-side); wallet batches lock their wallets' rows.
/// </summary>
/// <remarks>
/// Every call takes a pooled connection from the data source and gives it back, so a caller may
/// read one result while it writes another, as with SQLite. An instance is not thread-safe (the
/// contract's rule), but any number of instances may share one data source.
/// </remarks>
public sealed partial class PostgresStore : IStore
{
    private const string InteractionColumns =
        "id, channel, direction, customer, start_at, end_at, wait_ms, talk_ms, hold_ms, wrap_ms, queue, agent, units, destination, resolved, extra";

    private const string UsageColumns = "id, meter, quantity, start_at, channel, direction, queue, destination, extra";

    private readonly NpgsqlDataSource dataSource;
    private readonly bool ownsDataSource;

    private PostgresStore(NpgsqlDataSource dataSource, bool ownsDataSource)
    {
        this.dataSource = dataSource;
        this.ownsDataSource = ownsDataSource;
    }

    /// <summary>The schema version the database is at after opening.</summary>
    public int SchemaVersion { get; private set; }

    /// <summary>Connects to the database a connection string names and brings its schema up to date; the store owns its connection pool.</summary>
    /// <exception cref="StoreException">The connection string is wrong, the server cannot be reached, or a newer version wrote the schema.</exception>
    public static async Task<PostgresStore> OpenAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        NpgsqlDataSourceBuilder builder;
        try
        {
            builder = new NpgsqlDataSourceBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            throw new StoreException(
                $"The PostgreSQL connection string is not valid ({e.Message}). Give one such as 'Host=localhost;Database=contactcost;Username=ccost'.", e);
        }

        // The same few statements run thousands of times: let Npgsql prepare them on the server.
        if (builder.ConnectionStringBuilder.MaxAutoPrepare == 0)
            builder.ConnectionStringBuilder.MaxAutoPrepare = 64;
        return await OpenAsync(builder.Build(), ownsDataSource: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Opens the store on a data source the caller owns (and disposes) and brings the schema up to date.</summary>
    /// <exception cref="StoreException">The server cannot be reached, or a newer version wrote the schema.</exception>
    public static Task<PostgresStore> OpenAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        return OpenAsync(dataSource, ownsDataSource: false, cancellationToken);
    }

    private static async Task<PostgresStore> OpenAsync(NpgsqlDataSource dataSource, bool ownsDataSource, CancellationToken cancellationToken)
    {
        var store = new PostgresStore(dataSource, ownsDataSource);
        try
        {
            await store.MigrateAsync(cancellationToken).ConfigureAwait(false);
            return store;
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (ownsDataSource)
            await dataSource.DisposeAsync().ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<TenantSettings?> GetTenantAsync(TenantId tenant, CancellationToken cancellationToken = default)
    {
        var zone = await ScalarAsync<string>("SELECT time_zone FROM tenants WHERE tenant_id = @tenant", cancellationToken, ("tenant", tenant.Value)).ConfigureAwait(false);
        return zone is null ? null : new TenantSettings(tenant, TimeZoneInfo.FindSystemTimeZoneById(zone));
    }

    /// <inheritdoc />
    public async Task<ZoneChange> SaveTenantAsync(TenantSettings settings, bool forgetRatings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var tenant = ("tenant", (object?)settings.Tenant.Value);
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        // The basis row first, locked: ratings being saved hold it shared, so the look for rated charges below sees
        // every one of them, and saves that come later wait for this transaction and then find the new basis.
        await ExecuteAsync(
            connection,
            "INSERT INTO rating_bases (tenant_id, basis) VALUES (@tenant, 0) ON CONFLICT (tenant_id) DO UPDATE SET basis = rating_bases.basis",
            cancellationToken, tenant).ConfigureAwait(false);
        var stored = await ScalarAsync(connection, "SELECT time_zone FROM tenants WHERE tenant_id = @tenant", cancellationToken, tenant).ConfigureAwait(false) as string;
        var previous = stored is null ? TenantSettings.DefaultTimeZone : TimeZoneInfo.FindSystemTimeZoneById(stored);
        var moves = ZoneChange.Moves(previous, settings.TimeZone);
        var rated = moves && await ScalarAsync(connection, "SELECT EXISTS (SELECT 1 FROM charge_lines WHERE tenant_id = @tenant)", cancellationToken, tenant)
            .ConfigureAwait(false) is true;
        var outcome = ZoneChange.OutcomeOf(moves, rated, forgetRatings);
        if (outcome == ZoneChangeOutcome.Refused)
            return new ZoneChange(previous, stored is null, outcome, 0);

        await ExecuteAsync(
            connection,
            """
            INSERT INTO tenants (tenant_id, time_zone, updated_at) VALUES (@tenant, @zone, now())
            ON CONFLICT (tenant_id) DO UPDATE SET time_zone = excluded.time_zone, updated_at = excluded.updated_at
            """,
            cancellationToken, tenant, ("zone", settings.TimeZone.Id)).ConfigureAwait(false);
        if (moves)
            await ExecuteAsync(connection, "UPDATE rating_bases SET basis = basis + 1 WHERE tenant_id = @tenant", cancellationToken, tenant).ConfigureAwait(false);
        var forgotten = outcome == ZoneChangeOutcome.MovedRatingsForgotten
            ? await ForgetRatingsAsync(connection, settings.Tenant, DateTimeOffset.MinValue, DateTimeOffset.MaxValue, cancellationToken).ConfigureAwait(false)
            : 0;
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new ZoneChange(previous, stored is null, outcome, forgotten);
    }

    /// <inheritdoc />
    public async Task<RatingBasis> GetRatingBasisAsync(TenantId tenant, CancellationToken cancellationToken = default) =>
        new(await ScalarAsync<long>("SELECT COALESCE((SELECT basis FROM rating_bases WHERE tenant_id = @tenant), 0)", cancellationToken, ("tenant", tenant.Value))
            .ConfigureAwait(false));

    /// <inheritdoc />
    public Task<BatchResult> AddInteractionsAsync(TenantId tenant, IReadOnlyList<Interaction> batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return AddAsync(tenant, batch, "interactions", i => i.Id, InteractionBatch.ContentHashOf, InsertInteractions, cancellationToken);
    }

    /// <inheritdoc />
    public Task<BatchResult> AddUsageAsync(TenantId tenant, IReadOnlyList<UsageRecord> batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return AddAsync(tenant, batch, "usage_records", u => u.Id, (b, i) => InteractionContent.Hash(b[i]), InsertUsage, cancellationToken);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<Interaction> ReadInteractionsAsync(
        TenantId tenant, DateTimeOffset fromUtc, DateTimeOffset toUtc, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var (interaction, _) in ReadPricedInteractionsAsync(tenant, fromUtc, toUtc, cancellationToken).ConfigureAwait(false))
            yield return interaction;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<(Interaction Interaction, long? UsageMinorUnits)> ReadPricedInteractionsAsync(
        TenantId tenant, DateTimeOffset fromUtc, DateTimeOffset toUtc, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(
            connection,
            $"""
            SELECT {InteractionColumns}, usage_minor FROM interactions
            WHERE tenant_id = @tenant AND start_at >= @from AND start_at < @to
            ORDER BY start_at, id
            """,
            ("tenant", tenant.Value), ("from", At(fromUtc)), ("to", At(toUtc)));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            yield return (Rows.Interaction(reader), reader.IsDBNull(16) ? null : reader.GetInt64(16));
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<UsageRecord> ReadUsageAsync(
        TenantId tenant, DateTimeOffset fromUtc, DateTimeOffset toUtc, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(
            connection,
            $"SELECT {UsageColumns} FROM usage_records WHERE tenant_id = @tenant AND start_at >= @from AND start_at < @to ORDER BY start_at, id",
            ("tenant", tenant.Value), ("from", At(fromUtc)), ("to", At(toUtc)));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            yield return Rows.Usage(reader);
    }

    /// <inheritdoc />
    public async Task<DateTimeOffset?> GetLatestStartAsync(TenantId tenant, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, "SELECT MAX(start_at) FROM interactions WHERE tenant_id = @tenant", ("tenant", tenant.Value));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) && !reader.IsDBNull(0) ? reader.GetFieldValue<DateTimeOffset>(0) : null;
    }

    /// <inheritdoc />
    public Task<long> CountInteractionsAsync(TenantId tenant, CancellationToken cancellationToken = default) =>
        ScalarAsync<long>("SELECT COUNT(*) FROM interactions WHERE tenant_id = @tenant", cancellationToken, ("tenant", tenant.Value));

    /// <inheritdoc />
    public Task<long> CountUsageAsync(TenantId tenant, CancellationToken cancellationToken = default) =>
        ScalarAsync<long>("SELECT COUNT(*) FROM usage_records WHERE tenant_id = @tenant", cancellationToken, ("tenant", tenant.Value));

    /// <inheritdoc />
    public async Task<DocumentSave> SavePriceBookAsync(TenantId tenant, string version, string json, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        ArgumentNullException.ThrowIfNull(json);
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        // The previous document comes back from the same statement that writes the new one.
        var previous = await ScalarAsync(
            connection,
            """
            WITH previous AS (SELECT document FROM price_books WHERE tenant_id = @tenant AND version = @version)
            , saved AS (
                INSERT INTO price_books (tenant_id, version, document, loaded_at) VALUES (@tenant, @version, @document, now())
                ON CONFLICT (tenant_id, version) DO UPDATE SET document = excluded.document, loaded_at = excluded.loaded_at
                WHERE price_books.document IS DISTINCT FROM excluded.document)
            SELECT document FROM previous
            """,
            cancellationToken, ("tenant", tenant.Value), ("version", version), ("document", json)).ConfigureAwait(false) as string;
        if (previous == json)
            return DocumentSave.Unchanged;

        await ExecuteAsync(
            connection,
            "INSERT INTO rating_bases (tenant_id, basis) VALUES (@tenant, 1) ON CONFLICT (tenant_id) DO UPDATE SET basis = rating_bases.basis + 1",
            cancellationToken, ("tenant", tenant.Value)).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return previous is null ? DocumentSave.Added : DocumentSave.Replaced;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredDocument>> GetPriceBooksAsync(TenantId tenant, CancellationToken cancellationToken = default) =>
        ReadDocumentsAsync(
            "SELECT version, document, loaded_at FROM price_books WHERE tenant_id = @tenant ORDER BY version",
            tenant, cancellationToken);

    /// <inheritdoc />
    public async Task<DocumentSave> SaveCostModelAsync(TenantId tenant, string json, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(json);
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        // Two processes saving at once would both take the next revision: the second one waits here.
        await LockAsync(connection, $"cost_models:{tenant.Value}", cancellationToken).ConfigureAwait(false);
        await using var current = Command(
            connection, "SELECT document FROM cost_models WHERE tenant_id = @tenant ORDER BY revision DESC LIMIT 1", ("tenant", tenant.Value));
        var stored = await current.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
        if (stored == json)
            return DocumentSave.Unchanged;

        await using var save = Command(
            connection,
            """
            INSERT INTO cost_models (tenant_id, revision, document, loaded_at)
            SELECT @tenant, COALESCE(MAX(revision), 0) + 1, @document, now() FROM cost_models WHERE tenant_id = @tenant
            """,
            ("tenant", tenant.Value), ("document", json));
        await save.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return stored is null ? DocumentSave.Added : DocumentSave.Replaced;
    }

    /// <inheritdoc />
    public async Task<StoredDocument?> GetCostModelAsync(TenantId tenant, CancellationToken cancellationToken = default)
    {
        var documents = await ReadDocumentsAsync(
            "SELECT revision::text, document, loaded_at FROM cost_models WHERE tenant_id = @tenant ORDER BY revision DESC LIMIT 1",
            tenant, cancellationToken).ConfigureAwait(false);
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
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(
            connection,
            """
            SELECT MIN(first), MAX(last) FROM (
                SELECT MIN(start_at) AS first, MAX(start_at) AS last FROM interactions WHERE tenant_id = @tenant AND rated_version IS NULL
                UNION ALL
                SELECT MIN(start_at), MAX(start_at) FROM usage_records WHERE tenant_id = @tenant AND rated_version IS NULL
            ) AS unrated
            """,
            ("tenant", tenant.Value));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false) || reader.IsDBNull(0))
            return null;
        return (reader.GetFieldValue<DateTimeOffset>(0), reader.GetFieldValue<DateTimeOffset>(1));
    }

    /// <inheritdoc />
    public Task<long> CountUnratedAsync(TenantId tenant, DateTimeOffset fromUtc, DateTimeOffset toUtc, CancellationToken cancellationToken = default) =>
        ScalarAsync<long>(
            """
            SELECT (SELECT COUNT(*) FROM interactions WHERE tenant_id = @tenant AND rated_version IS NULL AND start_at >= @from AND start_at < @to)
                 + (SELECT COUNT(*) FROM usage_records WHERE tenant_id = @tenant AND rated_version IS NULL AND start_at >= @from AND start_at < @to)
            """,
            cancellationToken, ("tenant", tenant.Value), ("from", At(fromUtc)), ("to", At(toUtc)));

    /// <inheritdoc />
    public async Task<IReadOnlyList<bool>> SaveRatingsAsync(TenantId tenant, RatingBasis basis, IReadOnlyList<RatedItem> rated, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rated);
        var saved = new bool[rated.Count];
        if (rated.Count == 0)
            return saved;

        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await CheckRatingBasisAsync(connection, tenant, basis, cancellationToken).ConfigureAwait(false);
        var marked = new HashSet<(RatedSource, string)>();
        marked.UnionWith(await MarkRatedAsync(connection, tenant, RatedSource.Interaction, rated, cancellationToken).ConfigureAwait(false));
        marked.UnionWith(await MarkRatedAsync(connection, tenant, RatedSource.Usage, rated, cancellationToken).ConfigureAwait(false));

        // An item listed twice is rated by its first listing only, as one at a time would do.
        var lines = new LineRows();
        for (var i = 0; i < rated.Count; i++)
        {
            var item = rated[i];
            if (!marked.Remove((item.Source, item.Id)))
                continue; // already rated (or gone): never charge twice
            saved[i] = true;
            lines.Add(SourceName(item.Source), item.Id, item.Start, item.Lines);
        }

        await InsertLinesAsync(connection, tenant, lines, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return saved;
    }

    /// <inheritdoc />
    public async Task SaveMonthLinesAsync(TenantId tenant, RatingBasis basis, string month, DateTimeOffset monthStartUtc, IReadOnlyList<ChargeLine> lines, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(month);
        ArgumentNullException.ThrowIfNull(lines);
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await CheckRatingBasisAsync(connection, tenant, basis, cancellationToken).ConfigureAwait(false);
        await using (var delete = Command(
            connection,
            "DELETE FROM charge_lines WHERE tenant_id = @tenant AND source = 'month' AND source_id = @month",
            ("tenant", tenant.Value), ("month", month)))
        {
            await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var rows = new LineRows();
        rows.Add("month", month, monthStartUtc, lines);
        await InsertLinesAsync(connection, tenant, rows, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<long> ResetRatingsAsync(TenantId tenant, DateTimeOffset fromUtc, DateTimeOffset? toUtc, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        // No end is 'infinity' (Npgsql writes DateTimeOffset.MaxValue so).
        var count = await ForgetRatingsAsync(connection, tenant, At(fromUtc), toUtc is { } to ? At(to) : DateTimeOffset.MaxValue, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return count;
    }

    // Forgets the ratings of the items that started in [from, to) and the lines dated there; gives how many items.
    private static async Task<long> ForgetRatingsAsync(NpgsqlConnection connection, TenantId tenant, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var parameters = new (string, object?)[] { ("tenant", tenant.Value), ("from", from), ("to", to) };
        const string InRange = "tenant_id = @tenant AND start_at >= @from AND start_at < @to";

        // Lines carry their item's start: the range deletes items' and months' lines alike.
        await using (var delete = Command(connection, $"DELETE FROM charge_lines WHERE {InRange}", parameters))
            await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);

        var count = 0L;
        foreach (var table in new[] { "interactions", "usage_records" })
        {
            await using var reset = Command(
                connection,
                $"UPDATE {table} SET rated_version = NULL, usage_minor = NULL WHERE {InRange} AND rated_version IS NOT NULL",
                parameters);
            count += await reset.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return count;
    }

    // Holds the basis row shared until the transaction ends, so that a price book or a zone move (which lock it to bump
    // it) waits for these ratings, and these ratings are refused when it was bumped first.
    private static async Task CheckRatingBasisAsync(NpgsqlConnection connection, TenantId tenant, RatingBasis basis, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, "INSERT INTO rating_bases (tenant_id, basis) VALUES (@tenant, 0) ON CONFLICT (tenant_id) DO NOTHING", cancellationToken, ("tenant", tenant.Value))
            .ConfigureAwait(false);
        var current = await ScalarAsync(connection, "SELECT basis FROM rating_bases WHERE tenant_id = @tenant FOR SHARE", cancellationToken, ("tenant", tenant.Value))
            .ConfigureAwait(false);
        if ((long)current! != basis.Number)
            throw new RatingBasisChangedException(tenant);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ChargeTotal>> SumChargesAsync(
        TenantId tenant, DateTimeOffset fromUtc, DateTimeOffset toUtc, RatedSource? source = null, CancellationToken cancellationToken = default)
    {
        // numeric sums are exact: no need to add decimals up on this side, as SQLite's text forces.
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(
            connection,
            """
            SELECT charge_id, COUNT(*), SUM(billed_quantity), SUM(amount_minor)::bigint, SUM(exact_amount)
            FROM charge_lines
            WHERE tenant_id = @tenant AND start_at >= @from AND start_at < @to AND (@source::text IS NULL OR source = @source)
            GROUP BY charge_id
            ORDER BY charge_id
            """,
            ("tenant", tenant.Value), ("from", At(fromUtc)), ("to", At(toUtc)), ("source", source is { } kind ? SourceName(kind) : null));
        return await StoreRows.ListAsync(
            command,
            r => new ChargeTotal(r.GetString(0), r.GetInt64(1), r.GetDecimal(2), r.GetInt64(3)) { ExactAmount = r.GetDecimal(4) },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ChargeLine>> GetChargeLinesAsync(TenantId tenant, RatedSource source, string id, Currency currency, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(currency);
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(
            connection,
            """
            SELECT charge_id, pricebook_version, meter, raw_quantity, billed_quantity, unit_price, per, amount_minor, basis, exact_amount
            FROM charge_lines WHERE tenant_id = @tenant AND source = @source AND source_id = @id ORDER BY line_no
            """,
            ("tenant", tenant.Value), ("source", SourceName(source)), ("id", id));
        return await StoreRows.ListAsync(command, r => Rows.ChargeLine(r, currency), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Invoice>> GetInvoicesAsync(TenantId tenant, string period, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(
            connection,
            "SELECT document FROM invoices WHERE tenant_id = @tenant AND period = @period ORDER BY issued_at, number",
            ("tenant", tenant.Value), ("period", period));
        return await StoreRows.ListAsync(command, r => InvoiceDocument.Read(r.GetString(0)), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<Invoice> IssueInvoiceAsync(TenantId tenant, InvoiceDraft draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var kind = draft.Kind == InvoiceKind.Invoice ? "invoice" : "adjustment";
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        // The counter row stays locked until commit: two processes cannot take the same number, and
        // a refused invoice rolls its number back.
        await using var next = Command(
            connection,
            """
            INSERT INTO invoice_numbers (tenant_id, kind, last) VALUES (@tenant, @kind, 1)
            ON CONFLICT (tenant_id, kind) DO UPDATE SET last = invoice_numbers.last + 1
            RETURNING last
            """,
            ("tenant", tenant.Value), ("kind", kind));
        var sequence = (long)(await next.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        var invoice = draft.Issue(InvoiceDocument.Number(draft.Kind, sequence), DateTimeOffset.UtcNow);

        await using var insert = Command(
            connection,
            "INSERT INTO invoices (tenant_id, number, kind, period, issued_at, document) VALUES (@tenant, @number, @kind, @period, @issued, @document)",
            ("tenant", tenant.Value), ("number", invoice.Number), ("kind", kind), ("period", invoice.Period),
            ("issued", invoice.IssuedAt.ToUniversalTime()), ("document", InvoiceDocument.Write(invoice)));
        try
        {
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
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
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(
            connection,
            """
            SELECT channel,
                   COUNT(*),
                   COUNT(*) FILTER (WHERE handled),
                   COUNT(*) FILTER (WHERE abandoned),
                   SUM(talk_ms + hold_ms + wrap_ms)::bigint,
                   COALESCE(SUM(wait_ms) FILTER (WHERE handled AND direction = 'inbound'), 0)::bigint,
                   COUNT(*) FILTER (WHERE handled AND direction = 'inbound'),
                   COALESCE(SUM(usage_minor), 0)::bigint,
                   COUNT(*) FILTER (WHERE rated_version IS NULL)
            FROM interactions
            WHERE tenant_id = @tenant AND start_at >= @from AND start_at < @to
            GROUP BY channel
            """,
            ("tenant", tenant.Value), ("from", At(fromUtc)), ("to", At(toUtc)));
        var activity = await StoreRows.ListAsync(command, StoreRows.Activity, cancellationToken).ConfigureAwait(false);
        return activity.OrderBy(a => a.Channel).ToArray();
    }
}
