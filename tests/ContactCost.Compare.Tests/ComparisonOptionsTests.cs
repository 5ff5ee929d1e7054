namespace ContactCost.Compare.Tests;

public class ComparisonOptionsTests
{
    [Fact]
    public void ByDefault_TenMillionRows_InThreeRounds()
    {
        var options = ComparisonOptions.Parse([])!;

        Assert.Equal(10_000_000, options.Rows);
        Assert.Equal(3, options.Rounds);
        Assert.Equal(270.28m, options.Scale);
    }

    [Theory]
    [InlineData("1", 1)]
    [InlineData("5", 5)]
    [InlineData("100", 100)]
    public void Rounds_AreTaken(string given, int rounds) =>
        Assert.Equal(rounds, ComparisonOptions.Parse(["--rounds", given])!.Rounds);

    [Theory]
    [InlineData("0")]
    [InlineData("-2")]
    [InlineData("101")]
    [InlineData("three")]
    [InlineData("2.5")]
    public void Rounds_OutOfRange_AreBadUsage(string given)
    {
        var e = Assert.Throws<UsageException>(() => ComparisonOptions.Parse(["--rounds", given]));
        Assert.Contains($"'{given}'", e.Message, StringComparison.Ordinal);
    }
}
