using ContactCost.Simulation;
using CsCheck;

namespace ContactCost.Tests.Simulation;

public class PrngTests
{
    [Fact]
    public void Ln_agrees_with_the_platform_logarithm() =>
        Gen.Double[1e-300, 1e300].Sample(x =>
            Math.Abs(Prng.Ln(x) - Math.Log(x)) <= 1e-14 * Math.Max(1, Math.Abs(Math.Log(x))), iter: 10_000);

    [Fact]
    public void Ln_is_exact_near_one_where_the_series_is_used() =>
        Gen.Double[0.5, 2].Sample(x => Math.Abs(Prng.Ln(x) - Math.Log(x)) <= 2e-16, iter: 10_000);

    [Fact]
    public void Exp_agrees_with_the_platform_exponential() =>
        Gen.Double[-700, 700].Sample(x => Math.Abs(Prng.Exp(x) - Math.Exp(x)) <= 1e-13 * Math.Exp(x), iter: 10_000);

    [Fact]
    public void The_same_seed_gives_the_same_sequence() =>
        Gen.ULong.Sample(seed =>
        {
            var a = new Prng(seed);
            var b = new Prng(seed);
            for (var i = 0; i < 100; i++)
            {
                if (a.NextULong() != b.NextULong() || a.Normal() != b.Normal())
                    return false;
            }

            return true;
        }, iter: 100);

    [Fact]
    public void Uniform_draws_stay_in_range() =>
        Gen.Select(Gen.ULong, Gen.Int[1, 1000]).Sample((seed, n) =>
        {
            var rng = new Prng(seed);
            for (var i = 0; i < 200; i++)
            {
                var u = rng.NextDouble();
                var k = rng.NextInt(n);
                if (u is < 0 or >= 1 || k < 0 || k >= n)
                    return false;
            }

            return true;
        }, iter: 200);

    [Fact]
    public void Draws_have_the_asked_mean_and_median()
    {
        var rng = new Prng(2026);
        const int draws = 200_000;
        var exponential = 0.0;
        var lognormal = new double[draws];
        for (var i = 0; i < draws; i++)
        {
            exponential += rng.Exponential(90);
            lognormal[i] = rng.LogNormal(270, 0.6);
        }

        Array.Sort(lognormal);
        Assert.InRange(exponential / draws, 89, 91);
        Assert.InRange(lognormal[draws / 2], 267, 273);
    }
}
