using System.Globalization;
using ContactCost.Interactions;

namespace ContactCost.Simulation;

/// <summary>
/// Turns one episode arrival into its interactions: draws the path and the customer, then each
/// contact's timing and handle time. The figures are documented on <see cref="CenterProfile"/>.
/// </summary>
internal sealed class EpisodePlanner
{
    private const double ResolvedShare = 0.87;
    private const double RetryAfterAbandonShare = 0.5;
    private const double HoldShare = 0.3;
    private const double CallbackAnsweredShare = 0.85;
    private const double EmailSecondReplyShare = 0.3;
    private const int Minute = 60;
    private const int Hour = 3600;

    private readonly Prng rng;
    private readonly ArrivalClock clock;
    private readonly CustomerPool customers;
    private readonly string[] voiceAgents;
    private readonly string[] digitalAgents;
    private readonly IReadOnlyList<string> voiceQueues;
    private readonly string tollFreeNumber;
    private readonly double voiceTalkMedian;
    private readonly double voicePatienceMean;
    private readonly double chatSessionMedian;
    private readonly double emailWorkMedian;
    private readonly string episodePrefix;

    // The longest path (self-service, chat, an abandoned call and its retry) has four contacts.
    private readonly PlannedInteraction[] steps = new PlannedInteraction[8];
    private int count;
    private long episodes;
    private int customerIndex;
    private string customer = "";
    private string? phone;
    private KeyValuePair<string, string>[] extra = [];

    public EpisodePlanner(CenterProfile profile, CenterStaff staff, ulong seed, ArrivalClock clock)
    {
        // A stream of its own, so arrival times do not depend on what the episodes draw.
        rng = new Prng(seed ^ 0x5DEECE66DUL);
        this.clock = clock;
        customers = new CustomerPool(staff.Customers, seed);
        voiceAgents = staff.VoiceAgents;
        digitalAgents = staff.DigitalAgents;
        voiceQueues = profile.VoiceQueues;
        tollFreeNumber = profile.TollFreeNumber;
        voiceTalkMedian = profile.VoiceTalkMedian.TotalSeconds;
        voicePatienceMean = profile.VoicePatienceMean.TotalSeconds;
        chatSessionMedian = profile.ChatSessionMedian.TotalSeconds;
        emailWorkMedian = profile.EmailWorkMedian.TotalSeconds;
        episodePrefix = string.Create(CultureInfo.InvariantCulture, $"s{seed}-e");
    }

    /// <summary>The interactions of the last planned episode, in their first <see cref="Plan"/> entries.</summary>
    public PlannedInteraction[] Steps => steps;

    /// <summary>Plans the episode that arrives at <paramref name="arrival"/> (seconds from the origin); returns how many interactions it has.</summary>
    public int Plan(long arrival)
    {
        count = 0;
        episodes++;
        var path = EpisodePathMix.Draw(rng, clock.LocalHour);
        customerIndex = customers.Draw(rng);
        customer = CustomerPool.Id(customerIndex);
        phone = null;
        extra = [new("episode", string.Create(CultureInfo.InvariantCulture, $"{episodePrefix}{episodes:D8}"))];

        switch (path)
        {
            case EpisodePath.SelfServiceOnly:
                SelfService(arrival);
                break;
            case EpisodePath.SelfServiceThenChat:
                Chat(Handoff(SelfService(arrival)));
                break;
            case EpisodePath.SelfServiceThenVoice:
                Voice(Handoff(SelfService(arrival)), mayRetry: true);
                break;
            case EpisodePath.SelfServiceThenChatThenVoice:
                Voice(Handoff(Chat(Handoff(SelfService(arrival)))), mayRetry: true);
                break;
            case EpisodePath.VoiceOnly:
                Voice(arrival, mayRetry: true);
                break;
            case EpisodePath.VoiceThenRepeatCall:
                Voice(FollowUp(Voice(arrival, mayRetry: true)), mayRetry: true);
                break;
            case EpisodePath.VoiceThenEmail:
                Email(FollowUp(Voice(arrival, mayRetry: true)));
                break;
            case EpisodePath.ChatOnly:
                Chat(arrival);
                break;
            case EpisodePath.EmailThread:
                var replied = Email(EmailReply(Email(arrival)));
                if (rng.Chance(EmailSecondReplyShare))
                    Email(EmailReply(replied));
                break;
            case EpisodePath.SmsConversation:
                Sms(arrival);
                break;
            case EpisodePath.SocialThenChat:
                Chat(Handoff(Social(arrival)));
                break;
            case EpisodePath.SocialOnly:
                Social(arrival);
                break;
            case EpisodePath.OutboundCallback:
                Callback(arrival);
                break;
            default:
                Notification(arrival);
                break;
        }

        // The last contact carries the outcome; one nobody answered resolved nothing. A
        // notification is not a need, so it says nothing either way.
        ref var last = ref steps[count - 1];
        last.Resolved = path switch
        {
            EpisodePath.SelfServiceOnly => true,
            EpisodePath.OutboundSmsNotification => null,
            _ => last.Talk > 0 && rng.Chance(ResolvedShare),
        };
        return count;
    }

    private string Phone => phone ??= customers.Phone(customerIndex);

    private ref PlannedInteraction Add(Channel channel, Direction direction, long start, string queue)
    {
        ref var step = ref steps[count++];
        step = new PlannedInteraction
        {
            Channel = channel,
            Direction = direction,
            Start = start,
            End = start,
            Queue = queue,
            Customer = customer,
            Resolved = false,
            Extra = extra,
        };
        return ref step;
    }

    private long SelfService(long t)
    {
        ref var session = ref Add(Channel.SelfService, Direction.Inbound, t, "selfservice");
        session.End = t + Seconds(rng.LogNormal(3 * Minute, 0.55), Minute, 10 * Minute);
        return session.End;
    }

    private long Voice(long t, bool mayRetry)
    {
        var ivr = Seconds(rng.LogNormal(35, 0.45), 5, 5 * Minute);
        // Queues grow at the busy hours; the caller hangs up when the wait outlasts the patience.
        var wait = rng.Exponential(2 + 9 * clock.LoadAt(t));
        var patience = rng.Exponential(voicePatienceMean);
        ref var call = ref Add(Channel.Voice, Direction.Inbound, t, VoiceQueue());
        call.Destination = tollFreeNumber;
        if (patience < wait)
        {
            call.Wait = Seconds(patience, 1, Hour);
            call.End = t + ivr + call.Wait;
            return mayRetry && rng.Chance(RetryAfterAbandonShare)
                ? Voice(call.End + Seconds(rng.LogNormal(8 * Minute, 0.8), Minute, 2 * Hour), mayRetry: false)
                : call.End;
        }

        call.Agent = VoiceAgent();
        call.Wait = Seconds(wait, 0, Hour);
        Converse(ref call, voiceTalkMedian);
        call.End = t + ivr + call.Wait + call.Talk + call.Hold;
        return call.End;
    }

    private long Callback(long t)
    {
        ref var call = ref Add(Channel.Voice, Direction.Outbound, t, VoiceQueue());
        call.Destination = Phone;
        call.Agent = VoiceAgent();
        var ring = Seconds(rng.LogNormal(15, 0.3), 5, 45);
        if (rng.Chance(CallbackAnsweredShare))
            Converse(ref call, voiceTalkMedian * 0.9); // the agent already knows the case
        else
            call.Wrap = Seconds(rng.LogNormal(20, 0.3), 5, 2 * Minute);

        call.End = t + ring + call.Talk + call.Hold;
        return call.End;
    }

    private long Chat(long t)
    {
        var wait = rng.Exponential(10 + 30 * clock.LoadAt(t));
        var patience = rng.Exponential(6 * Minute);
        ref var chat = ref Add(Channel.Chat, Direction.Inbound, t, "chat");
        if (patience < wait)
        {
            chat.Wait = Seconds(patience, 1, Hour);
            chat.End = t + chat.Wait;
            return chat.End;
        }

        // Talk is the whole session; the cost model divides it by the agents' chat concurrency.
        chat.Agent = DigitalAgent();
        chat.Wait = Seconds(wait, 0, Hour);
        chat.Talk = Seconds(rng.LogNormal(chatSessionMedian, 0.5), 2 * Minute, 90 * Minute);
        chat.Wrap = Seconds(rng.LogNormal(30, 0.4), 5, 10 * Minute);
        chat.End = t + chat.Wait + chat.Talk;
        return chat.End;
    }

    private long Email(long t)
    {
        ref var email = ref Add(Channel.Email, Direction.Inbound, t, "email");
        email.Agent = DigitalAgent();
        email.Wait = Seconds(rng.LogNormal(2.5 * Hour, 0.9), 5 * Minute, 36 * Hour);
        email.Talk = Seconds(rng.LogNormal(emailWorkMedian, 0.6), Minute, Hour);
        email.Wrap = Seconds(rng.LogNormal(20, 0.4), 5, 5 * Minute);
        email.Units = 2; // the customer's message and the reply
        email.End = t + email.Wait + email.Talk;
        return email.End;
    }

    private long Sms(long t)
    {
        ref var sms = ref Add(Channel.Sms, Direction.Inbound, t, "sms");
        sms.Destination = Phone;
        sms.Agent = DigitalAgent();
        sms.Wait = Seconds(rng.Exponential(2 * Minute), 0, Hour);
        sms.Talk = Seconds(rng.LogNormal(150, 0.6), 20, 30 * Minute);
        sms.Wrap = Seconds(rng.LogNormal(20, 0.4), 5, 5 * Minute);
        var segments = 2;
        while (segments < 10 && !rng.Chance(0.4))
            segments++;
        sms.Units = segments;
        sms.End = t + sms.Wait + sms.Talk;
        return sms.End;
    }

    private long Notification(long t)
    {
        ref var sms = ref Add(Channel.Sms, Direction.Outbound, t, "sms");
        sms.Destination = Phone;
        var roll = rng.NextInt(100);
        sms.Units = roll < 75 ? 1 : roll < 93 ? 2 : 3;
        return t;
    }

    private long Social(long t)
    {
        ref var post = ref Add(Channel.Social, Direction.Inbound, t, "social");
        post.Agent = DigitalAgent();
        post.Wait = Seconds(rng.LogNormal(30 * Minute, 1.1), Minute, 24 * Hour);
        post.Talk = Seconds(rng.LogNormal(4 * Minute, 0.6), 30, Hour);
        post.Wrap = Seconds(rng.LogNormal(30, 0.4), 5, 10 * Minute);
        post.End = t + post.Wait + post.Talk;
        return post.End;
    }

    /// <summary>Talk, hold on some calls, and wrap-up of a call an agent took.</summary>
    private void Converse(ref PlannedInteraction call, double talkMedian)
    {
        call.Talk = Seconds(rng.LogNormal(talkMedian, 0.6), 20, 2 * Hour);
        call.Hold = rng.Chance(HoldShare) ? Seconds(rng.LogNormal(Minute, 0.7), 5, 30 * Minute) : 0;
        call.Wrap = Seconds(rng.LogNormal(40, 0.35), 5, 10 * Minute);
    }

    private string VoiceAgent() => voiceAgents[rng.NextInt(voiceAgents.Length)];

    private string DigitalAgent() => digitalAgents[rng.NextInt(digitalAgents.Length)];

    private string VoiceQueue() => voiceQueues[rng.NextInt(voiceQueues.Count)];

    /// <summary>From self-service (or social) to an agent channel: a minute or two.</summary>
    private long Handoff(long end) => end + Seconds(rng.LogNormal(90, 0.8), 10, 30 * Minute);

    /// <summary>A follow-up on the same need: hours later, at most two days.</summary>
    private long FollowUp(long end) => end + Seconds(rng.LogNormal(6 * Hour, 0.9), 30 * Minute, 48 * Hour);

    /// <summary>The customer answers the agent's e-mail: hours later, at most two days.</summary>
    private long EmailReply(long end) => end + Seconds(rng.LogNormal(5 * Hour, 0.9), 15 * Minute, 48 * Hour);

    /// <summary>Whole seconds, as real records have, within [min, max].</summary>
    private static int Seconds(double value, int min, int max) => (int)Math.Round(Math.Clamp(value, min, max));
}
