using ContactCost.Formats.Csv;
using ContactCost.Formats.Import;
using ContactCost.Interactions;

namespace ContactCost.Formats.Sources.Asterisk;

/// <summary>
/// Reads Asterisk's cdr-csv <c>Master.csv</c>: no header, the 16 standard columns, then optionally
/// uniqueid and userfield, then optionally peeraccount, linkedid and sequence. Times are local
/// (<see cref="SourceOptions.TimeZone"/>, UTC by default); an empty answer time means unanswered.
/// With a queue_log, calls it covers get its queue, agent, wait, talk and abandons.
/// </summary>
public sealed class AsteriskCdrReader : SourceReader
{
    private readonly AsteriskQueueLog? queueLog;

    /// <summary>A reader of Master.csv files; with <paramref name="queueLog"/>, the calls it covers get their queue, agent, wait and abandons.</summary>
    public AsteriskCdrReader(AsteriskQueueLog? queueLog = null) => this.queueLog = queueLog;

    /// <summary>The 16 standard columns, in file order.</summary>
    public static IReadOnlyList<string> StandardColumns { get; } =
        ["accountcode", "src", "dst", "dcontext", "clid", "channel", "dstchannel", "lastapp", "lastdata", "start", "answer", "end", "duration", "billsec", "disposition", "amaflags"];

    private static readonly string[] NewColumns = ["peeraccount", "linkedid", "sequence"];

    /// <summary>True when a row has the shape of a Master.csv row: a known column count, timestamps at start and end, a disposition.</summary>
    internal static bool LooksLikeRow(IReadOnlyList<string> fields) =>
        Layout(fields.Count) is not null
        && SourceTime.Parse(fields[9], TimeZoneInfo.Utc, out _, out _) is null
        && fields[14].Trim().ToUpperInvariant() is "ANSWERED" or "NO ANSWER" or "BUSY" or "FAILED" or "CONGESTION";

    /// <inheritdoc/>
    protected override IEnumerable<ReadResult<Interaction>> ReadRecords(Stream stream, string sourceName, SourceOptions options)
    {
        using var reader = CsvFile.OpenText(stream);
        var warnings = new SourceWarnings(options);
        var layoutCount = -1;
        var hasHeader = false;
        foreach (var record in CsvSourceRecord.Read(reader, sourceName, warnings, first => !IsHeader(first, ref hasHeader)))
        {
            if (!hasHeader && record.FieldCount != layoutCount)
            {
                layoutCount = record.FieldCount;
                record.UseColumns(Layout(layoutCount) ?? StandardColumns, checkCount: false);
            }

            yield return !hasHeader && record.Problem is null && Layout(record.FieldCount) is null
                ? record.Reject("", "", $"the record has {record.FieldCount} fields; Asterisk Master.csv rows have 16 to 21")
                : record.Map(r => ToInteraction(r, queueLog));
        }
    }

    // A header row is not Asterisk's own, but exports from databases add one: use its names.
    private static bool IsHeader(CsvSourceRecord first, ref bool hasHeader)
    {
        var names = first.FieldsAsNames();
        hasHeader = names.Contains("src") && names.Contains("billsec");
        return hasHeader && !first.TakeHeader();
    }

    /// <summary>The column names for a row of <paramref name="count"/> fields, or null for a count Asterisk never writes.</summary>
    private static IReadOnlyList<string>? Layout(int count) => count switch
    {
        16 => StandardColumns,
        17 => [.. StandardColumns, "uniqueid_or_userfield"],
        18 => [.. StandardColumns, "uniqueid", "userfield"],
        19 => [.. StandardColumns, .. NewColumns],
        20 => [.. StandardColumns, "uniqueid_or_userfield", .. NewColumns],
        21 => [.. StandardColumns, "uniqueid", "userfield", .. NewColumns],
        _ => null,
    };

    private static Interaction ToInteraction(SourceRecord record, AsteriskQueueLog? queueLog)
    {
        // With one optional column, a uniqueid looks like 1727780400.12 (or host-1727780400.12); anything else is a userfield.
        var either = record.Text("uniqueid_or_userfield");
        var looksUnique = either is not null && either.Contains('.') && char.IsAsciiDigit(either[^1]);
        var uniqueId = record.Text("uniqueid") ?? (looksUnique ? either : null);
        var userField = record.Text("userfield") ?? (looksUnique ? null : either);

        var start = record.Time("start", required: true)!.Value;
        var answer = record.Time("answer");
        var end = SourceRecord.CheckEnd("end", start, record.Time("end"));
        var duration = record.Seconds("duration");
        var billSeconds = record.Seconds("billsec");
        var disposition = record.Text("disposition");
        var answered = answer is not null && (disposition is null || disposition.Equals("ANSWERED", StringComparison.OrdinalIgnoreCase));
        var ringing = answered ? SourceRecord.Between("answer", start, answer) : SourceRecord.Between("end", start, end) ?? duration;

        var channel = record.Text("channel");
        var id = uniqueId ?? (channel is null
            ? throw new RecordException("channel", "", "channel is required when the file has no uniqueid column (the id is made of channel and start)")
            : $"{channel}@{start:yyyy-MM-ddTHH:mm:ssZ}");
        var linkedId = record.Text("linkedid");
        var queued = queueLog?.Find(uniqueId) ?? queueLog?.Find(linkedId);

        return new Interaction(id, Channel.Voice, start)
        {
            Customer = record.Text("src"),
            Destination = record.Text("dst"),
            End = end,
            Wait = queued?.Wait ?? ringing ?? TimeSpan.Zero,
            Talk = queued?.Abandoned == true ? TimeSpan.Zero : queued?.Talk ?? (answered ? billSeconds : TimeSpan.Zero),
            Queue = queued?.Queue,
            Agent = queued is null ? (answered ? Device(record.Text("dstchannel")) : null) : queued.Agent,
            Extra = Extras(record, userField, linkedId, uniqueId),
        };
    }

    private static KeyValuePair<string, string>[] Extras(SourceRecord record, string? userField, string? linkedId, string? uniqueId)
    {
        var extras = new List<KeyValuePair<string, string>>(record.Extras(
            ("accountcode", "accountcode"), ("dcontext", "dcontext"), ("lastapp", "lastapp"), ("disposition", "disposition"), ("amaflags", "amaflags")));
        if (userField is not null)
            extras.Add(KeyValuePair.Create("userfield", userField));
        if (linkedId is not null && linkedId != uniqueId)
            extras.Add(KeyValuePair.Create(Episodes.EpisodeStitcher.LinkColumn, linkedId));
        return [.. extras];
    }

    /// <summary>The device of a channel name: <c>SIP/2001-0000000b</c> is <c>SIP/2001</c>, <c>Local/2001@agents-00000012;1</c> is <c>Local/2001@agents</c>.</summary>
    private static string? Device(string? channel)
    {
        if (channel is null)
            return null;
        var semicolon = channel.IndexOf(';');
        if (semicolon >= 0)
            channel = channel[..semicolon];
        var dash = channel.LastIndexOf('-');
        return dash > channel.IndexOf('/') && dash > 0 && channel.AsSpan(dash + 1).ContainsAnyExcept("0123456789abcdefABCDEF") is false
            ? channel[..dash]
            : channel;
    }
}
