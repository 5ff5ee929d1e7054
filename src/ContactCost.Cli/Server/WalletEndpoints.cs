using ContactCost.Cli.Commands;
using ContactCost.Cli.Workflows;
using ContactCost.Interactions;
using ContactCost.Rating;
using ContactCost.Storage;
using ContactCost.Tenants;
using ContactCost.Wallets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ContactCost.Cli.Server;

/// <summary>
/// The wallet endpoints: create, top up, authorize, commit, release, charge and balance, each change
/// under the caller's operation id (repeating it returns the first result). The JSON of a result is
/// that of <c>ccost wallet ... --json</c>; 200 when accepted, 409 when denied, 400 when invalid.
/// </summary>
internal static class WalletEndpoints
{
    /// <summary>The body of <c>POST /api/wallets</c>.</summary>
    private sealed record CreateBody(string? Id, string? Currency, decimal? CreditLimit, decimal? LowBalance, string? OperationId);

    /// <summary>The body of a top-up or a charge.</summary>
    private sealed record AmountBody(string? OperationId, decimal? Amount, DateTimeOffset? Expires);

    /// <summary>The body of an authorization: an amount, or a meter and a quantity priced with the book in force.</summary>
    private sealed record AuthorizeBody(string? OperationId, decimal? Amount, string? Meter, decimal? Quantity, string? Direction, string? Destination, int? TtlSeconds);

    /// <summary>The body of a commit or a release.</summary>
    private sealed record ReservationBody(string? OperationId, string? Reservation, decimal? Amount);

    /// <summary>Adds the wallet routes to <paramref name="app"/>.</summary>
    public static void Map(WebApplication app)
    {
        app.MapPost("/api/wallets", Create);
        app.MapGet("/api/wallets/{id}", Balance);
        app.MapPost("/api/wallets/{id}/topup", TopUp);
        app.MapPost("/api/wallets/{id}/charge", Charge);
        app.MapPost("/api/wallets/{id}/authorize", Authorize);
        app.MapPost("/api/wallets/{id}/commit", (HttpContext c, string id, StoreOpener s, WalletWriters w, CancellationToken ct) => Close(c, id, s, w, commit: true, ct));
        app.MapPost("/api/wallets/{id}/release", (HttpContext c, string id, StoreOpener s, WalletWriters w, CancellationToken ct) => Close(c, id, s, w, commit: false, ct));
    }

    private static async Task<IResult> Create(HttpContext context, WalletWriters writers, CancellationToken cancellationToken)
    {
        var (body, error) = await Problems.ReadAsync<CreateBody>(context.Request, cancellationToken, ("id", b => b.Id), ("currency", b => b.Currency)).ConfigureAwait(false);
        if (error is not null)
            return error;
        if (!Currency.TryFromCode(body!.Currency!, out var currency))
            return Problems.BadField("currency", $"Unknown currency code '{body.Currency}'. Use an ISO 4217 code such as USD, EUR or GBP.");
        var operation = new CreateWallet(body.OperationId ?? "create:" + body.Id, body.Id!, currency, new Money(body.CreditLimit ?? 0m, currency),
            body.LowBalance is { } low ? new Money(low, currency) : null);
        return await ExecuteAsync(writers, ApiServer.Tenant(context), operation, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IResult> Balance(HttpContext context, string id, StoreOpener stores, TimeProvider clock, CancellationToken cancellationToken)
    {
        await using var store = await stores.OpenAsync(cancellationToken).ConfigureAwait(false);
        var balance = await store.GetWalletBalanceAsync(ApiServer.Tenant(context), id, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return balance is null ? NoWallet(id) : Results.Ok(WalletCommand.BalanceJson.Of(id, balance));
    }

    private static Task<IResult> TopUp(HttpContext context, string id, StoreOpener stores, WalletWriters writers, CancellationToken cancellationToken) =>
        WithAmountAsync(context, id, stores, writers, (body, money) => new Wallets.TopUp(body.OperationId!, id, money, body.Expires), cancellationToken);

    private static Task<IResult> Charge(HttpContext context, string id, StoreOpener stores, WalletWriters writers, CancellationToken cancellationToken) =>
        WithAmountAsync(context, id, stores, writers, (body, money) => new WalletCharge(body.OperationId!, id, money), cancellationToken);

    private static Task<IResult> WithAmountAsync(
        HttpContext context, string id, StoreOpener stores, WalletWriters writers, Func<AmountBody, Money, WalletOperation> operation, CancellationToken cancellationToken)
    {
        return OnWalletAsync<AmountBody>(context, id, stores, cancellationToken, [("operationId", b => b.OperationId), ("amount", b => b.Amount)],
            (body, _, tenant, currency) => ExecuteAsync(writers, tenant, operation(body, new Money(body.Amount!.Value, currency)), cancellationToken));
    }

    private static Task<IResult> Authorize(HttpContext context, string id, StoreOpener stores, WalletWriters writers, TimeProvider clock, CancellationToken cancellationToken)
    {
        return OnWalletAsync<AuthorizeBody>(context, id, stores, cancellationToken, [("operationId", b => b.OperationId)],
            (body, store, tenant, currency) => AuthorizeAsync(body, id, store, writers, tenant, currency, clock, cancellationToken));
    }

    private static async Task<IResult> AuthorizeAsync(
        AuthorizeBody body, string id, IStore store, WalletWriters writers, TenantId tenant, Currency currency, TimeProvider clock, CancellationToken cancellationToken)
    {
        if ((body.Amount is null) == (body.Meter is null && body.Quantity is null))
            return Problems.Bad("Give either amount, or meter with quantity.");
        if (body.TtlSeconds is <= 0)
            return Problems.BadField("ttlSeconds", "The time to live must be at least 1 second.");
        var now = clock.GetUtcNow();
        Money money;
        Func<decimal, Money>? priceOf = null;
        if (body.Amount is { } amount)
        {
            money = new Money(amount, currency);
        }
        else
        {
            if (!Meters.TryParse(body.Meter, out var meter))
                return Problems.BadField("meter", $"Unknown meter '{body.Meter}'; accepted: {Meters.AllNames}.");
            if (body.Quantity is not > 0m)
                return Problems.BadField("quantity", "A metered authorization needs a quantity greater than 0.");
            Direction? direction = null;
            if (body.Direction is { } text)
                direction = DirectionNames.TryParse(text, out var d) ? d : null;
            if (body.Direction is not null && direction is null)
                return Problems.BadField("direction", $"'{body.Direction}' is not a direction: inbound or outbound.");
            (money, priceOf) = await WalletRequests.PriceAsync(store, tenant, meter, body.Quantity.Value, direction, body.Destination, now, cancellationToken).ConfigureAwait(false);
        }

        var operation = new Wallets.Authorize(body.OperationId!, id, money, TimeSpan.FromSeconds(body.TtlSeconds ?? 300));
        return await ExecuteAsync(writers, tenant, operation, cancellationToken, result =>
            result.Status == WalletStatus.Denied && priceOf is not null && result.Balance is { } b
                ? WalletRequests.AffordableQuantity(priceOf, b.Available + b.CreditLimit, body.Quantity!.Value)
                : null).ConfigureAwait(false);
    }

    // A commit or a release names a reservation of the wallet in the path.
    private static Task<IResult> Close(HttpContext context, string id, StoreOpener stores, WalletWriters writers, bool commit, CancellationToken cancellationToken)
    {
        var required = new List<(string, Func<ReservationBody, object?>)> { ("operationId", b => b.OperationId), ("reservation", b => b.Reservation) };
        if (commit)
            required.Add(("amount", b => b.Amount));
        return OnWalletAsync<ReservationBody>(context, id, stores, cancellationToken, [.. required], async (body, store, tenant, currency) =>
        {
            if (await store.GetReservationWalletAsync(tenant, body.Reservation!, cancellationToken).ConfigureAwait(false) != id)
                return Problems.NotFound($"Wallet '{id}' has no reservation '{body.Reservation}'.");
            WalletOperation operation = commit
                ? new Wallets.Commit(body.OperationId!, body.Reservation!, new Money(body.Amount!.Value, currency))
                : new Wallets.Release(body.OperationId!, body.Reservation!);
            return await ExecuteAsync(writers, tenant, operation, cancellationToken).ConfigureAwait(false);
        });
    }

    // Reads the body, opens the store and finds the wallet in the caller's tenant (404 when it has none by that id), then acts.
    private static async Task<IResult> OnWalletAsync<T>(
        HttpContext context, string id, StoreOpener stores, CancellationToken cancellationToken, (string Field, Func<T, object?> Value)[] required,
        Func<T, IStore, TenantId, Currency, Task<IResult>> act)
        where T : class
    {
        var (body, error) = await Problems.ReadAsync(context.Request, cancellationToken, required).ConfigureAwait(false);
        if (error is not null)
            return error;
        var tenant = ApiServer.Tenant(context);
        await using var store = await stores.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await store.GetWalletCurrencyAsync(tenant, id, cancellationToken).ConfigureAwait(false) is { } currency
            ? await act(body!, store, tenant, currency).ConfigureAwait(false)
            : NoWallet(id);
    }

    private static async Task<IResult> ExecuteAsync(
        WalletWriters writers, TenantId tenant, WalletOperation operation, CancellationToken cancellationToken, Func<WalletResult, decimal?>? maxQuantity = null)
    {
        var result = await writers.ExecuteAsync(tenant, operation, cancellationToken).ConfigureAwait(false);
        var json = WalletCommand.ResultJson.Of(result, maxQuantity?.Invoke(result));
        return result.Status switch
        {
            WalletStatus.Accepted => Results.Ok(json),
            WalletStatus.Denied => Results.Json(json, statusCode: StatusCodes.Status409Conflict),
            _ => Results.Problem(result.Reason, statusCode: StatusCodes.Status400BadRequest, title: $"The {result.Kind} is not valid."),
        };
    }

    private static IResult NoWallet(string id) => Problems.NotFound($"There is no wallet '{id}'.");
}
