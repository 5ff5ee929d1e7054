namespace ContactCost.Interactions;

/// <summary>Who started the interaction.</summary>
public enum Direction
{
    /// <summary>The customer contacted the center.</summary>
    Inbound,

    /// <summary>The center contacted the customer.</summary>
    Outbound,
}

/// <summary>The names directions have in files and output.</summary>
public static class DirectionNames
{
    /// <summary>The direction's name: <c>inbound</c> or <c>outbound</c>.</summary>
    public static string Name(this Direction direction) => direction == Direction.Inbound ? "inbound" : "outbound";

    /// <summary>Reads <c>inbound</c>/<c>in</c> or <c>outbound</c>/<c>out</c>, ignoring case and surrounding spaces.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out Direction direction)
    {
        text = text.Trim();
        if (text.Equals("inbound", StringComparison.OrdinalIgnoreCase) || text.Equals("in", StringComparison.OrdinalIgnoreCase))
        {
            direction = Direction.Inbound;
            return true;
        }

        if (text.Equals("outbound", StringComparison.OrdinalIgnoreCase) || text.Equals("out", StringComparison.OrdinalIgnoreCase))
        {
            direction = Direction.Outbound;
            return true;
        }

        direction = default;
        return false;
    }
}
