using System.Globalization;

namespace ContactCost.Periods;

/// <summary>
/// A day, ISO week, month or quarter of the calendar. Its boundaries are local midnights in the
/// tenant's time zone, so a month in New York starts at 04:00 or 05:00 UTC depending on DST.
/// </summary>
public readonly record struct ReportingPeriod
{
    private readonly DateOnly rangeEnd;

    private ReportingPeriod(PeriodKind kind, DateOnly firstDay, DateOnly rangeEnd = default)
    {
        Kind = kind;
        FirstDay = firstDay;
        this.rangeEnd = rangeEnd;
    }

    /// <summary>Day, week, month or quarter.</summary>
    public PeriodKind Kind { get; }

    /// <summary>The first calendar day of the period.</summary>
    public DateOnly FirstDay { get; }

    /// <summary>The day after the last day of the period (exclusive end).</summary>
    public DateOnly EndDay => Kind switch
    {
        PeriodKind.Day => FirstDay.AddDays(1),
        PeriodKind.Week => FirstDay.AddDays(7),
        PeriodKind.Month => FirstDay.AddMonths(1),
        PeriodKind.Quarter => FirstDay.AddMonths(3),
        PeriodKind.Range => rangeEnd,
        _ => throw new InvalidOperationException($"Unknown period kind {Kind}."),
    };

    /// <summary>The last calendar day of the period.</summary>
    public DateOnly LastDay => EndDay.AddDays(-1);

    /// <summary>Number of calendar days in the period.</summary>
    public int DayCount => EndDay.DayNumber - FirstDay.DayNumber;

    /// <summary>The calendar day <paramref name="day"/>.</summary>
    public static ReportingPeriod Day(DateOnly day) => new(PeriodKind.Day, day);

    /// <summary>The ISO week (Monday to Sunday) that contains <paramref name="day"/>.</summary>
    public static ReportingPeriod WeekOf(DateOnly day) =>
        new(PeriodKind.Week, day.AddDays(-(((int)day.DayOfWeek + 6) % 7)));

    /// <summary>The calendar month <paramref name="year"/>-<paramref name="month"/>.</summary>
    public static ReportingPeriod Month(int year, int month) => new(PeriodKind.Month, new DateOnly(year, month, 1));

    /// <summary>The days from <paramref name="firstDay"/> to <paramref name="lastDay"/>, both included.</summary>
    public static ReportingPeriod Range(DateOnly firstDay, DateOnly lastDay) =>
        lastDay >= firstDay
            ? new(PeriodKind.Range, firstDay, lastDay.AddDays(1))
            : throw new ArgumentOutOfRangeException(nameof(lastDay), lastDay, $"The last day must not be before the first day {firstDay:yyyy-MM-dd}.");

    /// <summary>The calendar quarter (1 to 4) of <paramref name="year"/>.</summary>
    public static ReportingPeriod Quarter(int year, int quarter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(quarter, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quarter, 4);
        return new(PeriodKind.Quarter, new DateOnly(year, (quarter - 1) * 3 + 1, 1));
    }

    /// <summary>The period of <paramref name="kind"/> that contains the local calendar day <paramref name="day"/> (not for ranges).</summary>
    public static ReportingPeriod Containing(PeriodKind kind, DateOnly day) => kind switch
    {
        PeriodKind.Day => Day(day),
        PeriodKind.Week => WeekOf(day),
        PeriodKind.Month => Month(day.Year, day.Month),
        PeriodKind.Quarter => Quarter(day.Year, (day.Month - 1) / 3 + 1),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Only days, weeks, months and quarters contain a day; a range is given by its ends."),
    };

    /// <summary>The period of <paramref name="kind"/> that contains <paramref name="instant"/> as seen in <paramref name="zone"/>.</summary>
    public static ReportingPeriod Containing(PeriodKind kind, DateTimeOffset instant, TimeZoneInfo zone) =>
        Containing(kind, LocalDay(instant, zone));

    /// <summary>The calendar day of <paramref name="instant"/> in <paramref name="zone"/>.</summary>
    public static DateOnly LocalDay(DateTimeOffset instant, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);
    }

    /// <summary>The period before this one, of the same kind (for a range, as many days just before it).</summary>
    public ReportingPeriod Previous() =>
        Kind == PeriodKind.Range ? Range(FirstDay.AddDays(-DayCount), FirstDay.AddDays(-1)) : Containing(Kind, FirstDay.AddDays(-1));

    /// <summary>The period after this one, of the same kind (for a range, as many days just after it).</summary>
    public ReportingPeriod Next() =>
        Kind == PeriodKind.Range ? Range(EndDay, EndDay.AddDays(DayCount - 1)) : new(Kind, EndDay);

    /// <summary>True when <paramref name="day"/> falls within the period.</summary>
    public bool Contains(DateOnly day) => day >= FirstDay && day < EndDay;

    /// <summary>The period's first instant (local midnight of the first day) in <paramref name="zone"/>, as UTC.</summary>
    public DateTimeOffset StartUtc(TimeZoneInfo zone) => StartOfDayUtc(FirstDay, zone);

    /// <summary>The first instant after the period (local midnight of <see cref="EndDay"/>) in <paramref name="zone"/>, as UTC.</summary>
    public DateTimeOffset EndUtc(TimeZoneInfo zone) => StartOfDayUtc(EndDay, zone);

    /// <summary>
    /// The UTC instant at which <paramref name="day"/> begins in <paramref name="zone"/>. Where a DST
    /// change skips local midnight the day begins at the first local time that exists; where midnight
    /// happens twice the day begins at the first of them.
    /// </summary>
    public static DateTimeOffset StartOfDayUtc(DateOnly day, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        if (zone.IsAmbiguousTime(local))
        {
            // The larger offset is the earlier instant.
            var offset = zone.GetAmbiguousTimeOffsets(local).Max();
            return new DateTimeOffset(local, offset).ToUniversalTime();
        }

        // Step forward minute by minute over a skipped hour (gaps are at most a few hours).
        while (zone.IsInvalidTime(local))
            local = local.AddMinutes(1);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>The forms <see cref="TryParse"/> reads, for messages that tell a person what to write.</summary>
    public const string Forms = "2026-10-05, 2026-W41, 2026-10, 2026-Q4 or 2026-10-01..2026-12-31";

    /// <summary>
    /// Reads <c>2026-10-05</c> (day), <c>2026-W41</c> (ISO week), <c>2026-10</c> (month),
    /// <c>2026-Q4</c> (quarter) or <c>2026-10-01..2026-12-31</c> (a range of days, both included).
    /// </summary>
    public static bool TryParse(string? text, out ReportingPeriod period)
    {
        period = default;
        if (string.IsNullOrWhiteSpace(text) || !TryParseAnyYear(text, out var parsed))
            return false;

        // Years a contact center can have data in; far dates would overflow the calendar arithmetic.
        if (parsed.FirstDay.Year is < 1900 or > 9000 || parsed.LastDay.Year > 9000)
            return false;
        period = parsed;
        return true;
    }

    private static bool TryParseAnyYear(string text, out ReportingPeriod period)
    {
        period = default;
        var s = text.Trim();
        var inv = CultureInfo.InvariantCulture;

        var dots = s.IndexOf("..", StringComparison.Ordinal);
        if (dots > 0)
        {
            if (DateOnly.TryParseExact(s[..dots], "yyyy-MM-dd", inv, DateTimeStyles.None, out var from)
                && DateOnly.TryParseExact(s[(dots + 2)..], "yyyy-MM-dd", inv, DateTimeStyles.None, out var to)
                && to >= from && to.Year <= 9000)
            {
                period = Range(from, to);
                return true;
            }

            return false;
        }

        if (DateOnly.TryParseExact(s, "yyyy-MM-dd", inv, DateTimeStyles.None, out var day))
        {
            period = Day(day);
            return true;
        }

        if (DateOnly.TryParseExact(s, "yyyy-MM", inv, DateTimeStyles.None, out var month))
        {
            period = Month(month.Year, month.Month);
            return true;
        }

        if (s.Length == 7 && s[4] == '-' && (s[5] == 'Q' || s[5] == 'q')
            && int.TryParse(s.AsSpan(0, 4), NumberStyles.None, inv, out var qYear) && qYear >= 1
            && s[6] is >= '1' and <= '4')
        {
            period = Quarter(qYear, s[6] - '0');
            return true;
        }

        if (s.Length == 8 && s[4] == '-' && (s[5] == 'W' || s[5] == 'w')
            && int.TryParse(s.AsSpan(0, 4), NumberStyles.None, inv, out var wYear) && wYear is >= 1 and <= 9998
            && int.TryParse(s.AsSpan(6, 2), NumberStyles.None, inv, out var week)
            && week >= 1 && week <= ISOWeek.GetWeeksInYear(wYear))
        {
            period = WeekOf(DateOnly.FromDateTime(ISOWeek.ToDateTime(wYear, week, DayOfWeek.Monday)));
            return true;
        }

        return false;
    }

    /// <summary>Reads a period like <see cref="TryParse"/>, throwing a message with the accepted forms.</summary>
    public static ReportingPeriod Parse(string text) =>
        TryParse(text, out var period)
            ? period
            : throw new FormatException(
                $"'{text}' is not a period. Write a day (2026-10-05), an ISO week (2026-W41), a month (2026-10), a quarter (2026-Q4) or a range of days (2026-10-01..2026-12-31).");

    /// <summary>The period in the form <see cref="Parse"/> reads.</summary>
    public override string ToString()
    {
        var inv = CultureInfo.InvariantCulture;
        return Kind switch
        {
            PeriodKind.Day => FirstDay.ToString("yyyy-MM-dd", inv),
            PeriodKind.Week => string.Create(inv,
                $"{ISOWeek.GetYear(FirstDay.ToDateTime(TimeOnly.MinValue)):D4}-W{ISOWeek.GetWeekOfYear(FirstDay.ToDateTime(TimeOnly.MinValue)):D2}"),
            PeriodKind.Month => FirstDay.ToString("yyyy-MM", inv),
            PeriodKind.Quarter => string.Create(inv, $"{FirstDay.Year:D4}-Q{(FirstDay.Month - 1) / 3 + 1}"),
            PeriodKind.Range => FirstDay.ToString("yyyy-MM-dd", inv) + ".." + LastDay.ToString("yyyy-MM-dd", inv),
            _ => Kind.ToString(),
        };
    }
}
