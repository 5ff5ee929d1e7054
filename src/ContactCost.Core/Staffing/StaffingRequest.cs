namespace ContactCost.Staffing;

/// <summary>What a staffing calculation is asked: traffic, the service-level goal and the optional limits.</summary>
public sealed record StaffingRequest
{
    /// <summary>A request for <paramref name="traffic"/> to be answered to <paramref name="target"/>.</summary>
    public StaffingRequest(Traffic traffic, ServiceLevelTarget target)
    {
        ArgumentNullException.ThrowIfNull(traffic);
        Traffic = traffic;
        Target = target;
    }

    /// <summary>The offered traffic.</summary>
    public Traffic Traffic { get; init => field = value ?? throw new ArgumentNullException(nameof(Traffic)); }

    /// <summary>The service-level goal.</summary>
    public ServiceLevelTarget Target { get; }

    /// <summary>The highest share of time agents may be busy (0.85); null for no limit.</summary>
    public double? MaxOccupancy
    {
        get;
        init => field = value is null or (> 0 and <= 1) ? value
            : throw new ArgumentOutOfRangeException(nameof(MaxOccupancy), value, "The maximum occupancy is a fraction above 0 and at most 1.");
    }

    /// <summary>Paid time not available for contacts (breaks, training), a fraction below 1; null when not asked.</summary>
    public decimal? Shrinkage
    {
        get;
        init => field = value is null or (>= 0m and < 1m) ? value
            : throw new ArgumentOutOfRangeException(nameof(Shrinkage), value, "Shrinkage is a fraction of paid time, 0 or more and below 1.");
    }

    /// <summary>The callers' mean patience (exponential); null when nobody hangs up (Erlang C).</summary>
    public TimeSpan? Patience
    {
        get;
        init => field = value is null || value > TimeSpan.Zero ? value
            : throw new ArgumentOutOfRangeException(nameof(Patience), value, "The mean patience must be longer than zero.");
    }

    /// <summary>The highest share of callers allowed to hang up before an answer; only with <see cref="Patience"/>.</summary>
    public double? MaxAbandon
    {
        get;
        init => field = value is null or (> 0 and < 1) ? value
            : throw new ArgumentOutOfRangeException(nameof(MaxAbandon), value, "The maximum abandonment is a fraction above 0 and below 1.");
    }
}
