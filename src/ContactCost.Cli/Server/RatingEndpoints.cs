using System.Collections.Concurrent;
using ContactCost.Cli.Commands;
using ContactCost.Cli.Workflows;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ContactCost.Cli.Server;

/// <summary><c>POST /api/rate</c>: rates what the caller's tenant holds unrated, as <c>ccost rate</c> does, and answers its <c>--json</c>.</summary>
internal static class RatingEndpoints
{
    // One rating run per tenant at a time: a second request waits and then finds nothing left to
    // rate, instead of pricing the same month beside the first (the store would keep one rating of
    // each item either way, but accumulating charges re-rate whole months).
    private static readonly ConcurrentDictionary<ContactCost.Tenants.TenantId, SemaphoreSlim> Running = new();

    /// <summary>Adds the rating route to <paramref name="app"/>.</summary>
    public static void Map(WebApplication app) =>
        app.MapPost("/api/rate", RateAsync)
            .WithSummary("Rate the stored interactions and usage records not rated yet (ccost rate --json); running it again charges nothing twice.")
            .Produces<RateCommand.StoreJson>()
            .ProducesProblem(StatusCodes.Status400BadRequest);

    private static async Task<IResult> RateAsync(HttpContext context, StoreOpener stores, CancellationToken cancellationToken)
    {
        var tenant = ApiServer.Tenant(context);
        var running = Running.GetOrAdd(tenant, _ => new SemaphoreSlim(1, 1));
        await running.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var store = await stores.OpenAsync(cancellationToken).ConfigureAwait(false);
            var summary = await StoreRating.RateAsync(store, tenant, null, cancellationToken).ConfigureAwait(false);
            return Results.Text(DocumentEndpoints.Serialize(RateCommand.Rated(summary, null)), "application/json");
        }
        finally
        {
            running.Release();
        }
    }
}
