using System.Globalization;
using ContactCost.Formats.Csv;

namespace ContactCost.Formats.Sources;

/// <summary>
/// The timestamps sources write: ISO 8601 with an offset; local <c>2026-10-01 09:15:00</c> (read in
/// the configured zone); RFC 2822 as in Twilio's API (<c>Thu, 01 Oct 2026 13:15:00 +0000</c>); a
/// trailing <c>UTC</c>; and dates a spreadsheet re-saved (<c>2020/2/10 22:41</c> is accepted with a
/// warning, <c>2/10/2020 22:41</c> refused, since its day and month cannot be told apart).
/// </summary>
internal static class SourceTime
{
    /// <summary>A warning for a value accepted with a guess: its kind (said once per file) and the words.</summary>
    public readonly record struct Warning(string Kind, string Message);

    private static readonly string[] LocalFormats =
    [
        "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-ddTHH:mm:ss.FFFFFFF",
        "yyyy-MM-dd HH:mm", "yyyy-MM-ddTHH:mm",
    ];

    private const string Example = "2026-10-01 09:15:00, 2026-10-01T09:15:00-04:00 or 2026-10-01T13:15:00Z";

    /// <summary>Reads <paramref name="text"/>; returns the reason it is refused (to follow the field name), or null.</summary>
    public static string? Parse(string text, TimeZoneInfo zone, out DateTimeOffset value, out Warning? warning)
    {
        warning = null;
        value = default;
        var span = text.AsSpan().Trim();
        if (span.EndsWith(" UTC", StringComparison.OrdinalIgnoreCase))
        {
            span = span[..^4];
            zone = TimeZoneInfo.Utc;
        }

        switch (IsoTimestamp.TryParse(span, out value))
        {
            case TimestampStatus.Valid:
                return null;
            case TimestampStatus.MissingOffset:
                return DateTime.TryParseExact(span, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
                    ? Local(text, local, zone, out value)
                    : $"'{text}' is not a timestamp; write it like {Example}";
        }

        if (TryParseRfc2822(span, out value))
            return null;
        if (TrySpreadsheet(span, out var clock, out var yearFirst))
        {
            if (!yearFirst)
                return $"'{text}' looks re-saved by a spreadsheet: its day and month cannot be told apart; write it like {Example}";
            warning = new Warning("spreadsheet-date", $"'{text}' looks re-saved by a spreadsheet; read as {clock:yyyy-MM-dd HH:mm:ss} in {zone.Id}");
            return Local(text, clock, zone, out value);
        }

        return $"'{text}' is not a timestamp; write it like {Example}";
    }

    /// <summary>Whole (or decimal) Unix seconds after 1970 and before 10000.</summary>
    public static bool TryParseEpoch(string text, out DateTimeOffset value)
    {
        value = default;
        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds)
            || seconds <= 0 || seconds >= 253_402_300_800m)
            return false;
        value = DateTimeOffset.UnixEpoch.AddTicks((long)(seconds * TimeSpan.TicksPerSecond));
        return true;
    }

    private static string? Local(string text, DateTime clock, TimeZoneInfo zone, out DateTimeOffset value)
    {
        value = default;
        clock = DateTime.SpecifyKind(clock, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(clock))
            return $"{text} does not exist in {zone.Id} (the clocks skipped it); check --time-zone";
        var offset = zone.GetUtcOffset(clock);
        var utcTicks = clock.Ticks - offset.Ticks;
        if (utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks)
            return $"'{text}' is out of range";
        value = new DateTimeOffset(clock, offset);
        return null;
    }

    // "Thu, 01 Oct 2026 13:15:00 +0000" (the day name is optional).
    private static bool TryParseRfc2822(ReadOnlySpan<char> text, out DateTimeOffset value)
    {
        value = default;
        var comma = text.IndexOf(',');
        if (comma is > 0 and < 4)
            text = text[(comma + 1)..].TrimStart();
        if (text.Length < 6 || text[^5] is not ('+' or '-') || text[^6] != ' ')
            return false;
        var hours = AsciiDigits.Parse(text.Slice(text.Length - 4, 2));
        var minutes = AsciiDigits.Parse(text[^2..]);
        if (hours is < 0 or > 14 || minutes is < 0 or > 59
            || !DateTime.TryParseExact(text[..^6], ["d MMM yyyy HH:mm:ss", "d MMM yyyy HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var clock))
            return false;
        var offset = new TimeSpan(hours, minutes, 0);
        if (text[^5] == '-')
            offset = -offset;
        var utcTicks = clock.Ticks - offset.Ticks;
        if (utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks)
            return false;
        value = new DateTimeOffset(clock, offset);
        return true;
    }

    // "2020/2/10 22:41" (year first) or "2/10/2020 22:41" (year last), seconds optional.
    private static bool TrySpreadsheet(ReadOnlySpan<char> text, out DateTime clock, out bool yearFirst)
    {
        clock = default;
        yearFirst = text.Length > 4 && text[4] == '/' && !text[..4].ContainsAnyExceptInRange('0', '9');
        string[] formats = yearFirst
            ? ["yyyy/M/d H:mm", "yyyy/M/d H:mm:ss", "yyyy/M/d"]
            : ["M/d/yyyy H:mm", "M/d/yyyy H:mm:ss", "d/M/yyyy H:mm", "d/M/yyyy H:mm:ss", "M/d/yyyy", "d/M/yyyy", "M/d/yy H:mm", "d/M/yy H:mm"];
        return text.Contains('/') && DateTime.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out clock);
    }
}
