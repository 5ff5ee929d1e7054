using ContactCost.Tenants;

namespace ContactCost.Storage;

/// <summary>A tenant and the time zone its days, weeks and months are counted in.</summary>
/// <param name="Tenant">The tenant.</param>
/// <param name="TimeZone">Its time zone (an IANA zone such as America/New_York).</param>
public sealed record TenantSettings(TenantId Tenant, TimeZoneInfo TimeZone)
{
    /// <summary>The zone of a tenant never saved: UTC. Its charges are rated in it until a zone is saved.</summary>
    public static TimeZoneInfo DefaultTimeZone => TimeZoneInfo.Utc;
}
