using System.Security.Cryptography;
using ContactCost.Cli.Commands;
using ContactCost.Cli.Server.Webhooks;
using ContactCost.Cli.Workflows;
using ContactCost.Costing;
using ContactCost.Episodes;
using ContactCost.Formats.Documents;
using ContactCost.Formats.Reports;
using ContactCost.Periods;
using ContactCost.Storage;
using ContactCost.Tenants;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ContactCost.Cli.Server;

/// <summary>
/// The REST API of <c>ccost serve</c>: health, the cost report (the same JSON as <c>ccost report --json</c>),
/// wallets, low-balance webhooks, and tenants with their API keys (kept in the store, hashed). Every
/// <c>/api</c> request carries a key (<c>Authorization: Bearer KEY</c>) and sees only its tenant's data.
/// </summary>
internal static class ApiServer
{
    private const string TenantItem = "ccost.tenant";

    /// <summary>Builds the web application; the caller starts it (<c>RunAsync</c> or <c>StartAsync</c>) and disposes it.</summary>
    public static async Task<WebApplication> BuildAsync(ServerSettings settings, TimeProvider clock, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(settings.Urls);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = settings.MaxRequestBytes);
        builder.Logging.ClearProviders();
        builder.Services.AddProblemDetails();
        builder.Services.Configure<Microsoft.AspNetCore.Http.Json.JsonOptions>(o => o.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase);

        var stores = new StoreOpener(settings);
        // Opening the store once here migrates it, so requests and the webhook sender find it ready.
        await (await stores.OpenAsync(cancellationToken).ConfigureAwait(false)).DisposeAsync().ConfigureAwait(false);
        var keys = new ApiKeys(stores, clock);
        builder.Services.AddSingleton(keys);
        builder.Services.AddSingleton(stores);
        builder.Services.AddSingleton(clock);
        var writers = new WalletWriters(stores, clock);
        builder.Services.AddSingleton(writers);
        builder.Services.AddSingleton(settings.Webhooks);
        builder.Services.AddHostedService<WebhookSender>();
        ApiDocument.Add(builder.Services);

        var app = builder.Build();
        app.Lifetime.ApplicationStopped.Register(() =>
        {
            // The writers finish what is queued before the stores they use are closed.
            writers.DisposeAsync().AsTask().GetAwaiter().GetResult();
            stores.DisposeAsync().AsTask().GetAwaiter().GetResult();
        });
        app.UseStatusCodePages();
        app.Use(Failures);
        var adminKeyHash = settings.AdminKey is { } admin ? ApiKeys.Hash(admin) : null;
        app.Use((context, next) => Authenticate(context, next, keys, adminKeyHash));

        app.MapGet("/health", () => Results.Ok(new { status = "ok" }));
        app.MapGet("/ready", Ready);
        app.MapGet("/api/report", Report);
        app.MapPost("/api/tenants", CreateTenant);
        app.MapPost("/api/tenants/{id}/keys", IssueKey);
        WalletEndpoints.Map(app);
        OverviewEndpoints.Map(app);
        IngestEndpoints.Map(app, settings);
        DocumentEndpoints.Map(app);
        RatingEndpoints.Map(app);
        StaffingEndpoints.Map(app);
        WebhookEndpoints.Map(app);
        Dashboard.DashboardPage.Map(app);
        ApiDocument.Map(app);
        return app;
    }

    /// <summary>The caller's tenant, set once its key is checked.</summary>
    public static TenantId Tenant(HttpContext context) => (TenantId)context.Items[TenantItem]!;

    /// <summary>Whether the request came with the admin key.</summary>
    private static bool IsAdmin(HttpContext context) => context.Items.ContainsKey("ccost.admin");

    // Turns the failures the workflows raise into problem details instead of a 500 with no body.
    private static async Task Failures(HttpContext context, RequestDelegate next)
    {
        IResult? problem;
        try
        {
            await next(context).ConfigureAwait(false);
            return;
        }
        catch (BadHttpRequestException e)
        {
            problem = Results.Problem(e.Message, statusCode: e.StatusCode, title: "The request is not valid.");
        }
        catch (Exception e) when (e is CommandFailedException or DocumentException or ArgumentException)
        {
            problem = Problems.Bad(e.Message);
        }
        catch (RatingBasisChangedException e)
        {
            // Not the store's fault: another request changed what the charges are rated from. Sending it again works.
            problem = Problems.Conflict(e.Message);
        }
        catch (StoreException e)
        {
            problem = Results.Problem(e.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "The store is not available.");
        }

        if (!context.Response.HasStarted)
            await problem.ExecuteAsync(context).ConfigureAwait(false);
    }

    private static async Task Authenticate(HttpContext context, RequestDelegate next, ApiKeys keys, byte[]? adminKeyHash)
    {
        if (!context.Request.Path.StartsWithSegments("/api"))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var header = context.Request.Headers.Authorization.ToString();
        var key = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : "";
        if (key.Length == 0)
        {
            await Problems.Unauthorized("Send an API key: Authorization: Bearer KEY.").ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        var hash = ApiKeys.Hash(key);
        if (adminKeyHash is not null && CryptographicOperations.FixedTimeEquals(hash, adminKeyHash))
            context.Items["ccost.admin"] = true;
        else if (await keys.FindTenantAsync(hash, context.RequestAborted).ConfigureAwait(false) is { } tenant)
            context.Items[TenantItem] = tenant;
        else
        {
            await Problems.Unauthorized("The API key is not valid.").ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        var adminPath = context.Request.Path.StartsWithSegments("/api/tenants");
        if (adminPath != IsAdmin(context))
        {
            var message = adminPath ? "Only the admin key may manage tenants and keys." : "The admin key manages tenants; use a tenant's key for its data.";
            await Results.Problem(message, statusCode: StatusCodes.Status403Forbidden, title: "Forbidden.").ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        await next(context).ConfigureAwait(false);
    }

    private static async Task<IResult> Ready(StoreOpener stores, CancellationToken cancellationToken)
    {
        await using var store = await stores.OpenAsync(cancellationToken).ConfigureAwait(false);
        await store.GetTenantAsync(TenantId.Default, cancellationToken).ConfigureAwait(false);
        return Results.Ok(new { status = "ready" });
    }

    private static async Task<IResult> Report(HttpContext context, StoreOpener stores, string? period, string? compare, CancellationToken cancellationToken)
    {
        ReportingPeriod? chosen = null, baseline = null;
        if (period is not null)
            chosen = ReportingPeriod.TryParse(period, out var p) ? p : null;
        if (period is not null && chosen is null)
            return Problems.BadField("period", CommonOptions.NotAPeriod(period));
        if (compare is not null)
            baseline = ReportingPeriod.TryParse(compare, out var b) ? b : null;
        if (compare is not null && baseline is null)
            return Problems.BadField("compare", CommonOptions.NotAPeriod(compare));

        var tenant = Tenant(context);
        await using var store = await stores.OpenAsync(cancellationToken).ConfigureAwait(false);
        var latest = await StoredReport.LatestMonthAsync(store, tenant, cancellationToken).ConfigureAwait(false);
        if (latest is null)
            return Problems.NotFound($"Tenant '{tenant}' has no interactions yet.");
        var analysis = await StoredReport.AnalyseAsync(store, tenant, chosen ?? latest.Value, EpisodeStitcher.DefaultGap, null, null, cancellationToken).ConfigureAwait(false);
        var comparison = baseline is { } before
            ? CostComparison.Compare(analysis.Report, await StoredReport.BuildAsync(store, tenant, before, cancellationToken).ConfigureAwait(false))
            : null;
        return Results.Text(ReportDocument.Of(analysis, comparison).ToJson(), "application/json");
    }

    /// <summary>The body of <c>POST /api/tenants</c>.</summary>
    private sealed record TenantRequest(string? Id, string? TimeZone);

    private static async Task<IResult> CreateTenant(HttpContext context, StoreOpener stores, CancellationToken cancellationToken)
    {
        var (body, error) = await Problems.ReadAsync<TenantRequest>(context.Request, cancellationToken, ("id", b => b.Id)).ConfigureAwait(false);
        if (error is not null)
            return error;
        if (!TenantId.TryParse(body!.Id, out var tenant))
            return Problems.BadField("id", $"'{body.Id}' is not a tenant id: use lower-case letters, digits, '.', '_' or '-'.");
        TimeZoneInfo? found = null;
        if (body.TimeZone is { } zone)
        {
            (found, var wrongZone) = Problems.TimeZone("timeZone", zone);
            if (wrongZone is not null)
                return wrongZone;
        }
        await using var store = await stores.OpenAsync(cancellationToken).ConfigureAwait(false);
        // A tenant exists once it has settings: the ones the CLI saved, or UTC (the CLI's default) when created here without a zone.
        bool created;
        if (found is null)
        {
            created = await store.AddTenantAsync(new TenantSettings(tenant, TenantSettings.DefaultTimeZone), cancellationToken).ConfigureAwait(false);
        }
        else
        {
            // As ccost tenant: rated charges pin the calendar; rating everything again is the command's work, not a request's.
            var change = await store.SaveTenantAsync(new TenantSettings(tenant, found), forgetRatings: false, cancellationToken).ConfigureAwait(false);
            if (change.Outcome == ZoneChangeOutcome.Refused)
            {
                return Problems.Conflict(
                    TenantSettingsLookup.RatedIn(tenant, change.Previous) +
                    $" Change it with `ccost tenant set --tenant {tenant} --time-zone {found.Id} --rerate` on the server's store, which rates everything again.");
            }

            created = change.Created;
        }
        var timeZone = (await TenantSettingsLookup.GetAsync(store, tenant, cancellationToken).ConfigureAwait(false)).TimeZone.Id;
        var result = new { id = tenant.Value, timeZone };
        return created ? Results.Created($"/api/tenants/{tenant}", result) : Results.Ok(result);
    }

    private static async Task<IResult> IssueKey(string id, ApiKeys keys, CancellationToken cancellationToken)
    {
        if (!TenantId.TryParse(id, out var tenant))
            return Problems.BadField("id", $"'{id}' is not a tenant id.");
        var key = await keys.IssueAsync(tenant, cancellationToken).ConfigureAwait(false);
        return key is null
            ? Problems.NotFound($"There is no tenant '{id}'; create it first: POST /api/tenants.")
            : Results.Created($"/api/tenants/{tenant}/keys", new { tenant = tenant.Value, key });
    }
}
