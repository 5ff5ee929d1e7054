using ContactCost.Cli.Commands;
using ContactCost.Cli.Workflows;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ContactCost.Cli.Server;

/// <summary><c>POST /api/rate</c>: rates what the caller's tenant holds unrated, as <c>ccost rate</c> does, and answers its <c>--json</c>.</summary>
internal static class RatingEndpoints
{
    /// <summary>Adds the rating route to <paramref name="app"/>.</summary>
    public static void Map(WebApplication app) =>
        app.MapPost("/api/rate", RateAsync)
            .WithSummary("Rate the stored interactions and usage records not rated yet (ccost rate --json); running it again charges nothing twice.")
            .Produces<RateCommand.StoreJson>()
            .ProducesProblem(StatusCodes.Status400BadRequest);

    private static async Task<IResult> RateAsync(HttpContext context, StoreOpener stores, CancellationToken cancellationToken)
    {
        await using var store = await stores.OpenAsync(cancellationToken).ConfigureAwait(false);
        var summary = await StoreRating.RateAsync(store, ApiServer.Tenant(context), null, cancellationToken).ConfigureAwait(false);
        return Results.Text(DocumentEndpoints.Serialize(RateCommand.Rated(summary, null)), "application/json");
    }
}
