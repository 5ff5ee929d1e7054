using ContactCost.Storage;
using ContactCost.Tenants;

namespace ContactCost.Cli.Workflows;

/// <summary>The settings a command works with for a tenant: the stored ones, or UTC for a tenant never configured.</summary>
internal static class TenantSettingsLookup
{
    public static async Task<TenantSettings> GetAsync(IStore store, TenantId tenant, CancellationToken cancellationToken) =>
        await store.GetTenantAsync(tenant, cancellationToken).ConfigureAwait(false)
        ?? new TenantSettings(tenant, TenantSettings.DefaultTimeZone);

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
