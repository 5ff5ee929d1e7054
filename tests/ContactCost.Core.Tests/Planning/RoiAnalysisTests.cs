using ContactCost.Planning;
using CsCheck;

namespace ContactCost.Tests.Planning;

public class RoiAnalysisTests
{
    private static RoiScenario Scenario(int months, decimal rate, CashFlowItem[] investment, CashFlowItem[] costs, CashFlowItem[] gains) =>
        new("test", Currency.USD, months, rate, investment, costs, gains);

    [Fact]
    public void Invest10000Gain15000_Is50Percent_PaybackInMonth12_Irr50Percent()
    {
        var roi = RoiAnalysis.Of(Scenario(12, 0m, [CashFlowItem.Once("platform", 10_000m, 0)], [], [CashFlowItem.Once("savings", 15_000m, 12)]));
        Assert.Equal(50m, roi.RoiPercent);
        Assert.Equal(12, roi.PaybackMonth);
        Assert.Equal(5_000m, roi.NetPresentValue.Amount);
        Assert.Equal(0.5, roi.InternalRateOfReturn!.Value, 9);
    }

    [Fact]
    public void MonthlyGains_HandComputed()
    {
        // -12,000 today, then +1,000 - 100 a month for 24 months.
        var roi = RoiAnalysis.Of(Scenario(24, 0.12m, [CashFlowItem.Once("kit", 12_000m, 0)], [new CashFlowItem("licence", 100m, 1, 24)], [new CashFlowItem("savings", 1_000m, 1, 24)]));
        Assert.Equal(24_000m, roi.Gains.Amount);
        Assert.Equal(2_400m, roi.Costs.Amount);
        Assert.Equal(80m, roi.RoiPercent); // (24,000 - 12,000 - 2,400) / 12,000
        Assert.Equal(14, roi.PaybackMonth); // 14 x 900 = 12,600 ≥ 12,000 > 13 x 900
        var npv = -12_000.0;
        for (var m = 1; m <= 24; m++)
            npv += 900 / Math.Pow(1.12, m / 12.0);
        Assert.Equal(Math.Round(npv, 2), (double)roi.NetPresentValue.Amount, 2);
        Assert.True(Math.Abs(Discounting.PresentValue(roi.Months.Select(m => m.Net.Amount).ToArray(), roi.InternalRateOfReturn!.Value)) < 1e-6);
    }

    [Fact]
    public void CumulativeThatDipsAgain_PaysBackOnlyWhenItStaysPositive()
    {
        var roi = RoiAnalysis.Of(Scenario(4, 0m, [CashFlowItem.Once("a", 100m, 0), CashFlowItem.Once("b", 300m, 3)], [],
            [CashFlowItem.Once("g1", 150m, 1), CashFlowItem.Once("g2", 400m, 4)]));
        Assert.Equal(4, roi.PaybackMonth);
    }

    [Fact]
    public void NeverPaysBack_HasNoPaybackAndNegativeRoi()
    {
        var roi = RoiAnalysis.Of(Scenario(6, 0m, [CashFlowItem.Once("a", 1_000m, 0)], [], [new CashFlowItem("g", 100m, 1, 6)]));
        Assert.Null(roi.PaybackMonth);
        Assert.Equal(-40m, roi.RoiPercent);
        Assert.True(roi.InternalRateOfReturn < 0);
    }

    [Fact]
    public void MonthsAddUpToTheTotals() =>
        Gen.Select(Gen.Int[1, 60], Gen.Int[1, 100_000_00], Gen.Int[0, 5_000_00].Array[1, 4]).Sample((months, investCents, gainCents) =>
        {
            var gains = gainCents.Select((c, i) => new CashFlowItem($"g{i}", c / 100m / 3m, 1, months)).ToArray();
            var roi = RoiAnalysis.Of(Scenario(months, 0.05m, [CashFlowItem.Once("i", investCents / 100m, 0)], [], gains));
            return roi.Months.Select(m => m.Net).Sum(Currency.USD) == roi.Net && roi.Months[^1].Cumulative == roi.Net;
        });

    [Fact]
    public void NoInvestment_IsRefused() =>
        Assert.Throws<ArgumentException>(() => Scenario(12, 0m, [], [], [CashFlowItem.Once("g", 1m, 1)]));
}
