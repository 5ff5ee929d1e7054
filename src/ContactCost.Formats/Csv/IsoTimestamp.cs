namespace ContactCost.Formats.Csv;

/// <summary>What reading a timestamp found.</summary>
internal enum TimestampStatus
{
    Valid,

    /// <summary>A valid local date and time, but no UTC offset: the instant is ambiguous.</summary>
    MissingOffset,

    Invalid,
}

/// <summary>
/// ISO 8601 / RFC 3339 timestamps with an offset (<c>2026-10-01T09:15:00-04:00</c>, <c>...Z</c>),
/// read and written straight from and to spans: these are the two hottest fields of a file.
/// </summary>
internal static class IsoTimestamp
{
    /// <summary>The longest text <see cref="Format"/> writes: date, time, 7 decimals, offset.</summary>
    public const int MaxLength = 33;

    /// <summary>
    /// Reads <c>yyyy-MM-ddTHH:mm[:ss[.f..fffffff]]</c> followed by <c>Z</c>, <c>+HH:mm</c>,
    /// <c>+HHmm</c> or <c>+HH</c>. A space may stand for the <c>T</c>, as RFC 3339 allows.
    /// </summary>
    public static TimestampStatus TryParse(ReadOnlySpan<char> text, out DateTimeOffset value)
    {
        value = default;
        if (text.Length < 16 || text[4] != '-' || text[7] != '-' || text[10] is not ('T' or 't' or ' ') || text[13] != ':')
            return TimestampStatus.Invalid;

        var year = AsciiDigits.Parse(text.Slice(0, 4));
        var month = AsciiDigits.Parse(text.Slice(5, 2));
        var day = AsciiDigits.Parse(text.Slice(8, 2));
        var hour = AsciiDigits.Parse(text.Slice(11, 2));
        var minute = AsciiDigits.Parse(text.Slice(14, 2));
        var second = 0;
        long fraction = 0;
        var i = 16;
        if (i < text.Length && text[i] == ':')
        {
            if (text.Length < 19)
                return TimestampStatus.Invalid;
            second = AsciiDigits.Parse(text.Slice(17, 2));
            i = 19;
            if (i < text.Length && text[i] is '.' or ',')
            {
                var digits = 0;
                for (i++; i < text.Length && char.IsAsciiDigit(text[i]); i++, digits++)
                {
                    if (digits == 7)
                        return TimestampStatus.Invalid;
                    fraction = (fraction * 10) + (text[i] - '0');
                }

                if (digits == 0)
                    return TimestampStatus.Invalid;
                for (; digits < 7; digits++)
                    fraction *= 10;
            }
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour is < 0 or > 23 || minute is < 0 or > 59 || second is < 0 or > 59)
            return TimestampStatus.Invalid;
        if (i == text.Length)
            return TimestampStatus.MissingOffset;
        if (!TryParseOffset(text[i..], out var offsetMinutes))
            return TimestampStatus.Invalid;

        var ticks = new DateTime(year, month, day, hour, minute, second).Ticks + fraction;
        var offset = TimeSpan.FromMinutes(offsetMinutes);
        var utcTicks = ticks - offset.Ticks;
        if (utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks)
            return TimestampStatus.Invalid;

        value = new DateTimeOffset(ticks, offset);
        return TimestampStatus.Valid;
    }

    /// <summary>
    /// Writes the clock time in the value's own offset, with seconds, decimals only when the value
    /// has them, and <c>Z</c> for a zero offset when <paramref name="zeroAsZ"/>.
    /// </summary>
    public static int Format(DateTimeOffset value, Span<char> destination, bool zeroAsZ)
    {
        var clock = value.DateTime;
        AsciiDigits.Write(destination, clock.Year, 4);
        destination[4] = '-';
        AsciiDigits.Write(destination[5..], clock.Month, 2);
        destination[7] = '-';
        AsciiDigits.Write(destination[8..], clock.Day, 2);
        destination[10] = 'T';
        AsciiDigits.Write(destination[11..], clock.Hour, 2);
        destination[13] = ':';
        AsciiDigits.Write(destination[14..], clock.Minute, 2);
        destination[16] = ':';
        AsciiDigits.Write(destination[17..], clock.Second, 2);
        var length = 19;
        var fraction = (clock.Ticks % TimeSpan.TicksPerSecond);
        if (fraction != 0)
        {
            destination[length++] = '.';
            length += AsciiDigits.WriteFraction(destination[length..], fraction, 7);
        }

        var offsetMinutes = (int)(value.Offset.Ticks / TimeSpan.TicksPerMinute);
        if (offsetMinutes == 0 && zeroAsZ)
        {
            destination[length++] = 'Z';
            return length;
        }

        destination[length++] = offsetMinutes < 0 ? '-' : '+';
        offsetMinutes = Math.Abs(offsetMinutes);
        AsciiDigits.Write(destination[length..], offsetMinutes / 60, 2);
        destination[length + 2] = ':';
        AsciiDigits.Write(destination[(length + 3)..], offsetMinutes % 60, 2);
        return length + 5;
    }

    /// <summary>Reads <c>Z</c>, <c>+HH:mm</c>, <c>+HHmm</c> or <c>+HH</c>, at most 14 hours either way.</summary>
    private static bool TryParseOffset(ReadOnlySpan<char> text, out int minutes)
    {
        minutes = 0;
        if (text is ['Z' or 'z'])
            return true;
        if (text.Length < 3 || text[0] is not ('+' or '-'))
            return false;

        var hours = AsciiDigits.Parse(text.Slice(1, 2));
        var rest = text[3..];
        var extraMinutes = rest switch
        {
            [] => 0,
            [':', _, _] => AsciiDigits.Parse(rest[1..]),
            [_, _] => AsciiDigits.Parse(rest),
            _ => -1,
        };
        if (hours < 0 || extraMinutes is < 0 or > 59)
            return false;

        minutes = (hours * 60) + extraMinutes;
        if (minutes > 14 * 60)
            return false;
        if (text[0] == '-')
            minutes = -minutes;
        return true;
    }
}
