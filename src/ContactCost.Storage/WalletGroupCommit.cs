using System.Threading.Channels;
using ContactCost.Tenants;
using ContactCost.Wallets;

namespace ContactCost.Storage;

/// <summary>
/// Group commit for wallet operations: callers on many threads submit one operation each; a single
/// writer takes whatever is queued (up to a batch), executes it in one transaction, and only then
/// completes each caller's task. An acknowledged operation is therefore committed; throughput comes
/// from sharing one commit among many operations, not from weaker durability.
/// </summary>
public sealed class WalletGroupCommit : IAsyncDisposable
{
    private readonly IStore store;
    private readonly TenantId tenant;
    private readonly TimeProvider clock;
    private readonly int maxBatch;
    private readonly Channel<(WalletOperation Operation, TaskCompletionSource<WalletResult> Done)> queue =
        Channel.CreateUnbounded<(WalletOperation, TaskCompletionSource<WalletResult>)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task writer;

    /// <summary>Starts the writer over <paramref name="store"/>, which it then owns until disposed.</summary>
    public WalletGroupCommit(IStore store, TenantId tenant, TimeProvider? clock = null, int maxBatch = 1_000)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        this.store = store;
        this.tenant = tenant;
        this.clock = clock ?? TimeProvider.System;
        this.maxBatch = maxBatch;
        writer = Task.Run(WriteAsync);
    }

    /// <summary>How many transactions the writer has committed.</summary>
    public long Commits { get; private set; }

    /// <summary>Queues an operation; the task completes once the batch holding it is committed.</summary>
    public Task<WalletResult> SubmitAsync(WalletOperation operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        var done = new TaskCompletionSource<WalletResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!queue.Writer.TryWrite((operation, done)))
            done.SetException(new ObjectDisposedException(nameof(WalletGroupCommit)));
        return done.Task;
    }

    /// <summary>Stops taking operations, finishes the queued ones, and closes the store.</summary>
    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await writer.ConfigureAwait(false);
        await store.DisposeAsync().ConfigureAwait(false);
    }

    private async Task WriteAsync()
    {
        var batch = new List<(WalletOperation Operation, TaskCompletionSource<WalletResult> Done)>(maxBatch);
        while (await queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < maxBatch && queue.Reader.TryRead(out var item))
                batch.Add(item);
            try
            {
                var results = await store.ExecuteWalletOperationsAsync(tenant, batch.Select(b => b.Operation).ToArray(), clock.GetUtcNow()).ConfigureAwait(false);
                Commits++;
                for (var i = 0; i < batch.Count; i++)
                    batch[i].Done.SetResult(results[i]);
            }
            catch (Exception e)
            {
                // Nothing of the batch was committed: every caller learns it, none is told "done".
                foreach (var (_, done) in batch)
                    done.SetException(e);
            }

            batch.Clear();
        }
    }
}
