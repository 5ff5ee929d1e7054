using System.Buffers.Binary;
using ContactCost.Storage;
using ContactCost.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace ContactCost.Tests;

/// <summary>What only the SQLite store has: its file, its pragmas, its migrations.</summary>
public sealed class SqliteStoreTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("ccost-sqlite-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task Open_CreatesTheFileInWalMode_AtTheLatestSchema()
    {
        var path = Path.Combine(directory, "nested", "store.db");
        await using (var store = await SqliteStore.OpenAsync(path))
            Assert.Equal(SqliteSchema.Migrations.Length, store.SchemaVersion);

        using var connection = new SqliteConnection($"Data Source={path}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", command.ExecuteScalar());
        command.CommandText = "PRAGMA page_size";
        Assert.Equal(16384L, command.ExecuteScalar());
        command.CommandText = "SELECT COUNT(*) FROM schema_migrations";
        Assert.Equal((long)SqliteSchema.Migrations.Length, command.ExecuteScalar());
    }

    [Fact]
    public async Task Open_Twice_AppliesNoMigrationAgain()
    {
        var path = Path.Combine(directory, "store.db");
        await (await SqliteStore.OpenAsync(path)).DisposeAsync();
        await using var again = await SqliteStore.OpenAsync(path);
        Assert.Equal(SqliteSchema.Migrations.Length, again.SchemaVersion);
    }

    [Fact]
    public async Task APool_LendsOneStoreAtATime_AndTakesItBackOpen()
    {
        var path = Path.Combine(directory, "pooled.db");
        var tenant = ContactCost.Tenants.TenantId.Parse("acme");
        var pool = new SqliteStorePool(path, keep: 1);
        var first = await pool.RentAsync();
        var second = await pool.RentAsync();
        Assert.NotSame(first, second); // both lent at once: two stores

        await first.DisposeAsync();
        await first.DisposeAsync(); // a second dispose of the same loan neither closes it nor returns it twice
        var again = await pool.RentAsync();
        Assert.Same(first, again);
        Assert.Null(await again.GetTenantAsync(tenant)); // still open
        var third = await pool.RentAsync();
        Assert.NotSame(again, third); // returned once only
        await third.DisposeAsync(); // idle now: the pool is full

        await second.DisposeAsync(); // the pool keeps one idle store: this one is closed
        await Assert.ThrowsAnyAsync<InvalidOperationException>(() => second.GetTenantAsync(tenant));

        await pool.DisposeAsync(); // closes the idle store
        await Assert.ThrowsAnyAsync<InvalidOperationException>(() => third.GetTenantAsync(tenant));
        await again.DisposeAsync(); // a loan returned after the pool closed is closed
        await Assert.ThrowsAnyAsync<InvalidOperationException>(() => again.GetTenantAsync(tenant));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => pool.RentAsync());
    }

    [Fact]
    public async Task Open_AnOlderStore_MigratesIt_AndKeepsItsData()
    {
        // A file as the first release wrote it: schema 1 only, with an interaction in it.
        var path = Path.Combine(directory, "old.db");
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE schema_migrations (version INTEGER NOT NULL PRIMARY KEY, applied_at TEXT NOT NULL) STRICT;"
                + SqliteSchema.Migrations[0]
                + "INSERT INTO schema_migrations VALUES (1, 'then');"
                + "INSERT INTO interactions (tenant_id, id, channel, direction, start_ms, wait_ms, talk_ms, hold_ms, wrap_ms, handled, abandoned, content_hash) "
                + "VALUES ('default', 'old-1', 'voice', 'inbound', 0, 0, 60000, 0, 0, 1, 0, 42);";
            command.ExecuteNonQuery();
        }

        await using var store = await SqliteStore.OpenAsync(path);
        Assert.Equal(SqliteSchema.Migrations.Length, store.SchemaVersion);
        Assert.Equal(1, await store.CountInteractionsAsync(ContactCost.Tenants.TenantId.Default));
        Assert.Null(await store.GetWalletBalanceAsync(ContactCost.Tenants.TenantId.Default, "w", DateTimeOffset.UtcNow)); // the new tables exist
    }

    [Fact]
    public async Task Open_AFileThatIsNotAStore_SaysSoAndNamesTheFile()
    {
        var path = Path.Combine(directory, "notes.db");
        await File.WriteAllTextAsync(path, "These are my notes, not a database. Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.");
        var error = await Assert.ThrowsAsync<StoreException>(() => SqliteStore.OpenAsync(path));
        Assert.Contains(path, error.Message);
        Assert.Contains("is not a ContactCost store", error.Message);
    }

    [Fact]
    public async Task Open_AStoreFromANewerVersion_IsRefusedWithTheVersions()
    {
        var path = Path.Combine(directory, "store.db");
        await (await SqliteStore.OpenAsync(path)).DisposeAsync();
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO schema_migrations VALUES (99, 'future')";
            command.ExecuteNonQuery();
        }

        var error = await Assert.ThrowsAsync<StoreException>(() => SqliteStore.OpenAsync(path));
        Assert.Contains("schema version 99", error.Message);
        Assert.Contains($"this one knows up to {SqliteSchema.Migrations.Length}", error.Message);
    }

    [Fact]
    public async Task BulkBatches_AndEveryLaterWrite_AreCheckpointedWhileTheStoreStaysOpen()
    {
        // SQLite's own checkpoint is off for a bulk writer; the store's checkpoint thread copies the log instead.
        var path = Path.Combine(directory, "bulk.db");
        var tenant = ContactCost.Tenants.TenantId.Parse("acme");
        var start = new DateTimeOffset(2026, 10, 1, 9, 0, 0, TimeSpan.Zero);
        await using var store = await SqliteStore.OpenAsync(path);
        for (var batch = 0; batch < 3; batch++)
        {
            var interactions = Enumerable.Range(batch * 2_000, 2_000)
                .Select(i => new ContactCost.Interactions.Interaction($"c{i:D6}", ContactCost.Interactions.Channel.Voice, start.AddSeconds(i)) { Talk = TimeSpan.FromSeconds(60) })
                .ToList();
            var result = await store.AddInteractionsAsync(tenant, interactions);
            Assert.Equal(2_000, result.Added);
        }

        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_autocheckpoint";
        Assert.Equal(1000L, command.ExecuteScalar()); // another connection keeps SQLite's default
        var (log, copied) = Frames(path);
        for (var wait = 0; wait < 200 && copied != log; wait++)
        {
            await Task.Delay(25);
            (log, copied) = Frames(path);
        }

        Assert.True(log > 0, "the bulk batches went through the log");
        Assert.Equal(log, copied);
        command.CommandText = "SELECT COUNT(*) FROM interactions";
        Assert.Equal(6_000L, command.ExecuteScalar());

        // Any later write of the same store is checkpointed too: the hook replaced SQLite's own checkpoint for every commit.
        await store.SaveTenantAsync(new TenantSettings(tenant, TimeZoneInfo.Utc));
        var before = log;
        for (var wait = 0; wait < 200 && (log == before || copied != log); wait++)
        {
            await Task.Delay(25);
            (log, copied) = Frames(path);
        }

        Assert.NotEqual(before, log);
        Assert.Equal(log, copied);
    }

    [Fact]
    public void TheCheckpointer_CopiesTheLog_AndTheWriterRestartsItOnceLong()
    {
        var path = Path.Combine(directory, "log.db");
        using (var setup = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            setup.Open();
            using var create = setup.CreateCommand();
            create.CommandText = "PRAGMA journal_mode = WAL; CREATE TABLE t (n INTEGER PRIMARY KEY, text TEXT NOT NULL);";
            create.ExecuteNonQuery();
        }

        using var writer = new SqliteConnection($"Data Source={path};Pooling=False");
        writer.Open();
        using var command = writer.CreateCommand();
        var checkpointer = WalCheckpointer.Start(path, writer.Handle!, restartAfterFrames: 64);
        Assert.NotNull(checkpointer);
        long longestLog;
        using (checkpointer)
        {
            command.CommandText = "PRAGMA wal_autocheckpoint";
            Assert.Equal(0L, command.ExecuteScalar()); // the hook replaced SQLite's automatic checkpoint
            command.CommandText = "WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < 200) INSERT INTO t (text) SELECT hex(zeroblob(100)) FROM s";
            longestLog = new FileInfo(path + "-wal").Length;
            for (var transaction = 0; transaction < 100; transaction++)
            {
                command.ExecuteNonQuery();
                if (checkpointer.LogIsLong)
                    checkpointer.CatchUp();
                longestLog = Math.Max(longestLog, new FileInfo(path + "-wal").Length);
            }

            Assert.False(checkpointer.Failed);
        }

        // 100 transactions of about 14 pages each: without restarts the log would pass 1,400 pages.
        Assert.InRange(longestLog, 1, 400 * 4096);
        command.CommandText = "PRAGMA wal_autocheckpoint";
        Assert.Equal(1000L, command.ExecuteScalar()); // given back when the checkpointer stops
        command.CommandText = "SELECT COUNT(*) FROM t";
        Assert.Equal(20_000L, command.ExecuteScalar());
    }

    // The log's last frame and the frames copied into the database file, read from the wal-index header
    // (sqlite.org/walformat.html: mxFrame at byte 16, nBackfill at byte 96); reading it copies nothing.
    private static (uint Log, uint Copied) Frames(string path)
    {
        using var index = new FileStream(path + "-shm", FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        Span<byte> header = stackalloc byte[100];
        index.ReadExactly(header);
        return (BinaryPrimitives.ReadUInt32LittleEndian(header[16..]), BinaryPrimitives.ReadUInt32LittleEndian(header[96..]));
    }
}
