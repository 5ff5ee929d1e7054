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
}
