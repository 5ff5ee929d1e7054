using ContactCost.Interactions;
using ContactCost.Rating;

namespace ContactCost.Usage;

/// <summary>
/// A metered quantity that does not come from an interaction: storage, data egress, seats, AI
/// minutes reported by another system. Rated like interactions, by the charges of its meter.
/// </summary>
/// <remarks>Always valid: an id, a quantity of at least zero, a UTC start; each setter names its field when it throws.</remarks>
public sealed record UsageRecord
{
    private readonly decimal quantity;

    /// <summary>A usage record with its required fields; the start is converted to UTC.</summary>
    public UsageRecord(string id, Meter meter, decimal quantity, DateTimeOffset start)
    {
        Id = Interaction.CheckId(id);
        if (!Enum.IsDefined(meter))
            throw new ArgumentOutOfRangeException(nameof(meter), meter, $"Unknown meter; expected one of {Meters.AllNames}.");
        Meter = meter;
        Quantity = quantity;
        Start = start.ToUniversalTime();
    }

    /// <summary>The source's id for the record; the idempotency key of imports.</summary>
    public string Id { get; }

    /// <summary>What was measured.</summary>
    public Meter Meter { get; }

    /// <summary>How much, in the meter's unit (seconds, GB, GB-months, seats, minutes, messages).</summary>
    public decimal Quantity
    {
        get => quantity;
        init => quantity = value is >= 0m and <= 1_000_000_000_000m
            ? value
            : throw new ArgumentOutOfRangeException(nameof(Quantity), value, "Quantity must be between 0 and 1,000,000,000,000.");
    }

    /// <summary>When the usage happened (or, for seats, from when they count), in UTC.</summary>
    public DateTimeOffset Start { get; }

    /// <summary>The channel it belongs to, when it belongs to one (for channel filters).</summary>
    public Channel? Channel { get; init; }

    /// <summary>The direction, when it has one (for direction filters).</summary>
    public Direction? Direction { get; init; }

    /// <summary>The queue, when it has one (for queue filters).</summary>
    public string? Queue { get; init; }

    /// <summary>The number dialled or messaged, for destination prices.</summary>
    public string? Destination { get; init; }

    /// <summary>Columns the source had beyond the known ones, in their original order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Extra { get; init; } = [];
}
