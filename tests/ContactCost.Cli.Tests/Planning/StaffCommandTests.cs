using System.Text.Json;

namespace ContactCost.Tests.Planning;

public sealed class StaffCommandTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    internal static string Sample(string name) => Path.Combine(AppContext.BaseDirectory, "samples", name);

    [Fact]
    public async Task KnownExample_Json_Gives14AgentsAnd888Percent()
    {
        var result = await Ccost.RunAsync("staff", "--volume", "100", "--interval", "30m", "--aht", "180s", "--target", "0.8", "--answer-within", "20s", "--shrinkage", "0.3", "--json");
        Assert.Equal(0, result.ExitCode);
        var json = JsonDocument.Parse(result.Out).RootElement;
        Assert.Equal("erlang-c", json.GetProperty("model").GetString());
        Assert.Equal(14, json.GetProperty("agents").GetInt32());
        Assert.Equal(10, json.GetProperty("erlangs").GetDouble());
        Assert.Equal(0.888, json.GetProperty("serviceLevel").GetDouble(), 3);
        Assert.Equal(7.8, json.GetProperty("asaSeconds").GetDouble(), 1);
        Assert.Equal(20, json.GetProperty("scheduledAgents").GetInt32());
        Assert.Equal(0.3m, json.GetProperty("shrinkage").GetDecimal());
        Assert.False(json.TryGetProperty("probabilityOfAbandon", out _));
    }

    [Fact]
    public async Task Patience_UsesErlangA_AndReportsAbandonment()
    {
        var result = await Ccost.RunAsync("staff", "--volume", "100", "--aht", "3m", "--target", "0.8", "--answer-within", "20s", "--patience", "60s", "--json");
        Assert.Equal(0, result.ExitCode);
        var json = JsonDocument.Parse(result.Out).RootElement;
        Assert.Equal("erlang-a", json.GetProperty("model").GetString());
        Assert.Equal(12, json.GetProperty("agents").GetInt32());
        Assert.Equal(0.0759, json.GetProperty("probabilityOfAbandon").GetDouble(), 4);
    }

    [Fact]
    public async Task MaxAbandon_AddsAgentsUntilFewEnoughHangUp()
    {
        var result = await Ccost.RunAsync("staff", "--volume", "100", "--aht", "3m", "--target", "0.8", "--answer-within", "20s", "--patience", "60s", "--max-abandon", "0.02", "--json");
        var json = JsonDocument.Parse(result.Out).RootElement;
        Assert.True(json.GetProperty("agents").GetInt32() > 12);
        Assert.True(json.GetProperty("probabilityOfAbandon").GetDouble() <= 0.02);
    }

    [Fact]
    public async Task Table_ShowsTheAnswerAndOneAgentFewer()
    {
        var result = await Ccost.RunAsync("staff", "--volume", "100", "--aht", "180", "--target", "0.8", "--answer-within", "20s");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("│ Agents                  │    14 │", result.Out);
        Assert.Contains("With 13 agents: service level 79.6%", result.Out);
    }

    [Theory]
    [InlineData("--target", "1.5", "--target is a fraction above 0 below 1 (0.8 is 80%), not 1.5.")]
    [InlineData("--aht", "soon", "--aht 'soon' is not a duration: write 20s, 30m or 1h.")]
    [InlineData("--max-abandon", "0.02", "--max-abandon needs --patience: without it nobody abandons (Erlang C).")]
    public async Task BadOptions_AreUsageErrors(string option, string value, string message)
    {
        var args = new List<string> { "staff", "--volume", "100", "--aht", "180s", "--target", "0.8", "--answer-within", "20s" };
        var at = args.IndexOf(option);
        if (at >= 0)
            args[at + 1] = value;
        else
            args.AddRange([option, value]);
        var result = await Ccost.RunAsync([.. args]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error);
    }

    [Fact]
    public async Task Forecast_WithCostModel_StaffsEveryRowAndPricesTheHours()
    {
        var result = await Ccost.RunAsync("staff", "--forecast", Sample("planning/forecast.csv"), "--costmodel", Sample("costmodel.json"),
            "--target", "0.8", "--answer-within", "20s", "--shrinkage", "0.3", "--json");
        Assert.Equal(0, result.ExitCode);
        var json = JsonDocument.Parse(result.Out).RootElement;
        var rows = json.GetProperty("intervals").EnumerateArray().ToArray();
        Assert.Equal(7, rows.Length);
        Assert.Equal(14, rows[0].GetProperty("agents").GetInt32());
        Assert.Equal(20, rows[0].GetProperty("scheduled").GetInt32());
        // 20 agents x 0.5 h x 20.00 x 1.3
        Assert.Equal(260.00m, rows[0].GetProperty("staffCost").GetDecimal());
        Assert.Equal(rows.Sum(r => r.GetProperty("staffCost").GetDecimal()), json.GetProperty("staffCost").GetDecimal());
    }

    [Fact]
    public async Task Forecast_BadRow_IsRejectedWithFileLineAndField_AndTheRestStaffed()
    {
        var file = folder.File("f.csv");
        await File.WriteAllTextAsync(file, "interval_start,channel,volume,aht_s\n2026-11-02T09:00:00Z,voice,100,180\n2026-11-02T09:30:00Z,fax,10,180\n2026-11-02T10:00:00Z,voice,ten,180\n");
        var result = await Ccost.RunAsync("staff", "--forecast", file, "--target", "0.8", "--answer-within", "20s", "--json");
        Assert.Equal(3, result.ExitCode);
        Assert.Contains("f.csv:3: field 'channel': value 'fax'", result.Error);
        Assert.Contains("f.csv:4: field 'volume': value 'ten'", result.Error);
        Assert.Single(JsonDocument.Parse(result.Out).RootElement.GetProperty("intervals").EnumerateArray());
    }
}
