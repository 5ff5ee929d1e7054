using System.Buffers;
using System.Text;
using System.Text.Json;
using ContactCost.Interactions;

namespace ContactCost.Storage;

/// <summary>
/// The text columns of a batch's interactions as a store keeps them, UTF-8 and the extras as their JSON
/// (<see cref="InteractionContent.WriteExtra"/>), back to back in one array. Made with the batch on the
/// thread that reads the file, so the writer binds the bytes as they are instead of encoding each text.
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
        bytes = new byte[Math.Max(1, interactions.Count) * 96];
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
        if (bytes.Length - used < more)
            Array.Resize(ref bytes, Math.Max(bytes.Length * 2, used + more));
    }
}
