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

public class InteractionCosterPoolTests
{
    // The rule as first written, in decimals: the pool's integer path must give exactly this.
    private static long[] Reference(long totalMinor, decimal totalWeight, IEnumerable<decimal> weights)
    {
        decimal soFar = 0m;
        long given = 0;
        var shares = new List<long>();
        foreach (var weight in weights)
        {
            if (totalMinor == 0 || totalWeight == 0m || weight == 0m)
            {
                shares.Add(0);
                continue;
            }

            soFar += weight;
            var target = decimal.ToInt64(decimal.Round(totalMinor * (soFar / totalWeight), MidpointRounding.AwayFromZero));
            shares.Add(target - given);
            given = target;
        }

        return [.. shares];
    }

    private static long[] Taken(long totalMinor, decimal totalWeight, IEnumerable<decimal> weights)
    {
        var pool = new InteractionCoster.Pool(totalMinor, totalWeight, byHandleTime: true);
        return [.. weights.Select(pool.Take)];
    }

    // Handle times in milliseconds as seconds, some divided by a concurrency (which gives 28-digit decimals).
    private static readonly Gen<decimal> AWeight =
        Gen.Select(Gen.Long[0, 7_200_000], Gen.Int[1, 4]).Select((ms, concurrency) => ms / 1000m / (concurrency == 4 ? 2.5m : concurrency));

    [Fact]
    public void Shares_AreTheDecimalRulesToTheMinorUnit_WhateverTheWeights() =>
        Gen.Select(Gen.Long[0, 5_000_000_000], AWeight.Array[1, 200]).Sample((totalMinor, weights) =>
        {
            // The pool's total weight is the weights' sum, as in a report, or a round figure that puts targets on halves.
            var sum = weights.Sum();
            foreach (var totalWeight in new[] { sum, 2m, 7m, 0.001m })
                Assert.Equal(Reference(totalMinor, totalWeight, weights), Taken(totalMinor, totalWeight, weights));
        });

    [Theory]
    [InlineData(3, 2, new[] { 1 })] // 1.5 exactly: away from zero gives 2
    [InlineData(5, 4, new[] { 1, 1, 1, 1 })] // 1.25, 2.5, 3.75, 5
    [InlineData(1, 3, new[] { 1, 1, 1 })] // thirds
    [InlineData(9_999_999_999_999, 1, new[] { 1 })] // the integer path's limit
    [InlineData(100_000_000_000_000, 3, new[] { 1, 1, 1 })] // beyond it: the decimal rule
    public void Halves_Thirds_AndLargeTotals_AreTheDecimalRules(long totalMinor, int totalWeight, int[] weights)
    {
        var asDecimals = weights.Select(w => (decimal)w).ToArray();
        Assert.Equal(Reference(totalMinor, totalWeight, asDecimals), Taken(totalMinor, totalWeight, asDecimals));
    }
}
