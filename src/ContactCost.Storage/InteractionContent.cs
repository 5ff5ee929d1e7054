using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using System.Text.Json;
using ContactCost.Interactions;
using ContactCost.Usage;

namespace ContactCost.Storage;

/// <summary>
/// How interactions and usage records are kept: times and durations in whole milliseconds, extra columns as a JSON
/// array of [name, value] pairs, and a content hash that tells a harmless re-import (same id, same
/// content) from a conflicting one. Shared by every store so they all agree on what "same" means.
/// </summary>
internal static class InteractionContent
{
    /// <summary>Milliseconds since the Unix epoch (stored precision of instants).</summary>
    public static long ToMs(DateTimeOffset instant) => instant.ToUnixTimeMilliseconds();

    /// <summary>Whole milliseconds of a duration (stored precision of durations).</summary>
    public static long ToMs(TimeSpan duration) => duration.Ticks / TimeSpan.TicksPerMillisecond;

    /// <summary>An instant from stored milliseconds.</summary>
    public static DateTimeOffset InstantFromMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    /// <summary>A duration from stored milliseconds.</summary>
    public static TimeSpan DurationFromMs(long ms) => TimeSpan.FromMilliseconds(ms);

    /// <summary>The extra columns as JSON, or null when there are none.</summary>
    public static string? ExtraToJson(IReadOnlyList<KeyValuePair<string, string>> extra)
    {
        if (extra.Count == 0)
            return null;
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
            WriteExtra(writer, extra);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Writes the extra columns as their stored JSON array of [name, value] pairs.</summary>
    public static void WriteExtra(Utf8JsonWriter writer, IReadOnlyList<KeyValuePair<string, string>> extra)
    {
        writer.WriteStartArray();
        foreach (var (name, value) in extra)
        {
            writer.WriteStartArray();
            writer.WriteStringValue(name);
            writer.WriteStringValue(value);
            writer.WriteEndArray();
        }

        writer.WriteEndArray();
    }

    /// <summary>The extra columns from their stored JSON.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> ExtraFromJson(string? json)
    {
        if (string.IsNullOrEmpty(json))
            return [];
        using var document = JsonDocument.Parse(json);
        var pairs = new List<KeyValuePair<string, string>>(document.RootElement.GetArrayLength());
        foreach (var pair in document.RootElement.EnumerateArray())
            pairs.Add(KeyValuePair.Create(pair[0].GetString() ?? "", pair[1].GetString() ?? ""));
        return pairs;
    }

    /// <summary>
    /// A 64-bit hash of everything but the id, at stored precision. Deterministic across processes
    /// and machines (XxHash3), so it can be stored and compared later.
    /// </summary>
    /// <remarks>
    /// The fields are laid out in one buffer (numbers as 8 little-endian bytes, text length-prefixed)
    /// and hashed once: the same value a streaming hash of the same bytes gives, without allocating.
    /// </remarks>
    public static long Hash(Interaction interaction)
    {
        var extra = interaction.Extra;
        var size = (11 * sizeof(long)) + TextSize(interaction.Customer) + TextSize(interaction.Queue)
            + TextSize(interaction.Agent) + TextSize(interaction.Destination);
        foreach (var (name, value) in extra)
            size += TextSize(name) + TextSize(value);

        var rented = size > 1024 ? ArrayPool<byte>.Shared.Rent(size) : null;
        Span<byte> buffer = rented ?? stackalloc byte[1024];
        var at = 0;
        Put(buffer, ref at, (int)interaction.Channel);
        Put(buffer, ref at, (int)interaction.Direction);
        PutText(buffer, ref at, interaction.Customer);
        Put(buffer, ref at, ToMs(interaction.Start));
        Put(buffer, ref at, interaction.End is { } end ? ToMs(end) : long.MinValue);
        Put(buffer, ref at, ToMs(interaction.Wait));
        Put(buffer, ref at, ToMs(interaction.Talk));
        Put(buffer, ref at, ToMs(interaction.Hold));
        Put(buffer, ref at, ToMs(interaction.Wrap));
        PutText(buffer, ref at, interaction.Queue);
        PutText(buffer, ref at, interaction.Agent);
        Put(buffer, ref at, interaction.Units ?? -1);
        PutText(buffer, ref at, interaction.Destination);
        Put(buffer, ref at, interaction.Resolved switch { null => -1, false => 0, true => 1 });
        Put(buffer, ref at, extra.Count);
        foreach (var (name, value) in extra)
        {
            PutText(buffer, ref at, name);
            PutText(buffer, ref at, value);
        }

        var hash = unchecked((long)XxHash3.HashToUInt64(buffer[..at]));
        if (rented is not null)
            ArrayPool<byte>.Shared.Return(rented);
        return hash;
    }

    /// <summary>A stored channel name as a channel.</summary>
    public static Channel ParseChannel(string name) =>
        ChannelNames.TryParse(name, out var channel)
            ? channel
            : throw new StoreException($"The store holds channel '{name}', which this version of ContactCost does not know.");

    /// <summary>A stored direction name as a direction.</summary>
    public static Direction ParseDirection(string name) => name == "outbound" ? Direction.Outbound : Direction.Inbound;

    /// <summary>A stored meter name as a meter.</summary>
    public static Rating.Meter ParseMeter(string name) =>
        Rating.Meters.TryParse(name, out var meter)
            ? meter
            : throw new StoreException($"The store holds meter '{name}', which this version of ContactCost does not know.");

    /// <summary>A quantity as stored: invariant, without trailing zeros, so 1.5 and 1.50 are the same content.</summary>
    public static string Quantity(decimal value) => value.ToString("G29", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A 64-bit hash of everything in a usage record but its id, at stored precision.</summary>
    public static long Hash(UsageRecord record)
    {
        var hash = new XxHash3();
        Add(hash, (int)record.Meter);
        AddText(hash, Quantity(record.Quantity));
        Add(hash, ToMs(record.Start));
        Add(hash, record.Channel is { } channel ? (int)channel : -1);
        Add(hash, record.Direction is { } direction ? (int)direction : -1);
        AddText(hash, record.Queue);
        AddText(hash, record.Destination);
        Add(hash, record.Extra.Count);
        foreach (var (name, value) in record.Extra)
        {
            AddText(hash, name);
            AddText(hash, value);
        }

        return unchecked((long)hash.GetCurrentHashAsUInt64());
    }

    // The most bytes PutText writes for a value.
    private static int TextSize(string? value) => sizeof(long) + (value is null ? 0 : Encoding.UTF8.GetMaxByteCount(value.Length));

    // The same layout as Add: little-endian, so the one-shot and the streaming hashes agree.
    private static void Put(Span<byte> buffer, ref int at, long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(buffer[at..], value);
        at += sizeof(long);
    }

    // The same layout as AddText: the length in characters (-1 for null), then the UTF-8 bytes.
    private static void PutText(Span<byte> buffer, ref int at, string? value)
    {
        Put(buffer, ref at, value is null ? -1 : value.Length);
        if (!string.IsNullOrEmpty(value))
            at += Encoding.UTF8.GetBytes(value, buffer[at..]);
    }

    // Little-endian on every machine, so a stored hash means the same everywhere.
    private static void Add(XxHash3 hash, long value)
    {
        Span<byte> bytes = stackalloc byte[sizeof(long)];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
        hash.Append(bytes);
    }

    // Length-prefixed, with -1 for null, so "ab"+"c" and "a"+"bc", null and "" all hash differently.
    private static void AddText(XxHash3 hash, string? value)
    {
        Add(hash, value is null ? -1 : value.Length);
        if (string.IsNullOrEmpty(value))
            return;
        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        var rented = max > 512 ? ArrayPool<byte>.Shared.Rent(max) : null;
        Span<byte> buffer = rented ?? stackalloc byte[512];
        var length = Encoding.UTF8.GetBytes(value, buffer);
        hash.Append(buffer[..length]);
        if (rented is not null)
            ArrayPool<byte>.Shared.Return(rented);
    }
}
