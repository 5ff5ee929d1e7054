using System.Text.Json;

namespace ContactCost.Tests.Planning;

public sealed class ScenarioCommandTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    private static string Sample(string name) => StaffCommandTests.Sample(Path.Combine("planning", name));

    [Fact]
    public async Task Roi_MinimalExample_Is50Percent()
    {
        var result = await Ccost.RunAsync("roi", "--scenario", Sample("roi-minimal.json"), "--json");
        Assert.Equal(0, result.ExitCode);
        var json = JsonDocument.Parse(result.Out).RootElement;
        Assert.Equal(50m, json.GetProperty("roiPercent").GetDecimal());
        Assert.Equal(12, json.GetProperty("paybackMonth").GetInt32());
        Assert.Equal(0.5, json.GetProperty("internalRateOfReturn").GetDouble());
        Assert.Equal(13, json.GetProperty("byMonth").GetArrayLength());
    }

    [Fact]
    public async Task Roi_Table_EndsWithTheSummary()
    {
        var result = await Ccost.RunAsync("roi", "--scenario", Sample("roi-minimal.json"));
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("ROI 50% over 12 months; payback in month 12; NPV 5,000.00 USD at 0% a year; IRR 50.0% a year.", result.Out);
    }

    [Fact]
    public async Task Tco_Sample_ComparesThreeDeployments_AndTheYearsAddUp()
    {
        var result = await Ccost.RunAsync("tco", "--scenario", Sample("tco.json"), "--json");
        Assert.Equal(0, result.ExitCode);
        var json = JsonDocument.Parse(result.Out).RootElement;
        Assert.Equal("cloud", json.GetProperty("cheapest").GetString());
        foreach (var d in json.GetProperty("deployments").EnumerateArray())
        {
            var years = d.GetProperty("years").EnumerateArray().ToArray();
            Assert.Equal(6, years.Length);
            Assert.Equal(d.GetProperty("total").GetDecimal(), years.Sum(y => y.GetProperty("total").GetDecimal()));
            Assert.Equal(d.GetProperty("presentValue").GetDecimal(), years.Sum(y => y.GetProperty("presentValue").GetDecimal()));
            Assert.Equal(d.GetProperty("total").GetDecimal(), d.GetProperty("items").EnumerateArray().Sum(i => i.GetProperty("total").GetDecimal()));
        }

        var table = await Ccost.RunAsync("tco", "--scenario", Sample("tco.json"));
        Assert.Contains("Cheapest at present value over 5 years: cloud", table.Out);
    }

    [Fact]
    public async Task BreakEven_Sample_WritesTheVolumeAndAnSvgChart()
    {
        var html = folder.File("be.html");
        var result = await Ccost.RunAsync("breakeven", "--scenario", Sample("breakeven.json"), "--html", html, "--json");
        Assert.Equal(0, result.ExitCode);
        var json = JsonDocument.Parse(result.Out).RootElement;
        Assert.Equal(8_241.76m, json.GetProperty("breakEvenVolume").GetDecimal());
        Assert.Equal(11, json.GetProperty("curve").GetArrayLength());
        var page = await File.ReadAllTextAsync(html);
        Assert.Contains("<svg", page);
        Assert.Equal(2, page.Split("<polyline").Length - 1);
        Assert.DoesNotContain("http://", page.Replace("http://www.w3.org/2000/svg", ""));
        Assert.DoesNotContain("<script", page);
    }

    [Theory]
    [InlineData("roi", """{ "currency": "USD", "months": 12, "investment": [ { "name": "a", "amount": "ten" } ], "gains": [] }""", "investment[0].amount must be a decimal number")]
    [InlineData("tco", """{ "currency": "USD", "years": 5, "deployments": [ { "kind": "cloud", "items": [] } ] }""", "deployments[0] needs agents")]
    [InlineData("breakeven", """{ "currency": "EURO" }""", "currency is 'EURO'")]
    [InlineData("roi", """{ "currency": "USD", """, "is not valid JSON")]
    public async Task BadScenario_FailsWithFileAndPath(string command, string json, string message)
    {
        var file = folder.File("bad.json");
        await File.WriteAllTextAsync(file, json);
        var result = await Ccost.RunAsync(command, "--scenario", file);
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("ccost: bad.json: ", result.Error);
        Assert.Contains(message, result.Error);
    }

    [Fact]
    public async Task MissingScenarioFile_FailsWithItsName()
    {
        var result = await Ccost.RunAsync("tco", "--scenario", folder.File("nowhere.json"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("nowhere.json", result.Error);
    }
}
