using ContactCost.Interactions;

namespace ContactCost.Rating;

/// <summary>Which usage a charge applies to; an unset condition matches everything.</summary>
public sealed record ChargeFilter
{
    /// <summary>A filter that matches all usage.</summary>
    public static ChargeFilter Any { get; } = new();

    /// <summary>Only this channel.</summary>
    public Channel? Channel { get; init; }

    /// <summary>Only this direction.</summary>
    public Direction? Direction { get; init; }

    /// <summary>Only this queue (exact, case-sensitive as in the source).</summary>
    public string? Queue { get; init; }

    /// <summary>Only destinations starting with one of these prefixes (empty: any destination).</summary>
    public IReadOnlyList<string> DestinationPrefixes { get; init; } = [];

    /// <summary>True when usage with these attributes meets every set condition; an unknown attribute fails a condition on it.</summary>
    public bool Matches(Channel? channel, Direction? direction, string? queue, string? destination)
    {
        if (Channel is { } c && channel != c)
            return false;
        if (Direction is { } d && direction != d)
            return false;
        if (Queue is not null && !string.Equals(Queue, queue, StringComparison.Ordinal))
            return false;
        if (DestinationPrefixes.Count == 0)
            return true;
        if (destination is null)
            return false;
        foreach (var prefix in DestinationPrefixes)
        {
            if (destination.StartsWith(prefix, StringComparison.Ordinal))
                return true;
        }

        return false;
    }

    /// <summary>True when <paramref name="interaction"/> meets every set condition.</summary>
    public bool Matches(Interaction interaction) =>
        Matches(interaction.Channel, interaction.Direction, interaction.Queue, interaction.Destination);
}
