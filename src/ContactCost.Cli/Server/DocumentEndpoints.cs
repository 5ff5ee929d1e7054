using System.Text.Json;
using ContactCost.Cli.Commands;
using ContactCost.Cli.Output;
using ContactCost.Cli.Workflows;
using ContactCost.Formats.Documents;
using ContactCost.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ContactCost.Cli.Server;

/// <summary>
/// Price books and the cost model of the caller's tenant, loaded and shown by the workflow
/// <c>ccost pricebook load|show</c> and <c>ccost costmodel load|show</c> use; every answer is the JSON those
/// commands print with <c>--json</c>. A document that is not valid is a 400 naming its JSON path.
/// </summary>
internal static class DocumentEndpoints
{
    /// <summary>Adds the price-book and cost-model routes to <paramref name="app"/>.</summary>
    public static void Map(WebApplication app)
    {
        app.MapPost("/api/pricebooks", LoadPriceBook)
            .WithSummary("Load a price-book version (201 when new); what it covers is rated again, as ccost pricebook load does.")
            .Accepts<JsonElement>("application/json")
            .Produces<PriceBookCommand.LoadJson>(StatusCodes.Status201Created)
            .Produces<PriceBookCommand.LoadJson>()
            .ProducesValidationProblem();
        app.MapGet("/api/pricebooks", PriceBooks)
            .WithSummary("Every stored price-book version, as loaded, oldest first (ccost pricebook show --json).")
            .Produces<JsonElement[]>();
        app.MapPut("/api/costmodel", LoadCostModel)
            .WithSummary("Make a cost model the tenant's current one (ccost costmodel load --json).")
            .Accepts<JsonElement>("application/json")
            .Produces<CostModelCommand.LoadJson>()
            .ProducesValidationProblem();
        app.MapGet("/api/costmodel", CostModel)
            .WithSummary("The tenant's current cost model, as loaded (ccost costmodel show --json); 404 before one is loaded.")
            .Produces<JsonElement>()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> LoadPriceBook(HttpContext context, StoreOpener stores, CancellationToken cancellationToken)
    {
        var (json, error) = await ReadDocumentAsync(context.Request, cancellationToken).ConfigureAwait(false);
        if (error is not null)
            return error;
        await using var store = await stores.OpenAsync(cancellationToken).ConfigureAwait(false);
        DocumentLoading.PriceBookLoad load;
        try
        {
            load = await DocumentLoading.LoadPriceBookAsync(store, ApiServer.Tenant(context), json!, "price book", cancellationToken).ConfigureAwait(false);
        }
        catch (DocumentException e)
        {
            return Invalid(e);
        }

        var result = PriceBookCommand.Loaded(load);
        return load.Save == DocumentSave.Added
            ? Results.Text(Serialize(result), "application/json", statusCode: StatusCodes.Status201Created)
            : Results.Text(Serialize(result), "application/json");
    }

    private static async Task<IResult> PriceBooks(HttpContext context, StoreOpener stores, CancellationToken cancellationToken)
    {
        await using var store = await stores.OpenAsync(cancellationToken).ConfigureAwait(false);
        var documents = await store.GetPriceBooksAsync(ApiServer.Tenant(context), cancellationToken).ConfigureAwait(false);
        return Results.Text(PriceBookCommand.ShowJson(documents), "application/json");
    }

    private static async Task<IResult> LoadCostModel(HttpContext context, StoreOpener stores, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (json, error) = await ReadDocumentAsync(context.Request, cancellationToken).ConfigureAwait(false);
        if (error is not null)
            return error;
        await using var store = await stores.OpenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var (model, save) = await DocumentLoading.LoadCostModelAsync(store, ApiServer.Tenant(context), json!, "cost model", cancellationToken).ConfigureAwait(false);
            return Results.Text(Serialize(CostModelCommand.Summary(model, save, clock.GetUtcNow())), "application/json");
        }
        catch (DocumentException e)
        {
            return Invalid(e);
        }
    }

    private static async Task<IResult> CostModel(HttpContext context, StoreOpener stores, CancellationToken cancellationToken)
    {
        var tenant = ApiServer.Tenant(context);
        await using var store = await stores.OpenAsync(cancellationToken).ConfigureAwait(false);
        var document = await store.GetCostModelAsync(tenant, cancellationToken).ConfigureAwait(false);
        return document is null
            ? Problems.NotFound($"Tenant '{tenant}' has no cost model yet; load one: PUT /api/costmodel.")
            : Results.Text(document.Json.Trim() + "\n", "application/json");
    }

    /// <summary>The body's text, or a 415 when it is not JSON; the document's own reader checks the rest.</summary>
    private static async Task<(string? Json, IResult? Error)> ReadDocumentAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentType is not { } type || !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            return (null, Problems.UnsupportedMediaType("Send the document as JSON with Content-Type: application/json."));
        using var reader = new StreamReader(request.Body);
        return (await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false), null);
    }

    // The problem names the JSON path of the value at fault (charges[2].unitPrice), or the body when it is the whole document.
    private static IResult Invalid(DocumentException e) =>
        Problems.BadField(string.IsNullOrEmpty(e.Path) ? "body" : e.Path, e.Problem);

    /// <summary>The JSON the command prints with <c>--json</c>, byte for byte.</summary>
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Terminal.JsonOptions) + "\n";
}
