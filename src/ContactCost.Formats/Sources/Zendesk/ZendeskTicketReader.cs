using ContactCost.Formats.Import;
using ContactCost.Interactions;

namespace ContactCost.Formats.Sources.Zendesk;

/// <summary>
/// Reads Zendesk tickets: API JSON (<c>{"tickets": [...]}</c> pages and incremental exports,
/// bare arrays, one ticket per line) or the CSV export (<c>Id</c>, <c>Requester</c>,
/// <c>Assignee</c>, <c>Group</c>, <c>Via</c>, <c>Status</c>, <c>Created at</c>, <c>Solved at</c>,
/// ...). One ticket is one interaction on the channel its <c>via</c> names; ids become
/// <c>zd-&lt;id&gt;</c> so they cannot meet another source's numbers.
/// </summary>
public sealed class ZendeskTicketReader : SourceReader
{
    private static readonly string[] ArrayNames = ["tickets", "results"];

    /// <summary>The channel a ticket's <c>via</c> names: chat, voice, sms and social sources by name, anything else (mail, web form, API) e-mail.</summary>
    internal static Channel ChannelOf(string? via)
    {
        var name = (via ?? "").ToLowerInvariant();
        if (name.Contains("chat") || name.Contains("messaging"))
            return Channel.Chat;
        if (name.Contains("voice") || name.Contains("phone") || name.Contains("voicemail"))
            return Channel.Voice;
        if (name is "sms" or "text" || name.StartsWith("sms", StringComparison.Ordinal))
            return Channel.Sms;
        string[] social = ["twitter", "facebook", "instagram", "whatsapp", "wechat", "telegram", "social", "any_channel", "line"];
        return social.Any(s => name == s || (s != "line" && name.Contains(s))) ? Channel.Social : Channel.Email;
    }

    /// <inheritdoc/>
    protected override IEnumerable<ReadResult<Interaction>> ReadRecords(Stream stream, string sourceName, SourceOptions options)
    {
        foreach (var record in JsonSource.ReadJsonOrCsv(stream, sourceName, new SourceWarnings(options), ArrayNames))
            yield return record.Map(ToInteraction);
    }

    private static Interaction ToInteraction(SourceRecord record)
    {
        var id = "zd-" + record.Required("id");
        var via = record.First("via.channel", "via");
        var start = record.Time("created_at", required: true)!.Value;
        var status = record.Text("status")?.ToLowerInvariant();
        var solved = status is "solved" or "closed";
        var solvedAt = record.Text("solved_at") is not null ? record.Time("solved_at")
            : record.Text("metric_set.solved_at") is not null ? record.Time("metric_set.solved_at")
            : solved ? record.Time("updated_at") : null;
        var replyMinutes = record.Text("metric_set.reply_time_in_minutes.calendar") is not null
            ? record.Count("metric_set.reply_time_in_minutes.calendar")
            : record.Count("first_reply_time_in_minutes");

        return new Interaction(id, ChannelOf(via), start)
        {
            Direction = via?.Contains("outbound", StringComparison.OrdinalIgnoreCase) == true ? Direction.Outbound : Direction.Inbound,
            Customer = record.First("requester_id", "requester"),
            Agent = record.First("assignee_id", "assignee"),
            Queue = record.First("group_id", "group"),
            End = SourceRecord.CheckEnd(record.Text("solved_at") is not null ? "solved_at" : "updated_at", start, solvedAt),
            Wait = TimeSpan.FromMinutes(replyMinutes ?? 0),
            Resolved = solved ? true : null,
            Extra = [.. record.Extras(("status", "status"), ("priority", "priority"), ("type", "type"), ("ticket_type", "ticket_type")),
                .. via is null ? [] : new[] { KeyValuePair.Create("via", via) }],
        };
    }
}
