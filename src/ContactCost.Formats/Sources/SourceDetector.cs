using System.Text;
using ContactCost.Formats.Csv;
using ContactCost.Formats.Import;
using ContactCost.Formats.Sources.Asterisk;
using ContactCost.Formats.Sources.FreeSwitch;

namespace ContactCost.Formats.Sources;

/// <summary>
/// Tells which format a file is in from its first bytes: the JSON properties of its first records,
/// the names in its header row, or the shape of a headerless first row (16 to 21 Asterisk columns,
/// FreeSWITCH's 15, a queue_log line).
/// </summary>
public static class SourceDetector
{
    private const int ProbeBytes = 64 * 1024;

    /// <summary>The format of the file at <paramref name="path"/>, or null when nothing matches.</summary>
    /// <exception cref="InputFormatException">The file is not text (it holds NUL bytes).</exception>
    public static SourceFormat? Detect(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var probe = new byte[ProbeBytes];
        int length;
        using (var file = File.OpenRead(path))
            length = file.ReadAtLeast(probe, probe.Length, throwOnEndOfStream: false);
        return Detect(probe.AsSpan(0, length), path);
    }

    /// <summary>The format of a file starting with <paramref name="start"/>, or null when nothing matches.</summary>
    internal static SourceFormat? Detect(ReadOnlySpan<byte> start, string sourceName)
    {
        if (start.Contains((byte)0))
            throw new InputFormatException(sourceName, 0, "the file holds NUL bytes: it is not a text file; export the records as UTF-8 text or CSV");
        var text = Encoding.UTF8.GetString(start).TrimStart('\uFEFF').TrimStart();
        if (text.Length == 0)
            return null;
        if (text[0] is '[' or '{')
            return FromJson(text);

        var firstLine = text.AsSpan(0, text.AsSpan().IndexOfAny('\r', '\n') is var end and >= 0 ? end : text.Length).ToString();
        if (AsteriskQueueLogReader.LooksLikeLine(firstLine))
            return SourceFormat.AsteriskQueueLog;

        var scanner = new CsvRecordScanner(new StringReader(text), sourceName);
        if (!scanner.MoveNext())
            return null;
        var fields = Enumerable.Range(0, scanner.FieldCount).Select(i => scanner[i].Trim().ToString()).ToList();
        return FromHeader([.. fields.Select(CsvSourceRecord.Normalize)])
            ?? (AsteriskCdrReader.LooksLikeRow(fields) ? SourceFormat.Asterisk
                : FreeSwitchCdrReader.LooksLikeRow(fields) ? SourceFormat.FreeSwitch
                : null);
    }

    private static SourceFormat? FromJson(string text)
    {
        bool Has(string property) => text.Contains($"\"{property}\"", StringComparison.Ordinal);

        if (Has("ContactId") && (Has("InitiationTimestamp") || Has("Channel")))
            return SourceFormat.Connect;
        if (Has("tickets") || (Has("via") && Has("requester_id")))
            return SourceFormat.Zendesk;
        if (Has("calls") || Has("messages") || Has("account_sid") || (Has("sid") && (Has("price_unit") || Has("num_segments") || Has("start_time"))))
            return SourceFormat.Twilio;
        return null;
    }

    private static SourceFormat? FromHeader(HashSet<string> names)
    {
        if (names.Contains("meter"))
            return SourceFormat.Usage;
        // Asterisk's columns include a channel, so its telling pair comes before the canonical one.
        if (names.Contains("src") && names.Contains("billsec"))
            return SourceFormat.Asterisk;
        if (names.Contains("channel"))
            return SourceFormat.Canonical;
        if (names.Contains("uuid") && (names.Contains("start_stamp") || names.Contains("caller_id_number")))
            return SourceFormat.FreeSwitch;
        if (names.Contains("call_sid") || names.Contains("message_sid") || names.Contains("price_unit") || (names.Contains("sid") && names.Contains("direction")))
            return SourceFormat.Twilio;
        if (names.Contains("requester") || names.Contains("requester_id") || (names.Contains("via") && names.Contains("status")))
            return SourceFormat.Zendesk;
        return null;
    }
}
