using System.Net;
using static ContactCost.Tests.Server.ApiTestServer;

namespace ContactCost.Tests.Server;

/// <summary><c>POST /api/rate</c> rates what <c>ccost rate</c> rates, answers its <c>--json</c>, and charges nothing twice.</summary>
public sealed class RatingEndpointsTests : IAsyncLifetime
{
    private const string Calls = """
        id,channel,direction,start,end,talk_s,queue
        c1,voice,inbound,2026-10-01T09:00:00-04:00,2026-10-01T09:05:00-04:00,280,sales
        c2,voice,outbound,2026-10-01T09:01:00-04:00,2026-10-01T09:03:00-04:00,110,sales
        c3,chat,inbound,2026-10-01T09:04:00-04:00,2026-10-01T09:14:00-04:00,600,support
        c4,sms,outbound,2026-10-02T11:00:00-04:00,,,support

        """;

    private const string Usage = "id,meter,quantity,start\nu1,egress.gb,12.5,2026-10-01T00:00:00Z\nu2,seats,20,2026-10-01T00:00:00Z\n";

    private static readonly string PriceBook = Path.Combine(AppContext.BaseDirectory, "samples", "pricebook.json");

    private ApiTestServer server = null!;
    private string key = null!;

    public async Task InitializeAsync()
    {
        server = await StartAsync();
        key = await server.KeyAsync("default");
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Rating_AnswersWhatCcostRatePrints_ForTheSameStore_AndASecondRunRatesNothing()
    {
        var cliDatabase = server.Folder.File("cli.db");
        var calls = server.Folder.File("calls.csv");
        var usage = server.Folder.File("usage.csv");
        await File.WriteAllTextAsync(calls, Calls);
        await File.WriteAllTextAsync(usage, Usage);
        foreach (var args in new[] { new[] { "pricebook", "load", PriceBook }, ["import", calls], ["import", usage] })
        {
            var step = await Ccost.RunAsync([.. args, "--db", cliDatabase]);
            Assert.True(step.ExitCode == 0, step.ToString());
        }

        var cli = await Ccost.RunAsync("rate", "--db", cliDatabase, "--json");
        Assert.True(cli.ExitCode == 0, cli.ToString());

        await server.OkAsync(HttpMethod.Post, "/api/pricebooks", key, JsonText(File.ReadAllText(PriceBook)));
        await server.OkAsync(HttpMethod.Post, "/api/interactions", key, Csv(Calls));
        await server.OkAsync(HttpMethod.Post, "/api/usage", key, Csv(Usage));
        var api = await server.OkAsync(HttpMethod.Post, "/api/rate", key);

        Assert.Equal(cli.Out, api);
        Assert.Equal(6, Parse(api).GetProperty("rated").GetInt64());
        var again = Parse(await server.OkAsync(HttpMethod.Post, "/api/rate", key));
        Assert.Equal((0L, 0m), (again.GetProperty("rated").GetInt64(), again.GetProperty("amount").GetDecimal()));
    }

    [Fact]
    public async Task RatingRequestsAtOnce_RateEachItemOnce()
    {
        await server.OkAsync(HttpMethod.Post, "/api/pricebooks", key, JsonText(File.ReadAllText(PriceBook)));
        await server.OkAsync(HttpMethod.Post, "/api/interactions", key, Csv(Calls));
        await server.OkAsync(HttpMethod.Post, "/api/usage", key, Csv(Usage));

        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => server.OkAsync(HttpMethod.Post, "/api/rate", key)));
        var results = runs.Select(Parse).ToArray();
        Assert.Equal(6, results.Sum(r => r.GetProperty("rated").GetInt64()));
        Assert.Single(results, r => r.GetProperty("rated").GetInt64() > 0); // one run rated everything; the others found nothing

        Assert.True(results.Sum(r => r.GetProperty("amount").GetDecimal()) > 0m, "the sample book prices the calls and usage");
        Assert.Equal(0L, Parse(await server.OkAsync(HttpMethod.Post, "/api/rate", key)).GetProperty("rated").GetInt64());
    }

    [Fact]
    public async Task RatingWithoutAPriceBook_IsA400ThatSaysWhatToLoad()
    {
        await server.OkAsync(HttpMethod.Post, "/api/interactions", key, Csv(Calls));
        using var response = await server.SendAsync(HttpMethod.Post, "/api/rate", key);
        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("no price book yet", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
