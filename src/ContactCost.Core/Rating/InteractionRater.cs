using ContactCost.Interactions;

namespace ContactCost.Rating;

/// <summary>
/// Prices interactions with one price-book version: every per-interaction charge whose meter and
/// filter match produces one <see cref="ChargeLine"/>, rounded once with the book's rounding.
/// </summary>
/// <remarks>
/// Charges are grouped by channel up front, so rating an interaction only looks at the charges
/// that can apply to it. Stateless and safe to share between threads.
/// </remarks>
public sealed class InteractionRater
{
    private readonly PriceBook book;
    private readonly Charge[][] chargesByChannel;

    /// <summary>A rater for one price-book version.</summary>
    public InteractionRater(PriceBook book)
    {
        ArgumentNullException.ThrowIfNull(book);
        this.book = book;
        chargesByChannel = new Charge[ChannelNames.All.Count][];
        foreach (var channel in ChannelNames.All)
        {
            chargesByChannel[(int)channel] = book.Charges
                .Where(c => c.IsPerInteraction
                    && (c.Meter!.Value.ChannelOf() is not { } meterChannel || meterChannel == channel)
                    && (c.Filter.Channel is not { } filterChannel || filterChannel == channel))
                .ToArray();
        }
    }

    /// <summary>The price-book version this rater applies.</summary>
    public PriceBook PriceBook => book;

    /// <summary>Appends the lines for <paramref name="interaction"/> to <paramref name="lines"/>; returns how many were added.</summary>
    public int Rate(Interaction interaction, List<ChargeLine> lines)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        ArgumentNullException.ThrowIfNull(lines);
        var added = 0;
        foreach (var charge in chargesByChannel[(int)interaction.Channel])
        {
            if (!charge.Filter.Matches(interaction))
                continue;
            var meter = charge.Meter!.Value;
            var model = (PerUnitModel)charge.Model;
            var raw = meter.Read(interaction);
            var billed = model.Increment.Apply(raw);
            var amount = new Money(model.Price(billed), book.Currency).Round(book.Rounding);
            lines.Add(new ChargeLine(charge.Id, book.Version, meter, raw, billed, model.UnitPrice, model.Per, amount));
            added++;
        }

        return added;
    }
}
