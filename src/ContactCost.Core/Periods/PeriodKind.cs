namespace ContactCost.Periods;

/// <summary>The length of a reporting period.</summary>
public enum PeriodKind
{
    /// <summary>One calendar day, written <c>2026-10-05</c>.</summary>
    Day,

    /// <summary>One ISO week, Monday to Sunday, written <c>2026-W41</c>.</summary>
    Week,

    /// <summary>One calendar month, written <c>2026-10</c>.</summary>
    Month,

    /// <summary>One calendar quarter, written <c>2026-Q4</c>.</summary>
    Quarter,

    /// <summary>Any run of whole days, written <c>2026-10-01..2026-12-31</c> (both days included).</summary>
    Range,
}
