using System.Globalization;
using ContactCost.Interactions;

namespace ContactCost.Costing;

/// <summary>
/// Shares a report's channel costs out to the period's interactions, one at a time: each gets its
/// own rated usage, and a share of its channel's labour and shared costs in proportion to its
/// effective handle time (or one share per contact, as the report's driver and fallbacks did).
/// </summary>
/// <remarks>
/// Shares are rounded cumulatively: an interaction gets the rounded running total of its channel's
/// exact shares minus what was already given out. Each share is within one minor unit of its exact
/// value, memory stays constant whatever the number of interactions, and once every interaction of
/// a channel is seen the shares add up to the channel's cost exactly. Feed the interactions the
/// report was computed from, each once; the order decides only who gets the odd cent.
/// </remarks>
public sealed class InteractionCoster
{
    // By channel: its pools (null when the report has no contacts on it) and its concurrency.
    private readonly ChannelPools?[] pools = new ChannelPools?[ChannelNames.All.Count];
    private readonly decimal[] concurrency = new decimal[ChannelNames.All.Count];
    private readonly Currency currency;

    /// <summary>A coster for the interactions behind <paramref name="report"/>.</summary>
    public InteractionCoster(CostReport report, CostModel model)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(model);
        currency = report.Currency;
        foreach (var channel in ChannelNames.All)
            concurrency[(int)channel] = model.ConcurrencyOf(channel);
        foreach (var channel in report.Channels)
        {
            var effectiveHandle = channel.Activity.HandleSeconds / model.ConcurrencyOf(channel.Channel);
            pools[(int)channel.Channel] = new ChannelPools(
                new Pool(channel.Labour.ToMinorUnits(), effectiveHandle > 0m ? effectiveHandle : channel.Activity.Contacts, byHandleTime: effectiveHandle > 0m),
                new Pool(channel.Fixed.ToMinorUnits(),
                    model.FixedCostDriver == CostDriver.HandleTime && effectiveHandle > 0m ? effectiveHandle : channel.Activity.Contacts,
                    byHandleTime: model.FixedCostDriver == CostDriver.HandleTime && effectiveHandle > 0m));
        }
    }

    /// <summary>The interaction's cost: <paramref name="usage"/> (its rated amount) plus its labour and shared-cost shares.</summary>
    /// <exception cref="ArgumentException">The interaction's channel had no contacts in the report.</exception>
    public InteractionCost CostOf(Interaction interaction, Money usage)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        var (labour, shared) = SharesOf(interaction.Channel, interaction.HandleTime.Ticks / TimeSpan.TicksPerMillisecond, interaction.Id);
        return new InteractionCost(usage, Money.FromMinorUnits(labour, currency), Money.FromMinorUnits(shared, currency));
    }

    /// <summary>
    /// The labour and shared-cost shares in minor units of an interaction on <paramref name="channel"/> with
    /// <paramref name="handleMilliseconds"/> of handle time (the store's precision, as the report's sums were);
    /// <paramref name="id"/> only names it in the error.
    /// </summary>
    internal (long Labour, long Shared) SharesOf(Channel channel, long handleMilliseconds, string? id)
    {
        if (pools[(int)channel] is not { } pool)
            throw new ArgumentException($"The report has no {channel.Name()} contacts to share costs with interaction '{id}'.", nameof(channel));

        // Milliseconds as seconds with three decimals: the value of handleMilliseconds / 1000m, without a division.
        var handleSeconds = DecimalParts.Scaled(handleMilliseconds, 3);
        var factor = concurrency[(int)channel];
        var effective = factor == 1m ? handleSeconds : handleSeconds / factor;
        return (pool.Labour.Take(pool.Labour.ByHandleTime ? effective : 1m), pool.Shared.Take(pool.Shared.ByHandleTime ? effective : 1m));
    }

    private sealed record ChannelPools(Pool Labour, Pool Shared);

    /// <summary>One pool of a channel, handed out by cumulative rounding.</summary>
    internal sealed class Pool(long totalMinor, decimal totalWeight, bool byHandleTime)
    {
        private static readonly UInt128[] Pow10 = [.. Enumerable.Range(0, 29).Select(k => UInt128.Parse("1" + new string('0', k), CultureInfo.InvariantCulture))];
        private readonly Whole? total = Whole.Of(totalWeight);
        private decimal weightSoFar;
        private long givenSoFar;

        public bool ByHandleTime { get; } = byHandleTime;

        public long Take(decimal weight)
        {
            // A weight of zero moves neither the running weight nor the rounded target.
            if (totalMinor == 0 || totalWeight == 0m || weight == 0m)
                return 0;
            weightSoFar += weight;
            var target = TargetInIntegers() ?? decimal.ToInt64(decimal.Round(totalMinor * (weightSoFar / totalWeight), MidpointRounding.AwayFromZero));
            var share = target - givenSoFar;
            givenSoFar = target;
            return share;
        }

        // totalMinor × weightSoFar / totalWeight rounded half away from zero, exactly, in integers: the decimal
        // formula's value whenever the exact one is not within 10^-12 of a half (below 10^13 minor units its
        // 28-digit steps err by less than 10^-14), which is checked. Null when the operands are too large or the
        // value is that close to a half: the decimal formula decides. Decimal division was most of the cost of
        // costing a contact.
        private long? TargetInIntegers()
        {
            const long Largest = 10_000_000_000_000;
            if (total is not { } w || totalMinor is < 0 or > Largest || Whole.Of(weightSoFar) is not { } so)
                return null;
            UInt128 numerator = (ulong)totalMinor, denominator = w.Mantissa;
            numerator *= so.Mantissa;
            if (!TryScale(ref numerator, w.Scale - so.Scale) || !TryScale(ref denominator, so.Scale - w.Scale))
                return null;
            var (quotient, remainder) = UInt128.DivRem(numerator, denominator);

            // |2·remainder − denominator|, without doubling (which could overflow): the distance from a half.
            var rest = denominator - remainder;
            var aboveHalf = remainder > rest;
            var fromHalf = aboveHalf ? remainder - rest : rest - remainder;
            if (fromHalf <= denominator / 500_000_000_000 || quotient >= Largest)
                return null;
            return (long)quotient + (aboveHalf ? 1 : 0);
        }

        private static bool TryScale(ref UInt128 value, int powerOf10)
        {
            if (powerOf10 <= 0)
                return true;
            if (value > UInt128.MaxValue / Pow10[powerOf10])
                return false;
            value *= Pow10[powerOf10];
            return true;
        }

        // A non-negative decimal as mantissa and scale, when the mantissa fits in 64 bits.
        private readonly record struct Whole(ulong Mantissa, int Scale)
        {
            public static Whole? Of(decimal value) =>
                DecimalParts.TryParts(value, out var mantissa, out var scale, out var negative) && !negative ? new Whole(mantissa, scale) : null;
        }
    }
}

/// <summary>What one interaction cost, by kind.</summary>
/// <param name="Usage">Its rated usage.</param>
/// <param name="Labour">Its share of its agents' labour.</param>
/// <param name="Shared">Its share of licences, tools, overhead and other shared costs.</param>
public readonly record struct InteractionCost(Money Usage, Money Labour, Money Shared)
{
    /// <summary>Everything it cost.</summary>
    public Money Total => Usage + Labour + Shared;
}
