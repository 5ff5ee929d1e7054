using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using ContactCost.Formats.Import;

namespace ContactCost.Formats.Csv;

/// <summary>
/// Splits RFC 4180 text into records and fields straight from a reusable buffer, tracking the
/// physical line each record starts on. Blank lines are skipped. A malformed record is reported
/// through <see cref="Problem"/> and scanning resumes at the next line, so one bad record never
/// stops the rest of the file.
/// </summary>
/// <remarks>
/// Not Sylvan's CsvDataReader: it throws on a stray quote and cannot go on after that, and it
/// counts records rather than lines.
/// </remarks>
internal sealed class CsvRecordScanner
{
    /// <summary>A record longer than this (in characters) is taken for a quote left open; memory stays bounded.</summary>
    public const int MaxRecordLength = 1 << 20;

    private const int InitialBufferLength = 1 << 16;
    private static readonly SearchValues<char> FieldEnds = SearchValues.Create(",\r\n");
    private static readonly SearchValues<char> LineEnds = SearchValues.Create("\r\n");
    private const char Replacement = '\uFFFD';
    private static readonly Vector256<ushort> Comma = Vector256.Create((ushort)',');
    private static readonly Vector256<ushort> CarriageReturn = Vector256.Create((ushort)'\r');
    private static readonly Vector256<ushort> LineFeed = Vector256.Create((ushort)'\n');
    private static readonly Vector256<ushort> Quote = Vector256.Create((ushort)'"');
    private static readonly Vector256<ushort> ReplacementCharacter = Vector256.Create((ushort)Replacement);

    private readonly TextReader reader;
    private readonly string sourceName;
    private readonly bool vectorized;
    private char[] buffer = new char[InitialBufferLength];
    private int dataEnd;
    private bool endOfInput;
    private int recordStart;
    private int recordEnd;
    private int nextRecordStart;
    private long nextLine = 1;
    private Field[] fields = new Field[32];
    private char[] unescaped = [];
    private int unescapedUsed;

    /// <summary>Scans <paramref name="reader"/>; <paramref name="sourceName"/> names it in errors.</summary>
    /// <param name="reader">The text.</param>
    /// <param name="sourceName">The file's name, for errors.</param>
    /// <param name="vectorized">Whether plain records are scanned 16 characters at a time; tests turn it off to compare.</param>
    public CsvRecordScanner(TextReader reader, string sourceName, bool vectorized = true)
    {
        this.reader = reader;
        this.sourceName = sourceName;
        this.vectorized = vectorized && Vector256.IsHardwareAccelerated;
    }

    /// <summary>The 1-based physical line the current record starts on.</summary>
    public long Line { get; private set; }

    /// <summary>How many fields the current record has.</summary>
    public int FieldCount { get; private set; }

    /// <summary>What is wrong with the current record's quoting, if anything.</summary>
    public RecordProblem? Problem { get; private set; }

    /// <summary>The current record as written, without its line ending.</summary>
    public ReadOnlySpan<char> RawRecord => buffer.AsSpan(recordStart, recordEnd - recordStart);

    /// <summary>A field's value, quotes removed and doubled quotes undone.</summary>
    public ReadOnlySpan<char> this[int index]
    {
        get
        {
            var field = fields[index];
            var text = buffer.AsSpan(field.Start, field.Length);
            return field.HasDoubledQuotes ? Unescape(text) : text;
        }
    }

    /// <summary>Moves to the next non-blank record; false at the end of the input.</summary>
    public bool MoveNext()
    {
        while (true)
        {
            recordStart = nextRecordStart;
            while (recordStart == dataEnd && !endOfInput)
                ReadMore();
            if (recordStart == dataEnd)
                return false;
            while (!TryScanRecord())
                ReadMore();
            if (!IsBlank())
                return true;
        }
    }

    private bool IsBlank() => FieldCount == 1 && Problem is null && !fields[0].Quoted && RawRecord.IsWhiteSpace();

    /// <summary>Scans one record from <see cref="recordStart"/>; false when the buffer ends before the record does.</summary>
    private bool TryScanRecord()
    {
        FieldCount = 0;
        Problem = null;
        unescapedUsed = 0;
        if (vectorized && TryScanPlainRecord())
            return true;

        FieldCount = 0;
        long lineBreaks = 0;
        var i = recordStart;
        while (true)
        {
            if (i == dataEnd)
            {
                if (!endOfInput)
                    return false;
                AddField(i, 0, quoted: false, doubledQuotes: false);
                return Finish(i, i, lineBreaks);
            }

            if (buffer[i] == '"')
            {
                var open = i;
                i = ScanQuoted(open, ref lineBreaks);
                if (i < 0)
                    return false;
                if (Problem is not null)
                    return Finish(dataEnd, dataEnd, lineBreaks);
                if (i < dataEnd && buffer[i] is not (',' or '\r' or '\n'))
                {
                    // Text after the closing quote: the field is broken; resume at the next line.
                    var lineEnd = buffer.AsSpan(i, dataEnd - i).IndexOfAny(LineEnds);
                    if (lineEnd < 0 && !endOfInput)
                        return false;
                    lineEnd = lineEnd < 0 ? dataEnd : i + lineEnd;
                    var comma = buffer.AsSpan(i, lineEnd - i).IndexOf(',');
                    Problem = new RecordProblem(FieldCount - 1, Excerpt(open, comma < 0 ? lineEnd : i + comma), RecordProblemKind.TextAfterClosingQuote);
                    i = lineEnd;
                }
            }
            else
            {
                var length = FieldLength(buffer.AsSpan(i, dataEnd - i));
                if (length < 0)
                {
                    if (!endOfInput)
                        return false;
                    length = dataEnd - i;
                }

                AddField(i, length, quoted: false, doubledQuotes: false);
                i += length;
            }

            if (i == dataEnd)
                return Finish(i, i, lineBreaks);
            if (buffer[i] == ',')
            {
                i++;
                continue;
            }

            // A line ending: CRLF, LF or a lone CR.
            var end = i;
            if (buffer[i] == '\r')
            {
                if (i + 1 == dataEnd && !endOfInput)
                    return false;
                i += i + 1 < dataEnd && buffer[i + 1] == '\n' ? 2 : 1;
            }
            else
            {
                i++;
            }

            return Finish(end, i, lineBreaks + 1);
        }
    }

    /// <summary>
    /// The common record, scanned 16 characters at a time: no quote, no U+FFFD, its line ending in the buffer.
    /// Each comparison marks every comma, line ending, quote and U+FFFD of the 16 at once, and the fields are cut
    /// at the marks. False, with nothing final done, at anything else; the character-by-character scan then reads
    /// the record and says what is wrong with it.
    /// </summary>
    private bool TryScanPlainRecord()
    {
        ref var chars = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetArrayDataReference(buffer));
        var fieldStart = recordStart;
        for (var block = recordStart; block + Vector256<ushort>.Count <= dataEnd; block += Vector256<ushort>.Count)
        {
            var text = Vector256.LoadUnsafe(ref chars, (nuint)block);
            var marks = (Vector256.Equals(text, Comma) | Vector256.Equals(text, CarriageReturn) | Vector256.Equals(text, LineFeed)
                | Vector256.Equals(text, Quote) | Vector256.Equals(text, ReplacementCharacter)).ExtractMostSignificantBits();
            for (; marks != 0; marks &= marks - 1)
            {
                var at = block + BitOperations.TrailingZeroCount(marks);
                switch (buffer[at])
                {
                    case ',':
                        AddField(fieldStart, at - fieldStart, quoted: false, doubledQuotes: false);
                        fieldStart = at + 1;
                        continue;
                    case '\n':
                        AddField(fieldStart, at - fieldStart, quoted: false, doubledQuotes: false);
                        return FinishPlain(at, at + 1);
                    case '\r' when at + 1 < dataEnd:
                        AddField(fieldStart, at - fieldStart, quoted: false, doubledQuotes: false);
                        return FinishPlain(at, buffer[at + 1] == '\n' ? at + 2 : at + 1);
                    default:
                        return false; // a quote, U+FFFD, or a CR that may be half of a CRLF split by the buffer's end
                }
            }
        }

        return false;
    }

    // Finish for a record TryScanPlainRecord read: one line, and no U+FFFD in it (it looked).
    private bool FinishPlain(int end, int next)
    {
        recordEnd = end;
        nextRecordStart = next;
        Line = nextLine++;
        return true;
    }

    /// <summary>Where an unquoted field ends (a comma or a line ending), or -1 when the text ends first.</summary>
    private static int FieldLength(ReadOnlySpan<char> text)
    {
        // Most fields are a few characters long: a plain loop finds their end before a vectorised search has set up.
        const int Short = 16;
        var limit = Math.Min(text.Length, Short);
        for (var k = 0; k < limit; k++)
        {
            if (text[k] is ',' or '\r' or '\n')
                return k;
        }

        if (limit == text.Length)
            return -1;
        var found = text[limit..].IndexOfAny(FieldEnds);
        return found < 0 ? -1 : limit + found;
    }

    /// <summary>Scans a quoted field opening at <paramref name="open"/>; returns the index after its closing quote, or -1 for more input.</summary>
    private int ScanQuoted(int open, ref long lineBreaks)
    {
        var i = open + 1;
        var doubledQuotes = false;
        while (true)
        {
            var quote = buffer.AsSpan(i, dataEnd - i).IndexOf('"');
            if (quote < 0)
            {
                if (!endOfInput)
                    return -1;
                lineBreaks += CountLineBreaks(buffer.AsSpan(open, dataEnd - open));
                AddField(open + 1, dataEnd - open - 1, quoted: true, doubledQuotes: false);
                Problem = new RecordProblem(FieldCount - 1, Excerpt(open, dataEnd), RecordProblemKind.QuoteNeverClosed);
                return dataEnd;
            }

            i += quote + 1;
            if (i == dataEnd && !endOfInput)
                return -1;
            if (i < dataEnd && buffer[i] == '"')
            {
                doubledQuotes = true;
                i++;
                continue;
            }

            var content = buffer.AsSpan(open + 1, i - open - 2);
            lineBreaks += CountLineBreaks(content);
            AddField(open + 1, content.Length, quoted: true, doubledQuotes);
            return i;
        }
    }

    /// <summary>A broken field's text as found, shortened when long so that messages stay readable.</summary>
    private string Excerpt(int start, int end)
    {
        const int Longest = 60;
        return end - start <= Longest
            ? buffer.AsSpan(start, end - start).ToString()
            : string.Concat(buffer.AsSpan(start, Longest), "...");
    }

    private bool Finish(int end, int next, long lineBreaks)
    {
        if (Problem is null && buffer.AsSpan(recordStart, end - recordStart).Contains(Replacement))
            Problem = NotUtf8(end);
        recordEnd = end;
        nextRecordStart = next;
        Line = nextLine;
        nextLine += lineBreaks;
        return true;
    }

    /// <summary>The problem of a record holding U+FFFD, which the decoder puts where bytes were not UTF-8; names the first such field.</summary>
    private RecordProblem NotUtf8(int end)
    {
        var index = 0;
        for (; index < FieldCount - 1; index++)
        {
            var field = fields[index];
            if (buffer.AsSpan(field.Start, field.Length).Contains(Replacement))
                break;
        }

        var found = fields[index];
        var length = Math.Min(found.Length, end - found.Start);
        return new RecordProblem(index, Excerpt(found.Start, found.Start + Math.Max(length, 0)), RecordProblemKind.NotUtf8);
    }

    private void AddField(int start, int length, bool quoted, bool doubledQuotes)
    {
        if (FieldCount == fields.Length)
            Array.Resize(ref fields, fields.Length * 2);
        fields[FieldCount++] = new Field(start, length, quoted, doubledQuotes);
    }

    /// <summary>Keeps the unfinished record, moves it to the front, and reads more text behind it.</summary>
    private void ReadMore()
    {
        if (endOfInput)
            throw new InvalidOperationException("The scanner asked for more input after the end.");

        var kept = dataEnd - recordStart;
        if (kept == buffer.Length)
        {
            if (kept >= MaxRecordLength)
                throw new InputFormatException(sourceName, nextLine, $"the record starting here is longer than {MaxRecordLength} characters; is a quote left open?");
            Array.Resize(ref buffer, buffer.Length * 2);
        }

        buffer.AsSpan(recordStart, kept).CopyTo(buffer);
        recordStart = 0;
        dataEnd = kept;
        var read = reader.Read(buffer, dataEnd, buffer.Length - dataEnd);
        dataEnd += read;
        endOfInput = read == 0;
    }

    private ReadOnlySpan<char> Unescape(ReadOnlySpan<char> text)
    {
        if (unescaped.Length - unescapedUsed < text.Length)
            unescaped = new char[Math.Max(unescaped.Length * 2, unescapedUsed + text.Length)];

        var target = unescaped.AsSpan(unescapedUsed);
        var length = 0;
        for (var i = 0; i < text.Length; i++)
        {
            target[length++] = text[i];
            if (text[i] == '"')
                i++;
        }

        unescapedUsed += length;
        return target[..length];
    }

    /// <summary>Counts CRLF, LF and lone CR as one line break each.</summary>
    private static long CountLineBreaks(ReadOnlySpan<char> text)
    {
        long breaks = text.Count('\n');
        if (text.Contains('\r'))
            breaks += text.Count('\r') - text.Count("\r\n");
        return breaks;
    }

    private readonly record struct Field(int Start, int Length, bool Quoted, bool HasDoubledQuotes);
}
