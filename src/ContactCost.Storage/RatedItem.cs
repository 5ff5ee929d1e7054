using ContactCost.Rating;

namespace ContactCost.Storage;

/// <summary>What a charge line was priced for.</summary>
public enum RatedSource
{
    /// <summary>An interaction.</summary>
    Interaction,

    /// <summary>A usage record.</summary>
    Usage,
}

/// <summary>The charge lines of one interaction or usage record, rated with one price-book version.</summary>
/// <param name="Source">Whether the item is an interaction or a usage record.</param>
/// <param name="Id">The item's id.</param>
/// <param name="Start">The item's start, kept on its lines so a period's lines are found by time.</param>
/// <param name="PriceBookVersion">The version used.</param>
/// <param name="Lines">Its lines; none when no charge applied.</param>
public sealed record RatedItem(RatedSource Source, string Id, DateTimeOffset Start, string PriceBookVersion, IReadOnlyList<ChargeLine> Lines);

/// <summary>A position in the (start, id) order of items, for paging through unrated ones.</summary>
/// <param name="Start">The start of the last item seen.</param>
/// <param name="Id">The id of the last item seen.</param>
public readonly record struct RatingCursor(DateTimeOffset Start, string Id)
{
    /// <summary>Before every item.</summary>
    public static RatingCursor Beginning => new(DateTimeOffset.MinValue, "");
}

/// <summary>The sum of one charge's lines over a period, as an invoice line needs it.</summary>
/// <param name="ChargeId">The charge.</param>
/// <param name="Lines">How many lines it had.</param>
/// <param name="BilledQuantity">The billed units of its lines.</param>
/// <param name="AmountMinorUnits">The sum of its rounded line amounts, in minor units.</param>
public sealed record ChargeTotal(string ChargeId, long Lines, decimal BilledQuantity, long AmountMinorUnits)
{
    /// <summary>The sum of the lines' exact (unrounded) amounts; the rounded amounts add up to it rounded once.</summary>
    public decimal ExactAmount { get; init; }
}

/// <summary>A rated item whose amount is not charged to a wallet yet.</summary>
/// <param name="Source">Interaction or usage record.</param>
/// <param name="Id">The item's id.</param>
/// <param name="Start">When it happened.</param>
/// <param name="AmountMinorUnits">Its rated amount, in minor units of the price book's currency.</param>
public sealed record UnchargedUsage(RatedSource Source, string Id, DateTimeOffset Start, long AmountMinorUnits)
{
    /// <summary>The wallet operation id that charges it: the same on every run, so it is charged once.</summary>
    public string OperationId => $"usage:{(Source == RatedSource.Interaction ? "interaction" : "usage")}:{Id}";
}
