using ContactCost.Interactions;

namespace ContactCost.Costing;

/// <summary>
/// Two periods side by side: how each figure moved, and the change in total cost split into what
/// caused it, so "did adding self-service lower total cost?" has a direct answer.
/// </summary>
/// <param name="Current">The period looked at.</param>
/// <param name="Baseline">The period it is compared with.</param>
/// <param name="Effects">The change in total cost, split by cause; the parts add up to the change exactly.</param>
/// <param name="Channels">Each channel in either period, current against baseline.</param>
public sealed record CostComparison(CostReport Current, CostReport Baseline, CostEffects Effects, IReadOnlyList<ChannelComparison> Channels)
{
    /// <summary>Total cost now minus total cost then.</summary>
    public Money CostChange => Current.TotalCost - Baseline.TotalCost;

    /// <summary>
    /// Compares <paramref name="current"/> with <paramref name="baseline"/>. The change in total cost
    /// is split in four, each channel valued at the baseline's cost per contact until its own part:
    /// <list type="bullet">
    /// <item>volume: more or fewer contacts at the baseline's cost per contact, (N₁ − N₀) × CPC₀;</item>
    /// <item>mix: the current contacts spread over channels differently, Σ N₁,c × CPC₀,c − N₁ × CPC₀;</item>
    /// <item>handle time: each channel's handle time per contact changed, valued at the baseline's cost per handle second, Σ N₁,c × (h₁,c − h₀,c) × CPC₀,c / h₀,c;</item>
    /// <item>price: the rest, what a contact of the same length now costs (prices, wages, fixed costs), so the four add up exactly.</item>
    /// </list>
    /// A channel new in the current period is valued at its own current cost per contact (it joins
    /// through volume and mix only). Each part is rounded to the minor unit so they sum to the change.
    /// </summary>
    /// <exception cref="ArgumentException">The two reports are in different currencies.</exception>
    public static CostComparison Compare(CostReport current, CostReport baseline)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(baseline);
        if (current.Currency != baseline.Currency)
            throw new ArgumentException($"Cannot compare a report in {current.Currency.Code} with one in {baseline.Currency.Code}.", nameof(baseline));

        var change = current.TotalCost.Amount - baseline.TotalCost.Amount;
        decimal volume, mix = 0m, handle = 0m;
        if (baseline.Contacts == 0)
        {
            // Nothing to value contacts at: the whole change is volume.
            volume = change;
        }
        else
        {
            var costPerContact = baseline.TotalCost.Amount / baseline.Contacts;
            volume = (current.Contacts - baseline.Contacts) * costPerContact;
            var atBaselineCost = 0m;
            foreach (var now in current.Channels)
            {
                var then = baseline.Channels.FirstOrDefault(c => c.Channel == now.Channel);
                var contacts = now.Activity.Contacts;
                var exactNow = now.Cost.Amount / contacts;
                var exactThen = then is null ? exactNow : then.Cost.Amount / then.Activity.Contacts;
                atBaselineCost += contacts * exactThen;
                var handleThen = then is null ? 0m : then.Activity.HandleSeconds / then.Activity.Contacts;
                if (handleThen > 0m)
                    handle += contacts * (now.Activity.HandleSeconds / contacts - handleThen) * (exactThen / handleThen);
            }

            mix = atBaselineCost - current.Contacts * costPerContact;
        }

        var parts = RoundToSum([volume, mix, handle, change - volume - mix - handle], change, current.Currency);
        var effects = new CostEffects(parts[0], parts[1], parts[2], parts[3]);
        var channels = current.Channels.Select(c => c.Channel).Union(baseline.Channels.Select(c => c.Channel)).Order()
            .Select(channel => new ChannelComparison(
                channel,
                current.Channels.FirstOrDefault(c => c.Channel == channel),
                baseline.Channels.FirstOrDefault(c => c.Channel == channel)))
            .ToArray();
        return new CostComparison(current, baseline, effects, channels);
    }

    // Rounds each part to the minor unit, then moves the few units rounding lost or gained to the
    // parts whose rounding moved them most, so the rounded parts sum to the (already rounded) total.
    private static Money[] RoundToSum(decimal[] parts, decimal total, Currency currency)
    {
        var rounded = parts.Select(p => new Money(p, currency).Round(RoundingMode.HalfUp)).ToArray();
        var unit = Money.FromMinorUnits(1, currency);
        var gap = new Money(total, currency) - rounded.Sum(currency);
        var order = Enumerable.Range(0, parts.Length)
            .OrderByDescending(i => gap.Amount > 0 ? parts[i] - rounded[i].Amount : rounded[i].Amount - parts[i])
            .ToArray();
        for (var k = 0; !gap.IsZero; k = (k + 1) % order.Length)
        {
            var step = gap.Amount > 0 ? unit : -unit;
            rounded[order[k]] += step;
            gap -= step;
        }

        return rounded;
    }
}

/// <summary>The change in total cost between two periods, by cause.</summary>
/// <param name="Volume">More or fewer contacts at the baseline's cost per contact.</param>
/// <param name="Mix">Contacts moving between channels of different cost.</param>
/// <param name="HandleTime">Longer or shorter contacts at the baseline's cost per handle second.</param>
/// <param name="Price">What the same contact now costs: prices, wages, licences, overhead.</param>
public readonly record struct CostEffects(Money Volume, Money Mix, Money HandleTime, Money Price)
{
    /// <summary>The four together: the change in total cost.</summary>
    public Money Total => Volume + Mix + HandleTime + Price;
}

/// <summary>One channel in two periods; either side is null when the channel had no contacts then.</summary>
/// <param name="Channel">The channel.</param>
/// <param name="Current">Its cost in the current period.</param>
/// <param name="Baseline">Its cost in the baseline period.</param>
public sealed record ChannelComparison(Channel Channel, ChannelCost? Current, ChannelCost? Baseline);
