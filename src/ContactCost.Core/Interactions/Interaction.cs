namespace ContactCost.Interactions;

/// <summary>
/// One customer contact on one channel: a call, a chat session, an e-mail thread, an SMS
/// conversation, a social thread or a self-service session.
/// </summary>
/// <remarks>
/// An instance is always valid: the id is present, times are UTC, the end is not before the start
/// and no duration is negative. Each setter checks its own field and names it when it throws, so a
/// reader can say which field of which line was wrong.
/// </remarks>
public sealed record Interaction
{
    /// <summary>The longest id accepted, in characters.</summary>
    public const int MaxIdLength = 200;

    private readonly DateTimeOffset? end;
    private readonly TimeSpan wait;
    private readonly TimeSpan talk;
    private readonly TimeSpan hold;
    private readonly TimeSpan wrap;
    private readonly int? units;

    /// <summary>An interaction with its three required fields; the start is converted to UTC.</summary>
    public Interaction(string id, Channel channel, DateTimeOffset start)
    {
        Id = CheckId(id);
        if (!Enum.IsDefined(channel))
            throw new ArgumentOutOfRangeException(nameof(channel), channel, $"Unknown channel; expected one of {ChannelNames.AllNames}.");
        Channel = channel;
        Start = start.ToUniversalTime();
    }

    /// <summary>The source's id for this interaction; the idempotency key of imports.</summary>
    public string Id { get; }

    /// <summary>The channel the interaction used.</summary>
    public Channel Channel { get; }

    /// <summary>When the interaction began (the call rang, the chat opened, the e-mail arrived), in UTC.</summary>
    public DateTimeOffset Start { get; }

    /// <summary>Inbound (the customer started it) or outbound. Inbound unless stated.</summary>
    public Direction Direction { get; init; }

    /// <summary>The customer's id; interactions of one customer form episodes.</summary>
    public string? Customer { get; init; }

    /// <summary>When the interaction ended, in UTC; never before <see cref="Start"/>.</summary>
    public DateTimeOffset? End
    {
        get => end;
        init
        {
            if (value is { } v && v < Start)
                throw new ArgumentOutOfRangeException(nameof(End), v, $"End {v:O} is before start {Start:O}.");
            end = value?.ToUniversalTime();
        }
    }

    /// <summary>Time the customer waited in queue before an agent answered (or before giving up).</summary>
    public TimeSpan Wait { get => wait; init => wait = NonNegative(value, nameof(Wait)); }

    /// <summary>Time an agent spent with the customer: talking, chatting, or working on the message.</summary>
    public TimeSpan Talk { get => talk; init => talk = NonNegative(value, nameof(Talk)); }

    /// <summary>Time the customer was on hold during the interaction.</summary>
    public TimeSpan Hold { get => hold; init => hold = NonNegative(value, nameof(Hold)); }

    /// <summary>After-contact work (wrap-up) the agent did once the customer was gone.</summary>
    public TimeSpan Wrap { get => wrap; init => wrap = NonNegative(value, nameof(Wrap)); }

    /// <summary>The queue (skill, split) the interaction went through.</summary>
    public string? Queue { get; init; }

    /// <summary>The agent who handled it; none for self-service and abandoned contacts.</summary>
    public string? Agent { get; init; }

    /// <summary>Channel units: message segments for SMS, messages for MMS and e-mail. Unset means one.</summary>
    public int? Units
    {
        get => units;
        init => units = value is < 0
            ? throw new ArgumentOutOfRangeException(nameof(Units), value, "Units must not be negative.")
            : value;
    }

    /// <summary>The number dialled or messaged (E.164 or national), for destination-based prices.</summary>
    public string? Destination { get; init; }

    /// <summary>Whether the customer's need was resolved by this interaction, when the source says.</summary>
    public bool? Resolved { get; init; }

    /// <summary>Columns the source had beyond the canonical ones, kept in their original order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Extra { get; init; } = [];

    /// <summary>Handle time: talk + hold + after-contact work.</summary>
    public TimeSpan HandleTime => Talk + Hold + Wrap;

    /// <summary>Elapsed time from start to end; without an end, wait + talk + hold.</summary>
    public TimeSpan Elapsed => End is { } e ? e - Start : Wait + Talk + Hold;

    /// <summary>True when an agent took part (an agent is named or there was talk time).</summary>
    public bool IsHandled => Agent is not null || Talk > TimeSpan.Zero;

    /// <summary>
    /// True for an inbound contact on a live channel (voice, chat, video) that no agent handled:
    /// the customer gave up while waiting.
    /// </summary>
    public bool IsAbandoned =>
        Direction == Direction.Inbound
        && Channel is Channel.Voice or Channel.Chat or Channel.Video
        && !IsHandled;

    /// <summary>Checks a source id (interaction or usage record): present, at most <see cref="MaxIdLength"/> characters, no control characters.</summary>
    internal static string CheckId(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (string.IsNullOrWhiteSpace(id))
            throw new ArgumentException("The id must not be empty.", nameof(id));
        if (id.Length > MaxIdLength)
            throw new ArgumentException($"The id is {id.Length} characters long; at most {MaxIdLength} are allowed.", nameof(id));
        if (id.AsSpan().IndexOfAnyInRange('\0', '\u001f') >= 0)
            throw new ArgumentException("The id must not contain control characters.", nameof(id));
        return id;
    }

    private static TimeSpan NonNegative(TimeSpan value, string field) =>
        value < TimeSpan.Zero
            ? throw new ArgumentOutOfRangeException(field, value, $"{field} must not be negative.")
            : value;
}
