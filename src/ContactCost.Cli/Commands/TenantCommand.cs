using System.CommandLine;
using ContactCost.Cli.Output;
using ContactCost.Cli.Workflows;
using ContactCost.Storage;
using ContactCost.Tenants;

namespace ContactCost.Cli.Commands;

/// <summary><c>ccost tenant show|set</c>: a tenant's settings, such as the time zone its days and months are counted in.</summary>
internal static class TenantCommand
{
    public sealed record Json(string Tenant, string TimeZone, long Interactions);

    // Before any interaction the store accepts (periods start in 1900).
    private static readonly DateTimeOffset EarliestUtc = new(1899, 12, 31, 0, 0, 0, TimeSpan.Zero);

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
        var rerate = new Option<bool>("--rerate")
        {
            Description = "When rated data exists, change the zone anyway and rate everything again: billing days and months move with the zone.",
        };
        var set = new Command("set", "Change the tenant's settings.") { setDatabase, setTenant, zone, rerate, setJson };
        set.SetAction(async (parse, cancellationToken) =>
        {
            await using var store = await CommonOptions.OpenStoreAsync(parse, setDatabase, cancellationToken).ConfigureAwait(false);
            var tenantId = parse.GetValue(setTenant);
            var current = await TenantSettingsLookup.GetAsync(store, tenantId, cancellationToken).ConfigureAwait(false);
            var chosen = TenantSettingsLookup.ParseZone(parse.GetValue(zone)!);
            var moves = chosen.Id != current.TimeZone.Id;
            var rated = moves && (await store.SumChargesAsync(tenantId, EarliestUtc, DateTimeOffset.MaxValue, null, cancellationToken).ConfigureAwait(false)).Count > 0;
            if (rated && !parse.GetValue(rerate))
            {
                // Charges were dated, tiered and prorated by the old zone's days and months: a silent change would mix two calendars.
                throw new CommandFailedException(
                    $"Tenant '{tenantId}' has usage rated in {current.TimeZone.Id}; its billing days and months would move. " +
                    $"Run again with --rerate to change the zone and rate everything again (invoices already issued get adjustments when re-invoiced).");
            }

            await store.SaveTenantAsync(new TenantSettings(tenantId, chosen), cancellationToken).ConfigureAwait(false);
            if (rated)
            {
                var reset = await store.ResetRatingsAsync(tenantId, EarliestUtc, null, cancellationToken).ConfigureAwait(false);
                var summary = await terminal.WithProgressAsync("Rating again", reset,
                    progress => StoreRating.RateAsync(store, tenantId, progress, cancellationToken)).ConfigureAwait(false);
                terminal.Note($"Rated {summary.Rated:N0} items again in {chosen.Id}: {summary.Amount}.");
            }

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
