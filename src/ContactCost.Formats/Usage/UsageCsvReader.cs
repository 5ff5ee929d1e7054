using System.Globalization;
using ContactCost.Formats.Csv;
using ContactCost.Formats.Import;
using ContactCost.Interactions;
using ContactCost.Rating;
using ContactCost.Usage;

namespace ContactCost.Formats.Usage;

/// <summary>
/// Reads usage-record CSV: a header naming <c>id, meter, quantity, start</c> (required) and
/// optionally <c>channel, direction, queue, destination</c> in any order, then one record per
/// line; other columns are kept as extras. Streams in constant memory; a bad record becomes a
/// rejection naming its field and reading goes on.
/// </summary>
public static class UsageCsvReader
{
    // Known columns; their indices are the field numbers the parser uses.
    private static readonly string[] Columns = ["id", "meter", "quantity", "start", "channel", "direction", "queue", "destination"];
    private static readonly int[] Required = [0, 1, 2, 3];

    // A trillion units: far beyond any real usage, and small enough that price x quantity can never overflow.
    private const decimal MaxQuantity = 1_000_000_000_000m;

    /// <summary>Reads records from <paramref name="reader"/>; <paramref name="sourceName"/> names the input in rejections and errors.</summary>
    /// <exception cref="InputFormatException">While enumerating, when the header is unusable.</exception>
    public static IEnumerable<ReadResult<UsageRecord>> Read(TextReader reader, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentException.ThrowIfNullOrEmpty(sourceName);
        return ReadRecords(reader, sourceName);
    }

    /// <summary>Reads the UTF-8 file at <paramref name="path"/> (with or without a byte order mark), closing it when enumeration ends.</summary>
    /// <exception cref="InputFormatException">While enumerating, when the header is unusable or the file is not UTF-8.</exception>
    public static IEnumerable<ReadResult<UsageRecord>> ReadFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return ReadFileRecords(path);
    }

    private static IEnumerable<ReadResult<UsageRecord>> ReadFileRecords(string path)
    {
        using var reader = CsvFile.OpenText(path);
        foreach (var result in ReadRecords(reader, path))
            yield return result;
    }

    private static IEnumerable<ReadResult<UsageRecord>> ReadRecords(TextReader reader, string sourceName)
    {
        var scanner = new CsvRecordScanner(reader, sourceName);
        var header = CsvHeader.Read(scanner, sourceName, Columns, Required);
        var queues = new StringPool();
        var extraValues = header.ExtraPositions.Select(_ => new StringPool()).ToArray();
        while (scanner.MoveNext())
            yield return Parse(scanner, header, sourceName, queues, extraValues);
    }

    private static ReadResult<UsageRecord> Parse(CsvRecordScanner record, CsvHeader header, string sourceName, StringPool queues, StringPool[] extraValues)
    {
        ReadOnlySpan<char> Value(int column)
        {
            var position = header.PositionOf(column);
            return position < 0 ? [] : record[position].Trim();
        }

        ReadResult<UsageRecord> Reject(string field, ReadOnlySpan<char> value, string reason) =>
            ReadResult.Rejected<UsageRecord>(new Rejection(sourceName, record.Line, field, value.ToString(), reason, record.RawRecord.ToString()));

        if (record.Problem is { } problem)
            return Reject(problem.FieldIndex < header.FieldCount ? header.FieldNames[problem.FieldIndex] : "", problem.Value, problem.Reason);
        if (record.FieldCount != header.FieldCount)
            return Reject("", "", $"the record has {record.FieldCount} fields but the header has {header.FieldCount}");

        if (FieldRules.Id(Value(0), out var id) is { } idReason)
            return Reject("id", Value(0), idReason);

        var meterText = Value(1);
        if (!Meters.TryParse(meterText.ToString(), out var meter))
        {
            return meterText.IsEmpty
                ? Reject("meter", meterText, $"meter is required; accepted: {Meters.AllNames}")
                : Reject("meter", meterText, $"unknown meter '{meterText}'; accepted: {Meters.AllNames}");
        }

        if (QuantityProblem(Value(2), out var quantity) is { } quantityReason)
            return Reject("quantity", Value(2), quantityReason);
        if (FieldRules.Timestamp("start", Value(3), required: true, out var start) is { } startReason)
            return Reject("start", Value(3), startReason);
        if (FieldRules.Channel(Value(4), required: false, out var channel) is { } channelReason)
            return Reject("channel", Value(4), channelReason);
        if (channel is { } c && meter.ChannelOf() is { } measured && measured != c)
            return Reject("channel", Value(4), $"channel {c.Name()} does not fit meter {meter.Name()}, which measures {measured.Name()}");
        if (FieldRules.Direction(Value(5), "empty means not stated", out var direction) is { } directionReason)
            return Reject("direction", Value(5), directionReason);

        var queue = Value(6);
        var destination = Value(7);
        var extras = new KeyValuePair<string, string>[header.ExtraPositions.Length];
        for (var i = 0; i < extras.Length; i++)
            extras[i] = KeyValuePair.Create(header.Names[header.ExtraPositions[i]], extraValues[i].Get(record[header.ExtraPositions[i]]));

        return ReadResult.Accepted(new UsageRecord(id, meter, quantity, start!.Value)
        {
            Channel = channel,
            Direction = direction,
            Queue = queue.IsEmpty ? null : queues.Get(queue),
            Destination = destination.IsEmpty ? null : destination.ToString(),
            Extra = extras,
        }, record.Line);
    }

    // A non-negative decimal with at most 6 decimals, invariant culture, no thousands separators or exponents.
    private static string? QuantityProblem(ReadOnlySpan<char> text, out decimal quantity)
    {
        quantity = 0m;
        if (text.IsEmpty)
            return "quantity is required; write it like 42 or 3.25";
        if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out quantity))
            return $"quantity '{text}' is not a number; write it like 42 or 3.25";
        if (quantity < 0m)
            return $"quantity {text} is negative; quantities are 0 or more";
        if (quantity > MaxQuantity)
            return $"quantity {text} is too large; at most {MaxQuantity}";
        var point = text.IndexOf('.');
        if (point >= 0 && text.Length - point - 1 > 6)
            return $"quantity {text} has more than 6 decimals";
        return null;
    }
}
