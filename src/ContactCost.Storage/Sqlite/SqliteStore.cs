using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using ContactCost.Costing;
using ContactCost.Interactions;
using ContactCost.Rating;
using ContactCost.Tenants;
using Microsoft.Data.Sqlite;

namespace ContactCost.Storage.Sqlite;

/// <summary>
/// The embedded store: one SQLite file in WAL mode, schema migrated on open, writes batched in
/// transactions. Zero set-up for one user and up to tens of millions of interactions.
/// </summary>
public sealed class SqliteStore : IStore
{
    private readonly SqliteConnection connection;
    private SqliteCommand? insertInteraction;

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
                "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY;",
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
    public async ValueTask DisposeAsync()
    {
        if (insertInteraction is not null)
            await insertInteraction.DisposeAsync().ConfigureAwait(false);
        await connection.DisposeAsync().ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<TenantSettings?> GetTenantAsync(TenantId tenant, CancellationToken cancellationToken = default)
    {
        await using var command = Command("SELECT time_zone FROM tenants WHERE tenant_id = $tenant", ("$tenant", tenant.Value));
        var zone = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
        return zone is null ? null : new TenantSettings(tenant, TimeZoneInfo.FindSystemTimeZoneById(zone));
    }

    /// <inheritdoc />
    public async Task SaveTenantAsync(TenantSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        await using var command = Command(
            """
            INSERT INTO tenants (tenant_id, time_zone, updated_at) VALUES ($tenant, $zone, $now)
            ON CONFLICT (tenant_id) DO UPDATE SET time_zone = excluded.time_zone, updated_at = excluded.updated_at
            """,
            ("$tenant", settings.Tenant.Value), ("$zone", settings.TimeZone.Id), ("$now", Now()));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<InteractionBatchResult> AddInteractionsAsync(
        TenantId tenant, IReadOnlyList<Interaction> batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var outcomes = new InteractionWrite[batch.Count];
        if (batch.Count == 0)
            return new InteractionBatchResult(outcomes);

        var hashes = new long[batch.Count];
        for (var i = 0; i < batch.Count; i++)
            hashes[i] = InteractionContent.Hash(batch[i]);

        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var known = await StoredHashesAsync(tenant, batch, transaction, cancellationToken).ConfigureAwait(false);
        var insert = InsertInteractionCommand();
        insert.Transaction = transaction;
        insert.Parameters["$tenant"].Value = tenant.Value;
        for (var i = 0; i < batch.Count; i++)
        {
            var interaction = batch[i];
            if (known.TryGetValue(interaction.Id, out var storedHash))
            {
                outcomes[i] = storedHash == hashes[i] ? InteractionWrite.Duplicate : InteractionWrite.Conflict;
                continue;
            }

            BindInteraction(insert, interaction, hashes[i]);
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            known[interaction.Id] = hashes[i]; // a repeat later in the same batch is a duplicate or conflict too
            outcomes[i] = InteractionWrite.Added;
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new InteractionBatchResult(outcomes);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<Interaction> ReadInteractionsAsync(
        TenantId tenant, DateTimeOffset fromUtc, DateTimeOffset toUtc, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var command = Command(
            $"SELECT {InteractionColumns} FROM interactions WHERE tenant_id = $tenant AND start_ms >= $from AND start_ms < $to ORDER BY start_ms, id",
            ("$tenant", tenant.Value), ("$from", InteractionContent.ToMs(fromUtc)), ("$to", InteractionContent.ToMs(toUtc)));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            yield return ReadInteraction(reader);
    }

    /// <inheritdoc />
    public async Task<DateTimeOffset?> GetLatestStartAsync(TenantId tenant, CancellationToken cancellationToken = default)
    {
        await using var command = Command("SELECT MAX(start_ms) FROM interactions WHERE tenant_id = $tenant", ("$tenant", tenant.Value));
        var latest = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return latest is long ms ? InteractionContent.InstantFromMs(ms) : null;
    }

    /// <inheritdoc />
    public async Task<long> CountInteractionsAsync(TenantId tenant, CancellationToken cancellationToken = default)
    {
        await using var command = Command("SELECT COUNT(*) FROM interactions WHERE tenant_id = $tenant", ("$tenant", tenant.Value));
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <inheritdoc />
    public async Task<DocumentSave> SavePriceBookAsync(TenantId tenant, string version, string json, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        ArgumentNullException.ThrowIfNull(json);
        await using var find = Command(
            "SELECT document FROM price_books WHERE tenant_id = $tenant AND version = $version",
            ("$tenant", tenant.Value), ("$version", version));
        var stored = await find.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
        if (stored == json)
            return DocumentSave.Unchanged;

        await using var save = Command(
            """
            INSERT INTO price_books (tenant_id, version, document, loaded_at) VALUES ($tenant, $version, $document, $now)
            ON CONFLICT (tenant_id, version) DO UPDATE SET document = excluded.document, loaded_at = excluded.loaded_at
            """,
            ("$tenant", tenant.Value), ("$version", version), ("$document", json), ("$now", Now()));
        await save.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
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
    public async Task<IReadOnlyList<Interaction>> ReadUnratedAsync(
        TenantId tenant, RatingCursor after, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var command = Command(
            $"""
            SELECT {InteractionColumns} FROM interactions
            WHERE tenant_id = $tenant AND rated_version IS NULL AND (start_ms, id) > ($start, $id)
            ORDER BY start_ms, id LIMIT $limit
            """,
            ("$tenant", tenant.Value), ("$start", InteractionContent.ToMs(after.Start)), ("$id", after.Id), ("$limit", limit));
        var batch = new List<Interaction>(limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            batch.Add(ReadInteraction(reader));
        return batch;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<bool>> SaveRatingsAsync(TenantId tenant, IReadOnlyList<RatedInteraction> rated, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rated);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var mark = Command(
            """
            UPDATE interactions SET rated_version = $version, usage_minor = $usage
            WHERE tenant_id = $tenant AND id = $id AND rated_version IS NULL
            """,
            ("$tenant", tenant.Value), ("$version", ""), ("$usage", 0L), ("$id", ""));
        await using var line = Command(
            """
            INSERT INTO charge_lines (tenant_id, interaction_id, charge_id, pricebook_version, meter,
                                      raw_quantity, billed_quantity, unit_price, per, amount_minor)
            VALUES ($tenant, $id, $charge, $version, $meter, $raw, $billed, $price, $per, $amount)
            """,
            ("$tenant", tenant.Value), ("$id", ""), ("$charge", ""), ("$version", ""), ("$meter", ""),
            ("$raw", ""), ("$billed", ""), ("$price", ""), ("$per", ""), ("$amount", 0L));
        mark.Transaction = transaction;
        line.Transaction = transaction;

        var saved = new bool[rated.Count];
        for (var i = 0; i < rated.Count; i++)
        {
            var item = rated[i];
            var usage = 0L;
            foreach (var l in item.Lines)
                usage += l.Amount.ToMinorUnits();
            mark.Parameters["$version"].Value = item.PriceBookVersion;
            mark.Parameters["$usage"].Value = usage;
            mark.Parameters["$id"].Value = item.InteractionId;
            if (await mark.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
                continue; // already rated (or gone): never charge twice

            saved[i] = true;
            foreach (var l in item.Lines)
            {
                line.Parameters["$id"].Value = item.InteractionId;
                line.Parameters["$charge"].Value = l.ChargeId;
                line.Parameters["$version"].Value = l.PriceBookVersion;
                line.Parameters["$meter"].Value = l.Meter.Name();
                line.Parameters["$raw"].Value = Invariant(l.RawQuantity);
                line.Parameters["$billed"].Value = Invariant(l.BilledQuantity);
                line.Parameters["$price"].Value = Invariant(l.UnitPrice);
                line.Parameters["$per"].Value = Invariant(l.Per);
                line.Parameters["$amount"].Value = l.Amount.ToMinorUnits();
                await line.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return saved;
    }

    /// <inheritdoc />
    public async Task<long> ResetRatingsAsync(TenantId tenant, DateTimeOffset fromUtc, DateTimeOffset? toUtc, CancellationToken cancellationToken = default)
    {
        const string Range = "tenant_id = $tenant AND start_ms >= $from AND start_ms < $to AND rated_version IS NOT NULL";
        var parameters = new (string, object)[]
        {
            ("$tenant", tenant.Value),
            ("$from", InteractionContent.ToMs(fromUtc)),
            ("$to", toUtc is { } to ? InteractionContent.ToMs(to) : long.MaxValue),
        };
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var deleteLines = Command(
            $"DELETE FROM charge_lines WHERE tenant_id = $tenant AND interaction_id IN (SELECT id FROM interactions WHERE {Range})",
            parameters);
        deleteLines.Transaction = transaction;
        await deleteLines.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await using var unmark = Command($"UPDATE interactions SET rated_version = NULL, usage_minor = NULL WHERE {Range}", parameters);
        unmark.Transaction = transaction;
        var count = await unmark.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return count;
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
            ("$tenant", tenant.Value), ("$from", InteractionContent.ToMs(fromUtc)), ("$to", InteractionContent.ToMs(toUtc)));
        var result = new List<ChannelActivity>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            result.Add(new ChannelActivity(
                ParseChannel(reader.GetString(0)),
                Contacts: reader.GetInt64(1),
                Handled: reader.GetInt64(2),
                Abandoned: reader.GetInt64(3),
                HandleSeconds: reader.GetInt64(4) / 1000m,
                AnsweredWaitSeconds: reader.GetInt64(5) / 1000m,
                AnsweredInbound: reader.GetInt64(6),
                UsageMinorUnits: reader.GetInt64(7),
                Unrated: reader.GetInt64(8)));
        }

        return result.OrderBy(a => a.Channel).ToArray();
    }

    private const string InteractionColumns =
        "id, channel, direction, customer, start_ms, end_ms, wait_ms, talk_ms, hold_ms, wrap_ms, queue, agent, units, destination, resolved, extra";

    private static Interaction ReadInteraction(SqliteDataReader reader)
    {
        string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
        return new Interaction(reader.GetString(0), ParseChannel(reader.GetString(1)), InteractionContent.InstantFromMs(reader.GetInt64(4)))
        {
            Direction = reader.GetString(2) == "outbound" ? Direction.Outbound : Direction.Inbound,
            Customer = Text(3),
            End = reader.IsDBNull(5) ? null : InteractionContent.InstantFromMs(reader.GetInt64(5)),
            Wait = InteractionContent.DurationFromMs(reader.GetInt64(6)),
            Talk = InteractionContent.DurationFromMs(reader.GetInt64(7)),
            Hold = InteractionContent.DurationFromMs(reader.GetInt64(8)),
            Wrap = InteractionContent.DurationFromMs(reader.GetInt64(9)),
            Queue = Text(10),
            Agent = Text(11),
            Units = reader.IsDBNull(12) ? null : checked((int)reader.GetInt64(12)),
            Destination = Text(13),
            Resolved = reader.IsDBNull(14) ? null : reader.GetInt64(14) != 0,
            Extra = InteractionContent.ExtraFromJson(Text(15)),
        };
    }

    private static Channel ParseChannel(string name) =>
        ChannelNames.TryParse(name, out var channel)
            ? channel
            : throw new StoreException($"The store holds channel '{name}', which this version of ContactCost does not know.");

    private SqliteCommand InsertInteractionCommand()
    {
        if (insertInteraction is not null)
            return insertInteraction;
        insertInteraction = Command(
            """
            INSERT INTO interactions (tenant_id, id, channel, direction, customer, start_ms, end_ms, wait_ms, talk_ms, hold_ms, wrap_ms,
                                      queue, agent, units, destination, resolved, extra, handled, abandoned, content_hash)
            VALUES ($tenant, $id, $channel, $direction, $customer, $start, $end, $wait, $talk, $hold, $wrap,
                    $queue, $agent, $units, $destination, $resolved, $extra, $handled, $abandoned, $hash)
            """,
            ("$tenant", ""), ("$id", ""), ("$channel", ""), ("$direction", ""), ("$customer", DBNull.Value), ("$start", 0L),
            ("$end", DBNull.Value), ("$wait", 0L), ("$talk", 0L), ("$hold", 0L), ("$wrap", 0L), ("$queue", DBNull.Value),
            ("$agent", DBNull.Value), ("$units", DBNull.Value), ("$destination", DBNull.Value), ("$resolved", DBNull.Value),
            ("$extra", DBNull.Value), ("$handled", 0L), ("$abandoned", 0L), ("$hash", 0L));
        insertInteraction.Prepare();
        return insertInteraction;
    }

    private static void BindInteraction(SqliteCommand insert, Interaction interaction, long hash)
    {
        var p = insert.Parameters;
        p["$id"].Value = interaction.Id;
        p["$channel"].Value = interaction.Channel.Name();
        p["$direction"].Value = interaction.Direction.Name();
        p["$customer"].Value = (object?)interaction.Customer ?? DBNull.Value;
        p["$start"].Value = InteractionContent.ToMs(interaction.Start);
        p["$end"].Value = interaction.End is { } end ? InteractionContent.ToMs(end) : DBNull.Value;
        p["$wait"].Value = InteractionContent.ToMs(interaction.Wait);
        p["$talk"].Value = InteractionContent.ToMs(interaction.Talk);
        p["$hold"].Value = InteractionContent.ToMs(interaction.Hold);
        p["$wrap"].Value = InteractionContent.ToMs(interaction.Wrap);
        p["$queue"].Value = (object?)interaction.Queue ?? DBNull.Value;
        p["$agent"].Value = (object?)interaction.Agent ?? DBNull.Value;
        p["$units"].Value = interaction.Units is { } units ? units : DBNull.Value;
        p["$destination"].Value = (object?)interaction.Destination ?? DBNull.Value;
        p["$resolved"].Value = interaction.Resolved is { } resolved ? (resolved ? 1L : 0L) : DBNull.Value;
        p["$extra"].Value = (object?)InteractionContent.ExtraToJson(interaction.Extra) ?? DBNull.Value;
        p["$handled"].Value = interaction.IsHandled ? 1L : 0L;
        p["$abandoned"].Value = interaction.IsAbandoned ? 1L : 0L;
        p["$hash"].Value = hash;
    }

    // The content hashes of the batch's ids that are already stored, in one query.
    private async Task<Dictionary<string, long>> StoredHashesAsync(
        TenantId tenant, IReadOnlyList<Interaction> batch, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        var ids = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(ids))
        {
            writer.WriteStartArray();
            foreach (var interaction in batch)
                writer.WriteStringValue(interaction.Id);
            writer.WriteEndArray();
        }

        await using var command = Command(
            // IN (subquery) makes SQLite probe the primary key once per id; a join on json_each let
            // the planner scan the tenant's whole time index instead.
            "SELECT id, content_hash FROM interactions WHERE tenant_id = $tenant AND id IN (SELECT value FROM json_each($ids))",
            ("$tenant", tenant.Value), ("$ids", Encoding.UTF8.GetString(ids.WrittenSpan)));
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
        await using (var current = Command("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"))
            SchemaVersion = checked((int)(long)(await current.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!);

        var known = SqliteSchema.Migrations.Length;
        if (SchemaVersion > known)
            throw new StoreException(
                $"'{Path}' has schema version {SchemaVersion}, written by a newer ContactCost; this one knows up to {known}. Upgrade ccost to use it.");

        for (var version = SchemaVersion + 1; version <= known; version++)
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
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

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = Command(sql);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private SqliteCommand Command(string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        return command;
    }

    private static string Now() => DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);

    private static string Invariant(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
