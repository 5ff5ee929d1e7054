using System.Collections.Frozen;
using ContactCost.Interactions;

namespace ContactCost.Rating;

/// <summary>A metered quantity that a price book charges for.</summary>
public enum Meter
{
    /// <summary>Every interaction on any channel counts one (a per-contact platform fee).</summary>
    Interactions,

    /// <summary>Seconds of a voice call, start to end (IVR and queue time included, as carriers bill it).</summary>
    VoiceSeconds,

    /// <summary>Seconds of a video call, start to end.</summary>
    VideoSeconds,

    /// <summary>SMS message segments (a long message is several segments).</summary>
    SmsSegments,

    /// <summary>MMS messages.</summary>
    MmsMessages,

    /// <summary>Chat sessions.</summary>
    ChatSessions,

    /// <summary>E-mail messages.</summary>
    EmailMessages,

    /// <summary>Social-media interactions.</summary>
    SocialInteractions,

    /// <summary>Self-service sessions.</summary>
    SelfServiceSessions,

    /// <summary>Seconds of self-service (IVR minutes are often billed per minute).</summary>
    SelfServiceSeconds,

    /// <summary>Minutes an AI agent spent on a conversation.</summary>
    AiMinutes,

    /// <summary>Agent seats licensed for a period.</summary>
    Seats,

    /// <summary>Storage (recordings, transcripts) in gigabyte-months; from usage records.</summary>
    StorageGbMonths,

    /// <summary>Data sent out of the platform, in gigabytes; from usage records.</summary>
    EgressGb,
}

/// <summary>Meter names in files (<c>voice.seconds</c>) and the quantity each meter reads from an interaction.</summary>
public static class Meters
{
    private static readonly string[] Names =
    [
        "interactions", "voice.seconds", "video.seconds", "sms.segments", "mms.messages", "chat.sessions",
        "email.messages", "social.interactions", "selfservice.sessions", "selfservice.seconds", "ai.minutes", "seats",
        "storage.gb-month", "egress.gb",
    ];

    private static readonly FrozenDictionary<string, Meter> ByName =
        Names.Select((name, i) => KeyValuePair.Create(name, (Meter)i)).ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>The meter's name in files and output.</summary>
    public static string Name(this Meter meter) => Names[(int)meter];

    /// <summary>Every meter name, for error messages.</summary>
    public static string AllNames => string.Join(", ", Names);

    /// <summary>Reads a meter name (case-insensitive).</summary>
    public static bool TryParse(string? text, out Meter meter) => ByName.TryGetValue(text?.Trim() ?? "", out meter);

    /// <summary>True when an interaction carries a quantity of the meter; storage, egress and seats only come as usage records.</summary>
    public static bool IsPerInteraction(this Meter meter) => meter is not (Meter.Seats or Meter.StorageGbMonths or Meter.EgressGb);

    /// <summary>The channel whose interactions a meter reads, or null when it reads every channel.</summary>
    public static Channel? ChannelOf(this Meter meter) => meter switch
    {
        Meter.VoiceSeconds => Channel.Voice,
        Meter.VideoSeconds => Channel.Video,
        Meter.SmsSegments => Channel.Sms,
        Meter.MmsMessages => Channel.Mms,
        Meter.ChatSessions => Channel.Chat,
        Meter.EmailMessages => Channel.Email,
        Meter.SocialInteractions => Channel.Social,
        Meter.SelfServiceSessions or Meter.SelfServiceSeconds => Channel.SelfService,
        Meter.AiMinutes => Channel.Ai,
        _ => null,
    };

    /// <summary>
    /// How much of <paramref name="meter"/> one interaction consumed: whole seconds (rounded up) for
    /// time meters, units (one when unset) for messages, one per session otherwise; zero when the
    /// meter belongs to another channel.
    /// </summary>
    public static decimal Read(this Meter meter, Interaction interaction)
    {
        if (meter.ChannelOf() is { } channel && channel != interaction.Channel)
            return 0m;
        return meter switch
        {
            Meter.Interactions => 1m,
            Meter.VoiceSeconds or Meter.VideoSeconds or Meter.SelfServiceSeconds => WholeSeconds(interaction.Elapsed),
            Meter.AiMinutes => WholeSeconds(interaction.Elapsed) / 60m,
            Meter.SmsSegments or Meter.MmsMessages or Meter.EmailMessages => interaction.Units ?? 1,
            Meter.ChatSessions or Meter.SocialInteractions or Meter.SelfServiceSessions => 1m,
            _ => 0m,
        };
    }

    // A call of 61.2 s has used 62 started seconds; carriers never bill a fraction of a second.
    private static decimal WholeSeconds(TimeSpan elapsed) =>
        (elapsed.Ticks + TimeSpan.TicksPerSecond - 1) / TimeSpan.TicksPerSecond;
}
