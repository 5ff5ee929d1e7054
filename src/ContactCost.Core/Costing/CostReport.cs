using ContactCost.Interactions;
using ContactCost.Periods;
using ContactCost.Rating;

namespace ContactCost.Costing;

/// <summary>
/// What the contacts of one period cost, in total and per channel. Every pool of cost (rated
/// usage, each agent group's labour, licences, platform fees, overhead) is rounded once and shared
/// out to channels by the largest-remainder method, so channel costs add up to the total exactly.
/// </summary>
public sealed record CostReport
{
    /// <summary>The period reported.</summary>
    public required ReportingPeriod Period { get; init; }

    /// <summary>The IANA time zone whose local days bound the period.</summary>
    public required string TimeZone { get; init; }

    /// <summary>The currency of every amount.</summary>
    public required Currency Currency { get; init; }

    /// <summary>Everything the period cost.</summary>
    public required Money TotalCost { get; init; }

    /// <summary>Interactions that started in the period, on every channel.</summary>
    public required long Contacts { get; init; }

    /// <summary>Total cost / contacts, rounded half-up to the minor unit (zero when there were none).</summary>
    public Money CostPerContact => PerContact(TotalCost, Contacts);

    /// <summary>Interactions an agent handled.</summary>
    public long Handled => Channels.Sum(c => c.Activity.Handled);

    /// <summary>Inbound live contacts abandoned before an agent answered.</summary>
    public long Abandoned => Channels.Sum(c => c.Activity.Abandoned);

    /// <summary>Average handle time of every handled interaction, in seconds.</summary>
    public decimal AverageHandleSeconds =>
        Handled == 0 ? 0m : decimal.Round(Channels.Sum(c => c.Activity.HandleSeconds) / Handled, 1, MidpointRounding.AwayFromZero);

    /// <summary>Total cost / minutes of handle time, rounded half-up.</summary>
    public Money CostPerHandleMinute
    {
        get
        {
            var minutes = Channels.Sum(c => c.Activity.HandleSeconds) / 60m;
            return minutes == 0m ? Money.Zero(Currency) : (TotalCost / minutes).Round(RoundingMode.HalfUp);
        }
    }

    /// <summary>Abandoned / (abandoned + answered inbound) on the live channels (voice, chat, video).</summary>
    public decimal AbandonmentRate
    {
        get
        {
            var live = Channels.Where(c => IsLive(c.Channel)).ToArray();
            var offered = live.Sum(c => c.Activity.Abandoned + c.Activity.AnsweredInbound);
            return offered == 0 ? 0m : decimal.Round((decimal)live.Sum(c => c.Activity.Abandoned) / offered, 4, MidpointRounding.AwayFromZero);
        }
    }

    /// <summary>Average speed of answer of the handled inbound contacts on the live channels (voice, chat, video), in seconds.</summary>
    /// <remarks>E-mail and social replies wait hours by design; averaging them in would hide the queue wait callers feel.</remarks>
    public decimal AverageSpeedOfAnswerSeconds
    {
        get
        {
            var live = Channels.Where(c => IsLive(c.Channel)).ToArray();
            var answered = live.Sum(c => c.Activity.AnsweredInbound);
            return answered == 0 ? 0m : decimal.Round(live.Sum(c => c.Activity.AnsweredWaitSeconds) / answered, 1, MidpointRounding.AwayFromZero);
        }
    }

    /// <summary>Interactions in the period that are not rated yet; their usage is missing from the total.</summary>
    public required long Unrated { get; init; }

    /// <summary>Cost per channel, in channel order; only channels with contacts.</summary>
    public required IReadOnlyList<ChannelCost> Channels { get; init; }

    /// <summary>The pools the total is made of; they add up to <see cref="TotalCost"/>.</summary>
    public required IReadOnlyList<CostLine> Breakdown { get; init; }

    /// <summary>Cost no channel could carry (a period with no contacts at all); zero otherwise.</summary>
    public required Money Unallocated { get; init; }

    /// <summary>
    /// Costs <paramref name="activity"/> for <paramref name="period"/>: labour, licences, platform fees and
    /// overhead prorated by day from their monthly amounts, plus the rated usage of the interactions
    /// and <paramref name="sharedUsage"/>, the rated usage no interaction caused (storage, egress),
    /// which is shared like the fixed costs.
    /// </summary>
    /// <exception cref="ArgumentException">The cost model and price book are in different currencies.</exception>
    public static CostReport Compute(
        ReportingPeriod period,
        TimeZoneInfo zone,
        CostModel model,
        PriceBookHistory? prices,
        IReadOnlyList<ChannelActivity> activity,
        IReadOnlyList<(string ChargeId, Money Amount)>? sharedUsage = null)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(activity);
        var currency = model.Currency;
        if (prices?.Versions.Count > 0 && prices.Versions[0].Currency != currency)
            throw new ArgumentException(
                $"The cost model is in {currency.Code} but the price book is in {prices.Versions[0].Currency.Code}; use one currency.",
                nameof(prices));

        var channels = activity.Where(a => a.Contacts > 0).OrderBy(a => a.Channel).ToArray();
        var shares = new ChannelShares(channels.Length, currency);
        var breakdown = new List<CostLine>();
        var unallocated = Money.Zero(currency);

        // Usage belongs to the interactions that consumed it: no sharing needed.
        for (var i = 0; i < channels.Length; i++)
        {
            var usage = Money.FromMinorUnits(channels[i].UsageMinorUnits, currency);
            shares.Usage[i] = usage;
            breakdown.Add(new CostLine(CostCategory.Usage, channels[i].Channel.Name(), usage));
        }

        var effectiveHandle = channels.Select(a => a.HandleSeconds / model.ConcurrencyOf(a.Channel)).ToArray();
        var contacts = channels.Select(a => (decimal)a.Contacts).ToArray();

        foreach (var group in model.AgentGroups)
        {
            var labour = Prorate(period, _ => group.MonthlyCost, currency);
            breakdown.Add(new CostLine(CostCategory.Labour, group.Name, labour));
            var inGroup = channels.Select(a => group.Channels.Contains(a.Channel)).ToArray();
            var weights = FirstNonZero(
                effectiveHandle.Select((w, i) => inGroup[i] ? w : 0m).ToArray(),
                contacts.Select((w, i) => inGroup[i] ? w : 0m).ToArray(),
                contacts);
            unallocated += shares.Add(shares.Labour, labour, weights);
        }

        var fixedTotal = Money.Zero(currency);
        foreach (var (chargeId, amount) in sharedUsage ?? [])
        {
            breakdown.Add(new CostLine(CostCategory.Usage, chargeId, amount));
            fixedTotal += amount;
        }

        foreach (var line in FixedCosts(period, model, prices, currency))
        {
            breakdown.Add(line);
            fixedTotal += line.Amount;
        }

        var fixedWeights = model.FixedCostDriver == CostDriver.HandleTime
            ? FirstNonZero(effectiveHandle, contacts)
            : FirstNonZero(contacts);
        unallocated += shares.Add(shares.Fixed, fixedTotal, fixedWeights);

        var total = breakdown.Select(l => l.Amount).Sum(currency);
        var channelCosts = channels.Select((a, i) => new ChannelCost(a, shares.Usage[i], shares.Labour[i], shares.Fixed[i])).ToArray();

        var report = new CostReport
        {
            Period = period,
            TimeZone = zone.Id,
            Currency = currency,
            TotalCost = total,
            Contacts = channels.Sum(a => a.Contacts),
            Unrated = activity.Sum(a => a.Unrated),
            Channels = channelCosts,
            Breakdown = breakdown,
            Unallocated = unallocated,
        };
        report.CheckTotals();
        return report;
    }

    /// <summary>Throws when the channel costs plus the unallocated amount do not equal the total to the minor unit.</summary>
    public void CheckTotals()
    {
        var byChannel = Channels.Select(c => c.Cost).Sum(Currency) + Unallocated;
        var byPool = Breakdown.Select(l => l.Amount).Sum(Currency);
        if (byChannel != TotalCost || byPool != TotalCost)
            throw new InvalidOperationException(
                $"Costs do not add up for {Period}: channels {byChannel}, pools {byPool}, total {TotalCost}.");
        if (Channels.Sum(c => c.Activity.Contacts) != Contacts)
            throw new InvalidOperationException($"Contacts do not add up for {Period}.");
    }

    private static bool IsLive(Channel channel) => channel is Channel.Voice or Channel.Chat or Channel.Video;

    internal static Money PerContact(Money cost, long contacts) =>
        contacts == 0 ? Money.Zero(cost.Currency) : (cost / contacts).Round(RoundingMode.HalfUp);

    // Licences, recurring platform fees and overhead for the period: each rounded once.
    private static IEnumerable<CostLine> FixedCosts(ReportingPeriod period, CostModel model, PriceBookHistory? prices, Currency currency)
    {
        if (prices is not null)
        {
            var chargeIds = prices.Versions.SelectMany(v => v.Charges)
                .Where(c => c.Model is PerSeatModel or FlatModel)
                .Select(c => c.Id)
                .Distinct(StringComparer.Ordinal);
            foreach (var id in chargeIds)
            {
                var amount = Prorate(period, day => MonthlyAmountOf(prices.VersionFor(day), id, model.Seats), currency);
                var category = prices.Versions.SelectMany(v => v.Charges).First(c => c.Id == id).Model is PerSeatModel
                    ? CostCategory.Licences
                    : CostCategory.Platform;
                yield return new CostLine(category, id, amount);
            }
        }

        foreach (var role in model.IndirectStaff)
            yield return new CostLine(CostCategory.Indirect, role.Role, Prorate(period, _ => role.MonthlyCost, currency));
        foreach (var tool in model.PerSeat)
            yield return new CostLine(CostCategory.Tools, tool.Name, Prorate(period, _ => tool.Amount * model.Seats, currency));
        foreach (var tool in model.PerEmployee)
            yield return new CostLine(CostCategory.Tools, tool.Name, Prorate(period, _ => tool.Amount * model.Employees, currency));
        if (model.StoragePerAgentPerYear > 0m)
            yield return new CostLine(CostCategory.Storage, "recording storage", Prorate(period, _ => model.StoragePerAgentPerYear * model.Seats / 12m, currency));
        foreach (var item in model.OneTime)
        {
            var amortized = Prorate(period, item.MonthlyAmountOn, currency);
            if (!amortized.IsZero)
                yield return new CostLine(CostCategory.Amortized, item.Name, amortized);
        }

        if (model.Hiring is { } hiring)
            yield return new CostLine(CostCategory.Hiring, "recruiting and training", Prorate(period, _ => model.Seats * hiring.AnnualTurnover / 12m * hiring.CostPerHire, currency));
        foreach (var item in model.Overhead)
            yield return new CostLine(CostCategory.Overhead, item.Name, Prorate(period, _ => item.Amount, currency));
    }

    private static decimal MonthlyAmountOf(PriceBook? book, string chargeId, decimal seats)
    {
        var charge = book?.Charges.FirstOrDefault(c => c.Id == chargeId);
        return charge?.Model switch
        {
            PerSeatModel seat => seat.UnitPrice * seats,
            FlatModel flat => flat.Amount,
            _ => 0m,
        };
    }

    /// <summary>
    /// A monthly amount for the days of <paramref name="period"/>: each day carries 1/(days in its
    /// month) of the amount in force that day, so a whole month is exactly one month's amount.
    /// </summary>
    /// <summary>The period's length in months, exactly: each day is 1/(days in its month).</summary>
    public static decimal MonthsIn(ReportingPeriod period) => ProrateExact(period, _ => 1m);

    internal static Money Prorate(ReportingPeriod period, Func<DateOnly, decimal> monthlyAmount, Currency currency) =>
        new Money(ProrateExact(period, monthlyAmount), currency).Round(RoundingMode.HalfUp);

    private static decimal ProrateExact(ReportingPeriod period, Func<DateOnly, decimal> monthlyAmount)
    {
        // Sum the daily amounts month by month and divide once per month, so that a whole month
        // comes out exactly (31 x A / 31 = A) and nothing is lost to repeated division.
        var exact = 0m;
        var monthSum = 0m;
        var month = period.FirstDay;
        for (var day = period.FirstDay; day < period.EndDay; day = day.AddDays(1))
        {
            if (day.Month != month.Month || day.Year != month.Year)
            {
                exact += monthSum / DateTime.DaysInMonth(month.Year, month.Month);
                monthSum = 0m;
                month = day;
            }

            monthSum += monthlyAmount(day);
        }

        exact += monthSum / DateTime.DaysInMonth(month.Year, month.Month);
        return exact;
    }

    private static decimal[] FirstNonZero(params decimal[][] candidates) =>
        candidates.FirstOrDefault(w => w.Any(x => x > 0m)) ?? candidates[^1];

    // Per-channel running totals of each kind of cost.
    private sealed class ChannelShares(int count, Currency currency)
    {
        public Money[] Usage { get; } = Filled(count, currency);

        public Money[] Labour { get; } = Filled(count, currency);

        public Money[] Fixed { get; } = Filled(count, currency);

        // Shares amount out by weights; returns what could not be shared (no channel had any weight).
        public Money Add(Money[] target, Money amount, decimal[] weights)
        {
            if (amount.IsZero)
                return Money.Zero(currency);
            if (!weights.Any(w => w > 0m))
                return amount;
            var split = LargestRemainder.Split(amount, weights);
            for (var i = 0; i < target.Length; i++)
                target[i] += split[i];
            return Money.Zero(currency);
        }

        private static Money[] Filled(int count, Currency currency)
        {
            var array = new Money[count];
            Array.Fill(array, Money.Zero(currency));
            return array;
        }
    }
}

/// <summary>The cost of one channel in a report, with the activity it was shared by.</summary>
/// <param name="Activity">What happened on the channel in the period.</param>
/// <param name="Usage">Rated usage of the channel's interactions.</param>
/// <param name="Labour">Agent labour shared to the channel.</param>
/// <param name="Fixed">Licences, platform fees, overhead and usage no interaction caused (storage, egress), shared to the channel.</param>
public sealed record ChannelCost(ChannelActivity Activity, Money Usage, Money Labour, Money Fixed)
{
    /// <summary>The channel.</summary>
    public Channel Channel => Activity.Channel;

    /// <summary>Everything the channel cost.</summary>
    public Money Cost => Usage + Labour + Fixed;

    /// <summary>Cost / contacts, rounded half-up to the minor unit.</summary>
    public Money CostPerContact => CostReport.PerContact(Cost, Activity.Contacts);
}

/// <summary>One pool of cost in a report.</summary>
/// <param name="Category">What kind of cost.</param>
/// <param name="Name">Which one: a channel for usage, a group for labour, a charge id or overhead item.</param>
/// <param name="Amount">The pool's amount for the period, rounded once.</param>
public sealed record CostLine(CostCategory Category, string Name, Money Amount);

/// <summary>Kinds of cost in a report.</summary>
public enum CostCategory
{
    /// <summary>Rated usage: minutes, messages, sessions.</summary>
    Usage,

    /// <summary>Agent wages with burden.</summary>
    Labour,

    /// <summary>Per-seat licences.</summary>
    Licences,

    /// <summary>Recurring platform fees of the price book.</summary>
    Platform,

    /// <summary>Staff who do not handle contacts: supervisors, QA, WFM, trainers.</summary>
    Indirect,

    /// <summary>Tools paid per seat or per employee.</summary>
    Tools,

    /// <summary>Storage of recordings and transcripts.</summary>
    Storage,

    /// <summary>One-time costs spread over the months they serve.</summary>
    Amortized,

    /// <summary>Recruiting and training to replace agents who leave.</summary>
    Hiring,

    /// <summary>Other monthly costs: facilities, IT, desktops.</summary>
    Overhead,
}
