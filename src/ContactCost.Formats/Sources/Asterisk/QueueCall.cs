namespace ContactCost.Formats.Sources.Asterisk;

/// <summary>What Asterisk's queue_log says about one call (one callid): its queue, agent, wait, talk, and whether the caller gave up.</summary>
internal sealed class QueueCall(string callId, long line)
{
    public string CallId { get; } = callId;

    /// <summary>The queue_log line of the call's first event.</summary>
    public long Line { get; } = line;

    public string? Queue { get; set; }

    public string? Agent { get; set; }

    public string? Caller { get; set; }

    public DateTimeOffset? Entered { get; set; }

    public DateTimeOffset? Last { get; set; }

    public TimeSpan? Wait { get; set; }

    public TimeSpan? Talk { get; set; }

    /// <summary>The caller left the queue without an agent (ABANDON, EXITWITHTIMEOUT, EXITEMPTY, EXITWITHKEY).</summary>
    public bool Abandoned { get; set; }

    /// <summary>An event that ends the call in the queue was seen.</summary>
    public bool Finished { get; set; }

    /// <summary>The queue_log lines of the call, for the quarantine.</summary>
    public List<string> Lines { get; } = [];
}
