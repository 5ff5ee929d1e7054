namespace ContactCost.Formats.Csv;

/// <summary>Fixed-width runs of ASCII digits, read and written without culture or allocation.</summary>
internal static class AsciiDigits
{
    /// <summary>The value of a run of ASCII digits, or -1 when any character is not one.</summary>
    public static int Parse(ReadOnlySpan<char> text)
    {
        var value = 0;
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
                return -1;
            value = (value * 10) + (c - '0');
        }

        return value;
    }

    /// <summary>Writes <paramref name="value"/> as exactly <paramref name="width"/> digits, zero-padded.</summary>
    public static void Write(Span<char> destination, long value, int width)
    {
        for (var i = width - 1; i >= 0; i--)
        {
            destination[i] = (char)('0' + (value % 10));
            value /= 10;
        }
    }

    /// <summary>Writes a fraction of <paramref name="width"/> digits without its trailing zeros; returns the length.</summary>
    public static int WriteFraction(Span<char> destination, long fraction, int width)
    {
        while (fraction % 10 == 0 && width > 0)
        {
            fraction /= 10;
            width--;
        }

        Write(destination, fraction, width);
        return width;
    }
}
