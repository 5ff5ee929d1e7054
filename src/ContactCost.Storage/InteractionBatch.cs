using System.Collections;
using ContactCost.Interactions;

namespace ContactCost.Storage;

/// <summary>
/// Interactions with their content hashes, and their texts encoded as stored, taken when the batch is made.
/// An import makes its batches on the thread that reads the file, so the store's writer, the busier side,
/// only binds and inserts. Every store takes it as the list it also is (PostgreSQL uses the hashes only);
/// a plain list works the same, hashed and encoded while the store writes it.
/// </summary>
public sealed class InteractionBatch : IReadOnlyList<Interaction>
{
    private readonly IReadOnlyList<Interaction> interactions;
    private readonly long[] hashes;

    /// <summary>Hashes and encodes each of <paramref name="interactions"/>, which the batch keeps without copying: do not change them afterwards.</summary>
    public InteractionBatch(IReadOnlyList<Interaction> interactions)
    {
        ArgumentNullException.ThrowIfNull(interactions);
        this.interactions = interactions;
        hashes = new long[interactions.Count];
        for (var i = 0; i < hashes.Length; i++)
            hashes[i] = InteractionContent.Hash(interactions[i]);
        Texts = new StoredTexts(interactions);
    }

    /// <summary>The items' text columns as stored.</summary>
    internal StoredTexts Texts { get; }

    /// <inheritdoc />
    public int Count => interactions.Count;

    /// <inheritdoc />
    public Interaction this[int index] => interactions[index];

    /// <summary>The content hash of item <paramref name="index"/> of <paramref name="batch"/>: the one taken ahead when there is one.</summary>
    internal static long ContentHashOf(IReadOnlyList<Interaction> batch, int index) =>
        batch is InteractionBatch hashed ? hashed.hashes[index] : InteractionContent.Hash(batch[index]);

    /// <inheritdoc />
    public IEnumerator<Interaction> GetEnumerator() => interactions.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
