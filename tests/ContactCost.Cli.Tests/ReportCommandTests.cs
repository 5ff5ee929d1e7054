using System.Globalization;
using System.Text.Json;

namespace ContactCost.Tests;

/// <summary>The demo month, stored once, that the report tests read.</summary>
public sealed class DemoStore : IAsyncLifetime
{
    private readonly TempFolder folder = new();

    public string Database => folder.File("demo.db");

    public string Folder => folder.Path;

    public async Task InitializeAsync()
    {
        var demo = await Ccost.RunAsync("demo", "--db", Database, "--json");
        Assert.True(demo.ExitCode == 0, demo.ToString());

        // A second month with another seed, so periods can be compared.
        var september = await Ccost.RunAsync("demo", "--db", Database, "--month", "2026-09", "--seed", "7", "--json");
        Assert.True(september.ExitCode == 0, september.ToString());
    }

    public Task DisposeAsync()
    {
        folder.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>The test classes that read the stored demo months share one store.</summary>
[CollectionDefinition(Name)]
public sealed class DemoStoreCollection : ICollectionFixture<DemoStore>
{
    public const string Name = "demo store";
}

/// <summary><c>ccost report</c> end to end: every grouping and format adds up, comparisons explain the change, files report like the store.</summary>
[Collection(DemoStoreCollection.Name)]
public sealed class ReportCommandTests(DemoStore demo) : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task EveryGrouping_AddsUpToTheTotal_ToTheCent()
    {
        var result = await Ccost.RunAsync("report", "--db", demo.Database, "--period", "2026-10", "--format", "json");
        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Out);
        var root = json.RootElement;
        var total = root.GetProperty("totalCost").GetDecimal();
        Assert.True(total > 0m);
        Assert.Equal(total, Sum(root.GetProperty("channels"), "cost"));
        foreach (var grouping in new[] { "byQueue", "byAgentGroup", "byAgent", "byDay" })
        {
            Assert.Equal(total, Sum(root.GetProperty(grouping), "cost"));
            Assert.Equal(root.GetProperty("contacts").GetInt64(), root.GetProperty(grouping).EnumerateArray().Sum(g => g.GetProperty("contacts").GetInt64()));
        }

        var episodes = root.GetProperty("episodes");
        Assert.Equal(total, episodes.GetProperty("cost").GetDecimal());
        Assert.Equal(root.GetProperty("contacts").GetInt64(), episodes.GetProperty("contacts").GetInt64());
        Assert.InRange(episodes.GetProperty("firstContactResolution").GetDecimal(), 0.01m, 1m);
        Assert.Contains(episodes.GetProperty("paths").EnumerateArray(), p => p.GetProperty("path").GetString()!.Contains(" > ", StringComparison.Ordinal));
        Assert.Equal(["(none)", "digital agents", "voice agents"], root.GetProperty("byAgentGroup").EnumerateArray().Select(g => g.GetProperty("key").GetString()));
        var kpis = root.GetProperty("kpis");
        Assert.True(kpis.GetProperty("costPerHandleMinute").GetDecimal() > 0m);
        Assert.InRange(kpis.GetProperty("abandonmentRate").GetDecimal(), 0.001m, 0.5m);
    }

    [Theory]
    [InlineData("channel", "cost", 9)]
    [InlineData("queue", "cost", 8)]
    [InlineData("group", "cost", 8)]
    [InlineData("agent", "cost", 8)]
    [InlineData("day", "cost", 8)]
    [InlineData("episode", "cost", 8)]
    public async Task CsvRows_AddUpToTheTotal(string by, string column, int columnIndex)
    {
        var json = await Ccost.RunAsync("report", "--db", demo.Database, "--period", "2026-10", "--json");
        var total = JsonDocument.Parse(json.Out).RootElement.GetProperty("totalCost").GetDecimal();
        var file = folder.File(by + ".csv");
        var result = await Ccost.RunAsync("report", "--db", demo.Database, "--period", "2026-10", "--by", by, "--format", "csv", "--out", file);
        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = File.ReadAllLines(file);
        var header = lines[0].Split(',');
        Assert.Equal(column, header[columnIndex]);
        var sum = lines.Skip(1).Sum(l => decimal.Parse(SplitCsv(l)[columnIndex], CultureInfo.InvariantCulture));
        Assert.Equal(total, sum);
    }

    [Fact]
    public async Task Compare_SplitsTheChangeInCost_IntoParts_ThatAddUpExactly()
    {
        var result = await Ccost.RunAsync("report", "--db", demo.Database, "--period", "2026-10", "--compare", "2026-09", "--json");
        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Out);
        var root = json.RootElement;
        var comparison = root.GetProperty("comparison");
        Assert.Equal("2026-09", comparison.GetProperty("baseline").GetString());
        var change = comparison.GetProperty("costChange").GetDecimal();
        Assert.Equal(root.GetProperty("totalCost").GetDecimal() - comparison.GetProperty("baselineTotalCost").GetDecimal(), change);
        var effects = comparison.GetProperty("effects");
        Assert.Equal(change, new[] { "volume", "mix", "handleTime", "price" }.Sum(e => effects.GetProperty(e).GetDecimal()));

        var table = await Ccost.RunAsync("report", "--db", demo.Database, "--period", "2026-10", "--compare", "2026-09");
        Assert.Contains("Why total cost changed", table.Out);
        Assert.Contains("channel mix", table.Out);
    }

    // A store at db with the sample price book and cost model, csv imported and rated; returns the samples folder.
    private static async Task<string> StoreOfSamplesAsync(string csv, string db)
    {
        var samples = Path.Combine(AppContext.BaseDirectory, "samples");
        Assert.Equal(0, (await Ccost.RunAsync("pricebook", "load", Path.Combine(samples, "pricebook.json"), "--db", db)).ExitCode);
        Assert.Equal(0, (await Ccost.RunAsync("costmodel", "load", Path.Combine(samples, "costmodel.json"), "--db", db)).ExitCode);
        Assert.Equal(0, (await Ccost.RunAsync("import", csv, "--db", db)).ExitCode);
        Assert.Equal(0, (await Ccost.RunAsync("rate", "--db", db)).ExitCode);
        return samples;
    }

    [Fact]
    public async Task FromFiles_GivesTheSameFiguresAsTheStore()
    {
        var csv = folder.File("month.csv");
        Assert.Equal(0, (await Ccost.RunAsync("generate", "--rows", "3000", "--seed", "5", "--out", csv)).ExitCode);
        var db = folder.File("files.db");
        var samples = await StoreOfSamplesAsync(csv, db);

        var stored = await Ccost.RunAsync("report", "--db", db, "--period", "2026-10", "--json");
        var fromFile = await Ccost.RunAsync("report", "--input", csv, "--pricebook", Path.Combine(samples, "pricebook.json"),
            "--costs", Path.Combine(samples, "costmodel.json"), "--period", "2026-10", "--json");
        Assert.True(stored.ExitCode == 0, stored.ToString());
        Assert.True(fromFile.ExitCode == 0, fromFile.ToString());
        Assert.Equal(stored.Out, fromFile.Out);
    }

    [Fact]
    public async Task FromFiles_WithLinkedContacts_GivesTheSameFiguresAndEpisodesAsTheStore()
    {
        // The generator's episode column, turned into links: each contact names the first contact of its episode.
        // Thousands of episodes open, close and are linked to while the file report's slots are reused.
        var generated = folder.File("generated.csv");
        Assert.Equal(0, (await Ccost.RunAsync("generate", "--rows", "6000", "--seed", "11", "--out", generated)).ExitCode);
        var lines = File.ReadAllLines(generated);
        var firstOf = new Dictionary<string, string>();
        var linked = lines.Skip(1).Where(l => l.Length > 0).Select(l =>
        {
            var fields = l.Split(',');
            var first = firstOf.TryAdd(fields[^1], fields[0]) ? "" : firstOf[fields[^1]];
            // Every other link drops the customer, so that only the link can join it.
            if (first.Length > 0 && fields[0].GetHashCode(StringComparison.Ordinal) % 2 == 0)
                fields[3] = "";
            return string.Join(',', fields[..^1].Append(first));
        });
        var csv = folder.File("linked.csv");
        File.WriteAllLines(csv, [lines[0][..lines[0].LastIndexOf(',')] + ",initial_contact_id", .. linked]);

        var db = folder.File("linked.db");
        var samples = await StoreOfSamplesAsync(csv, db);

        foreach (var format in new[] { new[] { "--json" }, ["--by", "episode", "--format", "csv"] })
        {
            var stored = await Ccost.RunAsync(["report", "--db", db, "--period", "2026-10", "--gap", "6h", .. format]);
            var fromFile = await Ccost.RunAsync(["report", "--input", csv, "--pricebook", Path.Combine(samples, "pricebook.json"),
                "--costs", Path.Combine(samples, "costmodel.json"), "--period", "2026-10", "--gap", "6h", .. format]);
            Assert.True(stored.ExitCode == 0, stored.ToString());
            Assert.True(fromFile.ExitCode == 0, fromFile.ToString());
            Assert.Equal(stored.Out, fromFile.Out);
        }
    }

    [Fact]
    public async Task HandComputedCenter_CostPerContactPerChannelAndPerEpisode_ToTheCent()
    {
        // Labour 1,000.00 (1 agent x 100 h x 10.00) shared by handle time: voice 400 s, chat 600 s.
        // Rent 300.00 shared by contacts: 75.00 each. Usage: self-service 0.05, calls 4 and 3 started
        // minutes at 0.02, a chat 0.04. Total 1,300.23.
        var files = SmallCenter();
        var result = await Ccost.RunAsync("report", "--input", files.Interactions, "--pricebook", files.PriceBook, "--costs", files.CostModel, "--period", "2026-10", "--json");
        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Out);
        var root = json.RootElement;
        Assert.Equal(1300.23m, root.GetProperty("totalCost").GetDecimal());
        Assert.Equal(325.06m, root.GetProperty("costPerContact").GetDecimal());
        var channels = root.GetProperty("channels").EnumerateArray().ToDictionary(c => c.GetProperty("channel").GetString()!, c => c);
        Assert.Equal(550.14m, channels["voice"].GetProperty("cost").GetDecimal());
        Assert.Equal(275.07m, channels["voice"].GetProperty("costPerContact").GetDecimal());
        Assert.Equal(675.04m, channels["chat"].GetProperty("costPerContact").GetDecimal());
        Assert.Equal(75.05m, channels["selfservice"].GetProperty("costPerContact").GetDecimal());

        var episodesFile = folder.File("episodes.csv");
        var episodes = await Ccost.RunAsync("report", "--input", files.Interactions, "--pricebook", files.PriceBook, "--costs", files.CostModel,
            "--period", "2026-10", "--by", "episode", "--format", "csv", "--out", episodesFile);
        Assert.True(episodes.ExitCode == 0, episodes.ToString());
        var rows = File.ReadAllLines(episodesFile).Skip(1).Select(SplitCsv).ToDictionary(r => r[0], r => (Path: r[4], Cost: decimal.Parse(r[8], CultureInfo.InvariantCulture)));
        Assert.Equal(("selfservice > voice", 390.13m), rows["s1"]); // 0.05 + 75 + 0.08 + 240 + 75
        Assert.Equal(("chat", 675.04m), rows["c1"]);
        Assert.Equal(("voice", 235.06m), rows["v2"]);
    }

    [Fact]
    public async Task FromFiles_AnInitialContactIdInOneOfTheFiles_JoinsTheLinkedContactsIntoOneEpisode()
    {
        // v2 (customer C3) names c1 (customer C2) as its first contact, in a second file that has the column:
        // the link joins them although the customers differ; without the column they are two episodes.
        var files = SmallCenter();
        var linked = folder.File("linked.csv");
        File.WriteAllText(linked, """
            id,channel,direction,customer,start,end,wait_s,talk_s,hold_s,wrap_s,queue,agent,units,destination,resolved,initial_contact_id
            v3,voice,inbound,C9,2026-10-06T09:30:00Z,2026-10-06T09:31:00Z,0,60,0,0,support,A,,,true,c1

            """);

        async Task<Dictionary<string, string>> EpisodePaths(params string[] inputs)
        {
            var episodesFile = folder.File($"episodes-{inputs.Length}.csv");
            var args = inputs.SelectMany(f => new[] { "--input", f })
                .Concat(["--pricebook", files.PriceBook, "--costs", files.CostModel, "--period", "2026-10", "--by", "episode", "--format", "csv", "--out", episodesFile]);
            var result = await Ccost.RunAsync(["report", .. args]);
            Assert.True(result.ExitCode == 0, result.ToString());
            return File.ReadAllLines(episodesFile).Skip(1).Select(SplitCsv).ToDictionary(r => r[0], r => r[4]);
        }

        var together = await EpisodePaths(files.Interactions, linked);
        Assert.Equal("chat > voice", together["c1"]);
        Assert.DoesNotContain("v3", together.Keys);

        var unlinked = folder.File("unlinked.csv");
        File.WriteAllLines(unlinked, File.ReadAllLines(linked).Select(l => l.Length == 0 ? l : l[..l.LastIndexOf(',')]));
        var apart = await EpisodePaths(files.Interactions, unlinked);
        Assert.Equal(("chat", "voice"), (apart["c1"], apart["v3"]));

        async Task<long> EpisodeCount(string second)
        {
            var result = await Ccost.RunAsync("report", "--input", files.Interactions, "--input", second, "--pricebook", files.PriceBook,
                "--costs", files.CostModel, "--period", "2026-10", "--json");
            Assert.True(result.ExitCode == 0, result.ToString());
            using var json = JsonDocument.Parse(result.Out);
            return json.RootElement.GetProperty("episodes").GetProperty("episodes").GetInt64();
        }

        Assert.Equal((3L, 4L), (await EpisodeCount(linked), await EpisodeCount(unlinked)));
    }

    [Fact]
    public async Task Html_NamesEveryChart_AndIsSelfContained()
    {
        var file = folder.File("report.html");
        var result = await Ccost.RunAsync("report", "--db", demo.Database, "--period", "2026-10", "--compare", "2026-09", "--format", "html", "--out", file);
        Assert.True(result.ExitCode == 0, result.ToString());
        var html = File.ReadAllText(file);
        foreach (var id in new[] { "chart-channels", "chart-trend", "chart-breakdown", "chart-paths", "chart-effects" })
            Assert.Contains($"id=\"{id}\"", html);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal));
        Assert.DoesNotContain("https://", html);
        Assert.DoesNotContain("<script", html);
    }

    [Theory]
    [InlineData("--input", "x.csv")]
    [InlineData("--pricebook", "p.json")]
    [InlineData("--json", "--format", "csv")]
    [InlineData("--by", "region")]
    [InlineData("--gap", "soon")]
    [InlineData("--compare", "last month")]
    public async Task BadCombinations_AreUsageErrors(params string[] args)
    {
        var result = await Ccost.RunAsync(["report", "--db", demo.Database, .. args]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("ccost report --help", result.Error);
    }

    private (string Interactions, string PriceBook, string CostModel) SmallCenter()
    {
        var interactions = folder.File("small.csv");
        File.WriteAllText(interactions, """
            id,channel,direction,customer,start,end,wait_s,talk_s,hold_s,wrap_s,queue,agent,units,destination,resolved
            s1,selfservice,inbound,C1,2026-10-05T10:00:00Z,2026-10-05T10:02:00Z,,,,,,,,,false
            v1,voice,inbound,C1,2026-10-05T10:05:00Z,2026-10-05T10:09:00Z,0,240,0,0,support,A,,,true
            c1,chat,inbound,C2,2026-10-06T09:00:00Z,2026-10-06T09:10:00Z,0,600,0,0,support,A,,,true
            v2,voice,inbound,C3,2026-10-07T09:00:00Z,2026-10-07T09:02:40Z,0,160,0,0,support,A,,,true

            """);
        var priceBook = folder.File("small-prices.json");
        File.WriteAllText(priceBook, """
            { "name": "small", "currency": "USD", "effective": "2026-01-01", "rounding": "half-up",
              "charges": [
                { "id": "voice", "meter": "voice.seconds", "model": "per-unit", "unitPrice": "0.02", "per": 60, "minimum": 60, "increment": 60 },
                { "id": "chat", "meter": "chat.sessions", "model": "per-unit", "unitPrice": "0.04" },
                { "id": "selfservice", "meter": "selfservice.sessions", "model": "per-unit", "unitPrice": "0.05" } ] }
            """);
        var costModel = folder.File("small-costs.json");
        File.WriteAllText(costModel, """
            { "name": "small", "currency": "USD", "fixedCostDriver": "contacts",
              "agentGroups": [ { "name": "agents", "channels": ["voice", "chat"], "headcount": 1, "hourlyWage": "10", "burdenRate": "0", "paidHoursPerMonth": 100 } ],
              "overhead": [ { "name": "rent", "monthly": "300" } ] }
            """);
        return (interactions, priceBook, costModel);
    }

    private static decimal Sum(JsonElement array, string property) => array.EnumerateArray().Sum(e => e.GetProperty(property).GetDecimal());

    // The report's CSV quotes only fields with commas or quotes; a path never has either.
    private static string[] SplitCsv(string line) => line.Split(',');
}
