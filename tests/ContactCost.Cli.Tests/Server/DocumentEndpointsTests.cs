using System.Net;
using static ContactCost.Tests.Server.ApiTestServer;

namespace ContactCost.Tests.Server;

/// <summary>
/// Price books and the cost model through the API answer the JSON of <c>ccost pricebook|costmodel load|show --json</c>
/// for the same document, and a document that is not valid is a 400 naming its JSON path.
/// </summary>
public sealed class DocumentEndpointsTests : IAsyncLifetime
{
    private static readonly string PriceBook = Path.Combine(AppContext.BaseDirectory, "samples", "pricebook.json");
    private static readonly string CostModel = Path.Combine(AppContext.BaseDirectory, "samples", "costmodel.json");

    private ApiTestServer server = null!;
    private string key = null!;

    private string CliDatabase => server.Folder.File("cli.db");

    public async Task InitializeAsync()
    {
        server = await StartAsync();
        key = await server.KeyAsync("default");
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task LoadingAPriceBook_AnswersWhatPricebookLoadPrints_201ThenUnchanged()
    {
        var cli = await CcostAsync("pricebook", "load", PriceBook, "--db", CliDatabase, "--json");
        using var created = await server.SendAsync(HttpMethod.Post, "/api/pricebooks", key, JsonText(File.ReadAllText(PriceBook)));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(cli, await created.Content.ReadAsStringAsync());

        var cliAgain = await CcostAsync("pricebook", "load", PriceBook, "--db", CliDatabase, "--json");
        using var again = await server.SendAsync(HttpMethod.Post, "/api/pricebooks", key, JsonText(File.ReadAllText(PriceBook)));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(cliAgain, await again.Content.ReadAsStringAsync());
        Assert.Equal("unchanged", Parse(cliAgain).GetProperty("result").GetString());
    }

    [Fact]
    public async Task ThePriceBooks_AreWhatPricebookShowPrints()
    {
        Assert.Equal("[\n]\n", await server.OkAsync(HttpMethod.Get, "/api/pricebooks", key));
        await CcostAsync("pricebook", "load", PriceBook, "--db", CliDatabase);
        await server.OkAsync(HttpMethod.Post, "/api/pricebooks", key, JsonText(File.ReadAllText(PriceBook)));

        var shown = await server.OkAsync(HttpMethod.Get, "/api/pricebooks", key);

        Assert.Equal(await CcostAsync("pricebook", "show", "--db", CliDatabase, "--json"), shown);
        Assert.Equal("2026-01-01", Parse(shown)[0].GetProperty("effective").GetString());
    }

    [Theory]
    [InlineData("\"unitPrice\": \"0.022\"", "\"unitPrice\": \"free\"", "charges[0].unitPrice", "must be a decimal number")]
    [InlineData("\"effective\": \"2026-01-01\",", "", "effective", "is required")]
    [InlineData("\"currency\": \"USD\"", "\"currency\": \"XXQ\"", "currency", "XXQ")]
    [InlineData("\"charges\": [", "\"charges\": [[", "body", "not valid JSON")]
    public async Task AnInvalidPriceBook_IsA400NamingItsJsonPath(string find, string replace, string field, string message)
    {
        var text = File.ReadAllText(PriceBook);
        Assert.Contains(find, text);
        using var response = await server.SendAsync(HttpMethod.Post, "/api/pricebooks", key, JsonText(text.Replace(find, replace, StringComparison.Ordinal)));
        Assert.Contains(message, await BadFieldAsync(response, field), StringComparison.Ordinal);
        Assert.Equal("[\n]\n", await server.OkAsync(HttpMethod.Get, "/api/pricebooks", key));
    }

    [Fact]
    public async Task APriceBookSentAsAnotherMediaType_Is415()
    {
        using var response = await server.SendAsync(HttpMethod.Post, "/api/pricebooks", key, Csv(File.ReadAllText(PriceBook)));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task TheCostModel_IsLoadedAndShown_AsCostmodelLoadAndShowPrintIt()
    {
        using var none = await server.SendAsync(HttpMethod.Get, "/api/costmodel", key);
        await ProblemAsync(none, HttpStatusCode.NotFound);

        var cli = await CcostAsync("costmodel", "load", CostModel, "--db", CliDatabase, "--json");
        var api = await server.OkAsync(HttpMethod.Put, "/api/costmodel", key, JsonText(File.ReadAllText(CostModel)));
        Assert.Equal(cli, api);
        Assert.Equal("added", Parse(api).GetProperty("result").GetString());

        Assert.Equal(await CcostAsync("costmodel", "show", "--db", CliDatabase, "--json"), await server.OkAsync(HttpMethod.Get, "/api/costmodel", key));
    }

    [Fact]
    public async Task AnInvalidCostModel_IsA400NamingItsJsonPath_AndKeepsTheOneLoaded()
    {
        var text = File.ReadAllText(CostModel);
        await server.OkAsync(HttpMethod.Put, "/api/costmodel", key, JsonText(text));

        using var response = await server.SendAsync(HttpMethod.Put, "/api/costmodel", key, JsonText(text.Replace("\"headcount\": 14", "\"headcount\": -3", StringComparison.Ordinal)));

        await BadFieldAsync(response, "agentGroups[0].headcount");
        Assert.Equal(text.Trim() + "\n", await server.OkAsync(HttpMethod.Get, "/api/costmodel", key));
    }

    private static async Task<string> CcostAsync(params string[] args)
    {
        var result = await Ccost.RunAsync(args);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Out;
    }
}
