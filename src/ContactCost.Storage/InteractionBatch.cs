using System.Collections;
using ContactCost.Interactions;

namespace ContactCost.Storage;

/// <summary>
/// Interactions with their content hashes, and their texts encoded as stored, taken when the batch is made.
/// An import makes its batches on the thread that reads the file, so the store's writer, the busier side,
/// only binds and inserts. Every store takes it as the list it also is (PostgreSQL uses the hashes only);
/// a plain list works the same, hashed and encoded while the store writes it. Dispose it once stored: the
/// encoded texts go back to a shared pool (a batch used after that is encoded again by the store).
/// </summary>
public sealed class InteractionBatch : IReadOnlyList<Interaction>, IDisposable
{
    private readonly Interaction[] interactions;
    private readonly long[] hashes;
    private StoredTexts? texts;

    /// <summary>Copies <paramref name="interactions"/> (the references), hashing and encoding each.</summary>
    public InteractionBatch(IReadOnlyList<Interaction> interactions)
    {
        ArgumentNullException.ThrowIfNull(interactions);
        this.interactions = [.. interactions];
        hashes = new long[this.interactions.Length];
        for (var i = 0; i < hashes.Length; i++)
            hashes[i] = InteractionContent.Hash(this.interactions[i]);
        texts = new StoredTexts(this.interactions);
    }

    /// <summary>The items' text columns as stored; null once the batch is disposed.</summary>
    internal StoredTexts? Texts => texts;

    /// <inheritdoc />
    public int Count => interactions.Length;

    /// <inheritdoc />
    public Interaction this[int index] => interactions[index];

    /// <summary>The content hash of item <paramref name="index"/> of <paramref name="batch"/>: the one taken ahead when there is one.</summary>
    internal static long ContentHashOf(IReadOnlyList<Interaction> batch, int index) =>
        batch is InteractionBatch hashed ? hashed.hashes[index] : InteractionContent.Hash(batch[index]);

    /// <inheritdoc />
    public IEnumerator<Interaction> GetEnumerator() => ((IEnumerable<Interaction>)interactions).GetEnumerator();

    /// <summary>Gives the encoded texts back to the pool; the interactions and hashes stay.</summary>
    public void Dispose()
    {
        texts?.Return();
        texts = null;
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
