namespace ContactCost.Simulation;

/// <summary>
/// What a simulated contact center looks like: its time zone, its size, how many customer needs
/// (episodes) arrive on a weekday, its agents and its customer base.
/// </summary>
/// <remarks>
/// <see cref="SmallOmnichannel"/> is calibrated on the figures of DOMAIN.md for ~25 agents. Seed 42
/// in October 2026 (New York) gives 40,107 interactions: 13,443 voice calls (5.9% of inbound calls
/// abandoned, average speed of answer 8 s, handle time 6.9 min), 12,542 self-service sessions, 6,010
/// chats (16-minute sessions, 6% abandoned), 5,177 e-mails (7 minutes of work over hours), 1,482
/// social threads and 1,453 SMS conversations and notifications. Agent handle time, with chat at
/// concurrency 2.5, SMS 3 and social 2 (as in samples/costmodel.json), is 73% of 25 agents × 150
/// paid hours. Priced with the sample files, a call costs about $6, as DOMAIN.md quotes.
/// </remarks>
public sealed record CenterProfile
{
    /// <summary>A ~25-agent omnichannel center in New York (14 on voice, 11 on digital channels).</summary>
    public static CenterProfile SmallOmnichannel { get; } = new();

    /// <summary>The center's time zone; arrivals follow its local business hours. Default America/New_York.</summary>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    /// <summary>Multiplies episodes, agents and customers: 40 makes a ~1,000-agent center.</summary>
    public decimal Scale
    {
        get => scale;
        init => scale = value > 0m ? value : throw new ArgumentOutOfRangeException(nameof(Scale), value, "Scale must be greater than 0.");
    }

    /// <summary>Customer needs arriving on an average weekday at scale 1 (weekends get a third as many).</summary>
    public double EpisodesPerWeekday { get; init; } = 1_200;

    /// <summary>Agents answering calls at scale 1.</summary>
    public int VoiceAgents { get; init; } = 14;

    /// <summary>Agents on chat, e-mail, SMS and social at scale 1.</summary>
    public int DigitalAgents { get; init; } = 11;

    /// <summary>Distinct customers at scale 1; episodes pick among them, so many customers come back.</summary>
    public int Customers { get; init; } = 60_000;

    private readonly decimal scale = 1m;
}
