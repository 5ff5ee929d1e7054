using ContactCost.Formats.Csv;
using ContactCost.Formats.Import;
using ContactCost.Interactions;

namespace ContactCost.Formats.Sources.Asterisk;

/// <summary>
/// Reads an Asterisk queue_log on its own: one voice interaction per queued call (callid), from
/// ENTERQUEUE to the event that ends it, with its queue, agent, wait and talk; abandons have no
/// agent. A call is handed on when it ends, so memory holds only calls still in a queue.
/// </summary>
public sealed class AsteriskQueueLogReader : SourceReader
{
    /// <summary>True when a line has the queue_log shape: an epoch, then at least four more fields separated by '|'.</summary>
    internal static bool LooksLikeLine(string line)
    {
        var parts = line.Split('|');
        return parts.Length >= 5 && SourceTime.TryParseEpoch(parts[0], out _) && parts[4].Length > 0 && parts[4].All(c => char.IsAsciiLetterUpper(c) || c == '_');
    }

    /// <inheritdoc/>
    protected override IEnumerable<ReadResult<Interaction>> ReadRecords(Stream stream, string sourceName, SourceOptions options)
    {
        using var reader = CsvFile.OpenText(stream);
        var events = new QueueLogEvents();
        long number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
                continue;
            if (number == 1 && line.Contains('\0'))
                throw new InputFormatException(sourceName, 1, "the file holds NUL bytes: it is not a text file; a queue_log is text");
            if (line.Contains('\uFFFD'))
            {
                yield return Rejected(sourceName, number, "the line holds bytes that are not UTF-8; save the file as UTF-8", line);
                continue;
            }

            if (events.Apply(line, number, out var call) is { } reason)
            {
                yield return Rejected(sourceName, number, reason, line);
                continue;
            }

            if (call is { Finished: true })
            {
                events.Forget(call);
                yield return ToResult(call, sourceName);
            }
        }

        // Calls the log leaves open (still queued when it was copied) end at their last event.
        foreach (var call in events.Remaining.OrderBy(c => c.Line).ToList())
            yield return ToResult(call, sourceName);
    }

    private static ReadResult<Interaction> Rejected(string sourceName, long line, string reason, string text) =>
        ReadResult.Rejected<Interaction>(new Rejection(sourceName, line, "", "", reason, text));

    private static ReadResult<Interaction> ToResult(QueueCall call, string sourceName)
    {
        var start = call.Entered!.Value;
        var end = call.Last!.Value;
        if (FieldRules.Id(call.CallId, out _) is { } reason)
            return ReadResult.Rejected<Interaction>(new Rejection(sourceName, call.Line, "callid", call.CallId, reason, string.Join('\n', call.Lines)));
        if (end < start)
        {
            return ReadResult.Rejected<Interaction>(new Rejection(sourceName, call.Line, "epoch", $"{end.ToUnixTimeSeconds()}",
                $"the call's last event ({end:O}) is before it entered the queue ({start:O})", string.Join('\n', call.Lines)));
        }

        return ReadResult.Accepted(new Interaction(call.CallId, Channel.Voice, start)
        {
            Customer = call.Caller,
            End = end,
            Wait = call.Wait ?? (call.Abandoned ? end - start : TimeSpan.Zero),
            Talk = call.Talk ?? TimeSpan.Zero,
            Queue = call.Queue,
            Agent = call.Agent,
        }, call.Line);
    }
}
