using System.Collections.Concurrent;
using ContactCost.Storage;
using ContactCost.Tenants;
using ContactCost.Wallets;

namespace ContactCost.Cli.Server;

/// <summary>
/// One group-commit writer per tenant (<see cref="WalletGroupCommit"/>): concurrent wallet requests
/// share a transaction instead of queuing one by one on the store's write lock, and a request is
/// answered only once its operation is committed.
/// </summary>
internal sealed class WalletWriters(StoreOpener stores, TimeProvider clock) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<TenantId, Lazy<Task<WalletGroupCommit>>> writers = new();

    /// <summary>Executes <paramref name="operation"/> in <paramref name="tenant"/>'s next group commit and returns its result.</summary>
    public async Task<WalletResult> ExecuteAsync(TenantId tenant, WalletOperation operation, CancellationToken cancellationToken)
    {
        var opening = writers.GetOrAdd(tenant, t => new Lazy<Task<WalletGroupCommit>>(() => OpenAsync(t)));
        WalletGroupCommit writer;
        try
        {
            writer = await opening.Value.ConfigureAwait(false);
        }
        catch
        {
            // A store that could not be opened now may open on the next request.
            writers.TryRemove(new KeyValuePair<TenantId, Lazy<Task<WalletGroupCommit>>>(tenant, opening));
            throw;
        }

        // A caller that goes away does not cancel the operation: it is committed (or not) with its
        // batch, and repeating its operation id later returns that result.
        return await writer.SubmitAsync(operation).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var opening in writers.Values)
        {
            if (opening.IsValueCreated && opening.Value.IsCompletedSuccessfully)
                await opening.Value.Result.DisposeAsync().ConfigureAwait(false);
        }

        writers.Clear();
    }

    private async Task<WalletGroupCommit> OpenAsync(TenantId tenant) =>
        new(await stores.OpenAsync(CancellationToken.None).ConfigureAwait(false), tenant, clock);
}
