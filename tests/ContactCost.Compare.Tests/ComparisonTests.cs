namespace ContactCost.Compare.Tests;

public class ComparisonTests
{
    [Theory]
    [InlineData(new[] { 4.0 }, 4.0)]
    [InlineData(new[] { 3.0, 1.0, 2.0 }, 2.0)]
    [InlineData(new[] { 12.45, 16.04, 17.23 }, 16.04)]
    [InlineData(new[] { 4.0, 1.0, 3.0, 2.0 }, 2.5)]
    [InlineData(new[] { 5.0, 5.0, 9.0 }, 5.0)]
    public void Median_IsTheMiddleRound(double[] rounds, double median) =>
        Assert.Equal(median, Timing.Median(rounds), 12);

    [Fact]
    public void Median_OfNoRounds_IsRefused() =>
        Assert.Throws<ArgumentException>(() => Timing.Median([]));

    [Fact]
    public void ARatio_IsTheMedianOfTheRoundsRatios_NotTheRatioOfTheMedians()
    {
        // Round by round: 10/5 = 2, 30/10 = 3, 12/3 = 4; medians alone would give 12/5 = 2.4.
        var timings = new[]
        {
            new Timing("report", "ContactCost", 1_000, [10.0, 30.0, 12.0], 100),
            new Timing("report", "DuckDB", 1_000, [5.0, 10.0, 3.0], 50),
        };

        var ratio = Assert.Single(Comparison.RatiosOf(timings, "ContactCost"));

        Assert.Equal(("report", "DuckDB"), (ratio.Step, ratio.Baseline));
        Assert.Equal(3.0, ratio.Value, 12);
        Assert.Equal(2.0, ratio.Lowest, 12);
        Assert.Equal(4.0, ratio.Highest, 12);
    }

    [Fact]
    public void Ratios_PairEachStepWithEveryOtherEngineAtThatStep()
    {
        var timings = new[]
        {
            new Timing("generate", "ContactCost", 10, [1.0], null),
            new Timing("import", "ContactCost", 10, [6.0], null),
            new Timing("import", "sqlite3 .import", 10, [3.0], null),
            new Timing("import", "DuckDB", 10, [2.0], null),
        };

        var ratios = Comparison.RatiosOf(timings, "ContactCost");

        Assert.Equal([("import", "sqlite3 .import", 2.0), ("import", "DuckDB", 3.0)], ratios.Select(r => (r.Step, r.Baseline, r.Value)));
    }

    [Fact]
    public void Ratios_OfStepsWithDifferentRounds_AreRefused()
    {
        var timings = new[]
        {
            new Timing("import", "ContactCost", 10, [6.0, 7.0], null),
            new Timing("import", "DuckDB", 10, [2.0], null),
        };

        Assert.Throws<ArgumentException>(() => Comparison.RatiosOf(timings, "ContactCost"));
    }

    [Fact]
    public void Measurements_KeepEveryRound_AndTheLargestPeak()
    {
        var measured = new Measurements(rows: 500);
        measured.Add("import", "ContactCost", new InProcessRun(2.0, 300));
        measured.Add("import", "DuckDB", new InProcessRun(1.0, null));
        measured.Add("import", "ContactCost", new InProcessRun(3.0, 700));
        measured.Add("import", "DuckDB", new InProcessRun(1.5, 10));

        var timings = measured.Timings();

        Assert.Equal(2, timings.Count);
        Assert.Equal([2.0, 3.0], timings[0].Rounds);
        Assert.Equal(700, timings[0].PeakBytes);
        Assert.Equal(500, timings[0].Rows);
        Assert.Null(timings[1].PeakBytes); // one round's peak unknown: no peak claimed
    }
}
