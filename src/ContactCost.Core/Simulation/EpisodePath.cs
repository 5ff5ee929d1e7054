namespace ContactCost.Simulation;

/// <summary>The sequence of channels one episode goes through.</summary>
internal enum EpisodePath
{
    SelfServiceOnly,
    SelfServiceThenChat,
    SelfServiceThenVoice,
    SelfServiceThenChatThenVoice,
    VoiceOnly,
    VoiceThenRepeatCall,
    VoiceThenEmail,
    ChatOnly,
    EmailThread,
    SmsConversation,
    SocialThenChat,
    SocialOnly,
    OutboundCallback,
    OutboundSmsNotification,
}

/// <summary>How often each path occurs; the shares are documented on <see cref="CenterProfile"/>.</summary>
internal static class EpisodePathMix
{
    // Percent of episodes, in the order of EpisodePath; they add up to 100.
    private static readonly int[] Percent = [22, 6, 8, 2, 22, 4, 3, 9, 5, 5, 2, 3, 3, 6];

    /// <summary>A path drawn from the mix; outbound paths only in the daytime (local hours 8 to 19).</summary>
    public static EpisodePath Draw(Prng rng, int localHour)
    {
        var roll = rng.NextInt(100);
        var path = EpisodePath.OutboundSmsNotification;
        for (var i = 0; i < Percent.Length; i++)
        {
            roll -= Percent[i];
            if (roll < 0)
            {
                path = (EpisodePath)i;
                break;
            }
        }

        // Nobody calls or texts customers at night; those customers read the FAQ instead.
        var outbound = path is EpisodePath.OutboundCallback or EpisodePath.OutboundSmsNotification;
        return outbound && localHour is < 8 or >= 20 ? EpisodePath.SelfServiceOnly : path;
    }
}
