using System.Globalization;

namespace ContactCost.Rating;

/// <summary>One tier of a tiered price: the units up to <see cref="UpTo"/> (none for the last, open tier) cost <see cref="UnitPrice"/>.</summary>
/// <param name="UpTo">The tier's inclusive upper bound in billed units per billing period; null for the last tier.</param>
/// <param name="UnitPrice">The price of <c>per</c> units within the tier.</param>
public readonly record struct PriceTier(decimal? UpTo, decimal UnitPrice);

/// <summary>
/// Tiers in order, checked once: bounds strictly increasing, only the last one open. Each tier
/// covers (previous bound, its bound]; the first starts at zero.
/// </summary>
public sealed class PriceTiers
{
    private readonly PriceTier[] tiers;
    private readonly string[] labels;

    /// <summary>Checks and keeps <paramref name="tiers"/>; throws naming the tier that breaks the order.</summary>
    public PriceTiers(IReadOnlyList<PriceTier> tiers)
    {
        ArgumentNullException.ThrowIfNull(tiers);
        if (tiers.Count == 0)
            throw new ArgumentException("At least one tier is needed.", nameof(tiers));
        var previous = 0m;
        for (var i = 0; i < tiers.Count; i++)
        {
            var last = i == tiers.Count - 1;
            if (tiers[i].UnitPrice < 0m)
                throw new ArgumentException($"Tier {i} has a negative unit price {tiers[i].UnitPrice}.", nameof(tiers));
            if (tiers[i].UpTo is null && !last)
                throw new ArgumentException($"Tier {i} has no upper bound but is not the last tier.", nameof(tiers));
            if (tiers[i].UpTo is { } upTo)
            {
                if (last)
                    throw new ArgumentException($"The last tier ({i}) must have no upper bound, so every quantity has a price.", nameof(tiers));
                if (upTo <= previous)
                    throw new ArgumentException($"Tier {i} ends at {upTo}, which must be greater than {previous}.", nameof(tiers));
                previous = upTo;
            }
        }

        this.tiers = [.. tiers];
        labels = this.tiers.Select((t, i) => Label(i)).ToArray();
    }

    /// <summary>The tiers, in order.</summary>
    public IReadOnlyList<PriceTier> Tiers => tiers;

    /// <summary>How many tiers there are.</summary>
    public int Count => tiers.Length;

    /// <summary>Where tier <paramref name="index"/> starts (exclusive): 0 for the first.</summary>
    public decimal LowerBound(int index) => index == 0 ? 0m : tiers[index - 1].UpTo!.Value;

    /// <summary>A label for lines: <c>tier 2 (1000-100000)</c>.</summary>
    public string LabelOf(int index) => labels[index];

    /// <summary>The tier a period total of <paramref name="quantity"/> falls in (volume pricing).</summary>
    public int TierOf(decimal quantity)
    {
        for (var i = 0; i < tiers.Length - 1; i++)
        {
            if (quantity <= tiers[i].UpTo!.Value)
                return i;
        }

        return tiers.Length - 1;
    }

    private string Label(int index)
    {
        var from = LowerBound(index).ToString(CultureInfo.InvariantCulture);
        var to = tiers[index].UpTo is { } upTo ? upTo.ToString(CultureInfo.InvariantCulture) : "";
        return string.Create(CultureInfo.InvariantCulture, $"tier {index + 1} ({from}-{to})");
    }
}
