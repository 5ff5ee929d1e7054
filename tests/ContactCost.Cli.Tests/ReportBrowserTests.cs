using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;

namespace ContactCost.Tests;

/// <summary>
/// The HTML report opened in a real headless Chromium (Debian's <c>chromium</c> package): the
/// charts are drawn with a size, their bars match the report's figures, and the page shows the
/// same totals as the JSON. <c>.ci/run</c> installs Chromium, so CI always runs this.
/// </summary>
[Collection(DemoStoreCollection.Name)]
[Trait("Needs", "chromium")]
public sealed class ReportBrowserTests(DemoStore demo) : IDisposable
{
    private const string Chromium = "/usr/bin/chromium";
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task HtmlReport_RendersItsChartsAndFigures_InChromium()
    {
        Assert.True(File.Exists(Chromium), $"The browser test needs Chromium at {Chromium}: apt-get install -y chromium");
        var html = folder.File("report.html");
        var written = await Ccost.RunAsync("report", "--db", demo.Database, "--period", "2026-10", "--compare", "2026-09", "--format", "html", "--out", html);
        Assert.True(written.ExitCode == 0, written.ToString());
        var json = await Ccost.RunAsync("report", "--db", demo.Database, "--period", "2026-10", "--json");
        using var document = JsonDocument.Parse(json.Out);
        var root = document.RootElement;
        var channels = root.GetProperty("channels").EnumerateArray().ToArray();

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox"] });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1200, Height = 900 } });
        await page.GotoAsync(new Uri(html).AbsoluteUri);

        Assert.Equal("Cost per contact, 2026-10", await page.TitleAsync());
        foreach (var id in new[] { "chart-channels", "chart-trend", "chart-breakdown", "chart-paths", "chart-effects" })
        {
            var box = await page.Locator($"svg#{id}").BoundingBoxAsync();
            Assert.True(box is { Width: > 300, Height: > 60 }, $"{id} is not drawn with a size: {box?.Width}x{box?.Height}");
        }

        // One bar per channel, the tallest for the dearest channel.
        var bars = page.Locator("svg#chart-channels rect.bar");
        Assert.Equal(channels.Length, await bars.CountAsync());
        var heights = new List<(double Height, string Title)>();
        for (var i = 0; i < channels.Length; i++)
        {
            var bar = bars.Nth(i);
            heights.Add(((await bar.BoundingBoxAsync())!.Height, await bar.Locator("title").TextContentAsync() ?? ""));
        }

        var dearest = channels.MaxBy(c => c.GetProperty("costPerContact").GetDecimal()).GetProperty("channel").GetString()!;
        Assert.StartsWith(dearest + ":", heights.MaxBy(h => h.Height).Title, StringComparison.Ordinal);
        Assert.Equal(root.GetProperty("byDay").GetArrayLength(), await page.Locator("svg#chart-trend circle.point").CountAsync());

        // The figures on the page are the JSON's.
        var total = root.GetProperty("totalCost").GetDecimal().ToString("N2", CultureInfo.InvariantCulture);
        Assert.Equal(total, await page.Locator("[data-kpi=total-cost] .figure").TextContentAsync());
        Assert.Equal(total, await page.Locator("#rows-total").TextContentAsync());
        Assert.Equal(root.GetProperty("costPerContact").GetDecimal().ToString("N2", CultureInfo.InvariantCulture),
            await page.Locator("[data-kpi=cost-per-contact] .figure").TextContentAsync());
        Assert.Equal(channels.Length, await page.Locator("#rows tbody tr").CountAsync() - 1);

        var screenshot = Environment.GetEnvironmentVariable("CCOST_REPORT_SCREENSHOT") ?? folder.File("report.png");
        await page.ScreenshotAsync(new() { Path = screenshot, FullPage = true });
        Assert.True(new FileInfo(screenshot).Length > 10_000);
    }
}
