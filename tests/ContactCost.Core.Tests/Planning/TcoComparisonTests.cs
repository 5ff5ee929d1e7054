using ContactCost.Planning;

namespace ContactCost.Tests.Planning;

public class TcoComparisonTests
{
    [Fact]
    public void EveryBasis_HandComputed_WithPresentValue()
    {
        var deployment = new Deployment("d", DeploymentKind.Cloud, Agents: 10m, Seats: 12m, MinutesPerYear: 100_000m,
        [
            new TcoItem("kit", CostBasis.UpFront, 1_000m),
            new TcoItem("licence", CostBasis.PerSeatPerMonth, 50m),      // 12 x 50 x 12 = 7,200 a year
            new TcoItem("storage", CostBasis.PerAgentPerYear, 100m),     // 1,000 a year
            new TcoItem("telephony", CostBasis.PerMinute, 0.0125m),      // 1,250 a year
            new TcoItem("maintenance", CostBasis.PerYear, 550m),
        ]);
        var result = TcoComparison.Of(new TcoScenario("t", Currency.USD, 2, 0.10m, [deployment])).Deployments[0];
        Assert.Equal([1_000m, 10_000m, 10_000m], result.Years.Select(y => y.Total.Amount));
        Assert.Equal(21_000m, result.Total.Amount);
        // 1,000 + 10,000 / 1.1 + 10,000 / 1.21 = 1,000 + 9,090.91 + 8,264.46
        Assert.Equal(18_355.37m, result.PresentValue.Amount);
        Assert.Equal(7_200m * 2, result.Items[1].Total.Amount);
    }

    [Fact]
    public void Cheapest_IsTheLowestPresentValue_NotTheLowestTotal()
    {
        // Pay now (cheaper in total) against pay later (cheaper today at 20%).
        var now = new Deployment("now", DeploymentKind.OnPremises, 1m, 1m, 0m, [new TcoItem("all", CostBasis.UpFront, 1_000m)]);
        var later = new Deployment("later", DeploymentKind.Cloud, 1m, 1m, 0m, [new TcoItem("yearly", CostBasis.PerYear, 210m)]);
        var comparison = TcoComparison.Of(new TcoScenario("t", Currency.USD, 5, 0.20m, [now, later]));
        Assert.True(comparison.Deployments[1].Total.Amount > 1_000m);
        Assert.Equal("later", comparison.Cheapest.Deployment.Name);
    }

    [Fact]
    public void FractionalCents_AreRoundedOncePerItemPerYear_AndStillAddUp()
    {
        var d = new Deployment("d", DeploymentKind.Hybrid, 3m, 3m, 333m, [new TcoItem("odd", CostBasis.PerMinute, 0.00333m), new TcoItem("third", CostBasis.PerAgentPerYear, 0.3333m)]);
        var result = TcoComparison.Of(new TcoScenario("t", Currency.USD, 3, 0.07m, [d])).Deployments[0];
        Assert.All(result.Years, y => Assert.True(y.Total.IsRounded && y.PresentValue.IsRounded));
        Assert.Equal(result.Items.Select(i => i.Total).Sum(Currency.USD), result.Total);
    }
}
