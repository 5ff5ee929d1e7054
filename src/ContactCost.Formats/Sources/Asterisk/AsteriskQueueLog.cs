using ContactCost.Formats.Csv;

namespace ContactCost.Formats.Sources.Asterisk;

/// <summary>
/// An Asterisk queue_log held in memory, to give the calls of a Master.csv their queue, agent,
/// wait, talk and abandons (matched by the CDR's uniqueid, which is the log's callid).
/// </summary>
public sealed class AsteriskQueueLog
{
    private readonly QueueLogEvents events;

    private AsteriskQueueLog(QueueLogEvents events, int skipped)
    {
        this.events = events;
        Skipped = skipped;
    }

    /// <summary>How many calls the log describes.</summary>
    public int Calls => events.Count;

    /// <summary>How many lines could not be read and were passed over.</summary>
    public int Skipped { get; }

    /// <summary>Reads the queue_log at <paramref name="path"/>.</summary>
    public static AsteriskQueueLog Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var reader = CsvFile.OpenText(path);
        return Load(reader);
    }

    /// <summary>Reads a queue_log from <paramref name="reader"/>.</summary>
    public static AsteriskQueueLog Load(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var events = new QueueLogEvents();
        var skipped = 0;
        long number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (!string.IsNullOrWhiteSpace(line) && events.Apply(line, number, out _) is not null)
                skipped++;
        }

        return new AsteriskQueueLog(events, skipped);
    }

    internal QueueCall? Find(string? callId) => callId is null ? null : events.Find(callId);
}
