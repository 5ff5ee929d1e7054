using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using ContactCost.Interactions;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace ContactCost.Storage.Sqlite;

/// <summary>
/// Adds interactions through statements prepared once per connection and bound by ordinal: texts
/// where the batch's <see cref="StoredTexts"/> hold them (UTF-8, encoded once per batch), numbers as
/// integers, no parameter objects and no name look-ups. One INSERT takes <see cref="RowsPerStatement"/> rows and does nothing for an id that is
/// stored; only when it stored fewer rows than it had are the rows' stored twins read, to tell added,
/// duplicate and conflict apart. A fresh import thus costs one statement per 64 rows, and the primary
/// key does the duplicate check it does anyway.
/// </summary>
/// <remarks>Runs inside the caller's transaction on the same connection; not thread-safe.</remarks>
internal sealed unsafe class InteractionInsert : IDisposable
{
    /// <summary>Rows per multi-row INSERT: one statement, its cursors opened once, for this many rows.</summary>
    public const int RowsPerStatement = 64;

    // Per row, the columns after the tenant (?1, bound once for every row).
    private const int ColumnsPerRow = 19;

    private const string Columns =
        "tenant_id, id, channel, direction, customer, start_ms, end_ms, wait_ms, talk_ms, hold_ms, wrap_ms, " +
        "queue, agent, units, destination, resolved, extra, handled, abandoned, content_hash";

    private const string LookupSql = "SELECT content_hash, rowid FROM interactions WHERE tenant_id = ?1 AND id = ?2";

    // The channel and direction names as stored, in arrays on the pinned object heap: they never move, so every
    // row binds them in place, where a copied bind cost SQLite a malloc and a free per name per row.
    private static readonly byte[][] ChannelNames = [.. Enum.GetValues<Channel>().Select(c => PinnedUtf8(c.Name()))];
    private static readonly byte[] Inbound = PinnedUtf8(Direction.Inbound.Name());
    private static readonly byte[] Outbound = PinnedUtf8(Direction.Outbound.Name());

    private readonly sqlite3 database;
    private readonly sqlite3_stmt insert;
    private readonly sqlite3_stmt insertMany;
    private readonly sqlite3_stmt lookup;
    private readonly sqlite3_stmt maxRowid;
    private readonly long[] hashes = new long[RowsPerStatement];
    private byte[] utf8 = new byte[1024];

    private string? tenant;

    // While AddAll runs: the batch's texts as stored, pinned, bound in place when e_sqlite3 is loaded.
    private StoredTexts? texts;
    private byte* pinnedTexts;

    public InteractionInsert(sqlite3 database)
    {
        this.database = database;
        insert = Prepare(database, InsertSql(1));
        insertMany = Prepare(database, InsertSql(RowsPerStatement));
        lookup = Prepare(database, LookupSql);
        maxRowid = Prepare(database, "SELECT COALESCE(MAX(rowid), 0) FROM interactions");
    }

    /// <summary>Binds the tenant every following row goes to; bindings last until the next call.</summary>
    public void UseTenant(string tenant)
    {
        this.tenant = tenant;
        BindText(insert, 1, tenant);
        BindText(insertMany, 1, tenant);
        BindText(lookup, 1, tenant);
    }

    // Sets every parameter of the two insert statements to NULL, then the tenant again.
    private void ForgetRowBindings()
    {
        Check(raw.sqlite3_clear_bindings(insert));
        Check(raw.sqlite3_clear_bindings(insertMany));
        if (tenant is not null)
        {
            BindText(insert, 1, tenant);
            BindText(insertMany, 1, tenant);
        }
    }

    /// <summary>
    /// Adds a batch in the caller's transaction and says, per item, whether it was added or why not
    /// (a stored id with the same or other content; a repeat of an id earlier in the batch is judged
    /// against that earlier item, which is the one stored).
    /// </summary>
    public void AddAll(IReadOnlyList<Interaction> batch, WriteOutcome[] outcomes, CancellationToken cancellationToken)
    {
        // The texts as stored: encoded by the thread that made an InteractionBatch, else here.
        var prepared = (batch as InteractionBatch)?.Texts;
        texts = prepared ?? new StoredTexts(batch);
        fixed (byte* pinned = texts.Bytes)
        {
            pinnedTexts = pinned;
            try
            {
                AddRows(batch, outcomes, cancellationToken);
            }
            finally
            {
                // No statement may keep pointing into the texts once they are unpinned: bind them again without.
                if (NativeBind.Available)
                    ForgetRowBindings();
                if (prepared is null)
                    texts.Return();
                texts = null;
                pinnedTexts = null;
            }
        }
    }

    private void AddRows(IReadOnlyList<Interaction> batch, WriteOutcome[] outcomes, CancellationToken cancellationToken)
    {
        // New rows take rowids above the largest one (SQLite's rule while that is below the maximum),
        // so after a statement that skipped some rows, a row's rowid says whether this statement stored it.
        var largest = LargestRowid();
        var reimport = false;
        var at = 0;
        for (; at + RowsPerStatement <= batch.Count && largest < long.MaxValue - RowsPerStatement; at += RowsPerStatement)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (reimport)
            {
                // A statement stored nothing: most likely a file imported before. Looking each id up
                // first costs one probe per row, where trying the INSERT first costs two.
                for (var r = 0; r < RowsPerStatement; r++)
                    outcomes[at + r] = AddUnlessStored(batch, at + r);
                reimport = !outcomes.AsSpan(at, RowsPerStatement).Contains(WriteOutcome.Added);
                largest = LargestRowid();
                continue;
            }

            for (var r = 0; r < RowsPerStatement; r++)
            {
                hashes[r] = InteractionBatch.ContentHashOf(batch, at + r);
                Bind(insertMany, 2 + (r * ColumnsPerRow), batch, at + r, hashes[r]);
            }
            Step(insertMany, raw.SQLITE_DONE);
            var added = raw.sqlite3_changes(database);
            if (added == RowsPerStatement)
                outcomes.AsSpan(at, RowsPerStatement).Fill(WriteOutcome.Added);
            else
                Judge(batch, at, largest, outcomes);
            if (added > 0)
                largest = raw.sqlite3_last_insert_rowid(database);
            reimport = added == 0;
        }

        for (; at < batch.Count; at++)
            outcomes[at] = Add(batch, at, InteractionBatch.ContentHashOf(batch, at));
    }

    // A statement stored fewer rows than it had: each row's stored twin tells what became of it.
    private void Judge(IReadOnlyList<Interaction> batch, int at, long largestBefore, WriteOutcome[] outcomes)
    {
        for (var r = 0; r < RowsPerStatement; r++)
        {
            var id = batch[at + r].Id;
            var (storedHash, rowid) = Stored(id);
            var repeat = false;
            for (var earlier = 0; earlier < r && !repeat; earlier++)
                repeat = string.Equals(batch[at + earlier].Id, id, StringComparison.Ordinal);
            outcomes[at + r] = !repeat && rowid > largestBefore ? WriteOutcome.Added
                : storedHash == hashes[r] ? WriteOutcome.Duplicate
                : WriteOutcome.Conflict;
        }
    }

    // One row, looked up first: only an id not stored yet goes to the INSERT.
    private WriteOutcome AddUnlessStored(IReadOnlyList<Interaction> batch, int row)
    {
        var hash = InteractionBatch.ContentHashOf(batch, row);
        if (TryStored(batch[row].Id) is not { } stored)
            return Add(batch, row, hash);
        return stored.Hash == hash ? WriteOutcome.Duplicate : WriteOutcome.Conflict;
    }

    // One row through the single-row statement.
    private WriteOutcome Add(IReadOnlyList<Interaction> batch, int row, long hash)
    {
        Bind(insert, 2, batch, row, hash);
        Step(insert, raw.SQLITE_DONE);
        if (raw.sqlite3_changes(database) == 1)
            return WriteOutcome.Added;

        // The id is stored (earlier, or earlier in this transaction): judge this one against it.
        return Stored(batch[row].Id).Hash == hash ? WriteOutcome.Duplicate : WriteOutcome.Conflict;
    }

    // Binds one row's columns, its content hash last, from ordinal first on.
    private void Bind(sqlite3_stmt s, int first, IReadOnlyList<Interaction> batch, int row, long hash)
    {
        var interaction = batch[row];
        BindStored(s, first, row, StoredTexts.Column.Id);
        BindStored(s, first + 3, row, StoredTexts.Column.Customer);
        BindStored(s, first + 10, row, StoredTexts.Column.Queue);
        BindStored(s, first + 11, row, StoredTexts.Column.Agent);
        BindStored(s, first + 13, row, StoredTexts.Column.Destination);
        BindStored(s, first + 15, row, StoredTexts.Column.Extra);
        BindPinned(s, first + 1, ChannelNames[(int)interaction.Channel]);
        BindPinned(s, first + 2, interaction.Direction == Direction.Outbound ? Outbound : Inbound);
        BindInt64(s, first + 4, InteractionContent.ToMs(interaction.Start));
        BindNumber(s, first + 5, interaction.End is { } end ? InteractionContent.ToMs(end) : null);
        BindInt64(s, first + 6, InteractionContent.ToMs(interaction.Wait));
        BindInt64(s, first + 7, InteractionContent.ToMs(interaction.Talk));
        BindInt64(s, first + 8, InteractionContent.ToMs(interaction.Hold));
        BindInt64(s, first + 9, InteractionContent.ToMs(interaction.Wrap));
        BindNumber(s, first + 12, interaction.Units);
        BindNumber(s, first + 14, interaction.Resolved is { } resolved ? (resolved ? 1 : 0) : null);
        BindInt64(s, first + 16, interaction.IsHandled ? 1 : 0);
        BindInt64(s, first + 17, interaction.IsAbandoned ? 1 : 0);
        BindInt64(s, first + 18, hash);
    }

    // An encoded text, bound where it lies (pinned for the whole AddAll): no copy. Through SQLitePCLRaw, SQLite copies it.
    private void BindStored(sqlite3_stmt s, int index, int row, StoredTexts.Column column)
    {
        var (start, length) = texts!.Of(row, column);
        if (length < 0)
            BindNull(s, index);
        else if (NativeBind.Available)
            Check(NativeBind.TextInPlace(s, index, pinnedTexts + start, length));
        else
            BindUtf8(s, index, texts.Bytes.AsSpan(start, length));
    }

    // One of the pinned names above, bound where it lies; through SQLitePCLRaw, SQLite copies it.
    private void BindPinned(sqlite3_stmt s, int index, byte[] pinned)
    {
        if (NativeBind.Available)
            Check(NativeBind.TextInPlace(s, index, (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(pinned)), pinned.Length));
        else
            BindUtf8(s, index, pinned);
    }

    private static byte[] PinnedUtf8(string text)
    {
        var bytes = GC.AllocateUninitializedArray<byte>(Encoding.UTF8.GetByteCount(text), pinned: true);
        Encoding.UTF8.GetBytes(text, bytes);
        return bytes;
    }

    private (long Hash, long Rowid) Stored(string id) =>
        TryStored(id) ?? throw new StoreException($"Interaction '{id}' was refused as stored, yet it is not in the store.");

    private (long Hash, long Rowid)? TryStored(string id)
    {
        BindText(lookup, 2, id);
        try
        {
            return raw.sqlite3_step(lookup) switch
            {
                raw.SQLITE_ROW => (raw.sqlite3_column_int64(lookup, 0), raw.sqlite3_column_int64(lookup, 1)),
                raw.SQLITE_DONE => null,
                var rc => throw Failure(rc),
            };
        }
        finally
        {
            raw.sqlite3_reset(lookup);
        }
    }

    private long LargestRowid()
    {
        try
        {
            var rc = raw.sqlite3_step(maxRowid);
            if (rc != raw.SQLITE_ROW)
                throw Failure(rc);
            return raw.sqlite3_column_int64(maxRowid, 0);
        }
        finally
        {
            raw.sqlite3_reset(maxRowid);
        }
    }

    private static string InsertSql(int rows)
    {
        var sql = new StringBuilder($"INSERT INTO interactions ({Columns}) VALUES ");
        for (var r = 0; r < rows; r++)
        {
            sql.Append(r == 0 ? "(?1" : ", (?1");
            for (var c = 0; c < ColumnsPerRow; c++)
                sql.Append(", ?").Append(2 + (r * ColumnsPerRow) + c);
            sql.Append(')');
        }

        return sql.Append(" ON CONFLICT (tenant_id, id) DO NOTHING").ToString();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        insert.Dispose();
        insertMany.Dispose();
        lookup.Dispose();
        maxRowid.Dispose();
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

    private void BindNumber(sqlite3_stmt statement, int index, long? value)
    {
        if (value is { } v)
            BindInt64(statement, index, v);
        else
            BindNull(statement, index);
    }

    private void BindInt64(sqlite3_stmt statement, int index, long value) =>
        Check(NativeBind.Available ? NativeBind.Int64(statement, index, value) : raw.sqlite3_bind_int64(statement, index, value));

    private void BindNull(sqlite3_stmt statement, int index) =>
        Check(NativeBind.Available ? NativeBind.Null(statement, index) : raw.sqlite3_bind_null(statement, index));

    // Empty text stays '' on both paths: through SQLitePCLRaw an empty span would pin to a null pointer, which binds NULL.
    private void BindUtf8(sqlite3_stmt statement, int index, ReadOnlySpan<byte> text) =>
        Check(NativeBind.Available ? NativeBind.Text(statement, index, text)
            : text.IsEmpty ? raw.sqlite3_bind_text(statement, index, "")
            : raw.sqlite3_bind_text(statement, index, text));

    // UTF-8 into a reused buffer; SQLite copies it (SQLITE_TRANSIENT), so the buffer is free again at once.
    private void BindText(sqlite3_stmt statement, int index, string? value)
    {
        if (value is null)
        {
            BindNull(statement, index);
            return;
        }

        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (utf8.Length < max)
            utf8 = new byte[Math.Max(max, utf8.Length * 2)];
        var length = Encoding.UTF8.GetBytes(value, utf8);
        BindUtf8(statement, index, utf8.AsSpan(0, length));
    }
}
