using ContactCost.Formats.Csv;
using ContactCost.Formats.Import;
using ContactCost.Interactions;

namespace ContactCost.Formats.Sources.FreeSwitch;

/// <summary>
/// Reads FreeSWITCH mod_cdr_csv files. Without a header the columns are those of the default
/// template (or <see cref="SourceOptions.Columns"/> for a custom one); a first row naming
/// <c>uuid</c> is taken as a header. mod_callcenter variables (<c>cc_queue</c>, <c>cc_agent</c>,
/// <c>cc_queue_joined_epoch</c>, <c>cc_queue_answered_epoch</c>, <c>cc_queue_terminated_epoch</c>,
/// <c>cc_queue_canceled_epoch</c>, <c>cc_cause</c>) give queue, agent, wait, talk and abandons.
/// The <c>*_stamp</c> times are local (<see cref="SourceOptions.TimeZone"/>, UTC by default).
/// </summary>
public sealed class FreeSwitchCdrReader : SourceReader
{
    /// <summary>The columns of cdr_csv's default template, in file order.</summary>
    public static IReadOnlyList<string> DefaultColumns { get; } =
    [
        "caller_id_name", "caller_id_number", "destination_number", "context", "start_stamp", "answer_stamp", "end_stamp",
        "duration", "billsec", "hangup_cause", "uuid", "bleg_uuid", "accountcode", "read_codec", "write_codec",
    ];

    /// <summary>True when a headerless row has the default template's shape: 15 fields, a start stamp, a uuid.</summary>
    internal static bool LooksLikeRow(IReadOnlyList<string> fields) =>
        fields.Count == DefaultColumns.Count
        && SourceTime.Parse(fields[4], TimeZoneInfo.Utc, out _, out _) is null
        && Guid.TryParse(fields[10], out _);

    /// <inheritdoc/>
    protected override IEnumerable<ReadResult<Interaction>> ReadRecords(Stream stream, string sourceName, SourceOptions options)
    {
        using var reader = CsvFile.OpenText(stream);
        var warnings = new SourceWarnings(options);
        foreach (var record in CsvSourceRecord.Read(reader, sourceName, warnings, UseHeaderOrColumns))
            yield return record.Map(ToInteraction);

        bool UseHeaderOrColumns(CsvSourceRecord first)
        {
            if (first.FieldsAsNames().Contains("uuid"))
                return first.TakeHeader();
            first.UseColumns(options.Columns ?? DefaultColumns, checkCount: true);
            return true;
        }
    }

    private static Interaction ToInteraction(SourceRecord record)
    {
        var id = record.Required("uuid");
        var start = record.Time("start_stamp", required: true)!.Value;
        var answer = record.Time("answer_stamp");
        var end = SourceRecord.CheckEnd("end_stamp", start, record.Time("end_stamp"));
        var duration = record.Seconds("duration");
        var billSeconds = record.Seconds("billsec");
        var direction = DirectionNames.TryParse(record.Text("direction"), out var parsed) ? parsed : Direction.Inbound;

        TimeSpan wait;
        TimeSpan talk;
        string? agent = null;
        var queue = record.Text("cc_queue");
        if (queue is null)
        {
            wait = (answer is null ? SourceRecord.Between("end_stamp", start, end) : SourceRecord.Between("answer_stamp", start, answer)) ?? duration;
            talk = answer is null ? TimeSpan.Zero : billSeconds;
        }
        else
        {
            // The switch answers a queued call to play music, so billsec holds the wait: the queue's epochs split it.
            var joined = record.Epoch("cc_queue_joined_epoch");
            var agentAnswered = record.Epoch("cc_queue_answered_epoch");
            var left = record.Epoch("cc_queue_terminated_epoch") ?? record.Epoch("cc_queue_canceled_epoch");
            var abandoned = agentAnswered is null || string.Equals(record.Text("cc_cause"), "Cancel", StringComparison.OrdinalIgnoreCase);
            if (abandoned)
            {
                wait = SourceRecord.Between("cc_queue_canceled_epoch", joined, left) ?? SourceRecord.Between("end_stamp", start, end) ?? duration;
                talk = TimeSpan.Zero;
            }
            else
            {
                wait = SourceRecord.Between("cc_queue_answered_epoch", joined, agentAnswered) ?? TimeSpan.Zero;
                talk = SourceRecord.Between("cc_queue_terminated_epoch", agentAnswered, left) ?? (billSeconds > wait ? billSeconds - wait : TimeSpan.Zero);
                agent = record.Text("cc_agent");
            }
        }

        return new Interaction(id, Channel.Voice, start)
        {
            Direction = direction,
            Customer = record.Text("caller_id_number"),
            Destination = record.Text("destination_number"),
            End = end,
            Wait = wait,
            Talk = talk,
            Queue = queue,
            Agent = agent,
            Extra = record.Extras(
                ("hangup_cause", "hangup_cause"), ("context", "context"), ("accountcode", "accountcode"), ("bleg_uuid", "bleg_uuid"),
                ("cc_cause", "cc_cause"), ("cc_cancel_reason", "cc_cancel_reason")),
        };
    }
}
