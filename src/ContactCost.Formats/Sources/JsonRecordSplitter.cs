using System.Text.Json;
using ContactCost.Formats.Import;

namespace ContactCost.Formats.Sources;

/// <summary>
/// Finds the record objects of a JSON input as it streams in, holding one record in memory at a
/// time: the elements of a top-level array, the elements of a wrapper object's record arrays
/// (<c>{"calls": [...]}</c>), or top-level objects themselves (one or several in a row).
/// </summary>
internal sealed class JsonRecordSplitter
{
    /// <summary>A record larger than this is taken for a broken file; memory stays bounded.</summary>
    public const int MaxRecordBytes = 16 << 20;

    private static readonly JsonReaderOptions ReaderOptions = new() { AllowMultipleValues = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 256 };

    private readonly Stream stream;
    private readonly string source;
    private readonly IReadOnlyCollection<string> arrayNames;
    private byte[] buffer = new byte[1 << 16];
    private int end;
    private bool final;
    private int position;
    private long lineAtPosition = 1;
    private JsonReaderState state = new(ReaderOptions);
    private Place place = Place.Top;
    private int objectStart = -1;
    private long objectLine;
    private bool objectHasRecords;
    private bool started;

    public JsonRecordSplitter(Stream stream, string source, IReadOnlyCollection<string> arrayNames)
    {
        this.stream = stream;
        this.source = source;
        this.arrayNames = arrayNames;
    }

    private enum Place
    {
        Top,
        TopArray,
        Wrapper,
        WrapperArray,
    }

    /// <summary>The bytes the last segment points into; valid until the next call of <see cref="Next"/>.</summary>
    public ReadOnlyMemory<byte> Buffer => buffer.AsMemory(0, end);

    /// <summary>Finds the next record: its bytes in <see cref="Buffer"/>, its line, and whether it is an object.</summary>
    public bool Next(out int start, out int length, out long line, out bool isObject)
    {
        if (!started)
        {
            started = true;
            Fill();
            if (end >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF)
                position = 3;
        }

        while (true)
        {
            var step = Step(out start, out length, out line, out isObject);
            if (step == Outcome.Record)
                return true;
            if (step == Outcome.Done)
                return false;
            if (step == Outcome.NeedMore)
            {
                if (final)
                    throw new InputFormatException(source, lineAtPosition, "the JSON ends in the middle of a value; is the file truncated?");
                Fill();
            }
        }
    }

    private enum Outcome
    {
        Moved,
        Record,
        NeedMore,
        Done,
    }

    private Outcome Step(out int start, out int length, out long line, out bool isObject)
    {
        start = length = 0;
        line = 0;
        isObject = false;
        var reader = new Utf8JsonReader(buffer.AsSpan(position, end - position), final, state);
        try
        {
            if (!reader.Read())
                return final && place == Place.Top ? Outcome.Done : Outcome.NeedMore;

            var tokenStart = position + (int)reader.TokenStartIndex;
            switch (place)
            {
                case Place.Top when reader.TokenType == JsonTokenType.StartArray:
                    place = Place.TopArray;
                    break;
                case Place.Top when reader.TokenType == JsonTokenType.StartObject:
                    place = Place.Wrapper;
                    objectStart = tokenStart;
                    objectLine = LineAt(tokenStart);
                    objectHasRecords = false;
                    break;
                case Place.Top:
                    throw new InputFormatException(source, LineAt(tokenStart), "expected JSON objects (records), an array of them, or an object holding such an array");
                case Place.TopArray or Place.WrapperArray when reader.TokenType == JsonTokenType.EndArray:
                    place = place == Place.TopArray ? Place.Top : Place.Wrapper;
                    break;
                case Place.TopArray or Place.WrapperArray:
                    isObject = reader.TokenType == JsonTokenType.StartObject;
                    if (!reader.TrySkip())
                        return Outcome.NeedMore;
                    start = tokenStart;
                    length = position + (int)reader.BytesConsumed - tokenStart;
                    line = LineAt(tokenStart);
                    Advance(ref reader);
                    return Outcome.Record;
                case Place.Wrapper when reader.TokenType == JsonTokenType.EndObject:
                    place = Place.Top;
                    if (!objectHasRecords)
                    {
                        // An object without record arrays is itself a record.
                        start = objectStart;
                        length = position + (int)reader.BytesConsumed - objectStart;
                        line = objectLine;
                        isObject = true;
                        objectStart = -1;
                        Advance(ref reader);
                        return Outcome.Record;
                    }

                    objectStart = -1;
                    break;
                case Place.Wrapper:
                    var holdsRecords = IsRecordArrayName(ref reader);
                    if (!reader.Read())
                        return Outcome.NeedMore;
                    if (reader.TokenType == JsonTokenType.StartArray && holdsRecords)
                    {
                        place = Place.WrapperArray;
                        objectHasRecords = true;
                        objectStart = -1;
                    }
                    else if (!reader.TrySkip())
                    {
                        return Outcome.NeedMore;
                    }

                    break;
            }

            Advance(ref reader);
            return Outcome.Moved;
        }
        catch (JsonException e)
        {
            var detail = e.Message.Split(" LineNumber:")[0].TrimEnd();
            var truncated = final && (detail.Contains("end of data", StringComparison.Ordinal) || detail.Contains("end of the JSON payload", StringComparison.Ordinal));
            throw new InputFormatException(source, (e.LineNumber ?? 0) + 1, truncated
                ? $"the JSON ends in the middle of a value; is the file truncated? ({detail})"
                : $"the file is not valid JSON: {detail}");
        }
    }

    // Compared as UTF-8, so a name with bytes that are not UTF-8 is simply no match.
    private bool IsRecordArrayName(ref Utf8JsonReader reader)
    {
        foreach (var name in arrayNames)
        {
            if (reader.ValueTextEquals(name))
                return true;
        }

        return false;
    }

    private void Advance(ref Utf8JsonReader reader)
    {
        var consumed = (int)reader.BytesConsumed;
        lineAtPosition += buffer.AsSpan(position, consumed).Count((byte)'\n');
        position += consumed;
        state = reader.CurrentState;
    }

    private long LineAt(int index) => lineAtPosition + buffer.AsSpan(position, index - position).Count((byte)'\n');

    /// <summary>Keeps what is still needed (from the position, or from an object that may be a record), then reads more behind it.</summary>
    private void Fill()
    {
        var keep = objectStart >= 0 ? objectStart : position;
        var kept = end - keep;
        if (kept == buffer.Length)
        {
            if (kept >= MaxRecordBytes)
                throw new InputFormatException(source, lineAtPosition, $"a JSON record is longer than {MaxRecordBytes} bytes; is the file broken?");
            Array.Resize(ref buffer, buffer.Length * 2);
        }

        buffer.AsSpan(keep, kept).CopyTo(buffer);
        position -= keep;
        if (objectStart >= 0)
            objectStart = 0;
        end = kept;
        while (end < buffer.Length)
        {
            var read = stream.Read(buffer, end, buffer.Length - end);
            if (read == 0)
            {
                final = true;
                break;
            }

            end += read;
        }
    }
}
