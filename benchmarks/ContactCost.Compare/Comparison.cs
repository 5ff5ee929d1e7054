namespace ContactCost.Compare;

/// <summary>One timed step: what ran, over how many rows, how long, and its peak memory when known.</summary>
internal sealed record Timing(string Step, string Engine, long Rows, double Seconds, long? PeakBytes)
{
    public double RowsPerSecond => Rows / Seconds;

    public static Timing Of(string step, string engine, long rows, ChildRun run) => new(step, engine, rows, run.Seconds, run.PeakBytes);

    public static Timing Of(string step, string engine, long rows, InProcessRun run) => new(step, engine, rows, run.Seconds, run.PeakBytes);
}

/// <summary>ContactCost against one baseline at the same step: the ratio ContactCost time / baseline time.</summary>
internal sealed record Ratio(string Step, string Baseline, double Value);

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
    IReadOnlyList<Timing> Timings,
    IReadOnlyList<Ratio> Ratios)
{
    /// <summary>The ratios of ContactCost's step to each other engine's at the same step.</summary>
    public static IReadOnlyList<Ratio> RatiosOf(IReadOnlyList<Timing> timings, string ours) =>
        timings.Where(t => t.Engine == ours)
            .SelectMany(o => timings.Where(t => t.Step == o.Step && t.Engine != ours).Select(b => new Ratio(o.Step, b.Engine, o.Seconds / b.Seconds)))
            .ToArray();
}
