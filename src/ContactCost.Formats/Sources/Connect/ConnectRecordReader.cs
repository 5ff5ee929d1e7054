using ContactCost.Episodes;
using ContactCost.Formats.Import;
using ContactCost.Interactions;

namespace ContactCost.Formats.Sources.Connect;

/// <summary>
/// Reads Amazon Connect contact trace records: a JSON array, an object holding them under
/// <c>Records</c>/<c>ContactTraceRecords</c>, or one record per line (as Kinesis Firehose writes).
/// Connect delivers a record at least once and again when it changes, so records are held by
/// <c>ContactId</c> until the end of the input and the one with the latest
/// <c>LastUpdateTimestamp</c> is kept: memory grows with the number of contacts in one file.
/// </summary>
public sealed class ConnectRecordReader : SourceReader
{
    private static readonly string[] ArrayNames = ["Records", "ContactTraceRecords", "records", "contacts", "Contacts"];

    /// <inheritdoc/>
    protected override IEnumerable<ReadResult<Interaction>> ReadRecords(Stream stream, string sourceName, SourceOptions options)
    {
        var warnings = new SourceWarnings(options);
        var latest = new Dictionary<string, (DateTimeOffset Updated, ReadResult<Interaction> Result)>(StringComparer.Ordinal);
        var order = new List<string>();
        var replaced = 0;
        foreach (var record in JsonSource.Read(stream, sourceName, warnings, ArrayNames))
        {
            var updated = DateTimeOffset.MinValue;
            var result = record.Map(r =>
            {
                updated = r.Time("LastUpdateTimestamp") ?? DateTimeOffset.MinValue;
                return ToInteraction(r);
            });
            if (result.Item is not { } contact)
            {
                yield return result;
                continue;
            }

            if (!latest.TryGetValue(contact.Id, out var earlier))
                order.Add(contact.Id);
            else
                replaced++;
            if (earlier.Result.Item is null || updated >= earlier.Updated)
                latest[contact.Id] = (updated, result);
        }

        if (replaced > 0)
            warnings.Once("duplicates", $"{sourceName}: {replaced} records repeated a ContactId; the one with the latest LastUpdateTimestamp was kept for each");
        foreach (var id in order)
            yield return latest[id].Result;
    }

    private static Interaction ToInteraction(SourceRecord record)
    {
        var id = record.Required("ContactId");
        var channelText = record.Required("Channel");
        var channel = channelText.ToUpperInvariant() switch
        {
            "VOICE" => Channel.Voice,
            "CHAT" => Channel.Chat,
            "EMAIL" or "TASK" => Channel.Email,
            _ => throw new RecordException("Channel", channelText, $"unknown Channel '{channelText}'; accepted: VOICE, CHAT, TASK, EMAIL"),
        };
        var start = record.Time("InitiationTimestamp", required: true)!.Value;
        var method = record.Text("InitiationMethod")?.ToUpperInvariant();
        var outbound = method is "OUTBOUND" or "CALLBACK" or "EXTERNAL_OUTBOUND" || (method == "API" && channel == Channel.Voice);
        // The first contact of the chain; a record that names only its previous contact links to that one, in the same episode.
        var initial = record.First("InitialContactId", "PreviousContactId");

        var extras = new List<KeyValuePair<string, string>>();
        if (initial is not null && initial != id)
            extras.Add(KeyValuePair.Create(EpisodeStitcher.LinkColumn, initial));
        extras.AddRange(record.Extras(("previous_contact_id", "PreviousContactId"), ("initiation_method", "InitiationMethod"), ("disconnect_reason", "DisconnectReason")));
        if (channelText.Equals("TASK", StringComparison.OrdinalIgnoreCase))
            extras.Add(KeyValuePair.Create("connect_channel", "TASK"));

        return new Interaction(id, channel, start)
        {
            Direction = outbound ? Direction.Outbound : Direction.Inbound,
            Customer = record.Text("CustomerEndpoint.Address"),
            Destination = record.Text("SystemEndpoint.Address"),
            End = SourceRecord.CheckEnd("DisconnectTimestamp", start, record.Time("DisconnectTimestamp")),
            Wait = record.Seconds("Queue.Duration"),
            Talk = record.Seconds("Agent.AgentInteractionDuration"),
            Hold = record.Seconds("Agent.CustomerHoldDuration"),
            Wrap = record.Seconds("Agent.AfterContactWorkDuration"),
            Queue = record.Text("Queue.Name"),
            Agent = record.Text("Agent.Username"),
            Extra = [.. extras],
        };
    }
}
