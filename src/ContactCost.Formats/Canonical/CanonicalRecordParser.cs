using ContactCost.Formats.Csv;
using ContactCost.Formats.Import;
using ContactCost.Interactions;

namespace ContactCost.Formats.Canonical;

/// <summary>
/// Turns one scanned record into an <see cref="Interaction"/>, or into a <see cref="Rejection"/>
/// naming the first field at fault. Numbers and timestamps are read from spans; repeated text is pooled.
/// </summary>
internal sealed class CanonicalRecordParser
{
    private readonly CsvHeader header;
    private readonly string sourceName;
    private readonly StringPool queues = new();
    private readonly StringPool agents = new();
    private readonly StringPool[] extraValues;

    // The positions of the extra columns kept (all of them unless the reader was told which).
    private readonly int[] extraPositions;

    // The first failure of the record being parsed; set by Fail.
    private string failedField = "";
    private string failedValue = "";
    private string failedReason = "";

    public CanonicalRecordParser(CsvHeader header, string sourceName, IReadOnlyCollection<string>? extraColumns = null)
    {
        this.header = header;
        this.sourceName = sourceName;
        extraPositions = extraColumns is null
            ? header.ExtraPositions
            : [.. header.ExtraPositions.Where(p => extraColumns.Contains(header.Names[p], StringComparer.OrdinalIgnoreCase))];
        extraValues = [.. extraPositions.Select(_ => new StringPool())];
    }

    public ReadResult<Interaction> Parse(CsvRecordScanner record)
    {
        if (!HasSoundShape(record)
            || !TryReadId(record, out var id)
            || !TryReadChannel(record, out var channel)
            || !TryReadDirection(record, out var direction)
            || !TryReadTimestamp(record, CanonicalColumn.Start, out var start)
            || !TryReadTimestamp(record, CanonicalColumn.End, out var end)
            || !IsEndAfterStart(record, start, end)
            || !TryReadDuration(record, CanonicalColumn.WaitSeconds, out var wait)
            || !TryReadDuration(record, CanonicalColumn.TalkSeconds, out var talk)
            || !TryReadDuration(record, CanonicalColumn.HoldSeconds, out var hold)
            || !TryReadDuration(record, CanonicalColumn.WrapSeconds, out var wrap)
            || !TryReadUnits(record, out var units)
            || !TryReadResolved(record, out var resolved))
        {
            return ReadResult.Rejected<Interaction>(new Rejection(sourceName, record.Line, failedField, failedValue, failedReason, record.RawRecord.ToString()));
        }

        return ReadResult.Accepted(new Interaction(id, channel, start.GetValueOrDefault())
        {
            Direction = direction,
            Customer = Text(record, CanonicalColumn.Customer),
            End = end,
            Wait = wait,
            Talk = talk,
            Hold = hold,
            Wrap = wrap,
            Queue = Pooled(record, CanonicalColumn.Queue, queues),
            Agent = Pooled(record, CanonicalColumn.Agent, agents),
            Units = units,
            Destination = Text(record, CanonicalColumn.Destination),
            Resolved = resolved,
            Extra = Extras(record),
        }, record.Line);
    }

    /// <summary>Quoting problems first, then the field count, since neither leaves fields to trust.</summary>
    private bool HasSoundShape(CsvRecordScanner record)
    {
        if (record.Problem is { } problem)
        {
            var field = problem.FieldIndex < header.FieldCount ? header.FieldNames[problem.FieldIndex] : "";
            return Fail(field, problem.Value, problem.Reason);
        }

        return record.FieldCount == header.FieldCount
            || Fail("", "", $"the record has {record.FieldCount} fields but the header has {header.FieldCount}");
    }

    private bool TryReadId(CsvRecordScanner record, out string id)
    {
        var text = Value(record, CanonicalColumn.Id);
        return FieldRules.Id(text, out id) is not { } reason || Fail(CanonicalColumn.Id, text, reason);
    }

    private bool TryReadChannel(CsvRecordScanner record, out Channel channel)
    {
        var text = Value(record, CanonicalColumn.Channel);
        var reason = FieldRules.Channel(text, required: true, out var parsed);
        channel = parsed.GetValueOrDefault();
        return reason is null || Fail(CanonicalColumn.Channel, text, reason);
    }

    private bool TryReadDirection(CsvRecordScanner record, out Direction direction)
    {
        var text = Value(record, CanonicalColumn.Direction);
        var reason = FieldRules.Direction(text, "empty means inbound", out var parsed);
        direction = parsed ?? Direction.Inbound;
        return reason is null || Fail(CanonicalColumn.Direction, text, reason);
    }

    private bool TryReadTimestamp(CsvRecordScanner record, CanonicalColumn column, out DateTimeOffset? value)
    {
        var text = Value(record, column);
        return FieldRules.Timestamp(column.Name(), text, column == CanonicalColumn.Start, out value) is not { } reason
            || Fail(column, text, reason);
    }

    private bool IsEndAfterStart(CsvRecordScanner record, DateTimeOffset? start, DateTimeOffset? end)
    {
        if (end is not { } e || e >= start.GetValueOrDefault())
            return true;

        var endText = Value(record, CanonicalColumn.End);
        return Fail(CanonicalColumn.End, endText, $"end {endText} is before start {Value(record, CanonicalColumn.Start)}");
    }

    private bool TryReadDuration(CsvRecordScanner record, CanonicalColumn column, out TimeSpan value)
    {
        var text = Value(record, column);
        value = TimeSpan.Zero;
        return text.IsEmpty || DurationSeconds.TryParse(text, out value) switch
        {
            NumberStatus.Valid => true,
            NumberStatus.Negative => Fail(column, text, $"{column.Name()} {text} is negative; durations are 0 or more seconds"),
            NumberStatus.TooManyDecimals => Fail(column, text, $"{column.Name()} {text} has more than 3 decimals; durations are kept to the millisecond"),
            NumberStatus.TooLarge => Fail(column, text, $"{column.Name()} {text} is too large; at most {DurationSeconds.MaxSeconds} seconds"),
            _ => Fail(column, text, $"{column.Name()} '{text}' is not a number of seconds; write it like 42 or 42.5"),
        };
    }

    private bool TryReadUnits(CsvRecordScanner record, out int? units)
    {
        units = null;
        var text = Value(record, CanonicalColumn.Units);
        if (text.IsEmpty)
            return true;

        var negative = text.StartsWith('-');
        var digits = negative ? text[1..] : text;
        if (digits.IsEmpty || digits.ContainsAnyExceptInRange('0', '9'))
            return Fail(CanonicalColumn.Units, text, $"units '{text}' is not a whole number");

        long value = 0;
        foreach (var c in digits.TrimStart('0'))
        {
            value = (value * 10) + (c - '0');
            if (value > int.MaxValue)
                return Fail(CanonicalColumn.Units, text, $"units {text} is too large; at most {int.MaxValue}");
        }

        if (negative && value > 0)
            return Fail(CanonicalColumn.Units, text, $"units {text} is negative; units are 0 or more");
        units = (int)value;
        return true;
    }

    private bool TryReadResolved(CsvRecordScanner record, out bool? resolved)
    {
        resolved = null;
        var text = Value(record, CanonicalColumn.Resolved);
        if (IsAnyOf(text, "true", "yes", "1"))
            resolved = true;
        else if (IsAnyOf(text, "false", "no", "0"))
            resolved = false;

        return resolved is not null || text.IsEmpty
            || Fail(CanonicalColumn.Resolved, text, $"resolved '{text}' is not one of true, false, yes, no, 1, 0 (or empty)");
    }

    private static bool IsAnyOf(ReadOnlySpan<char> text, string first, string second, string third) =>
        text.Equals(first, StringComparison.OrdinalIgnoreCase)
        || text.Equals(second, StringComparison.OrdinalIgnoreCase)
        || text.Equals(third, StringComparison.Ordinal);

    private KeyValuePair<string, string>[] Extras(CsvRecordScanner record)
    {
        var positions = extraPositions;
        if (positions.Length == 0)
            return [];

        var extras = new KeyValuePair<string, string>[positions.Length];
        for (var i = 0; i < positions.Length; i++)
            extras[i] = KeyValuePair.Create(header.Names[positions[i]], extraValues[i].Get(record[positions[i]]));
        return extras;
    }

    /// <summary>A canonical field's text without surrounding spaces; empty when the file lacks the column.</summary>
    private ReadOnlySpan<char> Value(CsvRecordScanner record, CanonicalColumn column)
    {
        var position = header.PositionOf((int)column);
        return position < 0 ? [] : record[position].Trim();
    }

    private string? Text(CsvRecordScanner record, CanonicalColumn column)
    {
        var text = Value(record, column);
        return text.IsEmpty ? null : text.ToString();
    }

    private string? Pooled(CsvRecordScanner record, CanonicalColumn column, StringPool pool)
    {
        var text = Value(record, column);
        return text.IsEmpty ? null : pool.Get(text);
    }

    private bool Fail(CanonicalColumn column, ReadOnlySpan<char> value, string reason) => Fail(column.Name(), value.ToString(), reason);

    private bool Fail(string field, string value, string reason)
    {
        failedField = field;
        failedValue = value;
        failedReason = reason;
        return false;
    }
}
