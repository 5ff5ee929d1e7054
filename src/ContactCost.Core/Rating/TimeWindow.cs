using System.Globalization;

namespace ContactCost.Rating;

/// <summary>
/// A time-of-day and day-of-week window with its own unit price (peak, off-peak, weekend), matched
/// on the local start time of the usage in the tenant's time zone.
/// </summary>
public sealed record TimeWindow
{
    /// <summary>A window; <paramref name="from"/> after <paramref name="to"/> wraps past midnight (20:00-08:00).</summary>
    public TimeWindow(string name, IReadOnlySet<DayOfWeek> days, TimeOnly from, TimeOnly to, decimal unitPrice)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(days);
        if (days.Count == 0)
            throw new ArgumentException("A window needs at least one day.", nameof(days));
        if (unitPrice < 0m)
            throw new ArgumentOutOfRangeException(nameof(unitPrice), unitPrice, "The unit price must not be negative.");
        Name = name;
        Days = days;
        From = from;
        To = to;
        UnitPrice = unitPrice;
    }

    /// <summary>The window's name, shown on charge lines.</summary>
    public string Name { get; }

    /// <summary>The days the window applies on (the day the window opens, for windows past midnight).</summary>
    public IReadOnlySet<DayOfWeek> Days { get; }

    /// <summary>Start of the window, inclusive.</summary>
    public TimeOnly From { get; }

    /// <summary>End of the window, exclusive; equal to <see cref="From"/> means the whole day.</summary>
    public TimeOnly To { get; }

    /// <summary>The price of <c>per</c> units in the window.</summary>
    public decimal UnitPrice { get; }

    /// <summary>True when the local time <paramref name="local"/> falls in the window.</summary>
    public bool Contains(DateTime local)
    {
        var time = TimeOnly.FromDateTime(local);
        if (From == To)
            return Days.Contains(local.DayOfWeek);
        if (From < To)
            return Days.Contains(local.DayOfWeek) && time >= From && time < To;

        // Past midnight: the evening part belongs to its own day, the morning part to the day before.
        return (time >= From && Days.Contains(local.DayOfWeek))
            || (time < To && Days.Contains(local.AddDays(-1).DayOfWeek));
    }

    /// <summary>Reads a day list: <c>mon-fri</c>, <c>sat,sun</c>, <c>mon,wed-fri</c>; false when a name is not a day.</summary>
    public static bool TryParseDays(string text, out IReadOnlySet<DayOfWeek> days)
    {
        var set = new HashSet<DayOfWeek>();
        days = set;
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var ends = part.Split('-', StringSplitOptions.TrimEntries);
            if (ends.Length > 2 || !TryDay(ends[0], out var first))
                return false;
            var last = first;
            if (ends.Length == 2 && !TryDay(ends[1], out last))
                return false;
            for (var d = first; ; d = (DayOfWeek)(((int)d + 1) % 7))
            {
                set.Add(d);
                if (d == last)
                    break;
            }
        }

        return set.Count > 0;
    }

    private static bool TryDay(string name, out DayOfWeek day)
    {
        var index = Array.FindIndex(DayNames, d => string.Equals(d, name, StringComparison.OrdinalIgnoreCase));
        day = (DayOfWeek)Math.Max(index, 0);
        return index >= 0;
    }

    private static readonly string[] DayNames = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

    /// <summary>How the window reads: <c>peak (mon-fri 08:00-18:00)</c>.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Name} ({From:HH\\:mm}-{To:HH\\:mm})");
}
