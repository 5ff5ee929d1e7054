using System.Globalization;
using System.Net;
using System.Text.Json;
using ContactCost.Cli.Server;
using ContactCost.Cli.Server.Dashboard;
using ContactCost.Formats.Reports;
using Microsoft.Playwright;

namespace ContactCost.Tests.Server;

/// <summary>
/// The dashboard of <c>ccost serve</c> in a real headless Chromium (Debian's <c>chromium</c>), over a
/// copy of the demo store: every figure the page shows is read out of the DOM (its <c>data-figure</c>
/// path and value, and the text a person reads) and checked against the API's JSON, which is itself
/// the JSON of <c>ccost report --json</c> for the same store and period.
/// </summary>
[Collection(DemoStoreCollection.Name)]
[Trait("Needs", "chromium")]
public sealed class DashboardBrowserTests(DemoStore demo) : IAsyncLifetime
{
    private const string Chromium = "/usr/bin/chromium";
    private const string AdminKey = ApiTestServer.AdminKey;
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    // Array elements in a figure's path are named by the first of these properties they have.
    private static readonly string[] Names = ["channel", "key", "path", "wallet", "name"];

    private ApiTestServer server = null!;
    private HttpClient client = null!;

    private string Database => server.Database;

    public async Task InitializeAsync()
    {
        server = await ApiTestServer.StartAsync(demo.Database);
        client = server.Client;
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task EveryFigureOnThePage_IsTheApis_AndTheCommandLines_ForTheLatestAndAPickedMonth()
    {
        Assert.True(File.Exists(Chromium), $"The browser test needs Chromium at {Chromium}: apt-get install -y chromium");
        var key = await client.TenantKeyAsync(AdminKey, "default");
        await WalletsAsync(key);
        var october = await ReportAsync(key, "2026-10");
        var september = await ReportAsync(key, "2026-09");
        var wallets = await GetJsonAsync("/api/wallets", key);

        // The wallets as they were made: 250 topped up with 12.50 held; 15 under a threshold of 20; an empty EUR wallet with credit.
        Assert.Equal(
            ["eu: EUR 0.00 0.00 0.00 5.00 - False", "main: USD 237.50 12.50 250.00 0.00 - False", "promo: USD 15.00 0.00 15.00 0.00 20.00 True"],
            wallets.GetProperty("wallets").EnumerateArray().Select(w => string.Create(Inv,
                $"{w.GetProperty("wallet")}: {w.GetProperty("currency")} {w.GetProperty("available").GetDecimal():0.00} {w.GetProperty("reserved").GetDecimal():0.00} " +
                $"{w.GetProperty("balance").GetDecimal():0.00} {w.GetProperty("creditLimit").GetDecimal():0.00} " +
                $"{(w.GetProperty("lowBalance").ValueKind == JsonValueKind.Null ? "-" : w.GetProperty("lowBalance").GetDecimal().ToString("0.00", Inv))} {w.GetProperty("low").GetBoolean()}")));

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox"] });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1200, Height = 900 } });
        page.SetDefaultTimeout(120_000); // a month's report on a busy two-core machine
        var requests = new List<string>();
        page.Request += (_, request) => requests.Add(request.Url);
        var consoleErrors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
                consoleErrors.Add(message.Text);
        };

        await page.GotoAsync($"{server.Address}/#key={key}");
        await page.WaitForSelectorAsync("body[data-state=ready]");
        Assert.Equal("2026-10", await page.GetAttributeAsync("body", "data-period"));
        Assert.Equal("Cost per contact, 2026-10", await page.TextContentAsync("h1"));
        Assert.DoesNotContain(key, page.Url, StringComparison.Ordinal); // the key leaves the server.Address bar
        Assert.Equal(["2026-10", "2026-09"], await page.Locator("#period option").AllTextContentsAsync());

        var checkedFigures = await CheckFiguresAsync(page, october, wallets);
        Assert.True(checkedFigures > 300, $"Only {checkedFigures} figures were checked.");
        await CheckChartsAsync(page, october);

        var screenshot = Environment.GetEnvironmentVariable("CCOST_DASHBOARD_SCREENSHOT") ?? server.Folder.File("dashboard.png");
        await page.ScreenshotAsync(new() { Path = screenshot, FullPage = true });
        Assert.True(new FileInfo(screenshot).Length > 10_000);

        // The period picker: the other month with data, every figure again.
        await page.SelectOptionAsync("#period", "2026-09");
        await page.WaitForSelectorAsync("body[data-state=ready][data-period='2026-09']");
        Assert.NotEqual(october.GetProperty("totalCost").GetDecimal(), september.GetProperty("totalCost").GetDecimal());
        await CheckFiguresAsync(page, september, wallets);
        await CheckChartsAsync(page, september);

        // Served by the server itself: nothing was fetched from anywhere else, and nothing failed.
        Assert.All(requests, url => Assert.True(url.StartsWith(server.Address + "/", StringComparison.Ordinal) || url.StartsWith("data:", StringComparison.Ordinal), url));
        Assert.Contains(requests, url => url.EndsWith("/dashboard.js", StringComparison.Ordinal));
        Assert.Empty(consoleErrors);
    }

    [Fact]
    public async Task AWrongOrMissingKey_ShowsTheApisProblemDetail_AndNoFigures()
    {
        Assert.True(File.Exists(Chromium), $"The browser test needs Chromium at {Chromium}: apt-get install -y chromium");
        using var wrong = await client.CallAsync(HttpMethod.Get, "/api/report", "cc_not-a-key");
        var wrongDetail = await ProblemDetailAsync(wrong, HttpStatusCode.Unauthorized);
        using var missing = await client.CallAsync(HttpMethod.Get, "/api/report", null);
        var missingDetail = await ProblemDetailAsync(missing, HttpStatusCode.Unauthorized);
        using var admin = await client.CallAsync(HttpMethod.Get, "/api/report", AdminKey);
        var adminDetail = await ProblemDetailAsync(admin, HttpStatusCode.Forbidden);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox"] });
        var page = await browser.NewPageAsync();
        page.SetDefaultTimeout(120_000);

        await page.GotoAsync($"{server.Address}/#key=cc_not-a-key");
        await page.WaitForSelectorAsync("body[data-state=error]");
        Assert.Equal(wrongDetail, await page.TextContentAsync("#error-detail"));
        Assert.True(await page.Locator("#content").IsHiddenAsync());
        Assert.Equal(0, await page.Locator("[data-figure]").CountAsync());

        await page.ClickAsync("#forget");
        await page.WaitForSelectorAsync("body[data-state=needs-key]");
        await page.ClickAsync("#show");
        await page.WaitForSelectorAsync("body[data-state=error]");
        Assert.Equal(missingDetail, await page.TextContentAsync("#error-detail"));

        await page.FillAsync("#key", AdminKey);
        await page.ClickAsync("#show");
        await Assertions.Expect(page.Locator("#error-detail")).ToHaveTextAsync(adminDetail, new() { Timeout = 30_000 });
        Assert.Equal("error", await page.GetAttributeAsync("body", "data-state"));
    }

    [Fact]
    public async Task ThePageAndItsAssets_ComeFromCcost_WithAPolicyThatAllowsNoOtherOrigin()
    {
        foreach (var (path, type) in new[] { ("/", "text/html"), ("/dashboard.js", "text/javascript"), ("/dashboard.css", "text/css") })
        {
            using var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(DashboardPage.ContentSecurityPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
            var text = await response.Content.ReadAsStringAsync();

            // The only URL in them is the SVG namespace, which names rather than fetches.
            Assert.DoesNotContain("https://", text, StringComparison.Ordinal);
            Assert.Equal(text.Split("http://").Length - 1, text.Split("http://www.w3.org/2000/svg").Length - 1);
        }

        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/"));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Contains("'self'", DashboardPage.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.DoesNotContain("http", DashboardPage.ContentSecurityPolicy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheListsThePageReads_ShowTheKeysTenantOnly_AndNeedAKey()
    {
        var owner = await client.TenantKeyAsync(AdminKey, "default");
        var rival = await client.TenantKeyAsync(AdminKey, "rival");
        await WalletsAsync(owner);
        await PostAsync("/api/wallets", rival, new { id = "rivals-own", currency = "GBP" });

        var periods = await GetJsonAsync("/api/periods", owner);
        Assert.Equal("America/New_York", periods.GetProperty("timeZone").GetString());
        Assert.Equal(["2026-10", "2026-09"], periods.GetProperty("months").EnumerateArray().Select(m => m.GetString()));
        Assert.Empty((await GetJsonAsync("/api/periods", rival)).GetProperty("months").EnumerateArray());
        Assert.Equal(["eu", "main", "promo"], (await GetJsonAsync("/api/wallets", owner)).GetProperty("wallets").EnumerateArray().Select(w => w.GetProperty("wallet").GetString()));
        Assert.Equal(["rivals-own"], (await GetJsonAsync("/api/wallets", rival)).GetProperty("wallets").EnumerateArray().Select(w => w.GetProperty("wallet").GetString()));

        foreach (var path in new[] { "/api/wallets", "/api/periods" })
        {
            using var response = await client.CallAsync(HttpMethod.Get, path, null);
            await ProblemDetailAsync(response, HttpStatusCode.Unauthorized);
        }
    }

    // Reads every marked figure out of the page and checks its value and its text against the JSON; returns how many.
    private static async Task<int> CheckFiguresAsync(IPage page, JsonElement report, JsonElement wallets)
    {
        var marked = await page.EvaluateAsync<JsonElement>(
            """
            () => [...document.querySelectorAll('[data-figure], [data-sum], [data-share]')].map(e => ({
              kind: e.dataset.figure !== undefined ? 'figure' : e.dataset.sum !== undefined ? 'sum' : 'share',
              path: e.dataset.figure ?? e.dataset.sum ?? e.dataset.share,
              value: e.dataset.value, format: e.dataset.format, text: e.textContent }))
            """);
        var reportDigits = Currency.FromCode(report.GetProperty("currency").GetString()!).MinorDigits;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var figure in marked.EnumerateArray())
        {
            var (kind, path, format, text) = (figure.GetProperty("kind").GetString()!, figure.GetProperty("path").GetString()!,
                figure.GetProperty("format").GetString()!, figure.GetProperty("text").GetString()!);
            var segments = path.Split('/').Select(Uri.UnescapeDataString).ToArray();
            var isWallet = segments[0] == "wallets";
            var root = isWallet ? wallets : report;
            var digits = isWallet ? Currency.FromCode(Resolve(root, segments[..2], path).GetProperty("currency").GetString()!).MinorDigits : reportDigits;
            var expected = kind switch
            {
                "figure" => Resolve(root, segments, path).GetDecimal(),
                "sum" => Resolve(root, segments[..^1], path).EnumerateArray().Sum(e => e.GetProperty(segments[^1]).GetDecimal()),
                _ => Resolve(root, segments, path).GetDecimal() / report.GetProperty("totalCost").GetDecimal(),
            };
            var shown = decimal.Parse(figure.GetProperty("value").GetString()!, NumberStyles.Float, Inv);
            Assert.True(kind == "share" ? Math.Abs(shown - expected) < 0.000_000_1m : shown == expected, $"{kind} {path}: the page holds {shown}, the JSON {expected}");
            var written = format switch
            {
                "amount" => Figures.Amount(expected, digits),
                "count" => Figures.Count((long)expected),
                "percent" => Figures.Percent(expected),
                "duration" => Figures.Duration(expected),
                "ratio" => expected.ToString("0.00", Inv),
                _ => throw new Xunit.Sdk.XunitException($"{path}: unknown format '{format}'"),
            };
            Assert.True(written == text, $"{kind} {path}: the page shows '{text}', the report writes '{written}'");
            seen.Add(kind + ":" + path);
        }

        // Every figure the dashboard promises is there, so a missing one fails too.
        var expectedFigures = new List<string> { "totalCost", "contacts", "costPerContact", "kpis/costPerHandleMinute", "kpis/averageHandleSeconds", "kpis/abandonmentRate" };
        expectedFigures.AddRange(new[] { "episodes", "costPerEpisode", "costPerResolution", "contactsPerEpisode", "firstContactResolution", "selfServiceContainment", "extraCostPerSwitch" }
            .Select(f => "episodes/" + f));
        foreach (var c in report.GetProperty("channels").EnumerateArray())
        {
            expectedFigures.AddRange(new[] { "contacts", "handled", "abandoned", "averageHandleSeconds", "usage", "labour", "fixed", "cost", "costPerContact" }
                .Select(f => $"channels/{Name(c, "channel")}/{f}"));
        }

        foreach (var g in report.GetProperty("byDay").EnumerateArray())
            expectedFigures.AddRange(new[] { "contacts", "cost", "costPerContact" }.Select(f => $"byDay/{Name(g, "key")}/{f}"));
        foreach (var line in report.GetProperty("breakdown").EnumerateArray())
            expectedFigures.Add($"breakdown/{Name(line, "name")}/amount");
        foreach (var p in report.GetProperty("episodes").GetProperty("paths").EnumerateArray())
            expectedFigures.AddRange(new[] { "episodes", "averageCost" }.Select(f => $"episodes/paths/{Name(p, "path")}/{f}"));
        foreach (var w in wallets.GetProperty("wallets").EnumerateArray())
            expectedFigures.AddRange(new[] { "available", "reserved", "balance", "creditLimit" }.Select(f => $"wallets/{Name(w, "wallet")}/{f}"));
        var missing = expectedFigures.Where(f => !seen.Contains("figure:" + f)).ToArray();
        Assert.True(missing.Length == 0, "The page does not show: " + string.Join(", ", missing));
        Assert.Contains("sum:channels/usage", seen);
        Assert.Contains("share:" + $"breakdown/{Name(report.GetProperty("breakdown")[0], "name")}/amount", seen);

        // And nothing that looks like a figure is left unmarked.
        var unmarked = await page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('main td.num, main .kpi .figure')].filter(e => !e.dataset.value && e.textContent !== '–').map(e => e.closest('table, .kpi').id + ': ' + e.textContent)");
        Assert.Empty(unmarked);
        return marked.GetArrayLength();
    }

    private static async Task CheckChartsAsync(IPage page, JsonElement report)
    {
        var channels = report.GetProperty("channels").EnumerateArray().ToArray();
        foreach (var id in new[] { "chart-channels", "chart-day-cost", "chart-trend", "chart-breakdown", "chart-paths" })
        {
            var box = await page.Locator($"svg#{id}").BoundingBoxAsync();
            Assert.True(box is { Width: > 300, Height: > 60 }, $"{id} is not drawn with a size: {box?.Width}x{box?.Height}");
        }

        // One bar per channel, titled with its cost per contact; the tallest is the dearest channel's.
        var bars = page.Locator("svg#chart-channels rect.bar");
        Assert.Equal(channels.Length, await bars.CountAsync());
        var digits = Currency.FromCode(report.GetProperty("currency").GetString()!).MinorDigits;
        var heights = new List<(double Height, string Title)>();
        for (var i = 0; i < channels.Length; i++)
        {
            var title = await bars.Nth(i).Locator("title").TextContentAsync() ?? "";
            Assert.Equal($"{channels[i].GetProperty("channel").GetString()}: {Figures.Amount(channels[i].GetProperty("costPerContact").GetDecimal(), digits)}", title);
            heights.Add(((await bars.Nth(i).BoundingBoxAsync())!.Height, title));
        }

        var dearest = channels.MaxBy(c => c.GetProperty("costPerContact").GetDecimal()).GetProperty("channel").GetString()!;
        Assert.StartsWith(dearest + ":", heights.MaxBy(h => h.Height).Title, StringComparison.Ordinal);
        Assert.Equal(report.GetProperty("byDay").GetArrayLength(), await page.Locator("svg#chart-trend circle.point").CountAsync());
        Assert.Equal(report.GetProperty("byDay").GetArrayLength(), await page.Locator("svg#chart-day-cost rect.bar").CountAsync());
        Assert.Equal(report.GetProperty("episodes").GetProperty("paths").GetArrayLength(), await page.Locator("svg#chart-paths rect.bar").CountAsync());
    }

    // Walks a figure's path: property names, and array elements by their name.
    private static JsonElement Resolve(JsonElement root, string[] segments, string path)
    {
        var at = root;
        foreach (var segment in segments)
        {
            if (at.ValueKind == JsonValueKind.Array)
            {
                var matches = at.EnumerateArray().Where(e => Names.Any(n => e.TryGetProperty(n, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() == segment)).ToArray();
                Assert.True(matches.Length == 1, $"{path}: {matches.Length} elements are named '{segment}'");
                at = matches[0];
            }
            else
            {
                Assert.True(at.TryGetProperty(segment, out var next), $"{path}: the JSON has no '{segment}'");
                at = next;
            }
        }

        return at;
    }

    private static string Name(JsonElement element, string property) => Uri.EscapeDataString(element.GetProperty(property).GetString()!);

    // The API's report, checked to be the command line's JSON for the same store and period.
    private async Task<JsonElement> ReportAsync(string key, string period)
    {
        var cli = await Ccost.RunAsync("report", "--db", Database, "--period", period, "--json");
        Assert.True(cli.ExitCode == 0, cli.ToString());
        using var response = await client.CallAsync(HttpMethod.Get, $"/api/report?period={period}", key);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(cli.Out.TrimEnd(), text.TrimEnd());
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private async Task WalletsAsync(string key)
    {
        await PostAsync("/api/wallets", key, new { id = "main", currency = "USD" });
        await PostAsync("/api/wallets/main/topup", key, new { operationId = "pay-main", amount = 250m });
        await PostAsync("/api/wallets/main/authorize", key, new { operationId = "call-1", amount = 12.50m, ttlSeconds = 3600 });
        await PostAsync("/api/wallets", key, new { id = "promo", currency = "USD", lowBalance = 20m });
        await PostAsync("/api/wallets/promo/topup", key, new { operationId = "pay-promo", amount = 15m });
        await PostAsync("/api/wallets", key, new { id = "eu", currency = "EUR", creditLimit = 5m });
    }

    private async Task PostAsync(string path, string key, object body)
    {
        using var response = await client.CallAsync(HttpMethod.Post, path, key, body);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private async Task<JsonElement> GetJsonAsync(string path, string key)
    {
        using var response = await client.CallAsync(HttpMethod.Get, path, key);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task<string> ProblemDetailAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("detail").GetString()!;
    }

}
