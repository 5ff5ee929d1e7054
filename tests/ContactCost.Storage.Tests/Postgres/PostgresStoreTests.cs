using ContactCost.Storage;
using ContactCost.Storage.Postgres;
using ContactCost.Tenants;
using Npgsql;

namespace ContactCost.Tests.Postgres;

/// <summary>What only the PostgreSQL store has: its migrations, its schema keyed by tenant, its connection errors.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresStoreTests(PostgresServer server)
{
    [PostgresFact]
    public async Task Open_AppliesEveryMigration_AndOpeningAgainAppliesNone()
    {
        var connectionString = await server.CreateDatabaseAsync();
        await using (var store = await PostgresStore.OpenAsync(connectionString))
            Assert.Equal(PostgresSchema.Migrations.Length, store.SchemaVersion);

        await using var again = await PostgresStore.OpenAsync(connectionString);
        Assert.Equal(PostgresSchema.Migrations.Length, again.SchemaVersion);
        Assert.Equal((long)PostgresSchema.Migrations.Length, await ScalarAsync(connectionString, "SELECT COUNT(*) FROM schema_migrations"));
    }

    [PostgresFact]
    public async Task Open_ByManyProcessesAtOnce_MigratesOnce()
    {
        var connectionString = await server.CreateDatabaseAsync();
        var stores = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => PostgresStore.OpenAsync(connectionString))));
        foreach (var store in stores)
            await store.DisposeAsync();
        Assert.Equal((long)PostgresSchema.Migrations.Length, await ScalarAsync(connectionString, "SELECT COUNT(*) FROM schema_migrations"));
    }

    [PostgresFact]
    public async Task EveryPrimaryKeyAndIndex_StartsWithTheTenant_SoTablesDistributeByTenant()
    {
        // api_keys is the exception: a key is looked up by its hash before the tenant is known (a Citus reference table).
        var connectionString = await server.CreateDatabaseAsync();
        await (await PostgresStore.OpenAsync(connectionString)).DisposeAsync();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT i.indexrelid::regclass::text, a.attname
            FROM pg_index AS i
            JOIN pg_class AS t ON t.oid = i.indrelid
            JOIN pg_namespace AS n ON n.oid = t.relnamespace
            JOIN pg_attribute AS a ON a.attrelid = t.oid AND a.attnum = i.indkey[0]
            WHERE n.nspname = 'public' AND t.relname NOT IN ('schema_migrations', 'api_keys')
            """,
            connection);
        var firstColumns = new List<(string Index, string Column)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            firstColumns.Add((reader.GetString(0), reader.GetString(1)));
        Assert.True(firstColumns.Count >= 15, $"only {firstColumns.Count} indexes found");
        Assert.All(firstColumns, c => Assert.Equal("tenant_id", c.Column));
    }

    [PostgresFact]
    public async Task Open_ADatabaseANewerVersionWrote_SaysToUpgrade()
    {
        var connectionString = await server.CreateDatabaseAsync();
        await (await PostgresStore.OpenAsync(connectionString)).DisposeAsync();
        await ScalarAsync(connectionString, $"INSERT INTO schema_migrations VALUES ({PostgresSchema.Migrations.Length + 1}, now()) RETURNING 0::bigint");

        var error = await Assert.ThrowsAsync<StoreException>(() => PostgresStore.OpenAsync(connectionString));
        Assert.Contains("written by a newer ContactCost", error.Message);
        Assert.Contains("Upgrade ccost", error.Message);
    }

    [PostgresFact]
    public async Task Open_AMissingDatabase_SaysHowToCreateIt()
    {
        var error = await Assert.ThrowsAsync<StoreException>(() => PostgresStore.OpenAsync(server.ConnectionString("no_such_db")));
        Assert.Equal(
            "PostgreSQL has no database 'no_such_db' (database \"no_such_db\" does not exist). Create it first (createdb no_such_db) or name another one in the connection string.",
            error.Message);
    }

    [Fact]
    public async Task Open_AServerThatIsNotThere_SaysWhereItLooked()
    {
        var error = await Assert.ThrowsAsync<StoreException>(() => PostgresStore.OpenAsync("Host=127.0.0.1;Port=1;Username=x;Database=y;Timeout=2"));
        Assert.StartsWith("Cannot reach PostgreSQL at 127.0.0.1:1 (", error.Message);
    }

    [Fact]
    public async Task Open_ABrokenConnectionString_SaysWhatOneLooksLike()
    {
        var error = await Assert.ThrowsAsync<StoreException>(() => PostgresStore.OpenAsync("Hots=localhost"));
        Assert.Contains("Give one such as 'Host=localhost;Database=contactcost;Username=ccost'", error.Message);
    }

    [PostgresFact]
    public async Task Stores_SharingOneDataSource_SeeEachOthersWrites()
    {
        await using var dataSource = NpgsqlDataSource.Create(await server.CreateDatabaseAsync());
        await using var writer = await PostgresStore.OpenAsync(dataSource);
        await using var reader = await PostgresStore.OpenAsync(dataSource);
        await writer.SaveCostModelAsync(TenantId.Default, "{}");
        Assert.Equal("{}", (await reader.GetCostModelAsync(TenantId.Default))!.Json);
    }

    private static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
