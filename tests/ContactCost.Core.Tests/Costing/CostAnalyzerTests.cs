using ContactCost.Costing;
using ContactCost.Interactions;
using ContactCost.Periods;
using CsCheck;

namespace ContactCost.Tests.Costing;

public class CostAnalyzerTests
{
    private static readonly ReportingPeriod October = ReportingPeriod.Month(2026, 10);
    private static readonly DateTimeOffset Start = new(2026, 10, 5, 12, 0, 0, TimeSpan.Zero);

    private static readonly CostModel Model = new(
        Currency.USD,
        [new AgentGroup("voice", [Channel.Voice], 1m, 20m, 0m, 160m)],
        [new MonthlyCost("rent", 1000m)],
        new Dictionary<Channel, decimal>(),
        CostDriver.HandleTime);

    [Fact]
    public void NumberedQueuesAndAgents_GroupExactlyAsTheirNames() =>
        // Queues and agents from small sets, some missing: the spill numbers them in the order first seen.
        Gen.Select(Gen.Int[-1, 4], Gen.Int[-1, 30], Gen.Int[0, 600_000]).Array[1, 200].Sample(contacts =>
        {
            var calls = contacts.Select((c, i) => new Interaction($"v{i}", Channel.Voice, Start.AddSeconds(i))
            {
                Talk = TimeSpan.FromMilliseconds(c.Item3),
                Queue = c.Item1 < 0 ? null : $"Q{c.Item1}",
                Agent = c.Item2 < 0 ? null : $"A{c.Item2}",
            }).ToArray();
            var activity = new ChannelActivity(
                Channel.Voice, calls.Length, calls.Count(i => i.IsHandled), 0, calls.Sum(i => (i.HandleTime.Ticks / TimeSpan.TicksPerMillisecond) / 1000m), 0m, 0, 0, 0);
            var report = CostReport.Compute(October, TimeZoneInfo.Utc, Model, null, [activity]);

            var queueNumbers = new Dictionary<string, int>();
            var agentNumbers = new Dictionary<string, int>();
            int NumberOf(Dictionary<string, int> numbers, string? name) =>
                name is null ? 0 : numbers.TryGetValue(name, out var n) ? n : numbers[name] = numbers.Count + 1;

            using var byName = new CostAnalyzer(report, Model, TimeZoneInfo.Utc, TimeSpan.FromHours(72), followLinks: false);
            using var byNumber = new CostAnalyzer(report, Model, TimeZoneInfo.Utc, TimeSpan.FromHours(72), followLinks: false);
            var zero = ContactCost.Money.Zero(Currency.USD);
            foreach (var call in calls)
            {
                byName.Add(ContactFacts.Of(call), zero);
                byNumber.Add(ContactFacts.Of(call) with { QueueNumber = NumberOf(queueNumbers, call.Queue), AgentNumber = NumberOf(agentNumbers, call.Agent) }, zero);
            }

            var (named, numbered) = (byName.Finish(), byNumber.Finish());
            Assert.Equal(named.ByQueue, numbered.ByQueue);
            Assert.Equal(named.ByAgent, numbered.ByAgent);
            Assert.Equal(calls.Length, numbered.ByAgent.Sum(g => g.Contacts));
        });
}
