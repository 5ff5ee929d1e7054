using ContactCost.Interactions;

namespace ContactCost.Formats.Csv;

/// <summary>
/// The rules for fields every record file shares (id, channel, direction, timestamps), each
/// returning the reason a value is refused, or null when it is good; so every reader refuses the
/// same mistakes with the same words.
/// </summary>
internal static class FieldRules
{
    public const string TimestampExample = "2026-10-01T09:15:00-04:00 or 2026-10-01T13:15:00Z";

    public static string? Id(ReadOnlySpan<char> text, out string id)
    {
        id = "";
        if (text.IsEmpty)
            return "id is required";
        if (text.Length > Interaction.MaxIdLength)
            return $"id is {text.Length} characters long; at most {Interaction.MaxIdLength} are allowed";
        if (text.IndexOfAnyInRange('\0', '\u001f') >= 0)
            return "id contains a control character";
        id = text.ToString();
        return null;
    }

    /// <summary>A channel name; empty is refused when <paramref name="required"/>, else gives null.</summary>
    public static string? Channel(ReadOnlySpan<char> text, bool required, out Channel? channel)
    {
        channel = null;
        if (text.IsEmpty)
            return required ? $"channel is required; accepted: {ChannelNames.AllNames}" : null;
        if (!ChannelNames.TryParse(text, out var parsed))
            return $"unknown channel '{text}'; accepted: {ChannelNames.AllNames}";
        channel = parsed;
        return null;
    }

    /// <summary>A direction; empty gives null (each format says what that means).</summary>
    public static string? Direction(ReadOnlySpan<char> text, string whenEmpty, out Direction? direction)
    {
        direction = null;
        if (text.IsEmpty)
            return null;
        if (!DirectionNames.TryParse(text, out var parsed))
            return $"unknown direction '{text}'; accepted: inbound, outbound (or in, out; {whenEmpty})";
        direction = parsed;
        return null;
    }

    /// <summary>An ISO 8601 timestamp with an offset in column <paramref name="field"/>; empty is refused when <paramref name="required"/>.</summary>
    public static string? Timestamp(string field, ReadOnlySpan<char> text, bool required, out DateTimeOffset? value)
    {
        value = null;
        if (text.IsEmpty)
            return required ? $"{field} is required; write it like {TimestampExample}" : null;
        switch (IsoTimestamp.TryParse(text, out var parsed))
        {
            case TimestampStatus.Valid:
                value = parsed;
                return null;
            case TimestampStatus.MissingOffset:
                return $"{field} {text} has no UTC offset; add its time zone's offset, like {text}-04:00, or Z if it is UTC: {text}Z";
            default:
                return $"{field} '{text}' is not an ISO 8601 timestamp; write it like {TimestampExample}";
        }
    }
}
