using System.Net;
using static ContactCost.Tests.Server.ApiTestServer;

namespace ContactCost.Tests.Server;

/// <summary>
/// Through the ingest, document and rating endpoints, one tenant can neither read nor change another's
/// interactions, price books, cost model or ratings; and no endpoint answers without a valid key.
/// </summary>
public sealed class TenantIsolationTests : IAsyncLifetime
{
    private const string Calls = """
        id,channel,direction,start,end,talk_s,queue
        c1,voice,inbound,2026-10-01T09:00:00-04:00,2026-10-01T09:05:00-04:00,280,sales
        c2,chat,inbound,2026-10-01T09:04:00-04:00,2026-10-01T09:14:00-04:00,600,support

        """;

    private static readonly string PriceBook = Path.Combine(AppContext.BaseDirectory, "samples", "pricebook.json");
    private static readonly string CostModel = Path.Combine(AppContext.BaseDirectory, "samples", "costmodel.json");

    private ApiTestServer server = null!;

    public async Task InitializeAsync() => server = await StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task TenantB_CanNeitherReadNorChange_TenantAsData()
    {
        var a = await server.KeyAsync("alpha");
        var b = await server.KeyAsync("bravo");
        var bookText = File.ReadAllText(PriceBook);
        var modelText = File.ReadAllText(CostModel);
        await server.OkAsync(HttpMethod.Post, "/api/pricebooks", a, JsonText(bookText));
        await server.OkAsync(HttpMethod.Put, "/api/costmodel", a, JsonText(modelText));
        await server.OkAsync(HttpMethod.Post, "/api/interactions", a, Csv(Calls));
        var rated = Parse(await server.OkAsync(HttpMethod.Post, "/api/rate", a));
        Assert.Equal(2, rated.GetProperty("rated").GetInt64());
        var report = await server.OkAsync(HttpMethod.Get, "/api/report?period=2026-10", a);
        var books = await server.OkAsync(HttpMethod.Get, "/api/pricebooks", a);

        // B reads nothing of A's.
        Assert.Equal("[\n]\n", await server.OkAsync(HttpMethod.Get, "/api/pricebooks", b));
        using (var model = await server.SendAsync(HttpMethod.Get, "/api/costmodel", b))
            await ProblemAsync(model, HttpStatusCode.NotFound);
        using (var theirReport = await server.SendAsync(HttpMethod.Get, "/api/report?period=2026-10", b))
            await ProblemAsync(theirReport, HttpStatusCode.NotFound);

        // B cannot rate A's interactions: it has no price book of its own.
        using (var rate = await server.SendAsync(HttpMethod.Post, "/api/rate", b))
            await ProblemAsync(rate, HttpStatusCode.BadRequest);

        // The same ids with other content are B's own records, not conflicts with A's.
        var changed = Calls.Replace(",280,", ",999,", StringComparison.Ordinal);
        var posted = Parse(await server.OkAsync(HttpMethod.Post, "/api/interactions", b, Csv(changed)));
        Assert.Equal((2L, 0L), (posted.GetProperty("added").GetInt64(), posted.GetProperty("conflicts").GetInt64()));

        // B's own price book (dearer), cost model and rating leave A's as they were.
        await server.OkAsync(HttpMethod.Post, "/api/pricebooks", b, JsonText(bookText.Replace("\"unitPrice\": \"0.022\"", "\"unitPrice\": \"9.99\"", StringComparison.Ordinal)));
        await server.OkAsync(HttpMethod.Put, "/api/costmodel", b, JsonText(modelText.Replace("\"headcount\": 14", "\"headcount\": 40", StringComparison.Ordinal)));
        var theirs = Parse(await server.OkAsync(HttpMethod.Post, "/api/rate", b));
        Assert.Equal(2, theirs.GetProperty("rated").GetInt64());
        Assert.NotEqual(rated.GetProperty("amount").GetDecimal(), theirs.GetProperty("amount").GetDecimal());

        Assert.Equal(books, await server.OkAsync(HttpMethod.Get, "/api/pricebooks", a));
        Assert.Equal(modelText.Trim() + "\n", await server.OkAsync(HttpMethod.Get, "/api/costmodel", a));
        Assert.Equal(report, await server.OkAsync(HttpMethod.Get, "/api/report?period=2026-10", a));
        var again = Parse(await server.OkAsync(HttpMethod.Post, "/api/rate", a));
        Assert.Equal(0, again.GetProperty("rated").GetInt64());
    }

    [Theory]
    [InlineData("POST", "/api/interactions", null)]
    [InlineData("POST", "/api/usage", null)]
    [InlineData("POST", "/api/import?format=canonical", null)]
    [InlineData("POST", "/api/pricebooks", null)]
    [InlineData("GET", "/api/pricebooks", null)]
    [InlineData("PUT", "/api/costmodel", null)]
    [InlineData("GET", "/api/costmodel", null)]
    [InlineData("POST", "/api/rate", null)]
    [InlineData("GET", "/api/staffing?volume=1&aht=1&target=0.8&answerWithin=1", null)]
    [InlineData("POST", "/api/staffing", null)]
    [InlineData("POST", "/api/interactions", "cc_not-a-key")]
    [InlineData("GET", "/api/pricebooks", "cc_not-a-key")]
    [InlineData("POST", "/api/rate", "cc_not-a-key")]
    public async Task WithoutAValidKey_EveryEndpointIs401(string method, string path, string? key)
    {
        var content = method == "GET" ? null : path.Contains("interactions", StringComparison.Ordinal) ? Csv(Calls) : JsonText("{}");
        using var response = await server.SendAsync(new HttpMethod(method), path, key, content);
        await ProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task TheAdminKey_HasNoTenantData()
    {
        using var response = await server.SendAsync(HttpMethod.Get, "/api/pricebooks", AdminKey);
        await ProblemAsync(response, HttpStatusCode.Forbidden);
    }
}
