namespace ContactCost.Staffing;

/// <summary>Offered traffic of one interval: how many contacts arrive and how long each takes to handle.</summary>
public sealed record Traffic
{
    /// <summary>Traffic of <paramref name="volume"/> contacts in <paramref name="interval"/>, each handled in <paramref name="handleTime"/> on average.</summary>
    public Traffic(double volume, TimeSpan interval, TimeSpan handleTime)
    {
        if (!(volume >= 0) || double.IsInfinity(volume))
            throw new ArgumentOutOfRangeException(nameof(volume), volume, "The volume is a number of contacts, 0 or more.");
        if (interval <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(interval), interval, "The interval must be longer than zero.");
        if (handleTime <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(handleTime), handleTime, "The average handle time must be longer than zero.");
        Volume = volume;
        Interval = interval;
        HandleTime = handleTime;
    }

    /// <summary>Contacts arriving in the interval.</summary>
    public double Volume { get; }

    /// <summary>The length of the interval.</summary>
    public TimeSpan Interval { get; }

    /// <summary>The average handle time (talk + hold + wrap).</summary>
    public TimeSpan HandleTime { get; }

    /// <summary>Arrivals per second.</summary>
    public double ArrivalRate => Volume / Interval.TotalSeconds;

    /// <summary>Offered load in erlangs: arrival rate × handle time.</summary>
    public double Erlangs => ArrivalRate * HandleTime.TotalSeconds;
}
