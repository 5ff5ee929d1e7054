using System.Collections.Concurrent;

namespace ContactCost.Storage.Sqlite;

/// <summary>
/// Open stores of one SQLite file, lent one caller at a time: a server answers each request with a
/// store whose connection is open, schema checked and statements prepared, instead of opening a
/// file per request. Disposing a lent store gives it back; disposing the pool closes them all.
/// </summary>
public sealed class SqliteStorePool : IAsyncDisposable
{
    private readonly string path;
    private readonly int keep;
    private readonly ConcurrentBag<SqliteStore> idle = [];
    private int disposed;

    /// <summary>A pool of the store file at <paramref name="path"/> that keeps up to <paramref name="keep"/> idle stores open.</summary>
    public SqliteStorePool(string path, int keep = 32)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(keep, 1);
        this.path = path;
        this.keep = keep;
    }

    /// <summary>An idle store, or a newly opened one; disposing it returns it to the pool.</summary>
    public async Task<SqliteStore> RentAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        var store = idle.TryTake(out var open) ? open : await SqliteStore.OpenAsync(path, cancellationToken).ConfigureAwait(false);
        store.LendFrom(this);
        return store;
    }

    /// <summary>Takes back a lent store; false when it should be closed instead (the pool is full or disposed).</summary>
    internal bool TryReturn(SqliteStore store)
    {
        if (Volatile.Read(ref disposed) != 0 || idle.Count >= keep)
            return false;
        idle.Add(store);
        // A store added while the pool was being disposed is closed here rather than left open.
        return Volatile.Read(ref disposed) == 0 || !idle.TryTake(out _);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
            return;
        while (idle.TryTake(out var store))
            await store.CloseAsync().ConfigureAwait(false);
    }
}
