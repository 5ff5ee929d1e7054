using System.Globalization;
using ContactCost.Formats.Csv;
using ContactCost.Formats.Import;
using ContactCost.Interactions;

namespace ContactCost.Formats.Sources;

/// <summary>
/// One record of a source file (a CSV row or a JSON object), read by field name, with the parsing
/// rules every source shares: required text, seconds, timestamps in the configured zone, epochs.
/// Each rule throws <see cref="RecordException"/> naming the field; <see cref="Map"/> turns that into a rejection.
/// </summary>
internal abstract class SourceRecord(string source, SourceWarnings warnings)
{
    /// <summary>The file (or other source name) the record came from.</summary>
    public string Source { get; } = source;

    /// <summary>The 1-based line where the record starts.</summary>
    public abstract long Line { get; }

    /// <summary>The record as written, for the quarantine.</summary>
    public abstract string Raw { get; }

    /// <summary>What is wrong with the record's shape (quoting, field count, bytes), if anything.</summary>
    public virtual Rejection? Problem => null;

    public SourceWarnings Warnings { get; } = warnings;

    public SourceOptions Options => Warnings.Options;

    /// <summary>A field's text without surrounding spaces; null when the field is absent, empty or null.</summary>
    public abstract string? Text(string field);

    /// <summary>The text of the first of <paramref name="fields"/> that has one (sources spell a field several ways).</summary>
    public string? First(params ReadOnlySpan<string> fields)
    {
        foreach (var field in fields)
        {
            if (Text(field) is { } text)
                return text;
        }

        return null;
    }

    public string Required(string field) =>
        Text(field) ?? throw new RecordException(field, "", $"{field} is required");

    /// <summary>Seconds (whole or with up to 3 decimals); empty means zero.</summary>
    public TimeSpan Seconds(string field)
    {
        var text = Text(field);
        if (text is null)
            return TimeSpan.Zero;
        return DurationSeconds.TryParse(text, out var value) switch
        {
            NumberStatus.Valid => value,
            NumberStatus.Negative => throw new RecordException(field, text, $"{field} {text} is negative; durations are 0 or more seconds"),
            NumberStatus.TooLarge => throw new RecordException(field, text, $"{field} {text} is too large for a duration"),
            _ => throw new RecordException(field, text, $"{field} '{text}' is not a number of seconds"),
        };
    }

    /// <summary>A whole number; null when empty.</summary>
    public int? Count(string field)
    {
        var text = Text(field);
        if (text is null)
            return null;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new RecordException(field, text, $"{field} '{text}' is not a whole number of 0 or more");
    }

    /// <summary>A timestamp (see <see cref="SourceTime"/>); null when empty and not required.</summary>
    public DateTimeOffset? Time(string field, bool required = false)
    {
        var text = Text(field);
        if (text is null)
            return required ? throw new RecordException(field, "", $"{field} is required") : null;
        if (SourceTime.Parse(text, Options.TimeZone, out var value, out var warning) is { } reason)
            throw new RecordException(field, text, $"{field} {reason}");
        if (warning is not null)
            Warnings.Once(warning.Value.Kind, $"{Source}:{Line}: {field} {warning.Value.Message}");
        return value;
    }

    /// <summary>Unix epoch seconds; empty or 0 (unset) gives null.</summary>
    public DateTimeOffset? Epoch(string field)
    {
        var text = Text(field);
        if (text is null || text == "0")
            return null;
        return SourceTime.TryParseEpoch(text, out var value)
            ? value
            : throw new RecordException(field, text, $"{field} '{text}' is not a Unix time in seconds");
    }

    /// <summary>The record as an interaction, or the rejection that says why it cannot be one.</summary>
    public ReadResult<Interaction> Map(Func<SourceRecord, Interaction> map)
    {
        if (Problem is { } problem)
            return ReadResult.Rejected<Interaction>(problem);
        try
        {
            return ReadResult.Accepted(map(this), Line);
        }
        catch (RecordException e)
        {
            return Reject(e.Field, e.Value, e.Message);
        }
        catch (ArgumentException e)
        {
            // The interaction's own checks (an id too long, an end before the start) speak for the record.
            return Reject(e.ParamName ?? "", "", e.Message);
        }
        catch (InvalidOperationException e)
        {
            // JSON text that is not UTF-8 fails only when a value is read.
            return Reject("", "", $"the record cannot be read: {e.Message}");
        }
    }

    public ReadResult<Interaction> Reject(string field, string value, string reason) =>
        ReadResult.Rejected<Interaction>(new Rejection(Source, Line, field, value, reason, Raw));

    /// <summary>Refuses an end before the start, naming both.</summary>
    public static DateTimeOffset? CheckEnd(string field, DateTimeOffset start, DateTimeOffset? end) =>
        end < start ? throw new RecordException(field, $"{end:O}", $"{field} {end:O} is before the start {start:O}") : end;

    /// <summary>The non-negative difference of two instants; null when either is unknown, refused when negative.</summary>
    public static TimeSpan? Between(string field, DateTimeOffset? from, DateTimeOffset? to) =>
        from is { } f && to is { } t
            ? t >= f ? t - f : throw new RecordException(field, $"{t:O}", $"{field} {t:O} is before {f:O}")
            : null;

    /// <summary>Extras from the fields that are present, in the given order, under the given names.</summary>
    public KeyValuePair<string, string>[] Extras(params ReadOnlySpan<(string Name, string Field)> fields)
    {
        var extras = new List<KeyValuePair<string, string>>(fields.Length);
        foreach (var (name, field) in fields)
        {
            if (Text(field) is { } value)
                extras.Add(KeyValuePair.Create(name, value));
        }

        return [.. extras];
    }
}
