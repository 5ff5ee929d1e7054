using ContactCost.Interactions;

namespace ContactCost.Rating;

/// <summary>Which interactions a charge applies to; an unset condition matches everything.</summary>
public sealed record ChargeFilter
{
    /// <summary>A filter that matches every interaction.</summary>
    public static ChargeFilter Any { get; } = new();

    /// <summary>Only this channel.</summary>
    public Channel? Channel { get; init; }

    /// <summary>Only this direction.</summary>
    public Direction? Direction { get; init; }

    /// <summary>Only this queue (exact, case-sensitive as in the source).</summary>
    public string? Queue { get; init; }

    /// <summary>True when <paramref name="interaction"/> meets every set condition.</summary>
    public bool Matches(Interaction interaction) =>
        (Channel is not { } channel || interaction.Channel == channel)
        && (Direction is not { } direction || interaction.Direction == direction)
        && (Queue is null || string.Equals(Queue, interaction.Queue, StringComparison.Ordinal));
}
