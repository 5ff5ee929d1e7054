namespace ContactCost.Compare;

/// <summary>
/// One step of one engine over every round: what ran, over how many rows, each round's seconds, and the
/// largest peak memory of the rounds when known. The figure read is the median round.
/// </summary>
internal sealed record Timing(string Step, string Engine, long Rows, IReadOnlyList<double> Rounds, long? PeakBytes)
{
    /// <summary>The median round's seconds (the mean of the middle two for an even number of rounds).</summary>
    public double Seconds => Median(Rounds);

    public double Fastest => Rounds.Min();

    public double Slowest => Rounds.Max();

    public double RowsPerSecond => Rows / Seconds;

    public static double Median(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
            throw new ArgumentException("A median needs at least one value.", nameof(values));
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}

/// <summary>
/// ContactCost against one baseline at the same step: ContactCost's time / the baseline's, taken round by
/// round (the two ran back to back, so a busy moment of the machine weighs on both), then their median.
/// </summary>
internal sealed record Ratio(string Step, string Baseline, double Value, double Lowest, double Highest);

/// <summary>Everything one run measured, ready to print or to write.</summary>
internal sealed record Comparison(
    DateTimeOffset RunAt,
    string Machine,
    long Rows,
    decimal Scale,
    string Period,
    long RowsInPeriod,
    IReadOnlyDictionary<string, decimal> UsageByChannel,
    decimal TotalUsage,
    int Rounds,
    IReadOnlyList<Timing> Timings,
    IReadOnlyList<Ratio> Ratios)
{
    /// <summary>The ratios of ContactCost's step to each other engine's at the same step, round by round.</summary>
    public static IReadOnlyList<Ratio> RatiosOf(IReadOnlyList<Timing> timings, string ours) =>
        timings.Where(t => t.Engine == ours)
            .SelectMany(o => timings.Where(t => t.Step == o.Step && t.Engine != ours).Select(b => RatioOf(o, b)))
            .ToArray();

    private static Ratio RatioOf(Timing ours, Timing baseline)
    {
        if (ours.Rounds.Count != baseline.Rounds.Count)
            throw new ArgumentException($"{ours.Step}: {ours.Engine} ran {ours.Rounds.Count} rounds, {baseline.Engine} {baseline.Rounds.Count}.");
        var byRound = ours.Rounds.Zip(baseline.Rounds, (o, b) => o / b).ToArray();
        return new Ratio(ours.Step, baseline.Engine, Timing.Median(byRound), byRound.Min(), byRound.Max());
    }
}

/// <summary>The rounds measured so far, by step and engine, in the order first measured.</summary>
internal sealed class Measurements(long rows)
{
    private readonly List<(string Step, string Engine, List<double> Seconds, List<long?> Peaks)> steps = [];

    public void Add(string step, string engine, ChildRun run) => Add(step, engine, run.Seconds, run.PeakBytes);

    public void Add(string step, string engine, InProcessRun run) => Add(step, engine, run.Seconds, run.PeakBytes);

    /// <summary>One timing per step and engine, over all the rounds added.</summary>
    public IReadOnlyList<Timing> Timings() =>
        steps.Select(s => new Timing(s.Step, s.Engine, rows, s.Seconds.ToArray(), s.Peaks.Any(p => p is null) ? null : s.Peaks.Max())).ToArray();

    private void Add(string step, string engine, double seconds, long? peak)
    {
        var index = steps.FindIndex(s => s.Step == step && s.Engine == engine);
        if (index < 0)
        {
            steps.Add((step, engine, [], []));
            index = steps.Count - 1;
        }

        steps[index].Seconds.Add(seconds);
        steps[index].Peaks.Add(peak);
    }
}
