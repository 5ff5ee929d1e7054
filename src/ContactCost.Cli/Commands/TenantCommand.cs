using System.CommandLine;
using ContactCost.Cli.Output;
using ContactCost.Cli.Workflows;
using ContactCost.Storage;

namespace ContactCost.Cli.Commands;

/// <summary><c>ccost tenant show|set</c>: a tenant's settings, such as the time zone its days and months are counted in.</summary>
internal static class TenantCommand
{
    public sealed record Json(string Tenant, string TimeZone, long Interactions);

    public static Command Create(Terminal terminal)
    {
        var command = new Command("tenant", "Show or change a tenant's settings (its time zone).");

        var database = CommonOptions.Database();
        var tenant = CommonOptions.Tenant();
        var json = CommonOptions.Json();
        var show = new Command("show", "Show the tenant's time zone and how many interactions it has.") { database, tenant, json };
        show.SetAction(async (parse, cancellationToken) =>
        {
            await using var store = await CommonOptions.OpenStoreAsync(parse, database, cancellationToken).ConfigureAwait(false);
            await WriteAsync(terminal, store, parse.GetValue(tenant), parse.GetValue(json), cancellationToken).ConfigureAwait(false);
            return ExitCode.Ok;
        });

        var setDatabase = CommonOptions.Database();
        var setTenant = CommonOptions.Tenant();
        var setJson = CommonOptions.Json();
        var zone = new Option<string>("--time-zone")
        {
            Description = "IANA time zone for the tenant's days, weeks and months (e.g. America/New_York, Europe/Paris, UTC).",
            Required = true,
            HelpName = "ZONE",
        };
        var set = new Command("set", "Change the tenant's settings.") { setDatabase, setTenant, zone, setJson };
        set.SetAction(async (parse, cancellationToken) =>
        {
            await using var store = await CommonOptions.OpenStoreAsync(parse, setDatabase, cancellationToken).ConfigureAwait(false);
            var tenantId = parse.GetValue(setTenant);
            await store.SaveTenantAsync(new TenantSettings(tenantId, TenantSettingsLookup.ParseZone(parse.GetValue(zone)!)), cancellationToken).ConfigureAwait(false);
            await WriteAsync(terminal, store, tenantId, parse.GetValue(setJson), cancellationToken).ConfigureAwait(false);
            return ExitCode.Ok;
        });

        command.Subcommands.Add(show);
        command.Subcommands.Add(set);
        return command;
    }

    private static async Task WriteAsync(Terminal terminal, IStore store, Tenants.TenantId tenant, bool json, CancellationToken cancellationToken)
    {
        var settings = await TenantSettingsLookup.GetAsync(store, tenant, cancellationToken).ConfigureAwait(false);
        var count = await store.CountInteractionsAsync(tenant, cancellationToken).ConfigureAwait(false);
        if (json)
            terminal.WriteJson(new Json(tenant.Value, settings.TimeZone.Id, count));
        else
            terminal.Out.WriteLine($"Tenant '{tenant}': time zone {settings.TimeZone.Id}, {count:N0} interactions.");
    }
}
