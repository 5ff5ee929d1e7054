using ContactCost.Costing;
using ContactCost.Interactions;
using ContactCost.Periods;
using CsCheck;

namespace ContactCost.Tests.Costing;

public class InteractionCosterTests
{
    private static readonly ReportingPeriod October = ReportingPeriod.Month(2026, 10);
    private static readonly DateTimeOffset Start = new(2026, 10, 5, 12, 0, 0, TimeSpan.Zero);

    private static readonly CostModel Model = new(
        Currency.USD,
        [new AgentGroup("voice", [Channel.Voice], 1m, 20m, 0m, 160m), new AgentGroup("digital", [Channel.Chat], 1m, 18m, 0m, 160m)],
        [new MonthlyCost("rent", 1000m)],
        new Dictionary<Channel, decimal> { [Channel.Chat] = 2m },
        CostDriver.HandleTime);

    private static ChannelActivity Activity(Channel channel, IReadOnlyCollection<Interaction> interactions) => new(
        channel, interactions.Count, interactions.Count(i => i.IsHandled), 0,
        interactions.Sum(i => (i.HandleTime.Ticks / TimeSpan.TicksPerMillisecond) / 1000m), 0m, 0, 0, 0);

    [Fact]
    public void HandComputed_TwoCallsAndASelfServiceSession()
    {
        // Voice labour 3,200.00 by handle 100 s / 300 s: 800.00 and 2,400.00. Rent 1,000.00 by handle
        // time: voice only (self-service has none): 250.00 and 750.00.
        var calls = new[]
        {
            new Interaction("a", Channel.Voice, Start) { Talk = TimeSpan.FromSeconds(100), Agent = "A1" },
            new Interaction("b", Channel.Voice, Start.AddMinutes(1)) { Talk = TimeSpan.FromSeconds(300), Agent = "A1" },
        };
        var session = new Interaction("s", Channel.SelfService, Start.AddMinutes(2));
        var voiceOnly = new CostModel(Currency.USD, [Model.AgentGroups[0]], Model.Overhead, Model.Concurrency, CostDriver.HandleTime);
        var report = CostReport.Compute(October, TimeZoneInfo.Utc, voiceOnly, null, [Activity(Channel.Voice, calls), Activity(Channel.SelfService, [session])]);
        var coster = new InteractionCoster(report, voiceOnly);
        var usd = ContactCost.Money.Zero(Currency.USD);
        Assert.Equal((800m, 250m), Figures(coster.CostOf(calls[0], usd)));
        Assert.Equal((2400m, 750m), Figures(coster.CostOf(calls[1], usd)));
        Assert.Equal((0m, 0m), Figures(coster.CostOf(session, new ContactCost.Money(0.05m, Currency.USD))));
        Assert.Equal(0.05m, coster.CostOf(session, new ContactCost.Money(0.05m, Currency.USD)).Total.Amount);
    }

    [Fact]
    public void SharesAddUpToTheChannelCost_ExactlyToTheCent_AndEachIsWithinACentOfExact() =>
        Gen.Select(Gen.Int[0, 3_600_000].Array[1, 300], Gen.Int[0, 3_600_000].Array[1, 300]).Sample((voiceMs, chatMs) =>
        {
            var calls = voiceMs.Select((ms, i) => new Interaction($"v{i}", Channel.Voice, Start.AddSeconds(i)) { Talk = TimeSpan.FromMilliseconds(ms) }).ToArray();
            var chats = chatMs.Select((ms, i) => new Interaction($"c{i}", Channel.Chat, Start.AddSeconds(i)) { Talk = TimeSpan.FromMilliseconds(ms) }).ToArray();
            var report = CostReport.Compute(October, TimeZoneInfo.Utc, Model, null, [Activity(Channel.Voice, calls), Activity(Channel.Chat, chats)]);
            var coster = new InteractionCoster(report, Model);
            var zero = ContactCost.Money.Zero(Currency.USD);
            foreach (var (channel, items) in new[] { (Channel.Voice, calls), (Channel.Chat, chats) })
            {
                var channelCost = report.Channels.Single(c => c.Channel == channel);
                var costs = items.Select(i => coster.CostOf(i, zero)).ToArray();
                if (costs.Sum(c => c.Labour.Amount) != channelCost.Labour.Amount || costs.Sum(c => c.Shared.Amount) != channelCost.Fixed.Amount)
                    return false;
                var weightTotal = items.Sum(i => (decimal)i.HandleTime.TotalMilliseconds);
                for (var k = 0; k < items.Length && weightTotal > 0; k++)
                {
                    var exact = channelCost.Labour.Amount * (decimal)items[k].HandleTime.TotalMilliseconds / weightTotal;
                    if (Math.Abs(costs[k].Labour.Amount - exact) > 0.01m)
                        return false;
                }
            }

            return true;
        }, iter: 200);

    private static (decimal Labour, decimal Shared) Figures(InteractionCost cost) => (cost.Labour.Amount, cost.Shared.Amount);
}
