using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using ContactCost.Costing;
using ContactCost.Hashing;

namespace ContactCost.Episodes;

/// <summary>
/// Runs an <see cref="EpisodeStitcher"/> on a thread of its own, fed in blocks. Stitching is most of a
/// report's second pass (with a million episodes open, every lookup misses the cache), so the caller's
/// costing and grouping go on meanwhile on the other core. The stitcher sees the contacts in the order
/// added, so the episodes are the same as on one thread; they are handed to its listener on this thread.
/// </summary>
internal sealed class StitcherThread : IDisposable
{
    private const int BlockSize = 2048;
    private const int Ahead = 16;
    private readonly EpisodeStitcher stitcher;
    private readonly BlockingCollection<Block> full = new(boundedCapacity: 8);
    private readonly ConcurrentBag<Block> free = [];
    private readonly CancellationTokenSource failed = new();
    private readonly Task worker;
    private Block current = new();
    private ExceptionDispatchInfo? failure;
    private bool finished;

    /// <summary>Starts a thread that feeds <paramref name="stitcher"/> and flushes it at the end.</summary>
    public StitcherThread(EpisodeStitcher stitcher)
    {
        this.stitcher = stitcher;
        worker = Task.Factory.StartNew(Run, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>Adds the next contact with its cost; throws what the stitcher threw, if it failed.</summary>
    public void Add(in ContactFacts contact, decimal cost)
    {
        var block = current;
        block.Contacts[block.Count] = contact;
        block.Costs[block.Count++] = cost;
        if (block.Count == BlockSize)
            Hand(block);
    }

    /// <summary>Stitches what is left, flushes the stitcher and waits for it; throws what the stitcher threw.</summary>
    public void Finish()
    {
        if (finished)
            throw new InvalidOperationException("The stitcher thread has finished.");
        if (current.Count > 0)
            Hand(current);
        finished = true;
        full.CompleteAdding();
        worker.Wait(CancellationToken.None);
        failure?.Throw();
    }

    public void Dispose()
    {
        if (!finished)
        {
            // Cancel first: completing first would let an idle worker end its loop normally and flush
            // every open episode to the listener after the caller gave up.
            finished = true;
            failed.Cancel();
            full.CompleteAdding();
        }

        worker.Wait(CancellationToken.None);
        full.Dispose();
        failed.Dispose();
    }

    private void Hand(Block block)
    {
        try
        {
            full.Add(block, failed.Token);
        }
        catch (OperationCanceledException)
        {
            failure?.Throw();
            throw;
        }

        current = free.TryTake(out var reused) ? reused : new Block();
    }

    private void Run()
    {
        try
        {
            foreach (var block in full.GetConsumingEnumerable(failed.Token))
            {
                // Each contact's customer entry is asked for Ahead contacts before it is added, and its episode half
                // as far ahead, once the entry is loaded: with a million episodes open, those misses then overlap.
                var keys = block.Keys;
                for (var i = 0; i < Math.Min(Ahead, block.Count); i++)
                    keys[i] = stitcher.Prefetch(block.Contacts[i]);
                for (var i = 0; i < block.Count; i++)
                {
                    if (i + Ahead < block.Count)
                        keys[i + Ahead] = stitcher.Prefetch(block.Contacts[i + Ahead]);
                    if (i + Ahead / 2 < block.Count)
                        stitcher.PrefetchEpisode(keys[i + Ahead / 2]);
                    stitcher.Add(block.Contacts[i], block.Costs[i], keys[i]);
                }

                Array.Clear(block.Contacts, 0, block.Count);
                block.Count = 0;
                free.Add(block);
            }

            stitcher.Flush();
        }
        catch (OperationCanceledException) when (failed.IsCancellationRequested)
        {
            // Disposed before the end: nothing more to stitch.
        }
        catch (Exception e)
        {
            failure = ExceptionDispatchInfo.Capture(e);
            failed.Cancel();
        }
    }

    private sealed class Block
    {
        public ContactFacts[] Contacts { get; } = new ContactFacts[BlockSize];

        public decimal[] Costs { get; } = new decimal[BlockSize];

        public Hash128[] Keys { get; } = new Hash128[BlockSize];

        public int Count { get; set; }
    }
}
