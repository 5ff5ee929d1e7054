using System.Globalization;

namespace ContactCost.Formats.Sources.Asterisk;

/// <summary>
/// Reads queue_log lines (<c>epoch|callid|queue|agent|event|data1|data2|...</c>) into <see cref="QueueCall"/>s.
/// Agent events (callid <c>NONE</c>) and events that change nothing about a call are passed over.
/// </summary>
internal sealed class QueueLogEvents
{
    private readonly Dictionary<string, QueueCall> calls = new(StringComparer.Ordinal);

    /// <summary>Applies one line; returns the call it touched (null for lines about no call), or the reason the line is unusable.</summary>
    public string? Apply(string line, long number, out QueueCall? call)
    {
        call = null;
        var parts = line.Split('|');
        if (parts.Length < 5)
            return $"a queue_log line has at least 5 fields (epoch|callid|queue|agent|event); this one has {parts.Length}";
        if (!SourceTime.TryParseEpoch(parts[0].Trim(), out var at))
            return $"'{parts[0]}' is not a Unix time in seconds";

        var callId = parts[1].Trim();
        var kind = parts[4].Trim().ToUpperInvariant();
        if (callId.Length == 0 || callId.Equals("NONE", StringComparison.OrdinalIgnoreCase) || kind is "QUEUESTART" or "CONFIGRELOAD")
            return null;
        if (!calls.TryGetValue(callId, out call))
        {
            call = new QueueCall(callId, number);
            calls.Add(callId, call);
        }

        call.Lines.Add(line);
        call.Entered ??= at;
        call.Last = at;
        if (parts[2].Trim() is { Length: > 0 } queue && !queue.Equals("NONE", StringComparison.OrdinalIgnoreCase))
            call.Queue = queue;

        return Update(call, kind, at, parts);
    }

    private static string? Update(QueueCall call, string kind, DateTimeOffset at, string[] parts)
    {
        string Data(int index) => 5 + index < parts.Length ? parts[5 + index].Trim() : "";

        switch (kind)
        {
            case "ENTERQUEUE":
                call.Entered = at;
                call.Caller = Data(1) is { Length: > 0 } caller ? caller : call.Caller;
                break;
            case "CONNECT":
                call.Agent = Agent(parts[3]);
                return Seconds(Data(0), "holdtime", v => call.Wait = v);
            case "COMPLETEAGENT" or "COMPLETECALLER":
                call.Agent = Agent(parts[3]) ?? call.Agent;
                call.Finished = true;
                return Seconds(Data(0), "holdtime", v => call.Wait = v) ?? Seconds(Data(1), "calltime", v => call.Talk = v);
            case "TRANSFER":
                call.Agent = Agent(parts[3]) ?? call.Agent;
                call.Finished = true;
                return Seconds(Data(2), "holdtime", v => call.Wait = v) ?? Seconds(Data(3), "calltime", v => call.Talk = v);
            case "ABANDON" or "EXITWITHTIMEOUT" or "EXITEMPTY":
                Abandon(call);
                return Seconds(Data(2), "waittime", v => call.Wait = v);
            case "EXITWITHKEY":
                Abandon(call);
                return Seconds(Data(3), "waittime", v => call.Wait = v);
        }

        return null;
    }

    /// <summary>The call a CDR's uniqueid names, if the log has it.</summary>
    public QueueCall? Find(string callId) => calls.GetValueOrDefault(callId);

    /// <summary>Forgets a call once it has been handed on, so memory holds only calls still in a queue.</summary>
    public void Forget(QueueCall call) => calls.Remove(call.CallId);

    /// <summary>The calls still held, in no particular order.</summary>
    public IEnumerable<QueueCall> Remaining => calls.Values;

    public int Count => calls.Count;

    private static void Abandon(QueueCall call)
    {
        call.Abandoned = true;
        call.Finished = true;
        call.Agent = null;
        call.Talk = TimeSpan.Zero;
    }

    private static string? Agent(string text) =>
        text.Trim() is { Length: > 0 } agent && !agent.Equals("NONE", StringComparison.OrdinalIgnoreCase) ? agent : null;

    private static string? Seconds(string text, string name, Action<TimeSpan> set)
    {
        if (text.Length == 0)
            return null;
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            return $"{name} '{text}' is not a whole number of seconds";
        set(TimeSpan.FromSeconds(seconds));
        return null;
    }
}
