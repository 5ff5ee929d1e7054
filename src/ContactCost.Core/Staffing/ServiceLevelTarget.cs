namespace ContactCost.Staffing;

/// <summary>A service-level goal: a share of calls answered within a time, such as 80% in 20 seconds.</summary>
public readonly record struct ServiceLevelTarget
{
    /// <summary>A goal of <paramref name="fraction"/> (above 0, below 1) answered within <paramref name="answerWithin"/> (0 or more).</summary>
    public ServiceLevelTarget(double fraction, TimeSpan answerWithin)
    {
        if (!(fraction > 0 && fraction < 1))
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "The service-level target is a fraction above 0 and below 1 (0.8 is 80%).");
        if (answerWithin < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(answerWithin), answerWithin, "The answer time must not be negative.");
        Fraction = fraction;
        AnswerWithin = answerWithin;
    }

    /// <summary>The share of calls to answer in time (0.8 is 80%).</summary>
    public double Fraction { get; }

    /// <summary>The time within which they must be answered.</summary>
    public TimeSpan AnswerWithin { get; }
}
