namespace ContactCost.Staffing;

/// <summary>Finds the smallest agent count that meets a goal which, once met, stays met with more agents.</summary>
public static class AgentSearch
{
    /// <summary>
    /// The smallest n ≥ <paramref name="from"/> with <paramref name="meets"/>(n): doubles a step until the goal is met,
    /// then bisects; fails past <paramref name="limit"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">No count up to the limit meets the goal.</exception>
    public static int Smallest(Func<int, bool> meets, int from = 0, int limit = 10_000_000)
    {
        ArgumentNullException.ThrowIfNull(meets);
        if (meets(from))
            return from;
        var failing = from;
        var step = 1;
        int passing;
        while (true)
        {
            var next = (int)Math.Min((long)failing + step, limit);
            if (meets(next))
            {
                passing = next;
                break;
            }

            if (next == limit)
                throw new InvalidOperationException($"No agent count up to {limit:N0} meets the goal.");
            failing = next;
            step *= 2;
        }

        while (passing - failing > 1)
        {
            var middle = failing + (passing - failing) / 2;
            if (meets(middle))
                passing = middle;
            else
                failing = middle;
        }

        return passing;
    }
}
