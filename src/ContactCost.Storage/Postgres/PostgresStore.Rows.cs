using System.Data.Common;
using ContactCost.Interactions;
using ContactCost.Rating;
using ContactCost.Tenants;
using ContactCost.Usage;
using Npgsql;

namespace ContactCost.Storage.Postgres;

/// <summary>How rows go in and come out: batches as arrays unnested by the server, readers, the connection plumbing.</summary>
public sealed partial class PostgresStore
{
    private static readonly PostgresRows Rows = new();

    // Adds a batch idempotently: ids already stored are duplicates (same content hash) or conflicts.
    private async Task<BatchResult> AddAsync<T>(
        TenantId tenant,
        IReadOnlyList<T> batch,
        string table,
        Func<T, string> idOf,
        Func<IReadOnlyList<T>, int, long> hashOf,
        Func<NpgsqlConnection, TenantId, IReadOnlyList<(T Item, long Hash)>, CancellationToken, Task<HashSet<string>>> insert,
        CancellationToken cancellationToken)
    {
        var outcomes = new WriteOutcome[batch.Count];
        if (batch.Count == 0)
            return new BatchResult(outcomes);

        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var known = await StoredHashesAsync(connection, tenant, table, batch.Select(idOf).Distinct(StringComparer.Ordinal).ToArray(), cancellationToken).ConfigureAwait(false);
        var rows = new List<(T Item, long Hash)>(batch.Count);
        for (var i = 0; i < batch.Count; i++)
        {
            var (id, hash) = (idOf(batch[i]), hashOf(batch, i));
            if (known.TryGetValue(id, out var storedHash))
            {
                outcomes[i] = storedHash == hash ? WriteOutcome.Duplicate : WriteOutcome.Conflict;
                continue;
            }

            rows.Add((batch[i], hash));
            known[id] = hash; // a repeat later in the same batch is a duplicate or conflict too
            outcomes[i] = WriteOutcome.Added;
        }

        var inserted = rows.Count == 0 ? [] : await insert(connection, tenant, rows, cancellationToken).ConfigureAwait(false);

        // Another process may have stored some of these ids since we looked: theirs is kept, and
        // every occurrence of such an id is judged against it.
        var raced = rows.Select(r => idOf(r.Item)).Where(id => !inserted.Contains(id)).ToArray();
        if (raced.Length > 0)
        {
            var theirs = await StoredHashesAsync(connection, tenant, table, raced, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < batch.Count; i++)
            {
                if (theirs.TryGetValue(idOf(batch[i]), out var storedHash))
                    outcomes[i] = storedHash == hashOf(batch, i) ? WriteOutcome.Duplicate : WriteOutcome.Conflict;
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new BatchResult(outcomes);
    }

    // The content hashes of the given ids that are already stored, in one query.
    private static async Task<Dictionary<string, long>> StoredHashesAsync(
        NpgsqlConnection connection, TenantId tenant, string table, string[] ids, CancellationToken cancellationToken)
    {
        await using var command = Command(
            connection,
            $"SELECT id, content_hash FROM {table} WHERE tenant_id = @tenant AND id = ANY(@ids)",
            ("tenant", tenant.Value), ("ids", ids));
        var rows = await StoreRows.ListAsync(command, r => (Id: r.GetString(0), Hash: r.GetInt64(1)), cancellationToken).ConfigureAwait(false);
        return rows.ToDictionary(r => r.Id, r => r.Hash, StringComparer.Ordinal);
    }

    private static async Task<HashSet<string>> InsertInteractions(
        NpgsqlConnection connection, TenantId tenant, IReadOnlyList<(Interaction Item, long Hash)> rows, CancellationToken cancellationToken)
    {
        T[] Column<T>(Func<Interaction, T> value) => rows.Select(r => value(r.Item)).ToArray();
        await using var command = Command(
            connection,
            """
            INSERT INTO interactions (tenant_id, id, channel, direction, customer, start_at, end_at, wait_ms, talk_ms, hold_ms, wrap_ms,
                                      queue, agent, units, destination, resolved, extra, handled, abandoned, content_hash)
            SELECT @tenant, id, channel, direction, customer, start_at, end_at, wait_ms, talk_ms, hold_ms, wrap_ms,
                   queue, agent, units, destination, resolved, extra::jsonb, handled, abandoned, content_hash
            FROM unnest(@id::text[], @channel::text[], @direction::text[], @customer::text[], @start::timestamptz[], @end::timestamptz[],
                        @wait::bigint[], @talk::bigint[], @hold::bigint[], @wrap::bigint[], @queue::text[], @agent::text[],
                        @units::integer[], @destination::text[], @resolved::boolean[], @extra::text[], @handled::boolean[],
                        @abandoned::boolean[], @hash::bigint[])
                 AS batch (id, channel, direction, customer, start_at, end_at, wait_ms, talk_ms, hold_ms, wrap_ms, queue, agent,
                           units, destination, resolved, extra, handled, abandoned, content_hash)
            ON CONFLICT (tenant_id, id) DO NOTHING
            RETURNING id
            """,
            ("tenant", tenant.Value),
            ("id", Column(i => i.Id)),
            ("channel", Column(i => i.Channel.Name())),
            ("direction", Column(i => i.Direction.Name())),
            ("customer", Column(i => i.Customer)),
            ("start", Column(i => At(i.Start))),
            ("end", Column(i => i.End is { } end ? At(end) : (DateTimeOffset?)null)),
            ("wait", Column(i => InteractionContent.ToMs(i.Wait))),
            ("talk", Column(i => InteractionContent.ToMs(i.Talk))),
            ("hold", Column(i => InteractionContent.ToMs(i.Hold))),
            ("wrap", Column(i => InteractionContent.ToMs(i.Wrap))),
            ("queue", Column(i => i.Queue)),
            ("agent", Column(i => i.Agent)),
            ("units", Column(i => i.Units)),
            ("destination", Column(i => i.Destination)),
            ("resolved", Column(i => i.Resolved)),
            ("extra", Column(i => InteractionContent.ExtraToJson(i.Extra))),
            ("handled", Column(i => i.IsHandled)),
            ("abandoned", Column(i => i.IsAbandoned)),
            ("hash", rows.Select(r => r.Hash).ToArray()));
        return await ReadIdsAsync(command, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<HashSet<string>> InsertUsage(
        NpgsqlConnection connection, TenantId tenant, IReadOnlyList<(UsageRecord Item, long Hash)> rows, CancellationToken cancellationToken)
    {
        T[] Column<T>(Func<UsageRecord, T> value) => rows.Select(r => value(r.Item)).ToArray();
        await using var command = Command(
            connection,
            """
            INSERT INTO usage_records (tenant_id, id, meter, quantity, start_at, channel, direction, queue, destination, extra, content_hash)
            SELECT @tenant, id, meter, quantity, start_at, channel, direction, queue, destination, extra::jsonb, content_hash
            FROM unnest(@id::text[], @meter::text[], @quantity::numeric[], @start::timestamptz[], @channel::text[], @direction::text[],
                        @queue::text[], @destination::text[], @extra::text[], @hash::bigint[])
                 AS batch (id, meter, quantity, start_at, channel, direction, queue, destination, extra, content_hash)
            ON CONFLICT (tenant_id, id) DO NOTHING
            RETURNING id
            """,
            ("tenant", tenant.Value),
            ("id", Column(u => u.Id)),
            ("meter", Column(u => u.Meter.Name())),
            ("quantity", Column(u => u.Quantity)),
            ("start", Column(u => At(u.Start))),
            ("channel", Column(u => u.Channel?.Name())),
            ("direction", Column(u => u.Direction?.Name())),
            ("queue", Column(u => u.Queue)),
            ("destination", Column(u => u.Destination)),
            ("extra", Column(u => InteractionContent.ExtraToJson(u.Extra))),
            ("hash", rows.Select(r => r.Hash).ToArray()));
        return await ReadIdsAsync(command, cancellationToken).ConfigureAwait(false);
    }

    // Marks the listed items of one kind rated, unless they already are; returns the ones it marked.
    private static async Task<IEnumerable<(RatedSource, string)>> MarkRatedAsync(
        NpgsqlConnection connection, TenantId tenant, RatedSource source, IReadOnlyList<RatedItem> rated, CancellationToken cancellationToken)
    {
        var items = rated.Where(r => r.Source == source).DistinctBy(r => r.Id, StringComparer.Ordinal).ToArray();
        if (items.Length == 0)
            return [];
        await using var command = Command(
            connection,
            $"""
            UPDATE {(source == RatedSource.Interaction ? "interactions" : "usage_records")} AS item
            SET rated_version = rating.version, usage_minor = rating.usage_minor
            FROM unnest(@id::text[], @version::text[], @usage::bigint[]) AS rating (id, version, usage_minor)
            WHERE item.tenant_id = @tenant AND item.id = rating.id AND item.rated_version IS NULL
            RETURNING item.id
            """,
            ("tenant", tenant.Value),
            ("id", items.Select(r => r.Id).ToArray()),
            ("version", items.Select(r => r.PriceBookVersion).ToArray()),
            ("usage", items.Select(r => r.Lines.Sum(l => l.Amount.ToMinorUnits())).ToArray()));
        return (await ReadIdsAsync(command, cancellationToken).ConfigureAwait(false)).Select(id => (source, id));
    }

    /// <summary>Charge lines gathered column by column, to be written with one statement.</summary>
    private sealed class LineRows
    {
        public List<string> Source { get; } = [];
        public List<string> SourceId { get; } = [];
        public List<int> LineNo { get; } = [];
        public List<DateTimeOffset> Start { get; } = [];
        public List<ChargeLine> Lines { get; } = [];

        public void Add(string source, string id, DateTimeOffset start, IReadOnlyList<ChargeLine> lines)
        {
            for (var n = 0; n < lines.Count; n++)
            {
                Source.Add(source);
                SourceId.Add(id);
                LineNo.Add(n);
                Start.Add(At(start));
                Lines.Add(lines[n]);
            }
        }
    }

    private static async Task InsertLinesAsync(NpgsqlConnection connection, TenantId tenant, LineRows rows, CancellationToken cancellationToken)
    {
        if (rows.Lines.Count == 0)
            return;
        T[] Column<T>(Func<ChargeLine, T> value) => rows.Lines.Select(value).ToArray();
        await using var command = Command(
            connection,
            """
            INSERT INTO charge_lines (tenant_id, source, source_id, line_no, start_at, charge_id, pricebook_version, meter,
                                      raw_quantity, billed_quantity, unit_price, per, amount_minor, exact_amount, basis)
            SELECT @tenant, * FROM unnest(@source::text[], @id::text[], @no::integer[], @start::timestamptz[], @charge::text[],
                                          @version::text[], @meter::text[], @raw::numeric[], @billed::numeric[], @price::numeric[],
                                          @per::numeric[], @amount::bigint[], @exact::numeric[], @basis::text[])
            """,
            ("tenant", tenant.Value),
            ("source", rows.Source.ToArray()),
            ("id", rows.SourceId.ToArray()),
            ("no", rows.LineNo.ToArray()),
            ("start", rows.Start.ToArray()),
            ("charge", Column(l => l.ChargeId)),
            ("version", Column(l => l.PriceBookVersion)),
            ("meter", Column(l => l.Meter?.Name())),
            ("raw", Column(l => l.RawQuantity)),
            ("billed", Column(l => l.BilledQuantity)),
            ("price", Column(l => l.UnitPrice)),
            ("per", Column(l => l.Per)),
            ("amount", Column(l => l.Amount.ToMinorUnits())),
            ("exact", Column(l => l.ExactAmount)),
            ("basis", Column(l => l.Basis)));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<T>> ReadUnratedAsync<T>(
        TenantId tenant, string table, string columns, Func<DbDataReader, T> read, RatingCursor after, DateTimeOffset toUtc, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(
            connection,
            $"""
            SELECT {columns} FROM {table}
            WHERE tenant_id = @tenant AND rated_version IS NULL AND (start_at, id) > (@start, @id) AND start_at < @to
            ORDER BY start_at, id
            LIMIT @limit
            """,
            ("tenant", tenant.Value), ("start", At(after.Start)), ("id", after.Id), ("to", At(toUtc)), ("limit", limit));
        return await StoreRows.ListAsync(command, read, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Rows as PostgreSQL keeps them: instants as timestamptz, decimals as numeric.</summary>
    private sealed class PostgresRows : StoreRows
    {
        public override DateTimeOffset Instant(DbDataReader reader, int ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal);

        public override decimal Decimal(DbDataReader reader, int ordinal) => reader.GetDecimal(ordinal);
    }

    private static async Task<HashSet<string>> ReadIdsAsync(NpgsqlCommand command, CancellationToken cancellationToken) =>
        (await StoreRows.ListAsync(command, r => r.GetString(0), cancellationToken).ConfigureAwait(false)).ToHashSet(StringComparer.Ordinal);

    private async Task<IReadOnlyList<StoredDocument>> ReadDocumentsAsync(string sql, TenantId tenant, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, sql, ("tenant", tenant.Value));
        return await StoreRows.ListAsync(
            command, r => new StoredDocument(r.GetString(0), r.GetString(1), Rows.Instant(r, 2)), cancellationToken).ConfigureAwait(false);
    }

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var known = PostgresSchema.Migrations.Length;
        while (true)
        {
            // One migration per transaction; the lock makes a second process wait, then find it applied.
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (var command = Command(
                connection,
                """
                SELECT pg_advisory_xact_lock(@lock);
                CREATE TABLE IF NOT EXISTS schema_migrations (version integer NOT NULL PRIMARY KEY, applied_at timestamptz NOT NULL);
                """,
                ("lock", PostgresSchema.MigrationLock)))
            {
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await using (var current = Command(connection, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations"))
                SchemaVersion = (int)(await current.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            if (SchemaVersion > known)
            {
                throw new StoreException(
                    $"Database '{connection.Database}' has ContactCost schema version {SchemaVersion}, written by a newer ContactCost; this one knows up to {known}. Upgrade ccost to use it.");
            }

            if (SchemaVersion == known)
            {
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return;
            }

            await using (var migrate = Command(connection, PostgresSchema.Migrations[SchemaVersion]))
                await migrate.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            await using (var record = Command(connection, "INSERT INTO schema_migrations (version, applied_at) VALUES (@version, now())", ("version", SchemaVersion + 1)))
                await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    // A pooled connection; a server that cannot be reached becomes an error that says where it looked.
    private async Task<NpgsqlConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            var database = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString).Database;
            throw new StoreException($"PostgreSQL has no database '{database}' ({e.MessageText}). Create it first (createdb {database}) or name another one in the connection string.", e);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification)
        {
            var user = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString).Username;
            throw new StoreException($"PostgreSQL refused user '{user}' ({e.MessageText}). Check the user and password in the connection string.", e);
        }
        catch (NpgsqlException e) when (e is not PostgresException)
        {
            var builder = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
            throw new StoreException($"Cannot reach PostgreSQL at {builder.Host}:{builder.Port} ({e.Message}). Check that the server runs and that the connection string names it.", e);
        }
    }

    // Waits for a lock named by a key until the transaction ends; a queue of one per key.
    private static async Task LockAsync(NpgsqlConnection connection, string key, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, "SELECT pg_advisory_xact_lock(hashtextextended(@key, 0))", ("key", key));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    // The first column of the first row (null when none) of a statement on connection, inside its transaction if one is open.
    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, sql, parameters);
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is DBNull ? null : value;
    }

    // A statement on connection, inside its transaction if one is open.
    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, sql, parameters);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<T?> ScalarAsync<T>(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, sql, parameters);
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is null or DBNull ? default : (T)value;
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, sql, parameters);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    private static string SourceName(RatedSource source) => source == RatedSource.Interaction ? "interaction" : "usage";

    // An instant as stored: UTC, whole milliseconds (the precision both stores keep).
    private static DateTimeOffset At(DateTimeOffset instant) => InteractionContent.InstantFromMs(InteractionContent.ToMs(instant));
}
