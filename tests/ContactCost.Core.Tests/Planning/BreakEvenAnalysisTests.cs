using ContactCost.Interactions;
using ContactCost.Planning;

namespace ContactCost.Tests.Planning;

public class BreakEvenAnalysisTests
{
    private static readonly Dictionary<Channel, decimal> Mix = new() { [Channel.Voice] = 0.6m, [Channel.Chat] = 0.4m };

    [Fact]
    public void SeatsAgainstPayPerUse_CrossWhereHandComputed()
    {
        // Seats: 10 x 100 = 1,000 a month + 0.10 voice / 0.05 chat. Pay-per-use: 1.00 voice / 0.50 chat.
        var seats = new PricingPlan("seats", 1_000m, new Dictionary<Channel, decimal> { [Channel.Voice] = 0.10m, [Channel.Chat] = 0.05m });
        var use = new PricingPlan("use", 0m, new Dictionary<Channel, decimal> { [Channel.Voice] = 1.00m, [Channel.Chat] = 0.50m });
        var analysis = BreakEvenAnalysis.Of(new BreakEvenScenario("b", Currency.USD, seats, use, Mix, 4_000, 4));
        Assert.Equal(0.08m, analysis.SeatPerContact);
        Assert.Equal(0.80m, analysis.PayPerUsePerContact);
        Assert.Equal(1_388.89m, analysis.BreakEvenVolume); // 1,000 / 0.72
        Assert.Equal([0L, 1_000, 2_000, 3_000, 4_000], analysis.Curve.Select(p => p.Volume));
        Assert.Equal(1_080m, analysis.Curve[1].SeatPlan.Amount);
        Assert.Equal(800m, analysis.Curve[1].PayPerUse.Amount);
        Assert.Equal(["pay-per-use", "pay-per-use", "seats", "seats", "seats"], analysis.Curve.Select(p => p.Cheaper));
    }

    [Fact]
    public void PayPerUseCheaperPerContactAndFixed_NeverBreaksEven()
    {
        var seats = new PricingPlan("seats", 1_000m, new Dictionary<Channel, decimal> { [Channel.Voice] = 2m });
        var use = new PricingPlan("use", 0m, new Dictionary<Channel, decimal> { [Channel.Voice] = 1m, [Channel.Chat] = 1m });
        Assert.Null(BreakEvenAnalysis.Of(new BreakEvenScenario("b", Currency.USD, seats, use, Mix, 100, 2)).BreakEvenVolume);
    }

    [Fact]
    public void MixNotAddingUpToOne_IsRefused() =>
        Assert.Throws<ArgumentException>(() => new BreakEvenScenario("b", Currency.USD, new PricingPlan("s", 1m, new Dictionary<Channel, decimal>()),
            new PricingPlan("u", 0m, new Dictionary<Channel, decimal>()), new Dictionary<Channel, decimal> { [Channel.Voice] = 0.5m }, 10, 1));
}
