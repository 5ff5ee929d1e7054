using System.Buffers;
using System.Text;
using System.Text.Json;
using ContactCost.Interactions;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace ContactCost.Storage.Sqlite;

/// <summary>
/// Adds interactions one row at a time through two statements prepared once per connection and
/// bound by ordinal straight from the interaction: text as UTF-8 spans, numbers as integers, no
/// parameter objects and no name look-ups. The INSERT does nothing when the id is stored; only
/// then is the stored content hash read, to tell a duplicate from a conflict. A fresh import thus
/// costs one statement per row, and the primary key does the duplicate check it does anyway.
/// </summary>
/// <remarks>Runs inside the caller's transaction on the same connection; not thread-safe.</remarks>
internal sealed class InteractionInsert : IDisposable
{
    private const string InsertSql =
        """
        INSERT INTO interactions (tenant_id, id, channel, direction, customer, start_ms, end_ms, wait_ms, talk_ms, hold_ms, wrap_ms,
                                  queue, agent, units, destination, resolved, extra, handled, abandoned, content_hash)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)
        ON CONFLICT (tenant_id, id) DO NOTHING
        """;

    private const string LookupSql = "SELECT content_hash FROM interactions WHERE tenant_id = ?1 AND id = ?2";

    private static readonly byte[][] ChannelNames = [.. Enum.GetValues<Channel>().Select(c => Encoding.UTF8.GetBytes(c.Name()))];
    private static readonly byte[] Inbound = Encoding.UTF8.GetBytes(Direction.Inbound.Name());
    private static readonly byte[] Outbound = Encoding.UTF8.GetBytes(Direction.Outbound.Name());

    private readonly sqlite3 database;
    private readonly sqlite3_stmt insert;
    private readonly sqlite3_stmt lookup;
    private readonly ArrayBufferWriter<byte> json = new(256);
    private readonly Utf8JsonWriter jsonWriter;
    private byte[] utf8 = new byte[1024];

    public InteractionInsert(sqlite3 database)
    {
        this.database = database;
        insert = Prepare(database, InsertSql);
        lookup = Prepare(database, LookupSql);
        jsonWriter = new Utf8JsonWriter(json);
    }

    /// <summary>Binds the tenant every following row goes to; bindings last until the next call.</summary>
    public void UseTenant(string tenant)
    {
        BindText(insert, 1, tenant);
        BindText(lookup, 1, tenant);
    }

    /// <summary>Adds one interaction, or says why it is not added (a stored id with the same or other content).</summary>
    public WriteOutcome Add(Interaction interaction)
    {
        var hash = InteractionContent.Hash(interaction);
        var s = insert;
        BindText(s, 2, interaction.Id);
        Check(raw.sqlite3_bind_text(s, 3, ChannelNames[(int)interaction.Channel]));
        Check(raw.sqlite3_bind_text(s, 4, interaction.Direction == Direction.Outbound ? Outbound : Inbound));
        BindText(s, 5, interaction.Customer);
        Check(raw.sqlite3_bind_int64(s, 6, InteractionContent.ToMs(interaction.Start)));
        BindNumber(s, 7, interaction.End is { } end ? InteractionContent.ToMs(end) : null);
        Check(raw.sqlite3_bind_int64(s, 8, InteractionContent.ToMs(interaction.Wait)));
        Check(raw.sqlite3_bind_int64(s, 9, InteractionContent.ToMs(interaction.Talk)));
        Check(raw.sqlite3_bind_int64(s, 10, InteractionContent.ToMs(interaction.Hold)));
        Check(raw.sqlite3_bind_int64(s, 11, InteractionContent.ToMs(interaction.Wrap)));
        BindText(s, 12, interaction.Queue);
        BindText(s, 13, interaction.Agent);
        BindNumber(s, 14, interaction.Units);
        BindText(s, 15, interaction.Destination);
        BindNumber(s, 16, interaction.Resolved is { } resolved ? (resolved ? 1 : 0) : null);
        BindExtra(s, 17, interaction.Extra);
        Check(raw.sqlite3_bind_int64(s, 18, interaction.IsHandled ? 1 : 0));
        Check(raw.sqlite3_bind_int64(s, 19, interaction.IsAbandoned ? 1 : 0));
        Check(raw.sqlite3_bind_int64(s, 20, hash));
        Step(s, raw.SQLITE_DONE);
        if (raw.sqlite3_changes(database) == 1)
            return WriteOutcome.Added;

        // The id is stored (earlier, or earlier in this transaction): judge this one against it.
        BindText(lookup, 2, interaction.Id);
        try
        {
            var rc = raw.sqlite3_step(lookup);
            if (rc != raw.SQLITE_ROW)
                throw Failure(rc);
            return raw.sqlite3_column_int64(lookup, 0) == hash ? WriteOutcome.Duplicate : WriteOutcome.Conflict;
        }
        finally
        {
            raw.sqlite3_reset(lookup);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        insert.Dispose();
        lookup.Dispose();
        jsonWriter.Dispose();
    }

    private static sqlite3_stmt Prepare(sqlite3 database, string sql)
    {
        var rc = raw.sqlite3_prepare_v2(database, sql, out var statement);
        if (rc != raw.SQLITE_OK)
            SqliteException.ThrowExceptionForRC(rc, database);
        return statement;
    }

    private void Step(sqlite3_stmt statement, int expected)
    {
        try
        {
            var rc = raw.sqlite3_step(statement);
            if (rc != expected)
                throw Failure(rc);
        }
        finally
        {
            raw.sqlite3_reset(statement);
        }
    }

    private SqliteException Failure(int rc) => new(raw.sqlite3_errmsg(database).utf8_to_string(), rc, raw.sqlite3_extended_errcode(database));

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
            throw Failure(rc);
    }

    private void BindNumber(sqlite3_stmt statement, int index, long? value) =>
        Check(value is { } v ? raw.sqlite3_bind_int64(statement, index, v) : raw.sqlite3_bind_null(statement, index));

    // UTF-8 into a reused buffer; SQLite copies it (SQLITE_TRANSIENT), so the buffer is free again at once.
    private void BindText(sqlite3_stmt statement, int index, string? value)
    {
        if (value is null)
        {
            Check(raw.sqlite3_bind_null(statement, index));
            return;
        }

        if (value.Length == 0)
        {
            // An empty span pins to a null pointer, which SQLite would store as NULL.
            Check(raw.sqlite3_bind_text(statement, index, ""));
            return;
        }

        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (utf8.Length < max)
            utf8 = new byte[Math.Max(max, utf8.Length * 2)];
        var length = Encoding.UTF8.GetBytes(value, utf8);
        Check(raw.sqlite3_bind_text(statement, index, utf8.AsSpan(0, length)));
    }

    // The same JSON as InteractionContent.ExtraToJson, written into a reused buffer.
    private void BindExtra(sqlite3_stmt statement, int index, IReadOnlyList<KeyValuePair<string, string>> extra)
    {
        if (extra.Count == 0)
        {
            Check(raw.sqlite3_bind_null(statement, index));
            return;
        }

        json.ResetWrittenCount();
        jsonWriter.Reset(json);
        InteractionContent.WriteExtra(jsonWriter, extra);
        jsonWriter.Flush();
        Check(raw.sqlite3_bind_text(statement, index, json.WrittenSpan));
    }
}
