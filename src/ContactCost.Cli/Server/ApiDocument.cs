using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace ContactCost.Cli.Server;

/// <summary>
/// The OpenAPI document of <c>ccost serve</c> at <c>/openapi/v1.json</c> (Microsoft.AspNetCore.OpenApi): every
/// route, the bearer key every <c>/api</c> route needs, and a summary for each operation. Routes mapped
/// without <c>WithSummary</c> take theirs from <see cref="Summaries"/>.
/// </summary>
internal static class ApiDocument
{
    /// <summary>Where the document is served.</summary>
    public const string Path = "/openapi/v1.json";

    /// <summary>Summaries of the routes mapped without one, keyed by method and route.</summary>
    private static readonly Dictionary<string, string> Summaries = new(StringComparer.OrdinalIgnoreCase)
    {
        ["GET /health"] = "The process answers; no key needed.",
        ["GET /ready"] = "The store can be opened and read (503 otherwise); no key needed.",
        ["GET /api/report"] = "The cost report of a period, the JSON of ccost report --json (?period=, ?compare=).",
        ["POST /api/tenants"] = "Create a tenant (admin key); 201 when created, 200 when it exists; 409 for a new time zone once usage is rated.",
        ["POST /api/tenants/{id}/keys"] = "Issue an API key for a tenant (admin key); the key is shown once.",
        ["POST /api/wallets"] = "Create a prepaid wallet.",
        ["GET /api/wallets/{id}"] = "A wallet's available, reserved and total credit.",
        ["POST /api/wallets/{id}/topup"] = "Add credit to a wallet, once per operation id.",
        ["POST /api/wallets/{id}/charge"] = "Debit a wallet at once, once per operation id; 409 when the credit does not cover it.",
        ["POST /api/wallets/{id}/authorize"] = "Reserve credit at call start (an amount, or a meter and quantity priced with the book in force).",
        ["POST /api/wallets/{id}/commit"] = "Debit what a reservation really cost at call end and free the rest.",
        ["POST /api/wallets/{id}/release"] = "Free a reservation without charging it.",
        ["GET /api/wallets"] = "Every wallet of the tenant with its balance and low-balance state, settled as of now.",
        ["GET /api/periods"] = "The months that hold the tenant's interactions, newest first, and its time zone.",
        ["PUT /api/webhook"] = "Set the URL (and optional signing secret) that low-balance events are posted to.",
        ["GET /api/webhook"] = "The tenant's webhook URL and whether it is signed; never the secret.",
        ["DELETE /api/webhook"] = "Stop posting low-balance events; deliveries already recorded stay listed.",
        ["GET /api/webhook/deliveries"] = "The low-balance deliveries, newest first, with every attempt's time and HTTP status or error (?limit=).",
    };

    /// <summary>Registers the document's services.</summary>
    public static void Add(IServiceCollection services) => services.AddOpenApi(options =>
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "ContactCost API",
                Version = "v1",
                Description = "ccost serve: usage ingest, import, price books, cost models, rating, reports, wallets and staffing. See docs/api.md.",
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes["apiKey"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "A tenant's API key (the admin key for /api/tenants): Authorization: Bearer KEY.",
            };
            // The document's tag list names the areas the operations are tagged with (set below), not the classes that map them.
            document.Tags = document.Paths.Values
                .SelectMany(p => p.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>())
                .SelectMany(o => o.Tags ?? Enumerable.Empty<OpenApiTagReference>())
                .Select(t => t.Name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
                .Select(name => new OpenApiTag { Name = name })
                .ToHashSet();
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            var route = "/" + context.Description.RelativePath?.TrimStart('/');
            if (string.IsNullOrEmpty(operation.Summary) && Summaries.TryGetValue($"{context.Description.HttpMethod} {route}", out var summary))
                operation.Summary = summary;
            // One tag per area (wallets, pricebooks, ...) rather than the name of the class that maps it.
            var area = route.StartsWith("/api/", StringComparison.Ordinal) ? route.Split('/')[2] : "health";
            operation.Tags = new HashSet<OpenApiTagReference> { new(area, context.Document) };
            if (route.StartsWith("/api", StringComparison.Ordinal))
            {
                operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("apiKey", context.Document)] = [] }];
            }

            return Task.CompletedTask;
        });
    });

    /// <summary>Serves the document at <see cref="Path"/>.</summary>
    public static void Map(WebApplication app) => app.MapOpenApi(Path);
}
