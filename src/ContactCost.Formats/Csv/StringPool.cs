namespace ContactCost.Formats.Csv;

/// <summary>
/// Hands out one string instance per distinct short value of a column (queues, agents, extras),
/// so a file of ten million rows does not hold ten million copies of "billing".
/// </summary>
/// <remarks>Bounded: once full it stops remembering, so a column of unique values cannot grow memory.</remarks>
internal sealed class StringPool
{
    private const int Capacity = 10_000;
    private const int LongestPooled = 64;

    private readonly Dictionary<string, string> strings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> lookup;

    public StringPool() => lookup = strings.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The pooled string equal to <paramref name="text"/>, made and remembered the first time it is seen.</summary>
    public string Get(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
            return string.Empty;
        if (lookup.TryGetValue(text, out var pooled))
            return pooled;

        var made = text.ToString();
        if (made.Length <= LongestPooled && strings.Count < Capacity)
            strings.Add(made, made);
        return made;
    }
}
