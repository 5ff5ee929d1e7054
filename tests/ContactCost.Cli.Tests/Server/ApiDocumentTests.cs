using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using static ContactCost.Tests.Server.ApiTestServer;

namespace ContactCost.Tests.Server;

/// <summary>The OpenAPI document at <c>/openapi/v1.json</c> lists every route the server maps, each with a summary.</summary>
public sealed class ApiDocumentTests : IAsyncLifetime
{
    private ApiTestServer server = null!;

    public async Task InitializeAsync() => server = await StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task TheDocument_ListsEveryMappedRoute_WithASummary_AndNeedsNoKey()
    {
        using var response = await server.Client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await JsonAsync(response);
        var paths = document.GetProperty("paths");

        var routes = ((IEndpointRouteBuilder)server.App).DataSources
            .SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is not { ExcludeFromDescription: true })
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (Method: m, Path: "/" + e.RoutePattern.RawText!.TrimStart('/'))))
            .ToArray();

        Assert.True(routes.Length >= 22, $"only {routes.Length} routes found");
        foreach (var (method, path) in routes)
        {
            var operation = paths.TryGetProperty(path, out var item) && item.TryGetProperty(method.ToLowerInvariant(), out var found) ? found : default;
            Assert.True(operation.ValueKind == JsonValueKind.Object, $"{method} {path} is not in the document");
            Assert.False(string.IsNullOrWhiteSpace(operation.TryGetProperty("summary", out var summary) ? summary.GetString() : null), $"{method} {path} has no summary");
        }

        var documented = paths.EnumerateObject().SelectMany(p => p.Value.EnumerateObject().Select(o => (o.Name.ToUpperInvariant(), p.Name))).ToHashSet();
        Assert.Equal(routes.Length, documented.Count);
    }

    [Theory]
    [InlineData("/api/wallets", "post")]
    [InlineData("/api/interactions", "post")]
    [InlineData("/api/staffing", "get")]
    public async Task ApiOperations_NeedTheBearerKey_AndHealthDoesNot(string path, string method)
    {
        var document = await JsonAsync(await server.Client.GetAsync("/openapi/v1.json"));
        Assert.Equal("bearer", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("apiKey").GetProperty("scheme").GetString());
        Assert.Equal(JsonValueKind.Array, document.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("security").ValueKind);
        Assert.False(document.GetProperty("paths").GetProperty("/health").GetProperty("get").TryGetProperty("security", out _));
    }

    [Fact]
    public async Task TheIngestBodies_AreDescribed_AsCsvAndJson()
    {
        var document = await JsonAsync(await server.Client.GetAsync("/openapi/v1.json"));
        var content = document.GetProperty("paths").GetProperty("/api/interactions").GetProperty("post").GetProperty("requestBody").GetProperty("content");
        Assert.True(content.TryGetProperty("text/csv", out _));
        Assert.True(content.TryGetProperty("application/json", out _));
    }
}
