using System.Buffers;
using System.Text;
using System.Text.Json;
using ContactCost.Interactions;

namespace ContactCost.Storage;

/// <summary>
/// The text columns of a batch's interactions as a store keeps them, UTF-8 and the extras as their JSON
/// (<see cref="InteractionContent.WriteExtra"/>), back to back in one array. Made with the batch on the
/// thread that reads the file, so the writer binds the bytes as they are instead of encoding each text.
/// The array comes from the shared pool (a batch's is larger than the large-object threshold, and an import
/// makes thousands); <see cref="Return"/> gives it back.
/// </summary>
internal sealed class StoredTexts
{
    /// <summary>The text columns of a row, in this order.</summary>
    public enum Column
    {
        Id,
        Customer,
        Queue,
        Agent,
        Destination,
        Extra,
    }

    private const int Columns = 6;

    // Per row and column: where its bytes start, and how many there are (-1 for NULL).
    private readonly int[] starts;
    private readonly int[] lengths;
    private byte[] bytes;
    private int used;

    public StoredTexts(IReadOnlyList<Interaction> interactions)
    {
        starts = new int[interactions.Count * Columns];
        lengths = new int[interactions.Count * Columns];
        bytes = ArrayPool<byte>.Shared.Rent(Math.Max(256, interactions.Count * 96));
        var json = new ArrayBufferWriter<byte>(256);
        using var jsonWriter = new Utf8JsonWriter(json);
        for (var row = 0; row < interactions.Count; row++)
        {
            var interaction = interactions[row];
            var at = row * Columns;
            Add(at, interaction.Id);
            Add(at + 1, interaction.Customer);
            Add(at + 2, interaction.Queue);
            Add(at + 3, interaction.Agent);
            Add(at + 4, interaction.Destination);
            if (interaction.Extra.Count == 0)
            {
                lengths[at + 5] = -1;
                continue;
            }

            json.ResetWrittenCount();
            jsonWriter.Reset(json);
            InteractionContent.WriteExtra(jsonWriter, interaction.Extra);
            jsonWriter.Flush();
            Add(at + 5, json.WrittenSpan);
        }
    }

    /// <summary>All the bytes; <see cref="Of"/> says where a value lies in them. Never empty.</summary>
    public byte[] Bytes => bytes;

    /// <summary>Gives the array back to the pool; nothing may read these texts afterwards.</summary>
    public void Return()
    {
        ArrayPool<byte>.Shared.Return(bytes);
        bytes = [];
    }

    /// <summary>Where row <paramref name="row"/>'s <paramref name="column"/> lies in <see cref="Bytes"/>; a length of -1 is NULL.</summary>
    public (int Start, int Length) Of(int row, Column column)
    {
        var at = (row * Columns) + (int)column;
        return (starts[at], lengths[at]);
    }

    private void Add(int at, string? text)
    {
        if (text is null)
        {
            lengths[at] = -1;
            return;
        }

        Reserve(Encoding.UTF8.GetMaxByteCount(text.Length));
        var length = Encoding.UTF8.GetBytes(text, bytes.AsSpan(used));
        (starts[at], lengths[at]) = (used, length);
        used += length;
    }

    private void Add(int at, ReadOnlySpan<byte> utf8)
    {
        Reserve(utf8.Length);
        utf8.CopyTo(bytes.AsSpan(used));
        (starts[at], lengths[at]) = (used, utf8.Length);
        used += utf8.Length;
    }

    private void Reserve(int more)
    {
        if (bytes.Length - used >= more)
            return;
        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(bytes.Length * 2, used + more));
        bytes.AsSpan(0, used).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(bytes);
        bytes = larger;
    }
}
