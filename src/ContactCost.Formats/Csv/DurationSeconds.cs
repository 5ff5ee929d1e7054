using System.Globalization;

namespace ContactCost.Formats.Csv;

/// <summary>What reading a number found.</summary>
internal enum NumberStatus
{
    Valid,
    Invalid,
    Negative,
    TooManyDecimals,
    TooLarge,
}

/// <summary>
/// Durations as seconds with up to three decimals (<c>42</c>, <c>42.5</c>, <c>0.125</c>): the
/// canonical format keeps durations to the millisecond.
/// </summary>
internal static class DurationSeconds
{
    /// <summary>The most seconds a duration may have: about 317 years, far above any real contact.</summary>
    public const long MaxSeconds = 9_999_999_999;

    /// <summary>The longest text <see cref="Format"/> writes.</summary>
    public const int MaxLength = 20;

    /// <summary>Reads a non-negative number of seconds; decimals past the third must be zeros.</summary>
    public static NumberStatus TryParse(ReadOnlySpan<char> text, out TimeSpan value)
    {
        // Most durations are a few whole seconds ("0", "42", "315"): up to nine digits cannot pass the maximum.
        if (text.Length is > 0 and <= 9)
        {
            long seconds = 0;
            var i = 0;
            for (; i < text.Length && char.IsAsciiDigit(text[i]); i++)
                seconds = (seconds * 10) + (text[i] - '0');
            if (i == text.Length)
            {
                value = new TimeSpan(seconds * TimeSpan.TicksPerSecond);
                return NumberStatus.Valid;
            }
        }

        value = TimeSpan.Zero;
        var negative = text.StartsWith('-');
        if (negative)
            text = text[1..];

        var point = text.IndexOf('.');
        var whole = point < 0 ? text : text[..point];
        var decimals = point < 0 ? [] : text[(point + 1)..];
        if ((whole.IsEmpty && decimals.IsEmpty) || (point >= 0 && decimals.IsEmpty)
            || whole.ContainsAnyExceptInRange('0', '9') || decimals.ContainsAnyExceptInRange('0', '9'))
            return NumberStatus.Invalid;

        whole = whole.TrimStart('0');
        if (whole.Length > 10 || (whole.Length == 10 && long.Parse(whole, NumberStyles.None, CultureInfo.InvariantCulture) > MaxSeconds))
            return NumberStatus.TooLarge;
        if (decimals.Length > 3 && decimals[3..].ContainsAnyExcept('0'))
            return NumberStatus.TooManyDecimals;

        long milliseconds = 0;
        foreach (var c in whole)
            milliseconds = (milliseconds * 10) + (c - '0');
        for (var i = 0; i < 3; i++)
            milliseconds = (milliseconds * 10) + (i < decimals.Length ? decimals[i] - '0' : 0);

        if (negative && milliseconds > 0)
            return NumberStatus.Negative;
        value = TimeSpan.FromMilliseconds(milliseconds);
        return NumberStatus.Valid;
    }

    /// <summary>Writes whole seconds as an integer, otherwise up to three decimals, rounding to the nearest millisecond.</summary>
    public static int Format(TimeSpan value, Span<char> destination)
    {
        // Interactions never hold negative durations; round half up to the millisecond.
        var milliseconds = (value.Ticks / TimeSpan.TicksPerMillisecond) + (value.Ticks % TimeSpan.TicksPerMillisecond >= TimeSpan.TicksPerMillisecond / 2 ? 1 : 0);
        var seconds = milliseconds / 1000;
        var fraction = milliseconds % 1000;
        seconds.TryFormat(destination, out var length, default, CultureInfo.InvariantCulture);
        if (fraction == 0)
            return length;

        destination[length++] = '.';
        return length + AsciiDigits.WriteFraction(destination[length..], fraction, 3);
    }
}
