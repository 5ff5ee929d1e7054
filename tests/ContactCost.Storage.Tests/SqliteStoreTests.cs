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
    public async Task BulkBatches_AreCheckpointedWhileTheStoreStaysOpen()
    {
        // The bulk writer's own checkpoint is off (its WAL hook replaced it), so rows reach the database
        // file before the store closes only through the checkpoint thread.
        var path = Path.Combine(directory, "bulk.db");
        await using var store = await SqliteStore.OpenAsync(path);
        var emptyFile = new FileInfo(path).Length;
        await AddCallsAsync(store, batches: 15);

        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_autocheckpoint";
        Assert.Equal(1000L, command.ExecuteScalar()); // another connection keeps SQLite's default
        // At least one checkpoint ran (the log passed CheckpointFromFrames): a megabyte of the rows' pages is copied.
        var copiedAtLeast = emptyFile + (1L << 20);
        for (var wait = 0; wait < 400 && new FileInfo(path).Length < copiedAtLeast; wait++)
            await Task.Delay(25);

        Assert.InRange(new FileInfo(path).Length, copiedAtLeast, long.MaxValue);
        command.CommandText = "SELECT COUNT(*) FROM interactions";
        Assert.Equal(30_000L, command.ExecuteScalar());
    }

    [Fact]
    public async Task SmallWritesAfterABulkOne_KeepTheLogShort()
    {
        // The hook replaced SQLite's own checkpoint for every commit of the connection, bulk or not: 3,000
        // small commits (3,000 frames and more without checkpoints) must still be copied and the log restarted.
        var path = Path.Combine(directory, "small.db");
        var tenant = ContactCost.Tenants.TenantId.Parse("acme");
        await using var store = await SqliteStore.OpenAsync(path);
        await AddCallsAsync(store, batches: 1);
        var longest = 0L;
        for (var write = 0; write < 3_000; write++)
        {
            await store.SaveTenantAsync(new TenantSettings(tenant, write % 2 == 0 ? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris")), forgetRatings: true);
            longest = Math.Max(longest, new FileInfo(path + "-wal").Length);
        }

        Assert.InRange(longest, 1, (WalCheckpointer.RestartAfterFrames + 64) * (16_384L + 24));
    }

    // Batches of 2,000 calls, enough to start the store's checkpoint thread.
    private static async Task AddCallsAsync(SqliteStore store, int batches)
    {
        var tenant = ContactCost.Tenants.TenantId.Parse("acme");
        var start = new DateTimeOffset(2026, 10, 1, 9, 0, 0, TimeSpan.Zero);
        for (var batch = 0; batch < batches; batch++)
        {
            var interactions = Enumerable.Range(batch * 2_000, 2_000)
                .Select(i => new ContactCost.Interactions.Interaction($"c{i:D6}", ContactCost.Interactions.Channel.Voice, start.AddSeconds(i)) { Talk = TimeSpan.FromSeconds(60), Customer = $"C{i % 977:D7}", Queue = "billing" })
                .ToList();
            Assert.Equal(2_000, (await store.AddInteractionsAsync(tenant, interactions)).Added);
        }
    }

    [Fact]
    public async Task TheCheckpointThread_CopiesTheLog_WhileTheWriterGoesOn()
    {
        var path = NewWalFile("thread.db");
        using var writer = new SqliteConnection($"Data Source={path};Pooling=False");
        writer.Open();
        using var command = writer.CreateCommand();
        var emptyFile = new FileInfo(path).Length;
        using (WalCheckpointer.Start(path, writer.Handle!, restartAfterFrames: int.MaxValue))
        {
            // 100 transactions of about 14 pages: the hook never copies (no restart), so only the thread can.
            command.CommandText = InsertRows;
            for (var transaction = 0; transaction < 100; transaction++)
                command.ExecuteNonQuery();
            for (var wait = 0; wait < 400 && new FileInfo(path).Length < emptyFile + (512 * 1024); wait++)
                await Task.Delay(25);

            Assert.InRange(new FileInfo(path).Length, emptyFile + (512 * 1024), long.MaxValue);
        }
    }

    [Fact]
    public void TheCheckpointer_CopiesTheLog_AndTheHookRestartsItOnceLong()
    {
        var path = NewWalFile("log.db");
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
            command.CommandText = InsertRows;
            longestLog = new FileInfo(path + "-wal").Length;
            for (var transaction = 0; transaction < 100; transaction++)
            {
                command.ExecuteNonQuery();
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

    // 200 rows of 200 characters: about 14 pages of 4 KB.
    private const string InsertRows = "WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < 200) INSERT INTO t (text) SELECT hex(zeroblob(100)) FROM s";

    // A new file in WAL mode (4 KB pages) with one table t.
    private string NewWalFile(string name)
    {
        var path = Path.Combine(directory, name);
        using var setup = new SqliteConnection($"Data Source={path};Pooling=False");
        setup.Open();
        using var create = setup.CreateCommand();
        create.CommandText = "PRAGMA journal_mode = WAL; CREATE TABLE t (n INTEGER PRIMARY KEY, text TEXT NOT NULL);";
        create.ExecuteNonQuery();
        return path;
    }
}
