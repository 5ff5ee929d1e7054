using System.Collections.Frozen;

namespace ContactCost.Rating;

/// <summary>Unit prices by destination prefix (<c>+44</c>, <c>+447</c>); the longest matching prefix wins.</summary>
/// <remarks>
/// Lookup tries the destination's own prefixes from the longest down, one hash probe each, so a
/// rate deck of thousands of prefixes costs no more per call than one of three.
/// </remarks>
public sealed class DestinationPrices
{
    private readonly FrozenDictionary<string, (decimal UnitPrice, string Label)>.AlternateLookup<ReadOnlySpan<char>> lookup;
    private readonly int longest;

    /// <summary>Keeps the prefixes; they must be unique, non-empty, and prices non-negative.</summary>
    public DestinationPrices(IReadOnlyList<(string Prefix, decimal UnitPrice)> prices)
    {
        ArgumentNullException.ThrowIfNull(prices);
        var duplicate = prices.GroupBy(p => p.Prefix, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"Destination prefix '{duplicate.Key}' is listed {duplicate.Count()} times.", nameof(prices));
        if (prices.Any(p => string.IsNullOrWhiteSpace(p.Prefix)))
            throw new ArgumentException("A destination prefix must not be empty.", nameof(prices));
        foreach (var (prefix, price) in prices)
        {
            if (price < 0m)
                throw new ArgumentException($"Destination prefix '{prefix}' has a negative price.", nameof(prices));
        }

        Prices = prices;
        longest = prices.Count == 0 ? 0 : prices.Max(p => p.Prefix.Length);
        lookup = prices
            .ToFrozenDictionary(p => p.Prefix, p => (p.UnitPrice, "destination " + p.Prefix), StringComparer.Ordinal)
            .GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The prefixes and prices, as given.</summary>
    public IReadOnlyList<(string Prefix, decimal UnitPrice)> Prices { get; }

    /// <summary>The price of the longest prefix of <paramref name="destination"/>, with a label for lines; false when none matches.</summary>
    public bool TryMatch(string? destination, out decimal unitPrice, out string label)
    {
        var span = destination.AsSpan();
        for (var length = Math.Min(longest, span.Length); length > 0; length--)
        {
            if (lookup.TryGetValue(span[..length], out var found))
            {
                (unitPrice, label) = found;
                return true;
            }
        }

        unitPrice = 0m;
        label = "";
        return false;
    }
}
