namespace ContactCost.Rating;

/// <summary>One priced item of a price book: what it meters, which usage it applies to, and its model.</summary>
/// <param name="Id">The charge's id, unique in its price book; charge lines and totals name it.</param>
/// <param name="Meter">The quantity it prices; null for one-time and flat charges.</param>
/// <param name="Filter">Which interactions it applies to.</param>
/// <param name="Model">How the quantity becomes an amount.</param>
public sealed record Charge(string Id, Meter? Meter, ChargeFilter Filter, ChargeModel Model)
{
    /// <summary>True when the charge prices each interaction (as opposed to seats, flat and one-time amounts).</summary>
    public bool IsPerInteraction => Meter is { } meter && meter.IsPerInteraction() && Model is PerUnitModel;
}
