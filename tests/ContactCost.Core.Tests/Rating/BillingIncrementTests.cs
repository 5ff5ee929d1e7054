using ContactCost.Rating;
using CsCheck;

namespace ContactCost.Tests.Rating;

public class BillingIncrementTests
{
    // raw seconds, minimum, increment, billed seconds
    [Theory]
    [InlineData(0, 60, 60, 0)]
    [InlineData(1, 60, 60, 60)]
    [InlineData(60, 60, 60, 60)]
    [InlineData(61, 60, 60, 120)]
    [InlineData(119, 60, 60, 120)]
    [InlineData(121, 60, 60, 180)]
    [InlineData(61, 60, 6, 66)]
    [InlineData(66, 60, 6, 66)]
    [InlineData(67, 60, 6, 72)]
    [InlineData(7, 6, 6, 12)]
    [InlineData(5, 30, 6, 30)]
    [InlineData(31, 30, 6, 36)]
    [InlineData(61, 0, 1, 61)]
    [InlineData(61.2, 0, 1, 62)]
    [InlineData(61.2, 0, 0, 61.2)]
    public void Apply_RoundsUpToTheIncrementAboveTheMinimum(decimal raw, decimal minimum, decimal increment, decimal billed) =>
        Assert.Equal(billed, BillingIncrement.Of(minimum, increment).Apply(raw));

    [Fact]
    public void Of_NegativeValues_AreRefusedWithTheirName()
    {
        Assert.Equal("minimum", Assert.Throws<ArgumentOutOfRangeException>(() => BillingIncrement.Of(-1, 6)).ParamName);
        Assert.Equal("increment", Assert.Throws<ArgumentOutOfRangeException>(() => BillingIncrement.Of(0, -6)).ParamName);
    }

    [Fact]
    public void Apply_InWholeSeconds_GivesTheValueAndScaleOfTheDecimalDivision() =>
        // Whole numbers take an integer path; written with a scale (60.0, 127.00) they take the decimal one.
        Gen.Select(Gen.Int[0, 2_000_000_000], Gen.Int[0, 120], Gen.Int[1, 3600], Gen.Int[0, 2]).Sample((raw, minimum, increment, scale) =>
        {
            var scaled = raw * (scale == 0 ? 1m : scale == 1 ? 1.0m : 1.00m);
            var billed = BillingIncrement.Of(minimum, increment).Apply(scaled);
            var expected = scaled <= 0m ? 0m : scaled <= minimum ? (decimal)minimum : minimum + decimal.Ceiling((scaled - minimum) / increment) * increment;
            Assert.Equal(expected, billed);
            Assert.Equal(expected.Scale, billed.Scale);
        });

    [Fact]
    public void Apply_NeverBillsLessThanUsed_NorAWholeIncrementMore() =>
        Gen.Select(Gen.Int[0, 100_000], Gen.Int[0, 120], Gen.Int[1, 60]).Sample((raw, minimum, increment) =>
        {
            var billed = BillingIncrement.Of(minimum, increment).Apply(raw);
            return raw == 0
                ? billed == 0
                : billed >= raw && billed >= minimum && (billed == minimum || billed - raw < increment) && (billed - minimum) % increment == 0;
        });
}
