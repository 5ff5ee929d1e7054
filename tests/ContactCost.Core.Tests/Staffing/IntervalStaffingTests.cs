using ContactCost.Costing;
using ContactCost.Interactions;
using ContactCost.Staffing;

namespace ContactCost.Tests.Staffing;

public class IntervalStaffingTests
{
    private static readonly CostModel Model = new(Currency.USD,
        [new AgentGroup("voice", [Channel.Voice], 10m, 20m, 0.3m, 160m)], [], new Dictionary<Channel, decimal>(), CostDriver.HandleTime);

    [Fact]
    public void EveryRow_IsStaffedAndPricedAtTheGroupsLoadedWage()
    {
        var start = new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
        var template = new StaffingRequest(new Traffic(1, TimeSpan.FromMinutes(30), TimeSpan.FromSeconds(1)), new ServiceLevelTarget(0.8, TimeSpan.FromSeconds(20)))
        {
            Shrinkage = 0.3m,
        };
        var plan = IntervalStaffing.Plan(
            [new ForecastInterval(start, Channel.Voice, 100, TimeSpan.FromSeconds(180)), new ForecastInterval(start, Channel.Chat, 10, TimeSpan.FromSeconds(300))],
            TimeSpan.FromMinutes(30), template, Model);
        Assert.Equal((14, 20), (plan[0].Result.Agents, plan[0].Scheduled));
        Assert.Equal(new Money(260m, Currency.USD), plan[0].StaffCost); // 20 x 0.5 h x 20 x 1.3
        Assert.Null(plan[1].StaffCost); // no group works chat
    }

    [Fact]
    public void Cost_RoundsHalfUpToTheCent() =>
        Assert.Equal(new Money(4.33m, Currency.USD), IntervalStaffing.Cost(Model, Channel.Voice, 1, TimeSpan.FromMinutes(10))); // 26 / 6 = 4.333
}
