using System.CommandLine;
using ContactCost.Cli.Output;
using ContactCost.Cli.Workflows;
using ContactCost.Storage;
using ContactCost.Tenants;

namespace ContactCost.Cli.Commands;

/// <summary><c>ccost tenant show|set</c>: a tenant's settings: the time zone its days and months are counted in, and its low-balance webhook.</summary>
internal static class TenantCommand
{
    public sealed record Json(string Tenant, string TimeZone, long Interactions, string? Webhook, bool WebhookSigned);

    public static Command Create(Terminal terminal)
    {
        var command = new Command("tenant", "Show or change a tenant's settings (its time zone, its low-balance webhook).");

        var database = CommonOptions.Database();
        var tenant = CommonOptions.Tenant();
        var json = CommonOptions.Json();
        var show = new Command("show", "Show the tenant's time zone, how many interactions it has, and its webhook (never its secret).") { database, tenant, json };
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
            HelpName = "ZONE",
        };
        var webhook = new Option<string?>("--webhook")
        {
            Description = "Where `ccost serve` posts the tenant's low-balance events (an http or https URL; docs/api.md, Webhooks).",
            HelpName = "URL",
        };
        var webhookSecret = new Option<string?>("--webhook-secret")
        {
            Description = "With --webhook: sign each delivery with an HMAC-SHA256 of its body under this secret (header X-ContactCost-Signature).",
            HelpName = "SECRET",
        };
        var noWebhook = new Option<bool>("--no-webhook") { Description = "Remove the tenant's webhook." };
        var rerate = new Option<bool>("--rerate")
        {
            Description = "When rated data exists, change the zone anyway and rate everything again: billing days and months move with the zone.",
        };
        var set = new Command("set", "Change the tenant's settings.") { setDatabase, setTenant, zone, rerate, webhook, webhookSecret, noWebhook, setJson };
        set.SetAction(async (parse, cancellationToken) =>
        {
            var hook = WebhookSettingsOf(parse.GetValue(webhook), parse.GetValue(webhookSecret), parse.GetValue(noWebhook));
            if (parse.GetValue(zone) is null && hook is null)
                throw new CommandFailedException("Nothing to change: give --time-zone ZONE, --webhook URL or --no-webhook.");
            await using var store = await CommonOptions.OpenStoreAsync(parse, setDatabase, cancellationToken).ConfigureAwait(false);
            var tenantId = parse.GetValue(setTenant);
            if (parse.GetValue(zone) is { } zoneId)
                await SetZoneAsync(terminal, store, tenantId, zoneId, parse.GetValue(rerate), cancellationToken).ConfigureAwait(false);
            if (hook is { } change)
                await store.SaveWebhookAsync(tenantId, change.Remove ? null : change.Webhook, cancellationToken).ConfigureAwait(false);

            await WriteAsync(terminal, store, tenantId, parse.GetValue(setJson), cancellationToken).ConfigureAwait(false);
            return ExitCode.Ok;
        });

        command.Subcommands.Add(show);
        command.Subcommands.Add(set);
        return command;
    }

    // The webhook change the options ask for (null: none), or a message saying which options clash.
    private static (WebhookSettings? Webhook, bool Remove)? WebhookSettingsOf(string? url, string? secret, bool remove)
    {
        if (remove && (url is not null || secret is not null))
            throw new CommandFailedException("--no-webhook removes the webhook: give it without --webhook and --webhook-secret.");
        if (remove)
            return (null, true);
        if (secret is not null && url is null)
            throw new CommandFailedException("--webhook-secret signs a webhook's deliveries: give it with --webhook URL.");
        if (url is null)
            return null;
        if (Server.Webhooks.WebhookUrl.Parse(url, out var error) is not { } parsed)
            throw new CommandFailedException(error!);
        if (secret is "")
            throw new CommandFailedException("The --webhook-secret is empty: leave it out to send unsigned deliveries.");
        return (new WebhookSettings(parsed, secret), false);
    }

    private static async Task SetZoneAsync(Terminal terminal, IStore store, Tenants.TenantId tenantId, string zoneId, bool rerateAllowed, CancellationToken cancellationToken)
    {
        var chosen = TenantSettingsLookup.ParseZone(zoneId);
        var change = await store.SaveTenantAsync(new TenantSettings(tenantId, chosen), forgetRatings: rerateAllowed, cancellationToken).ConfigureAwait(false);
        if (change.Outcome == ZoneChangeOutcome.Refused)
        {
            // Charges were dated, tiered and prorated by the old zone's days and months: a silent change would mix two calendars.
            throw new CommandFailedException(
                TenantSettingsLookup.RatedIn(tenantId, change.Previous) +
                " Run again with --rerate to change the zone and rate everything again (invoices already issued get adjustments when re-invoiced).");
        }

        if (change.Outcome == ZoneChangeOutcome.MovedRatingsForgotten)
        {
            var summary = await terminal.WithProgressAsync("Rating again", change.ItemsForgotten,
                progress => StoreRating.RateAsync(store, tenantId, progress, cancellationToken)).ConfigureAwait(false);
            terminal.Note($"Rated {summary.Rated:N0} items again in {chosen.Id}: {summary.Amount}.");
        }
    }

    private static async Task WriteAsync(Terminal terminal, IStore store, Tenants.TenantId tenant, bool json, CancellationToken cancellationToken)
    {
        var settings = await TenantSettingsLookup.GetAsync(store, tenant, cancellationToken).ConfigureAwait(false);
        var count = await store.CountInteractionsAsync(tenant, cancellationToken).ConfigureAwait(false);
        var hook = await store.GetWebhookAsync(tenant, cancellationToken).ConfigureAwait(false);
        if (json)
        {
            terminal.WriteJson(new Json(tenant.Value, settings.TimeZone.Id, count, hook?.Url.AbsoluteUri, hook?.Secret is not null));
        }
        else
        {
            var webhook = hook is null ? "no webhook" : $"webhook {hook.Url.AbsoluteUri}{(hook.Secret is null ? " (unsigned)" : " (signed)")}";
            terminal.Out.WriteLine($"Tenant '{tenant}': time zone {settings.TimeZone.Id}, {count:N0} interactions, {webhook}.");
        }
    }
}
