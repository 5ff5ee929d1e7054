namespace ContactCost;

/// <summary>
/// Splits a rounded amount into shares proportional to weights so that the shares, each in whole
/// minor units, add up to the amount exactly (the largest-remainder method).
/// </summary>
/// <remarks>
/// Each share first gets the floor of its exact part; the minor units left over go one each to the
/// shares with the largest fractional parts, ties to the earlier share. A finance reader can redo
/// the split by hand, and no cent is created or lost.
/// </remarks>
public static class LargestRemainder
{
    /// <summary>Splits <paramref name="total"/> (already rounded to minor units) by non-negative <paramref name="weights"/>.</summary>
    /// <exception cref="ArgumentException">The total is not rounded, a weight is negative, or all weights are zero while the total is not.</exception>
    public static Money[] Split(Money total, IReadOnlyList<decimal> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var currency = total.Currency;
        if (!total.IsRounded)
            throw new ArgumentException($"The total {total} must be rounded to minor units before it is split.", nameof(total));

        var weightSum = 0m;
        for (var i = 0; i < weights.Count; i++)
        {
            if (weights[i] < 0m)
                throw new ArgumentException($"Weight {i} is {weights[i]}; weights must not be negative.", nameof(weights));
            weightSum += weights[i];
        }

        var shares = new Money[weights.Count];
        if (total.IsZero)
        {
            Array.Fill(shares, Money.Zero(currency));
            return shares;
        }

        if (weightSum == 0m)
            throw new ArgumentException($"Cannot split {total} when every weight is zero.", nameof(weights));

        // Work in whole minor units on the magnitude, then restore the sign: the split of -x mirrors x.
        var units = Math.Abs(total.ToMinorUnits());
        var floors = new long[weights.Count];
        var fractions = new decimal[weights.Count];
        var assigned = 0L;
        for (var i = 0; i < weights.Count; i++)
        {
            var exact = units * weights[i] / weightSum;
            floors[i] = decimal.ToInt64(decimal.Floor(exact));
            fractions[i] = exact - floors[i];
            assigned += floors[i];
        }

        var leftOver = units - assigned;
        if (leftOver > 0)
        {
            // Highest fraction first; the stable order on index settles ties.
            var order = Enumerable.Range(0, weights.Count)
                .Where(i => weights[i] > 0m)
                .OrderByDescending(i => fractions[i])
                .ThenBy(i => i)
                .ToArray();
            for (var k = 0L; k < leftOver; k++)
                floors[order[k % order.Length]]++;
        }

        var sign = total.IsNegative ? -1 : 1;
        for (var i = 0; i < shares.Length; i++)
            shares[i] = Money.FromMinorUnits(sign * floors[i], currency);
        return shares;
    }
}
