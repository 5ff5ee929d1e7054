namespace ContactCost.Simulation;

/// <summary>What a simulated contact center looks like: its volume, staff, customers, daily rhythm and handle times.</summary>
/// <remarks>
/// <para>
/// Figures are per <see cref="Scale"/> 1; <see cref="Scale"/> multiplies episode volume, agents and
/// customers together, so a center 40 times larger keeps the same load and mix.
/// </para>
/// <para>
/// Calibration of <see cref="SmallOmnichannel"/>, measured on October 2026 (31 days) with seed 42:
/// 31,400 episodes and 42,500 interactions: 13,950 inbound calls (7.0% abandoned, median talk
/// 5.1 min, handle time 7.1 min), 810 callbacks, 12,370 self-service sessions, 6,000 chats (6.7%
/// abandoned, median session 12 min), 4,650 e-mails, 1,550 SMS conversations, 1,580 SMS
/// notifications and 1,600 social threads. Agent handle time is 1,620 h on voice and 1,250 h on
/// the digital channels (chat counted at a concurrency of 2.5): 2,870 h, or 77% of 25 agents
/// times 150 paid hours, and the two groups are about equally busy (voice 77% of 14 agents,
/// digital 76% of 11). Weekend days carry about 36% of a weekday; 83% of episodes end resolved.
/// </para>
/// <para>
/// Fixed inside the simulation (lognormal draws give median and sigma of the logarithm):
/// voice IVR 35 s (0.45) before queueing; queue wait exponential, mean 2 s at night to 11 s at the
/// busiest hour; hold on 30% of calls, 60 s (0.7); wrap-up 40 s (0.35); half of the callers who
/// abandon try again some 8 minutes later. Chat wait exponential, mean 10 to 40 s by load, patience
/// exponential with mean 6 minutes; session spread 0.5; wrap-up 30 s. E-mail waits 2.5 h (0.9,
/// at most 36 h) for an agent, work spread 0.6. SMS conversations wait 2 minutes on average and
/// take 2.5 minutes (0.6) of agent work over 2 to 10 segments; notifications are 1 to 3 segments.
/// Social threads wait 30 minutes (1.1, up to a day) and take 4 minutes (0.6). Self-service
/// sessions last 3 minutes (0.55), between 1 and 10. 87% of episodes end resolved.
/// </para>
/// <para>
/// Episode paths (share of episodes): self-service only 22%; self-service then chat 6%;
/// self-service then voice 8%; self-service, chat, then voice 2%; voice only 20%; voice and a
/// repeat call hours later 4%; voice then an e-mail follow-up 3%; chat only 9%; an e-mail thread
/// with one or two replies 7%; SMS conversation 5%; social then chat 2%; social only 3%;
/// outbound callback 3%; outbound SMS notification 6% (outbound only between 08:00 and 20:00
/// local; at night those episodes are self-service sessions). Self-service to an agent channel
/// takes about 90 s, follow-ups about 6 hours (up to 2 days), e-mail replies about 5 hours.
/// </para>
/// </remarks>
public sealed record CenterProfile
{
    /// <summary>A 25-agent omnichannel center (14 voice, 11 digital) in New York; see the remarks for its calibration.</summary>
    public static CenterProfile SmallOmnichannel { get; } = new();

    /// <summary>The center's time zone: the daily and weekly curves are in its local time. Default America/New_York.</summary>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    /// <summary>Multiplies episode volume, agents and customers (40 turns 25 agents into 1,000).</summary>
    public decimal Scale { get; init; } = 1;

    /// <summary>Customer episodes in an average month (30.44 days) at scale 1.</summary>
    public int EpisodesPerMonth { get; init; } = 31_000;

    /// <summary>Agents answering voice (inbound calls and callbacks) at scale 1.</summary>
    public int VoiceAgents { get; init; } = 14;

    /// <summary>Agents on the digital channels (chat, e-mail, SMS, social) at scale 1.</summary>
    public int DigitalAgents { get; init; } = 11;

    /// <summary>Size of the customer pool at scale 1; a few frequent customers have several episodes a month.</summary>
    public int Customers { get; init; } = 100_000;

    /// <summary>The number inbound callers dial (E.164).</summary>
    public string TollFreeNumber { get; init; } = "+18005550100";

    /// <summary>Voice queues; a call picks one at random.</summary>
    public IReadOnlyList<string> VoiceQueues { get; init; } = Array.AsReadOnly(["billing", "tech-support", "sales"]);

    /// <summary>Relative episode arrival rate for each local hour, 00:00 first (24 values): peaks at 10-11 and 14-15, a thin night.</summary>
    public IReadOnlyList<double> HourOfDayWeights { get; init; } = Array.AsReadOnly(
    [
        0.10, 0.06, 0.05, 0.05, 0.06, 0.12, 0.30, 0.60, 1.10, 1.60, 1.90, 1.85,
        1.40, 1.50, 1.80, 1.75, 1.45, 1.10, 0.80, 0.60, 0.45, 0.35, 0.25, 0.15,
    ]);

    /// <summary>Relative episode arrival rate for each local weekday, Sunday first (7 values): weekends about a third of a weekday.</summary>
    public IReadOnlyList<double> DayOfWeekWeights { get; init; } = Array.AsReadOnly([0.30, 1.15, 1.05, 1.00, 1.00, 0.95, 0.40]);

    /// <summary>Median talk time of an answered call (lognormal, sigma 0.6).</summary>
    public TimeSpan VoiceTalkMedian { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Mean of a caller's patience in queue (exponential); a caller whose wait exceeds it abandons.</summary>
    public TimeSpan VoicePatienceMean { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>Median elapsed time of an answered chat session, all of it counted as talk (agents handle several chats at once).</summary>
    public TimeSpan ChatSessionMedian { get; init; } = TimeSpan.FromMinutes(12);

    /// <summary>Median agent work on one inbound e-mail (lognormal, sigma 0.6).</summary>
    public TimeSpan EmailWorkMedian { get; init; } = TimeSpan.FromMinutes(5);
}
