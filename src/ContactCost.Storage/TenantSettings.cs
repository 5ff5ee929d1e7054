using ContactCost.Tenants;

namespace ContactCost.Storage;

/// <summary>A tenant and the time zone its days, weeks and months are counted in.</summary>
/// <param name="Tenant">The tenant.</param>
/// <param name="TimeZone">Its time zone (an IANA zone such as America/New_York).</param>
public sealed record TenantSettings(TenantId Tenant, TimeZoneInfo TimeZone);
