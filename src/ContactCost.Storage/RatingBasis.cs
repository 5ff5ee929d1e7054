using ContactCost.Tenants;

namespace ContactCost.Storage;

/// <summary>
/// The version of what a tenant's charges are rated from: its price books and its time zone. A rating run reads it
/// before it reads them, and every save of its ratings names it: once a price book is loaded or the zone moves, the
/// basis is a new one and saves made from the old one are refused (<see cref="RatingBasisChangedException"/>), so no
/// charge is kept that was rated from prices or days no longer in force.
/// </summary>
/// <param name="Number">Starts at 0 and grows by one with each change; compare, never compute with it.</param>
public readonly record struct RatingBasis(long Number);

/// <summary>
/// Ratings were saved from a <see cref="RatingBasis"/> that is no longer the tenant's: a price book was loaded or the
/// time zone moved while they were made. Nothing of the refused batch was stored; rate again to use the new basis.
/// </summary>
public sealed class RatingBasisChangedException(TenantId tenant)
    : StoreException($"Tenant '{tenant}' got a new price book or time zone while its usage was being rated, so the charges rated from the old ones were not saved. Rate again to rate them from the new ones.")
{
    /// <summary>The tenant whose basis changed.</summary>
    public TenantId Tenant { get; } = tenant;
}
