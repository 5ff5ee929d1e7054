using CsCheck;

namespace ContactCost.Tests;

public class LargestRemainderTests
{
    private static Money Usd(decimal amount) => new(amount, Currency.USD);

    [Fact]
    public void Split_TenCentsThreeWays_GivesTheExtraCentToTheFirst()
    {
        var shares = LargestRemainder.Split(Usd(0.10m), [1m, 1m, 1m]);
        Assert.Equal([0.04m, 0.03m, 0.03m], shares.Select(s => s.Amount));
    }

    [Fact]
    public void Split_ByHandleTime_MatchesHandComputation()
    {
        // 1000.00 by 3,600 s / 1,800 s / 0 s: exactly 666.666.. and 333.333.. -> the larger fraction gets the cent.
        var shares = LargestRemainder.Split(Usd(1000.00m), [3600m, 1800m, 0m]);
        Assert.Equal([666.67m, 333.33m, 0m], shares.Select(s => s.Amount));
    }

    [Fact]
    public void Split_NegativeTotal_MirrorsThePositiveSplit()
    {
        var shares = LargestRemainder.Split(Usd(-0.10m), [1m, 1m, 1m]);
        Assert.Equal([-0.04m, -0.03m, -0.03m], shares.Select(s => s.Amount));
    }

    [Fact]
    public void Split_UnroundedTotal_IsRefused() =>
        Assert.Throws<ArgumentException>(() => LargestRemainder.Split(Usd(1.005m), [1m]));

    [Fact]
    public void Split_AllWeightsZero_IsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => LargestRemainder.Split(Usd(1m), [0m, 0m]));
        Assert.Contains("every weight is zero", error.Message);
    }

    [Fact]
    public void Split_NeverCreatesOrLosesACent_AndEachShareIsWithinACentOfExact()
    {
        var weights = Gen.Decimal[0m, 10_000m].Select(w => decimal.Round(w, 3)).Array[1, 12].Where(ws => ws.Any(w => w > 0m));
        Gen.Select(Gen.Long[-10_000_000, 10_000_000], weights).Sample((cents, ws) =>
        {
            var total = Money.FromMinorUnits(cents, Currency.USD);
            var shares = LargestRemainder.Split(total, ws);
            var sum = shares.Select(s => s.Amount).Sum();
            var weightSum = ws.Sum();
            return sum == total.Amount
                && shares.All(s => s.IsRounded)
                && shares.Select((s, i) => Math.Abs(s.Amount - total.Amount * ws[i] / weightSum) < 0.01m).All(ok => ok)
                && shares.Select((s, i) => ws[i] == 0m ? s.IsZero : true).All(ok => ok);
        });
    }
}
