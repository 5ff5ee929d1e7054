using ContactCost.Interactions;

namespace ContactCost.Simulation;

/// <summary>
/// The journeys customers take through the channels, with how often each happens. One episode is
/// one customer need; its steps are the interactions it takes, in order.
/// </summary>
internal static class EpisodePaths
{
    /// <summary>One step: the channel and direction, and how long after the previous step ended it starts.</summary>
    public readonly record struct Step(Channel Channel, Direction Direction, Gap Gap);

    /// <summary>The delay before a step, as a lognormal median in minutes and its spread.</summary>
    public readonly record struct Gap(double MedianMinutes, double Sigma)
    {
        public static Gap None => new(0, 0);
    }

    public sealed record Path(string Name, double Share, Step[] Steps);

    private static readonly Gap Minutes = new(3, 0.6);
    private static readonly Gap HalfHour = new(25, 0.8);
    private static readonly Gap Hours = new(8 * 60, 0.8);
    private static readonly Gap NextDay = new(20 * 60, 0.5);

    private static Step In(Channel channel, Gap gap) => new(channel, Direction.Inbound, gap);

    // Shares add up to 1. About a quarter of episodes cross channels; self-service contains a quarter on its own.
    public static readonly Path[] All =
    [
        new("self-service, contained", 0.25, [In(Channel.SelfService, Gap.None)]),
        new("self-service then chat", 0.07, [In(Channel.SelfService, Gap.None), In(Channel.Chat, Minutes)]),
        new("self-service then voice", 0.07, [In(Channel.SelfService, Gap.None), In(Channel.Voice, Minutes)]),
        new("self-service, chat, voice", 0.03, [In(Channel.SelfService, Gap.None), In(Channel.Chat, Minutes), In(Channel.Voice, HalfHour)]),
        new("voice", 0.22, [In(Channel.Voice, Gap.None)]),
        new("voice, repeat call", 0.04, [In(Channel.Voice, Gap.None), In(Channel.Voice, Hours)]),
        new("voice, e-mail follow-up", 0.03, [In(Channel.Voice, Gap.None), In(Channel.Email, Hours)]),
        new("chat", 0.08, [In(Channel.Chat, Gap.None)]),
        new("e-mail thread", 0.05, [In(Channel.Email, Gap.None), In(Channel.Email, NextDay)]),
        new("e-mail", 0.04, [In(Channel.Email, Gap.None)]),
        new("sms conversation", 0.03, [In(Channel.Sms, Gap.None)]),
        new("social then chat", 0.02, [In(Channel.Social, Gap.None), In(Channel.Chat, HalfHour)]),
        new("social", 0.03, [In(Channel.Social, Gap.None)]),
        new("outbound callback", 0.02, [new Step(Channel.Voice, Direction.Outbound, Gap.None)]),
        new("outbound sms notification", 0.02, [new Step(Channel.Sms, Direction.Outbound, Gap.None)]),
    ];

    private static readonly double[] Cumulative = All.Select(p => p.Share).ToArray().CumulativeSum();

    public static Path Pick(RandomSource random)
    {
        var u = random.NextDouble() * Cumulative[^1];
        var i = Array.BinarySearch(Cumulative, u);
        return All[i >= 0 ? Math.Min(i + 1, All.Length - 1) : ~i];
    }

    private static double[] CumulativeSum(this double[] values)
    {
        var sum = 0.0;
        for (var i = 0; i < values.Length; i++)
            values[i] = sum += values[i];
        return values;
    }
}
