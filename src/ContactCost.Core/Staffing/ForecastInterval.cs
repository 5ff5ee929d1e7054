using ContactCost.Interactions;

namespace ContactCost.Staffing;

/// <summary>One row of a volume forecast: the contacts expected on a channel in an interval, and their handle time.</summary>
public sealed record ForecastInterval
{
    /// <summary>A forecast of <paramref name="volume"/> contacts (0 or more) on <paramref name="channel"/> from <paramref name="start"/>, each handled in <paramref name="handleTime"/>.</summary>
    public ForecastInterval(DateTimeOffset start, Channel channel, double volume, TimeSpan handleTime)
    {
        if (!(volume >= 0) || double.IsInfinity(volume))
            throw new ArgumentOutOfRangeException(nameof(volume), volume, "The forecast volume is a number of contacts, 0 or more.");
        if (handleTime <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(handleTime), handleTime, "The average handle time must be longer than zero.");
        Start = start;
        Channel = channel;
        Volume = volume;
        HandleTime = handleTime;
    }

    /// <summary>When the interval starts.</summary>
    public DateTimeOffset Start { get; }

    /// <summary>The channel.</summary>
    public Channel Channel { get; }

    /// <summary>Contacts expected in the interval.</summary>
    public double Volume { get; }

    /// <summary>Their average handle time.</summary>
    public TimeSpan HandleTime { get; }
}
