using ContactCost.Storage;
using ContactCost.Storage.Sqlite;

namespace ContactCost.Tests.Contract;

/// <summary>The store contract on the embedded SQLite store, each test on a fresh file.</summary>
public sealed class SqliteStoreContractTests : StoreContractTests, IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("ccost-store-").FullName;

    protected override async Task<IStore> OpenEmptyStoreAsync() => await SqliteStore.OpenAsync(Path.Combine(directory, "store.db"));

    protected override async Task<IStore> OpenSecondConnectionAsync() => await SqliteStore.OpenAsync(Path.Combine(directory, "store.db"));

    protected override async Task<IStore> ReopenAsync(IStore store)
    {
        var path = ((SqliteStore)store).Path;
        await store.DisposeAsync();
        return await SqliteStore.OpenAsync(path);
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);
}
