using ContactCost.Storage;
using ContactCost.Tenants;

namespace ContactCost.Cli.Workflows;

/// <summary>The settings a command works with for a tenant: the stored ones, or UTC for a tenant never configured.</summary>
internal static class TenantSettingsLookup
{
    public static async Task<TenantSettings> GetAsync(IStore store, TenantId tenant, CancellationToken cancellationToken) =>
        await store.GetTenantAsync(tenant, cancellationToken).ConfigureAwait(false)
        ?? new TenantSettings(tenant, TimeZoneInfo.Utc);

    /// <summary>The earliest instant a store can hold: where "all of a tenant's charges" starts.</summary>
    public static readonly DateTimeOffset EarliestUtc = new(1899, 12, 31, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Whether moving <paramref name="tenant"/> to <paramref name="chosen"/> changes the calendar its rated
    /// charges were dated, tiered and prorated by: then the zone may only change with everything rated again.
    /// </summary>
    public static async Task<(TimeZoneInfo Current, bool MovesRatedCharges)> ZoneMoveAsync(IStore store, TenantId tenant, TimeZoneInfo chosen, CancellationToken cancellationToken)
    {
        var current = (await GetAsync(store, tenant, cancellationToken).ConfigureAwait(false)).TimeZone;
        // Same rules, same calendar: the same zone, or another name for it (US/Eastern for America/New_York, Etc/UTC for UTC).
        var moves = !chosen.HasSameRules(current);
        var rated = moves && (await store.SumChargesAsync(tenant, EarliestUtc, DateTimeOffset.MaxValue, null, cancellationToken).ConfigureAwait(false)).Count > 0;
        return (current, rated);
    }

    /// <summary>Why a zone move of <paramref name="tenant"/> is refused, for the command and the API alike; the caller adds what to do.</summary>
    public static string RatedIn(TenantId tenant, TimeZoneInfo current) =>
        $"Tenant '{tenant}' has usage rated in {current.Id}; its billing days and months would move.";

    public static TimeZoneInfo ParseZone(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (TimeZoneNotFoundException)
        {
            throw new CommandFailedException($"'{id}' is not a time zone this machine knows. Use an IANA name such as America/New_York, Europe/Paris or UTC.");
        }
    }
}
