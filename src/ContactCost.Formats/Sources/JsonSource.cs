using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using ContactCost.Formats.Csv;
using ContactCost.Formats.Import;

namespace ContactCost.Formats.Sources;

/// <summary>
/// The records of a JSON source: an array of objects, an object holding such arrays (an API
/// page like <c>{"calls": [...]}</c>), or JSON lines (one object per line). Streams: one record
/// in memory at a time. In JSON lines a broken line is one rejection; elsewhere broken JSON stops
/// the file with one <see cref="InputFormatException"/>, since nothing after it can be trusted.
/// </summary>
internal static class JsonSource
{
    private const int ProbeBytes = 1 << 20;

    private static readonly JsonDocumentOptions DocumentOptions = new() { CommentHandling = JsonCommentHandling.Skip, MaxDepth = 256 };

    /// <summary>A stream that can be read twice: itself when seekable, else a copy in memory.</summary>
    public static Stream Rewindable(Stream stream)
    {
        if (stream.CanSeek)
            return stream;
        var copy = new MemoryStream();
        stream.CopyTo(copy);
        copy.Position = 0;
        return copy;
    }

    /// <summary>True when the first character (after a byte order mark and white space) opens a JSON array or object; the stream is rewound.</summary>
    public static bool StartsLikeJson(Stream stream)
    {
        var origin = stream.Position;
        Span<byte> probe = stackalloc byte[256];
        var length = stream.ReadAtLeast(probe, probe.Length, throwOnEndOfStream: false);
        stream.Position = origin;
        var text = probe[..length];
        if (text.StartsWith("\uFEFF"u8))
            text = text[3..];
        text = text.TrimStart(" \t\r\n"u8);
        return !text.IsEmpty && text[0] is (byte)'[' or (byte)'{';
    }

    /// <summary>The records of a source that comes as JSON or as CSV with a header row, told apart by the first character.</summary>
    public static IEnumerable<SourceRecord> ReadJsonOrCsv(Stream stream, string source, SourceWarnings warnings, IReadOnlyCollection<string> arrayNames)
    {
        stream = Rewindable(stream);
        return StartsLikeJson(stream) ? Read(stream, source, warnings, arrayNames) : ReadCsv(stream, source, warnings);
    }

    private static IEnumerable<SourceRecord> ReadCsv(Stream stream, string source, SourceWarnings warnings)
    {
        using var reader = CsvFile.OpenText(stream);
        foreach (var record in CsvSourceRecord.Read(reader, source, warnings, first => first.TakeHeader()))
            yield return record;
    }

    public static IEnumerable<JsonSourceRecord> Read(Stream stream, string source, SourceWarnings warnings, IReadOnlyCollection<string> arrayNames)
    {
        stream = Rewindable(stream);
        var origin = stream.Position;
        var lines = IsJsonLines(stream);
        stream.Position = origin;
        return lines ? ReadLines(stream, source, warnings, arrayNames) : ReadStream(stream, source, warnings, arrayNames);
    }

    /// <summary>True when the first line holds one whole JSON object: the file is JSON lines (or a one-line document).</summary>
    private static bool IsJsonLines(Stream stream)
    {
        var probe = new byte[ProbeBytes];
        var length = stream.ReadAtLeast(probe, probe.Length, throwOnEndOfStream: false);
        var text = probe.AsSpan(0, length);
        if (text.StartsWith("\uFEFF"u8))
            text = text[3..];
        text = text.TrimStart(" \t\r\n"u8);
        var newline = text.IndexOf((byte)'\n');
        var line = newline < 0 ? text : text[..newline];
        if (line.IsEmpty || line[0] != (byte)'{' || (newline < 0 && length == ProbeBytes))
            return false;
        try
        {
            var reader = new Utf8JsonReader(line, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
            return reader.Read() && reader.TrySkip() && line[(int)reader.BytesConsumed..].Trim(" \t\r"u8).IsEmpty;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static IEnumerable<JsonSourceRecord> ReadLines(Stream stream, string source, SourceWarnings warnings, IReadOnlyCollection<string> arrayNames)
    {
        using var reader = CsvFile.OpenText(stream);
        long number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
                continue;
            if (line.Contains('\uFFFD'))
            {
                yield return Broken(source, number, "the line holds bytes that are not UTF-8; save the file as UTF-8", line, warnings);
                continue;
            }

            if (Parse(line, out var error) is not { } document)
            {
                yield return Broken(source, number, $"the line is not valid JSON: {error}", line, warnings);
                continue;
            }

            using (document)
            {
                foreach (var record in Records(document.RootElement, number, source, warnings, arrayNames))
                    yield return record;
            }
        }
    }

    private static IEnumerable<JsonSourceRecord> ReadStream(Stream stream, string source, SourceWarnings warnings, IReadOnlyCollection<string> arrayNames)
    {
        var splitter = new JsonRecordSplitter(stream, source, arrayNames);
        while (splitter.Next(out var start, out var length, out var line, out var isObject))
        {
            var bytes = splitter.Buffer.Slice(start, length);
            if (!isObject)
            {
                yield return Broken(source, line, "the element is not a JSON object", Encoding.UTF8.GetString(bytes.Span), warnings);
                continue;
            }

            if (!Utf8.IsValid(bytes.Span))
            {
                yield return Broken(source, line, "the record holds bytes that are not UTF-8; save the file as UTF-8", Encoding.UTF8.GetString(bytes.Span), warnings);
                continue;
            }

            using var document = JsonDocument.Parse(bytes, DocumentOptions);
            yield return new JsonSourceRecord(document.RootElement, line, source, warnings);
        }
    }

    private static JsonDocument? Parse(string line, out string error)
    {
        error = "";
        try
        {
            return JsonDocument.Parse(line, DocumentOptions);
        }
        catch (JsonException e)
        {
            error = e.Message;
            return null;
        }
    }

    /// <summary>An object is a record unless it holds record arrays; then their elements are.</summary>
    private static IEnumerable<JsonSourceRecord> Records(JsonElement root, long line, string source, SourceWarnings warnings, IReadOnlyCollection<string> arrayNames)
    {
        var arrays = root.ValueKind == JsonValueKind.Object
            ? root.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Array && arrayNames.Contains(p.Name)).Select(p => p.Value).ToList()
            : root.ValueKind == JsonValueKind.Array ? [root] : [];
        if (arrays.Count == 0)
        {
            yield return root.ValueKind == JsonValueKind.Object
                ? new JsonSourceRecord(root, line, source, warnings)
                : Broken(source, line, "the line is not a JSON object", root.GetRawText(), warnings);
            yield break;
        }

        foreach (var element in arrays.SelectMany(a => a.EnumerateArray()))
        {
            yield return element.ValueKind == JsonValueKind.Object
                ? new JsonSourceRecord(element, line, source, warnings)
                : Broken(source, line, "the element is not a JSON object", element.GetRawText(), warnings);
        }
    }

    private static JsonSourceRecord Broken(string source, long line, string reason, string raw, SourceWarnings warnings) =>
        new(default, line, source, warnings, new Rejection(source, line, "", "", reason, raw.Length > 4_000 ? raw[..4_000] + "..." : raw));
}
