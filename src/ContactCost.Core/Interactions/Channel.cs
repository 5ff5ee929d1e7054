using System.Collections.Frozen;

namespace ContactCost.Interactions;

/// <summary>The medium of one interaction. Add a member (and its name below) to support a new channel.</summary>
public enum Channel
{
    /// <summary>A phone call.</summary>
    Voice,

    /// <summary>An SMS conversation; its units are message segments.</summary>
    Sms,

    /// <summary>An MMS conversation; its units are messages.</summary>
    Mms,

    /// <summary>A live chat session (web or in-app).</summary>
    Chat,

    /// <summary>An e-mail thread; its units are messages.</summary>
    Email,

    /// <summary>A social-media thread (direct message or public mention).</summary>
    Social,

    /// <summary>A self-service session: IVR, FAQ, knowledge base, bot without an agent.</summary>
    SelfService,

    /// <summary>A video call.</summary>
    Video,

    /// <summary>A conversation handled by an AI agent.</summary>
    Ai,
}

/// <summary>The names channels have in files and output (<c>voice</c>, <c>selfservice</c>, ...).</summary>
public static class ChannelNames
{
    private static readonly string[] Names = ["voice", "sms", "mms", "chat", "email", "social", "selfservice", "video", "ai"];

    /// <summary>Every channel, in declaration order.</summary>
    public static IReadOnlyList<Channel> All { get; } = Enum.GetValues<Channel>();

    /// <summary>The channel's name in files and output.</summary>
    public static string Name(this Channel channel) => Names[(int)channel];

    /// <summary>The accepted names, for error messages.</summary>
    public static string AllNames => string.Join(", ", Names);

    /// <summary>
    /// Reads a channel name, ignoring case and surrounding spaces. Besides the canonical names it
    /// accepts a few common spellings: phone, call, e-mail, mail, self-service, ivr, webchat.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out Channel channel) => Lookup.TryGetValue(text.Trim(), out channel);

    private static readonly FrozenDictionary<string, Channel>.AlternateLookup<ReadOnlySpan<char>> Lookup =
        Names.Select((name, i) => KeyValuePair.Create(name, (Channel)i))
            .Concat(
            [
                KeyValuePair.Create("phone", Channel.Voice),
                KeyValuePair.Create("call", Channel.Voice),
                KeyValuePair.Create("e-mail", Channel.Email),
                KeyValuePair.Create("mail", Channel.Email),
                KeyValuePair.Create("self-service", Channel.SelfService),
                KeyValuePair.Create("self_service", Channel.SelfService),
                KeyValuePair.Create("ivr", Channel.SelfService),
                KeyValuePair.Create("webchat", Channel.Chat),
            ])
            .ToFrozenDictionary(StringComparer.OrdinalIgnoreCase)
            .GetAlternateLookup<ReadOnlySpan<char>>();
}
