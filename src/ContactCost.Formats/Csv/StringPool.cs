namespace ContactCost.Formats.Csv;

/// <summary>
/// Hands out one string instance per distinct short value of a column (queues, agents, extras),
/// so a file of ten million rows does not hold ten million copies of "billing".
/// </summary>
/// <remarks>
/// Bounded: once full it stops remembering, so a column of unique values cannot grow memory. A full
/// pool then watches its next <see cref="Trial"/> look-ups; if fewer than half find their value (a
/// column of ids, say), it stops looking, since each look-up would cost more than the copy it saves.
/// </remarks>
internal sealed class StringPool
{
    /// <summary>Distinct values remembered at most.</summary>
    public const int Capacity = 10_000;

    /// <summary>Look-ups a full pool watches before it decides whether looking up still pays.</summary>
    public const int Trial = 10_000;

    private const int LongestPooled = 64;

    private readonly Dictionary<string, string> strings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> lookup;
    private int lookupsWhenFull;
    private int hitsWhenFull;

    public StringPool() => lookup = strings.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Whether the pool still looks values up; false once a full pool found them mostly new.</summary>
    public bool IsLooking { get; private set; } = true;

    /// <summary>The pooled string equal to <paramref name="text"/>, made and remembered the first time it is seen.</summary>
    public string Get(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
            return string.Empty;
        if (!IsLooking)
            return text.ToString();

        var found = lookup.TryGetValue(text, out var pooled);
        if (strings.Count >= Capacity)
            Watch(found);
        if (found)
            return pooled!;

        var made = text.ToString();
        if (made.Length <= LongestPooled && strings.Count < Capacity)
            strings.Add(made, made);
        return made;
    }

    private void Watch(bool hit)
    {
        lookupsWhenFull++;
        if (hit)
            hitsWhenFull++;
        if (lookupsWhenFull == Trial)
            IsLooking = hitsWhenFull * 2 >= Trial;
    }
}
