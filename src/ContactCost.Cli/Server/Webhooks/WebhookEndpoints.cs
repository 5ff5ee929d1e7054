using ContactCost.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ContactCost.Cli.Server.Webhooks;

/// <summary>
/// The caller's low-balance webhook: <c>PUT</c>, <c>GET</c> (never the secret) and <c>DELETE /api/webhook</c>,
/// and <c>GET /api/webhook/deliveries</c>, the latest deliveries with every attempt.
/// </summary>
internal static class WebhookEndpoints
{
    /// <summary>The most deliveries one listing returns.</summary>
    public const int MaxListed = 500;

    /// <summary>The body of <c>PUT /api/webhook</c>.</summary>
    private sealed record WebhookBody(string? Url, string? Secret);

    /// <summary>A webhook as the API shows it: whether deliveries are signed, never the secret.</summary>
    public sealed record WebhookJson(string Url, bool Signed);

    /// <summary>One attempt in a listing.</summary>
    public sealed record AttemptJson(int Number, DateTimeOffset At, int? HttpStatus, string? Error);

    /// <summary>One delivery in a listing.</summary>
    public sealed record DeliveryJson(
        string Id, string Wallet, decimal Available, decimal Threshold, string Currency, DateTimeOffset OccurredAt, string Status,
        DateTimeOffset? NextAttemptAt, IReadOnlyList<AttemptJson> Attempts);

    /// <summary>Adds the webhook routes to <paramref name="app"/>.</summary>
    public static void Map(WebApplication app)
    {
        app.MapPut("/api/webhook", PutAsync);
        app.MapGet("/api/webhook", GetAsync);
        app.MapDelete("/api/webhook", DeleteAsync);
        app.MapGet("/api/webhook/deliveries", DeliveriesAsync);
    }

    private static async Task<IResult> PutAsync(HttpContext context, StoreOpener stores, CancellationToken cancellationToken)
    {
        var (body, error) = await Problems.ReadAsync<WebhookBody>(context.Request, cancellationToken, ("url", b => b.Url)).ConfigureAwait(false);
        if (error is not null)
            return error;
        if (WebhookUrl.Parse(body!.Url, out var bad) is not { } url)
            return Problems.BadField("url", bad!);
        if (body.Secret is "")
            return Problems.BadField("secret", "The secret is empty: leave it out to send unsigned deliveries.");
        await using var store = await stores.OpenAsync(cancellationToken).ConfigureAwait(false);
        await store.SaveWebhookAsync(ApiServer.Tenant(context), new WebhookSettings(url, body.Secret), cancellationToken).ConfigureAwait(false);
        return Results.Ok(new WebhookJson(url.AbsoluteUri, body.Secret is not null));
    }

    private static async Task<IResult> GetAsync(HttpContext context, StoreOpener stores, CancellationToken cancellationToken)
    {
        await using var store = await stores.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await store.GetWebhookAsync(ApiServer.Tenant(context), cancellationToken).ConfigureAwait(false) is { } webhook
            ? Results.Ok(new WebhookJson(webhook.Url.AbsoluteUri, webhook.Secret is not null))
            : Problems.NotFound("No webhook is set; set one with PUT /api/webhook.");
    }

    private static async Task<IResult> DeleteAsync(HttpContext context, StoreOpener stores, CancellationToken cancellationToken)
    {
        await using var store = await stores.OpenAsync(cancellationToken).ConfigureAwait(false);
        await store.SaveWebhookAsync(ApiServer.Tenant(context), null, cancellationToken).ConfigureAwait(false);
        return Results.NoContent();
    }

    private static async Task<IResult> DeliveriesAsync(HttpContext context, StoreOpener stores, int? limit, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > MaxListed)
            return Problems.BadField("limit", $"The limit must be from 1 to {MaxListed}.");
        await using var store = await stores.OpenAsync(cancellationToken).ConfigureAwait(false);
        var deliveries = await store.GetWebhookDeliveriesAsync(ApiServer.Tenant(context), limit ?? 50, cancellationToken).ConfigureAwait(false);
        return Results.Ok(new { deliveries = deliveries.Select(Json).ToArray() });
    }

    private static DeliveryJson Json(WebhookDelivery d) => new(
        d.Id, d.Wallet, d.Available.Amount, d.Threshold.Amount, d.Available.Currency.Code, d.OccurredAt, d.Status.ToString().ToLowerInvariant(),
        d.Status == DeliveryStatus.Pending ? d.NextAttemptAt : null,
        d.Attempts.Select(a => new AttemptJson(a.Number, a.At, a.HttpStatus, a.Error)).ToArray());
}
