using System.Globalization;
using System.Runtime.InteropServices;
using ContactCost.Interactions;
using ContactCost.Periods;
using ContactCost.Usage;

namespace ContactCost.Rating;

/// <summary>
/// Rates interactions and usage records with a tenant's price-book history: each item with the
/// version in force on its local start day, each line rounded once. One instance is one rating
/// run: it remembers, per charge and billing month, how many units were billed so far, which
/// graduated tiers, allowances and packages depend on.
/// </summary>
/// <remarks>
/// Items must come in start-time order whenever a charge accumulates per period (see
/// <see cref="IsOrderSensitive"/>); an item out of order throws <see cref="RatingOrderException"/>
/// rather than being priced in the wrong tier. Volume tiers price every unit by the month's total,
/// so a run with volume charges first <see cref="Measure(Interaction)"/>s the month's items, then
/// rates them. Billing months are calendar months in the tenant's time zone. Not thread-safe.
/// </remarks>
public sealed class Rater
{
    private readonly PriceBookHistory prices;
    private readonly TimeZoneInfo zone;
    private readonly Dictionary<PriceBook, CompiledBook> compiled = [];
    private readonly Dictionary<(string ChargeId, int Month), decimal> billedSoFar = [];
    private readonly Dictionary<(string ChargeId, int Month), decimal> monthTotals = [];
    private readonly Dictionary<(string ChargeId, int Month), (decimal Exact, decimal Rounded)> carry = [];

    // The local day of the last item, cached with its UTC bounds: sorted input stays within it.
    private DateTimeOffset dayStart = DateTimeOffset.MaxValue;
    private DateTimeOffset dayEnd = DateTimeOffset.MinValue;
    private DateOnly day;
    private CompiledBook? book;
    private DateTimeOffset lastStart = DateTimeOffset.MinValue;

    /// <summary>A rating run over <paramref name="prices"/>, with billing months in <paramref name="zone"/>.</summary>
    public Rater(PriceBookHistory prices, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(prices);
        ArgumentNullException.ThrowIfNull(zone);
        this.prices = prices;
        this.zone = zone;
        IsOrderSensitive = prices.Versions.SelectMany(v => v.Charges).Any(c => c.Model.AccumulatesPerPeriod);
        NeedsMeasuring = prices.Versions.SelectMany(v => v.Charges).Any(c => c.Model is VolumeModel);
    }

    /// <summary>The price-book versions this run applies.</summary>
    public PriceBookHistory Prices => prices;

    /// <summary>True when some charge accumulates per billing month, so items must be rated in start order.</summary>
    public bool IsOrderSensitive { get; }

    /// <summary>True when some charge has volume tiers, so each month's items must be measured before they are rated.</summary>
    public bool NeedsMeasuring { get; }

    /// <summary>
    /// Continues a billing month that already has rated lines: rounding carries on from their exact
    /// and rounded sums, and accumulating charges count from the units they billed, so new lines join
    /// the month as if they had been rated with it.
    /// </summary>
    public void Continue(string chargeId, int year, int month, decimal exactSum, decimal roundedSum, decimal billedQuantity)
    {
        ArgumentException.ThrowIfNullOrEmpty(chargeId);
        var key = (chargeId, year * 12 + month - 1);
        carry[key] = (exactSum, roundedSum);
        billedSoFar[key] = billedQuantity;
    }

    /// <summary>Adds an interaction to its month's totals for volume tiers (the first pass); rates nothing.</summary>
    public void Measure(Interaction interaction)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        if (Locate(interaction.Start) is not { } current)
            return;
        foreach (var charge in current.ForChannel(interaction.Channel))
        {
            if (charge.Model is VolumeModel volume && charge.Filter.Matches(interaction))
                AddToMonthTotal(charge, volume.Increment.Apply(charge.Meter!.Value.Read(interaction)));
        }
    }

    /// <summary>Adds a usage record to its month's totals for volume tiers (the first pass); rates nothing.</summary>
    public void Measure(UsageRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (Locate(record.Start) is not { } current)
            return;
        foreach (var charge in current.ForMeter(record.Meter))
        {
            if (charge.Model is VolumeModel volume && Matches(charge, record))
                AddToMonthTotal(charge, volume.Increment.Apply(record.Quantity));
        }
    }

    /// <summary>
    /// Appends the lines of <paramref name="interaction"/> to <paramref name="lines"/> and returns
    /// the version used, or null when no version was in force on its day (nothing is appended).
    /// </summary>
    public PriceBook? Rate(Interaction interaction, List<ChargeLine> lines)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        ArgumentNullException.ThrowIfNull(lines);
        if (Locate(interaction.Start) is not { } current)
            return null;
        CheckOrder(interaction.Start, interaction.Id);
        foreach (var charge in current.ForChannel(interaction.Channel))
        {
            if (charge.Filter.Matches(interaction))
                Price(current.Book, charge, charge.Meter!.Value.Read(interaction), interaction.Start, interaction.Destination, lines);
        }

        return current.Book;
    }

    /// <summary>
    /// Appends the lines of <paramref name="record"/> to <paramref name="lines"/> and returns the
    /// version used, or null when no version was in force on its day.
    /// </summary>
    public PriceBook? Rate(UsageRecord record, List<ChargeLine> lines)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(lines);
        if (Locate(record.Start) is not { } current)
            return null;
        CheckOrder(record.Start, record.Id);
        foreach (var charge in current.ForMeter(record.Meter))
        {
            if (!Matches(charge, record))
                continue;
            if (charge.Model is PerSeatModel seat)
                PriceSeats(current.Book, charge, seat, record.Quantity, lines);
            else
                Price(current.Book, charge, record.Quantity, record.Start, record.Destination, lines);
        }

        return current.Book;
    }

    /// <summary>
    /// The lines a billing month owes without any usage: each flat charge, prorated by the days
    /// each version was in force, and each one-time charge of a version that took effect in the month.
    /// </summary>
    public IReadOnlyList<ChargeLine> RateMonth(int year, int month)
    {
        var period = ReportingPeriod.Month(year, month);
        var lines = new List<ChargeLine>();
        var flatIds = prices.Versions.SelectMany(v => v.Charges).Where(c => c.Model is FlatModel).Select(c => c.Id).Distinct(StringComparer.Ordinal);
        foreach (var id in flatIds)
        {
            // Each day carries 1/(days in month) of the amount in force that day, as costing prorates.
            var exact = 0m;
            var days = 0;
            PriceBook? used = null;
            for (var d = period.FirstDay; d < period.EndDay; d = d.AddDays(1))
            {
                var version = prices.VersionFor(d);
                if (version?.Charges.FirstOrDefault(c => c.Id == id)?.Model is FlatModel flat)
                {
                    exact += flat.Amount;
                    days++;
                    used = version;
                }
            }

            if (used is null)
                continue;
            var amount = new Money(exact / period.DayCount, prices.Currency).Round(used.Rounding);
            lines.Add(new ChargeLine(id, used.Version, null, days, days, amount.Amount, 1m, amount,
                string.Create(CultureInfo.InvariantCulture, $"month {period}, {days} of {period.DayCount} days")));
        }

        // A one-time charge is billed once: in the month of the first version that has its id; later
        // versions that carry it over do not bill it again.
        var billedBefore = new HashSet<string>(StringComparer.Ordinal);
        foreach (var version in prices.Versions)
        {
            foreach (var charge in version.Charges)
            {
                if (charge.Model is OneTimeModel once && billedBefore.Add(charge.Id) && period.Contains(version.Effective))
                {
                    var amount = new Money(once.Amount, prices.Currency).Round(version.Rounding);
                    lines.Add(new ChargeLine(charge.Id, version.Version, null, 1m, 1m, once.Amount, 1m, amount, "one-time"));
                }
            }
        }

        return lines;
    }

    private void Price(PriceBook version, Charge charge, decimal raw, DateTimeOffset start, string? destination, List<ChargeLine> lines)
    {
        var meter = charge.Meter!.Value;
        switch (charge.Model)
        {
            case PerUnitModel m:
            {
                var billed = m.Increment.Apply(raw);
                var (unitPrice, basis) = UnitPriceOf(m, start, destination);
                if (m.Allowance <= 0m || billed == 0m)
                {
                    // A call that never connected bills nothing, not even the connect fee.
                    var connect = billed == 0m ? 0m : m.ConnectFee;
                    lines.Add(Line(version, charge.Id, meter, raw, billed, unitPrice, m.Per, billed * unitPrice / m.Per + connect, basis));
                    break;
                }

                // The allowance is a free first tier of the month: what is left of it goes first.
                // The connect fee is not part of the allowance; it goes on the item's first line.
                var key = (charge.Id, MonthKey());
                var used = billedSoFar.GetValueOrDefault(key);
                billedSoFar[key] = used + billed;
                var free = Math.Min(billed, Math.Max(0m, m.Allowance - used));
                if (free > 0m)
                    lines.Add(Line(version, charge.Id, meter, raw, free, 0m, m.Per, m.ConnectFee, "allowance"));
                if (billed - free > 0m)
                    lines.Add(Line(version, charge.Id, meter, raw, billed - free, unitPrice, m.Per, (billed - free) * unitPrice / m.Per + (free > 0m ? 0m : m.ConnectFee), basis));
                break;
            }

            case GraduatedModel m:
            {
                var billed = m.Increment.Apply(raw);
                var key = (charge.Id, MonthKey());
                var before = billedSoFar.GetValueOrDefault(key);
                var after = before + billed;
                billedSoFar[key] = after;
                var tiers = m.Tiers;
                for (var t = 0; t < tiers.Count; t++)
                {
                    var low = tiers.LowerBound(t);
                    var high = tiers.Tiers[t].UpTo ?? decimal.MaxValue;
                    var part = Math.Clamp(after, low, high) - Math.Clamp(before, low, high);
                    var isCurrentTier = before >= low && before < high;
                    if (part > 0m || (billed == 0m && isCurrentTier))
                        lines.Add(Line(version, charge.Id, meter, raw, part, tiers.Tiers[t].UnitPrice, m.Per, part * tiers.Tiers[t].UnitPrice / m.Per, tiers.LabelOf(t)));
                }

                break;
            }

            case VolumeModel m:
            {
                var billed = m.Increment.Apply(raw);
                var key = (charge.Id, MonthKey());
                if (!monthTotals.TryGetValue(key, out var total))
                    throw new InvalidOperationException(
                        $"Charge '{charge.Id}' has volume tiers: measure the month's usage (Rater.Measure) before rating it.");
                var t = m.Tiers.TierOf(total);
                var price = m.Tiers.Tiers[t].UnitPrice;
                lines.Add(Line(version, charge.Id, meter, raw, billed, price, m.Per, billed * price / m.Per,
                    string.Create(CultureInfo.InvariantCulture, $"volume {m.Tiers.LabelOf(t)}, month total {total}")));
                break;
            }

            case PackageModel m:
            {
                var billed = m.Increment.Apply(raw);
                var key = (charge.Id, MonthKey());
                var before = billedSoFar.GetValueOrDefault(key);
                var after = before + billed;
                billedSoFar[key] = after;

                // The item pays for the packages it opens: all of the month's items pay ceil(total / size) packages.
                var opened = decimal.Ceiling(after / m.Size) - decimal.Ceiling(before / m.Size);
                lines.Add(Line(version, charge.Id, meter, raw, billed, m.Price, m.Size, opened * m.Price,
                    string.Create(CultureInfo.InvariantCulture, $"package of {m.Size}: {opened} opened, {decimal.Ceiling(after / m.Size)} this month")));
                break;
            }
        }
    }

    // Seats count from their start day to the end of the month: 25 seats added on the 17th of a 31-day month pay 15/31.
    private void PriceSeats(PriceBook version, Charge charge, PerSeatModel seat, decimal seats, List<ChargeLine> lines)
    {
        var daysInMonth = DateTime.DaysInMonth(day.Year, day.Month);
        var daysLeft = daysInMonth - day.Day + 1;
        var exact = seats * seat.UnitPrice * daysLeft / daysInMonth;
        lines.Add(Line(version, charge.Id, Meter.Seats, seats, seats, seat.UnitPrice, 1m, exact,
            string.Create(CultureInfo.InvariantCulture, $"prorated {daysLeft} of {daysInMonth} days")));
    }

    private (decimal UnitPrice, string? Basis) UnitPriceOf(PerUnitModel model, DateTimeOffset start, string? destination)
    {
        if (model.Destinations is { } destinations && destinations.TryMatch(destination, out var byDestination, out var label))
            return (byDestination, label);
        if (model.Windows.Count > 0)
        {
            var local = TimeZoneInfo.ConvertTime(start, zone).DateTime;
            foreach (var window in model.Windows)
            {
                if (window.Contains(local))
                    return (window.UnitPrice, window.Name);
            }
        }

        return (model.UnitPrice, null);
    }

    // Rounds with the month's carry: the rounded running total of the charge's exact amounts, minus what is already billed.
    private ChargeLine Line(PriceBook version, string chargeId, Meter meter, decimal raw, decimal billed, decimal unitPrice, decimal per, decimal exact, string? basis)
    {
        // One lookup, read and replaced in place: this runs for every line.
        ref var sums = ref CollectionsMarshal.GetValueRefOrAddDefault(carry, (chargeId, MonthKey()), out _);
        var roundedSum = sums.Rounded;
        var exactSum = sums.Exact + exact;
        var roundedTotal = Rounding.Round(exactSum, version.Currency.MinorDigits, version.Rounding);
        sums = (exactSum, roundedTotal);
        return new ChargeLine(chargeId, version.Version, meter, raw, billed, unitPrice, per, new Money(roundedTotal - roundedSum, version.Currency), basis)
        {
            ExactAmount = exact,
        };
    }

    private void AddToMonthTotal(Charge charge, decimal billed)
    {
        var key = (charge.Id, MonthKey());
        monthTotals[key] = monthTotals.GetValueOrDefault(key) + billed;
    }

    private static bool Matches(Charge charge, UsageRecord record) =>
        charge.Filter.Matches(record.Channel, record.Direction, record.Queue, record.Destination);

    private void CheckOrder(DateTimeOffset start, string id)
    {
        if (!IsOrderSensitive)
            return;
        if (start < lastStart)
            throw new RatingOrderException(id, start, lastStart);
        lastStart = start;
    }

    private int MonthKey() => day.Year * 12 + day.Month - 1;

    // Finds the local day of an instant and the version in force on it; sorted input stays in the cached day.
    private CompiledBook? Locate(DateTimeOffset start)
    {
        if (start < dayStart || start >= dayEnd)
        {
            day = ReportingPeriod.LocalDay(start, zone);
            dayStart = ReportingPeriod.StartOfDayUtc(day, zone);
            dayEnd = ReportingPeriod.StartOfDayUtc(day.AddDays(1), zone);
            var version = prices.VersionFor(day);
            book = version is null ? null : compiled.TryGetValue(version, out var c) ? c : compiled[version] = new CompiledBook(version);
        }

        return book;
    }

    /// <summary>A version's metered charges indexed by channel and by meter, so an item only meets the charges that can apply to it.</summary>
    private sealed class CompiledBook
    {
        private readonly Charge[][] byChannel;
        private readonly Dictionary<Meter, Charge[]> byMeter;

        public CompiledBook(PriceBook book)
        {
            Book = book;
            var metered = book.Charges.Where(c => c.Meter is not null && (c.IsMetered || c.Model is PerSeatModel)).ToArray();
            byChannel = ChannelNames.All
                .Select(channel => metered
                    .Where(c => c.IsMetered
                        && c.Meter!.Value.IsPerInteraction()
                        && (c.Meter.Value.ChannelOf() is not { } meterChannel || meterChannel == channel)
                        && (c.Filter.Channel is not { } filterChannel || filterChannel == channel))
                    .ToArray())
                .ToArray();
            byMeter = metered.GroupBy(c => c.Meter!.Value).ToDictionary(g => g.Key, g => g.ToArray());
        }

        public PriceBook Book { get; }

        public Charge[] ForChannel(Channel channel) => byChannel[(int)channel];

        public Charge[] ForMeter(Meter meter) => byMeter.TryGetValue(meter, out var charges) ? charges : [];
    }
}

/// <summary>An item reached the rater before one that started earlier, while a charge accumulates per period in time order.</summary>
public sealed class RatingOrderException : InvalidOperationException
{
    /// <summary>Creates the exception naming the item and both start times.</summary>
    public RatingOrderException(string id, DateTimeOffset start, DateTimeOffset previous)
        : base($"'{id}' starts at {start:O}, before the item rated just before it ({previous:O}); tiered, allowance and package " +
               "charges count usage in time order, so rate items sorted by start.")
    {
        Id = id;
        Start = start;
        Previous = previous;
    }

    /// <summary>The id of the item out of order.</summary>
    public string Id { get; }

    /// <summary>Its start.</summary>
    public DateTimeOffset Start { get; }

    /// <summary>The start of the item rated before it.</summary>
    public DateTimeOffset Previous { get; }
}
