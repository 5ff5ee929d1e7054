using ContactCost.Formats.Import;
using ContactCost.Interactions;

namespace ContactCost.Formats.Sources.Twilio;

/// <summary>
/// Reads Twilio call and message records: API JSON (list pages <c>{"calls": [...]}</c>,
/// <c>{"messages": [...]}</c>, bare arrays, one record per line) or a CSV export whose columns are
/// the API's field names in any case, with spaces or underscores (<c>Price Unit</c>, <c>price_unit</c>).
/// A record with a <c>start_time</c> is a call; one with <c>num_segments</c>, <c>num_media</c> or
/// <c>date_sent</c> is a message. <c>price</c> and <c>price_unit</c> are kept as extras as written.
/// </summary>
public sealed class TwilioReader : SourceReader
{
    private static readonly string[] ArrayNames = ["calls", "messages"];

    /// <inheritdoc/>
    protected override IEnumerable<ReadResult<Interaction>> ReadRecords(Stream stream, string sourceName, SourceOptions options)
    {
        foreach (var record in JsonSource.ReadJsonOrCsv(stream, sourceName, new SourceWarnings(options), ArrayNames))
            yield return record.Map(ToInteraction);
    }

    private static Interaction ToInteraction(SourceRecord record)
    {
        var isMessage = record.Text("start_time") is null && record.First("num_segments", "num_media", "date_sent", "message_sid", "body") is not null;
        var id = record.First("sid", isMessage ? "message_sid" : "call_sid") ?? throw new RecordException("sid", "", "sid is required");
        var directionText = record.Text("direction")?.ToLowerInvariant();
        var direction = directionText is not null && (directionText.StartsWith("outbound", StringComparison.Ordinal) || directionText == "trunking-originating")
            ? Direction.Outbound
            : Direction.Inbound;
        var from = record.Text("from");
        var to = record.Text("to");
        var extras = record.Extras(("price", "price"), ("price_unit", "price_unit"), ("status", "status"), ("error_code", "error_code"), ("parent_call_sid", "parent_call_sid"));
        return isMessage ? Message(record, id, direction, from, to, extras) : Call(record, id, direction, from, to, extras);
    }

    private static Interaction Call(SourceRecord record, string id, Direction direction, string? from, string? to, KeyValuePair<string, string>[] extras)
    {
        var start = record.Time("start_time") ?? record.Time("date_created", required: true)!.Value;
        var end = SourceRecord.CheckEnd("end_time", start, record.Time("end_time"));
        var connected = record.Seconds("duration");
        var status = record.Text("status")?.ToLowerInvariant();
        var talked = status is null or "completed" or "in-progress";
        var elapsed = end is { } e ? e - start : connected;
        return new Interaction(id, Channel.Voice, start)
        {
            Direction = direction,
            Customer = direction == Direction.Inbound ? from : to,
            Destination = to,
            End = end,
            Talk = talked ? connected : TimeSpan.Zero,
            Wait = elapsed > connected ? elapsed - connected : TimeSpan.Zero,
            Extra = extras,
        };
    }

    private static Interaction Message(SourceRecord record, string id, Direction direction, string? from, string? to, KeyValuePair<string, string>[] extras)
    {
        var start = record.Time("date_sent") ?? record.Time("date_created", required: true)!.Value;
        var media = record.Count("num_media") ?? 0;
        var customer = direction == Direction.Inbound ? from : to;
        var channel = customer?.StartsWith("whatsapp:", StringComparison.OrdinalIgnoreCase) == true || customer?.StartsWith("messenger:", StringComparison.OrdinalIgnoreCase) == true
            ? Channel.Social
            : media > 0 ? Channel.Mms : Channel.Sms;
        return new Interaction(id, channel, start)
        {
            Direction = direction,
            Customer = customer,
            Destination = to,
            Units = channel == Channel.Mms ? 1 : record.Count("num_segments"),
            Extra = extras,
        };
    }
}
