using System.Globalization;
using System.Text.Json;
using static ContactCost.Tests.Server.ApiTestServer;

namespace ContactCost.Tests.Server;

/// <summary><c>GET|POST /api/staffing</c> answer the JSON of <c>ccost staff --json</c> for the same inputs; a bad input is a 400 naming it.</summary>
public sealed class StaffingEndpointsTests : IAsyncLifetime
{
    private ApiTestServer server = null!;
    private string key = null!;

    public async Task InitializeAsync()
    {
        server = await StartAsync();
        key = await server.KeyAsync("acme");
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    // The command's options, and the same inputs as the API's fields.
    public static TheoryData<string, string> Cases => new()
    {
        { "--volume 120 --aht 180s --target 0.8 --answer-within 20s", "volume=120&aht=180s&target=0.8&answerWithin=20s" },
        { "--volume 400 --interval 1h --aht 4m --target 0.9 --answer-within 15s --shrinkage 0.3", "volume=400&interval=1h&aht=4m&target=0.9&answerWithin=15s&shrinkage=0.3" },
        { "--volume 300 --aht 300s --target 0.8 --answer-within 20s --max-occupancy 0.85", "volume=300&aht=300&target=0.8&answerWithin=20&maxOccupancy=0.85" },
        { "--volume 250 --interval 15m --aht 200s --target 0.8 --answer-within 30s --patience 90s --max-abandon 0.05", "volume=250&interval=15m&aht=200s&target=0.8&answerWithin=30s&patience=90s&maxAbandon=0.05" },
        { "--volume 0 --aht 180s --target 0.8 --answer-within 20s", "volume=0&aht=180s&target=0.8&answerWithin=20s" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task TheQueryAndTheBody_AnswerWhatCcostStaffPrints(string options, string query)
    {
        var cli = await Ccost.RunAsync(["staff", .. options.Split(' '), "--json"]);
        Assert.True(cli.ExitCode == 0, cli.ToString());

        Assert.Equal(cli.Out, await server.OkAsync(HttpMethod.Get, "/api/staffing?" + query, key));

        // The body gives plain numbers as numbers, and durations as text.
        var fields = query.Split('&').Select(p => p.Split('=')).ToDictionary(
            p => p[0],
            p => decimal.TryParse(p[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? (object)n : p[1]);
        Assert.Equal(cli.Out, await server.OkAsync(HttpMethod.Post, "/api/staffing", key, JsonText(JsonSerializer.Serialize(fields))));
    }

    [Theory]
    [InlineData("volume=-1&aht=180s&target=0.8&answerWithin=20s", "volume")]
    [InlineData("volume=many&aht=180s&target=0.8&answerWithin=20s", "volume")]
    [InlineData("volume=120&aht=soon&target=0.8&answerWithin=20s", "aht")]
    [InlineData("volume=120&target=0.8&answerWithin=20s", "aht")]
    [InlineData("volume=120&aht=180s&answerWithin=20s", "target")]
    [InlineData("volume=120&aht=180s&target=1&answerWithin=20s", "target")]
    [InlineData("volume=120&aht=180s&target=0.8", "answerWithin")]
    [InlineData("volume=120&aht=180s&target=0.8&answerWithin=20s&shrinkage=1", "shrinkage")]
    [InlineData("volume=120&aht=180s&target=0.8&answerWithin=20s&maxOccupancy=0", "maxOccupancy")]
    [InlineData("volume=120&aht=180s&target=0.8&answerWithin=20s&maxAbandon=0.02", "maxAbandon")]
    [InlineData("volume=120&aht=180s&target=0.8&answerWithin=20s&interval=0m", "interval")]
    [InlineData("volume=120&aht=180s&target=0.8&answerWithin=20s&colour=red", "colour")]
    public async Task ABadInput_IsA400NamingTheField(string query, string field)
    {
        using var response = await server.SendAsync(HttpMethod.Get, "/api/staffing?" + query, key);
        await BadFieldAsync(response, field);
    }

    [Theory]
    [InlineData("{\"volume\": 120, \"aht\": {\"s\": 180}, \"target\": 0.8, \"answerWithin\": 20}", "aht")]
    [InlineData("[120]", "body")]
    [InlineData("{\"volume\": 120,", "body")]
    public async Task ABadBody_IsA400NamingTheField(string body, string field)
    {
        using var response = await server.SendAsync(HttpMethod.Post, "/api/staffing", key, JsonText(body));
        await BadFieldAsync(response, field);
    }
}
