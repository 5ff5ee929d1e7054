using ContactCost.Cli.Workflows;
using ContactCost.Periods;
using ContactCost.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ContactCost.Cli.Server;

/// <summary>
/// What a dashboard lists for the caller's tenant: <c>GET /api/wallets</c> (every wallet with its figures)
/// and <c>GET /api/periods</c> (the months that have interactions, newest first).
/// </summary>
internal static class OverviewEndpoints
{
    /// <summary>One wallet in <c>GET /api/wallets</c>: its figures as of now and its low-balance threshold (null when none).</summary>
    public sealed record WalletJson(string Wallet, string Currency, decimal Available, decimal Reserved, decimal Balance, decimal CreditLimit, decimal? LowBalance, bool Low)
    {
        /// <summary>The JSON of one stored wallet.</summary>
        public static WalletJson Of(WalletSummary w) => new(
            w.Wallet, w.Currency.Code, w.Balance.Available.Amount, w.Balance.Reserved.Amount, w.Balance.Balance.Amount, w.Balance.CreditLimit.Amount, w.LowBalance?.Amount, w.IsLow);
    }

    /// <summary>The body of <c>GET /api/wallets</c>.</summary>
    public sealed record WalletListJson(IReadOnlyList<WalletJson> Wallets);

    /// <summary>The body of <c>GET /api/periods</c>: the tenant, its time zone and its months with interactions, newest first.</summary>
    public sealed record PeriodsJson(string Tenant, string TimeZone, IReadOnlyList<string> Months);

    /// <summary>Adds the routes to <paramref name="app"/>.</summary>
    public static void Map(WebApplication app)
    {
        app.MapGet("/api/wallets", ListWallets);
        app.MapGet("/api/periods", Periods);
    }

    private static async Task<IResult> ListWallets(HttpContext context, StoreOpener stores, TimeProvider clock, CancellationToken cancellationToken)
    {
        await using var store = await stores.OpenAsync(cancellationToken).ConfigureAwait(false);
        var wallets = await store.ListWalletsAsync(ApiServer.Tenant(context), clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return Results.Ok(new WalletListJson(wallets.Select(WalletJson.Of).ToArray()));
    }

    private static async Task<IResult> Periods(HttpContext context, StoreOpener stores, CancellationToken cancellationToken)
    {
        var tenant = ApiServer.Tenant(context);
        await using var store = await stores.OpenAsync(cancellationToken).ConfigureAwait(false);
        var zone = (await TenantSettingsLookup.GetAsync(store, tenant, cancellationToken).ConfigureAwait(false)).TimeZone;
        var months = new List<string>();
        if (await store.GetInteractionSpanAsync(tenant, cancellationToken).ConfigureAwait(false) is { } span)
        {
            var oldest = ReportingPeriod.Containing(PeriodKind.Month, span.First, zone);
            for (var month = ReportingPeriod.Containing(PeriodKind.Month, span.Last, zone); month.FirstDay >= oldest.FirstDay; month = month.Previous())
                months.Add(month.ToString());
        }

        return Results.Ok(new PeriodsJson(tenant.Value, zone.Id, months));
    }
}
