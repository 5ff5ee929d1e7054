using ContactCost.Storage;
using ContactCost.Storage.Postgres;
using ContactCost.Tests.Postgres;

namespace ContactCost.Tests.Contract;

/// <summary>The store contract on PostgreSQL, each test on a fresh database of the shared throwaway server.</summary>
[Collection(PostgresCollection.Name)]
[RequiresPostgres]
public sealed class PostgresStoreContractTests(PostgresServer server) : StoreContractTests
{
    private string connectionString = "";

    protected override async Task<IStore> OpenEmptyStoreAsync()
    {
        connectionString = await server.CreateDatabaseAsync();
        return await PostgresStore.OpenAsync(connectionString);
    }

    protected override async Task<IStore> OpenSecondConnectionAsync() => await PostgresStore.OpenAsync(connectionString);

    protected override async Task<IStore> ReopenAsync(IStore store)
    {
        await store.DisposeAsync();
        return await PostgresStore.OpenAsync(connectionString);
    }
}
