using System.Text.Json;

namespace ContactCost.Tests.Planning;

/// <summary>The demo month, built once for every what-if test.</summary>
public sealed class DemoDatabase : IAsyncLifetime
{
    private readonly TempFolder folder = new();

    public string Path => folder.File("demo.db");

    public async Task InitializeAsync()
    {
        var demo = await Ccost.RunAsync("demo", "--db", Path, "--json");
        Assert.True(demo.ExitCode == 0, demo.ToString());
    }

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        folder.Dispose();
        return Task.CompletedTask;
    }
}

public sealed class WhatIfCommandTests(DemoDatabase demo) : IClassFixture<DemoDatabase>, IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    private Task<Ccost.Result> WhatIf(params string[] args) => Ccost.RunAsync(["whatif", "--db", demo.Path, "--period", "2026-10", .. args]);

    [Fact]
    public async Task SampleScenario_ShowsCurrentAndWhatIfSideBySide()
    {
        var result = await WhatIf("--scenario", StaffCommandTests.Sample("planning/whatif.json"));
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("What if: 15% of calls to self-service", result.Out);
        Assert.Contains("│ voice ", result.Out);
        Assert.Contains("Total cost ", result.Out);
        Assert.Contains("agents needed ", result.Out);
    }

    [Fact]
    public async Task CurrentSide_IsTheStoredReport()
    {
        var report = JsonDocument.Parse((await Ccost.RunAsync("report", "--db", demo.Path, "--period", "2026-10", "--json")).Out).RootElement;
        var whatIf = JsonDocument.Parse((await WhatIf("--deflect", "voice:selfservice:0.15", "--json")).Out).RootElement;
        var current = whatIf.GetProperty("current");
        Assert.Equal(report.GetProperty("totalCost").GetDecimal(), current.GetProperty("totalCost").GetDecimal());
        Assert.Equal(report.GetProperty("contacts").GetInt64(), current.GetProperty("contacts").GetInt64());
        Assert.Equal(report.GetProperty("costPerContact").GetDecimal(), current.GetProperty("costPerContact").GetDecimal());
    }

    [Fact]
    public async Task ChangeThatChangesNothing_CostsExactlyTheSame()
    {
        var json = JsonDocument.Parse((await WhatIf("--aht", "voice:1", "--json")).Out).RootElement;
        Assert.Equal(json.GetProperty("current").GetProperty("totalCost").GetDecimal(), json.GetProperty("whatIf").GetProperty("totalCost").GetDecimal());
        Assert.Equal(0m, json.GetProperty("difference").GetDecimal());
    }

    [Fact]
    public async Task Deflection_MovesContactsAndLowersTheCost()
    {
        var json = JsonDocument.Parse((await WhatIf("--deflect", "voice:selfservice:0.15", "--json")).Out).RootElement;
        var voice = json.GetProperty("channels").EnumerateArray().Single(c => c.GetProperty("channel").GetString() == "voice");
        var before = voice.GetProperty("current").GetProperty("contacts").GetInt64();
        var after = voice.GetProperty("whatIf").GetProperty("contacts").GetInt64();
        Assert.Equal(before - (long)Math.Round(before * 0.15m, MidpointRounding.AwayFromZero), after);
        Assert.Equal(json.GetProperty("current").GetProperty("contacts").GetInt64(), json.GetProperty("whatIf").GetProperty("contacts").GetInt64());
        Assert.True(json.GetProperty("difference").GetDecimal() < 0);
        Assert.True(json.GetProperty("whatIf").GetProperty("agentsNeeded").GetDecimal() < json.GetProperty("current").GetProperty("agentsNeeded").GetDecimal());
    }

    [Fact]
    public async Task Callbacks_TurnAbandonsIntoHandledCalls()
    {
        var json = JsonDocument.Parse((await WhatIf("--callbacks", "0.5", "--labour", "fixed", "--json")).Out).RootElement;
        var voice = json.GetProperty("channels").EnumerateArray().Single(c => c.GetProperty("channel").GetString() == "voice");
        var (current, whatIf) = (voice.GetProperty("current"), voice.GetProperty("whatIf"));
        var abandoned = current.GetProperty("abandoned").GetInt64();
        var called = abandoned - whatIf.GetProperty("abandoned").GetInt64();
        Assert.Equal((long)Math.Round(abandoned * 0.5m, MidpointRounding.AwayFromZero), called);
        Assert.Equal(current.GetProperty("handled").GetInt64() + called, whatIf.GetProperty("handled").GetInt64());
    }

    [Theory]
    [InlineData("--deflect", "voice:selfservice:1.5", "--deflect 'voice:selfservice:1.5' is not FROM:TO:SHARE")]
    [InlineData("--aht", "voice", "--aht 'voice' is not CHANNEL:FACTOR")]
    [InlineData("--callbacks", "lots", "--callbacks 'lots' is not SHARE or CHANNEL:SHARE")]
    public async Task BadFlags_AreUsageErrors(string option, string value, string message)
    {
        var result = await WhatIf(option, value);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error);
    }

    [Fact]
    public async Task DeflectingToAnEmptyChannel_SaysWhy()
    {
        var result = await WhatIf("--deflect", "voice:video:0.1");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("the period has no video contacts", result.Error);
    }

    [Fact]
    public async Task NoChanges_SaysWhatToGive()
    {
        var result = await WhatIf();
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Nothing to try", result.Error);
    }

    [Fact]
    public async Task BadScenarioFile_NamesFileAndPath()
    {
        var file = folder.File("w.json");
        await File.WriteAllTextAsync(file, """{ "deflect": [ { "from": "voice", "to": "selfservice", "share": 15 } ] }""");
        var result = await WhatIf("--scenario", file);
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("ccost: w.json: deflect[0].share is the share of contacts moved, above 0 and at most 1 (0.15 is 15%), not 15", result.Error.Trim());
    }
}
