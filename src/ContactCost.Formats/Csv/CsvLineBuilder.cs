using System.Buffers;
using System.Globalization;

namespace ContactCost.Formats.Csv;

/// <summary>
/// Builds one CSV line in a reusable buffer, quoting a field (RFC 4180) only when it holds a
/// comma, a quote or a line break, and hands the finished line to a writer in one call.
/// </summary>
internal sealed class CsvLineBuilder
{
    private static readonly SearchValues<char> NeedsQuotes = SearchValues.Create(",\"\r\n");

    private char[] buffer = new char[1024];
    private int length;
    private bool hasFields;

    /// <summary>Adds a text field; null and empty are written as nothing.</summary>
    public void Add(ReadOnlySpan<char> text)
    {
        if (!text.ContainsAny(NeedsQuotes))
        {
            text.CopyTo(Reserve(text.Length));
            length += text.Length;
            return;
        }

        // Worst case every character is a quote that doubles, plus the two enclosing quotes.
        var target = Reserve((text.Length * 2) + 2);
        var written = 0;
        target[written++] = '"';
        foreach (var c in text)
        {
            if (c == '"')
                target[written++] = '"';
            target[written++] = c;
        }

        target[written++] = '"';
        length += written;
    }

    /// <summary>Adds a whole number.</summary>
    public void Add(long value)
    {
        value.TryFormat(Reserve(20), out var written, default, CultureInfo.InvariantCulture);
        length += written;
    }

    /// <summary>Adds a decimal number, invariant culture, no grouping.</summary>
    public void Add(decimal value)
    {
        value.TryFormat(Reserve(32), out var written, default, CultureInfo.InvariantCulture);
        length += written;
    }

    /// <summary>
    /// Starts a field of at most <paramref name="maxLength"/> characters that the caller formats
    /// into the span returned, then confirms with <see cref="Commit"/>.
    /// </summary>
    public Span<char> Reserve(int maxLength)
    {
        if (hasFields)
            Append(',');
        hasFields = true;
        if (buffer.Length - length < maxLength)
            Array.Resize(ref buffer, Math.Max(buffer.Length * 2, length + maxLength));
        return buffer.AsSpan(length, maxLength);
    }

    /// <summary>Confirms the characters written into the span <see cref="Reserve"/> returned.</summary>
    public void Commit(int written) => length += written;

    /// <summary>Ends the line with LF, writes it and starts a new one.</summary>
    public void WriteLine(TextWriter writer)
    {
        Append('\n');
        writer.Write(buffer.AsSpan(0, length));
        length = 0;
        hasFields = false;
    }

    private void Append(char c)
    {
        if (length == buffer.Length)
            Array.Resize(ref buffer, buffer.Length * 2);
        buffer[length++] = c;
    }
}
