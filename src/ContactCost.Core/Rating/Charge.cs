namespace ContactCost.Rating;

/// <summary>One priced item of a price book: what it meters, which usage it applies to, and its model.</summary>
/// <param name="Id">The charge's id, unique in its price book; charge lines and totals name it.</param>
/// <param name="Meter">The quantity it prices; null for flat and one-time charges.</param>
/// <param name="Filter">Which usage it applies to.</param>
/// <param name="Model">How the quantity becomes an amount.</param>
public sealed record Charge(string Id, Meter? Meter, ChargeFilter Filter, ChargeModel Model)
{
    /// <summary>A short description for people (from the price book), or null.</summary>
    public string? Description { get; init; }

    /// <summary>True when the charge prices metered usage item by item (interactions and usage records).</summary>
    public bool IsMetered => Meter is not null && Model is PerUnitModel or GraduatedModel or VolumeModel or PackageModel;
}
