namespace ContactCost.Tests;

public sealed class DocumentCommandTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    private static string Sample(string name) => Path.Combine(AppContext.BaseDirectory, "samples", name);

    [Fact]
    public async Task PriceBookLoad_TheSample_ThenShowIt()
    {
        var db = folder.File("c.db");
        var load = await Ccost.RunAsync("pricebook", "load", Sample("pricebook.json"), "--db", db, "--json");
        Assert.Equal(0, load.ExitCode);
        Assert.Contains("\"version\": \"2026-01-01\"", load.Out);
        Assert.Contains("\"result\": \"added\"", load.Out);

        var again = await Ccost.RunAsync("pricebook", "load", Sample("pricebook.json"), "--db", db, "--json");
        Assert.Contains("\"result\": \"unchanged\"", again.Out);

        var show = await Ccost.RunAsync("pricebook", "show", "--db", db);
        Assert.Equal(0, show.ExitCode);
        Assert.Contains("voice-in", show.Out);
        Assert.Contains("0.022 per 60, billed 60/60", show.Out);
    }

    [Fact]
    public async Task PriceBookLoad_InvalidValue_NamesFilePathAndProblem()
    {
        var file = folder.File("broken.json");
        await File.WriteAllTextAsync(file, """
            { "currency": "USD", "effective": "2026-01-01",
              "charges": [ { "id": "sms", "meter": "sms.segments", "model": "per-unit", "unitPrice": "0.01" },
                           { "id": "mms", "meter": "mms.messages", "model": "per-unit", "unitPrice": -0.03 } ] }
            """);
        var result = await Ccost.RunAsync("pricebook", "load", file, "--db", folder.File("c.db"));
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("ccost: broken.json: charges[1].unitPrice must not be negative (found -0.03)", result.Error.Trim());
    }

    [Theory]
    [InlineData("""{ "currency": "USD", "effective": "2026-01-01", "charges": [ { "id": "a", "meter": "chat.sessions", "model": "per-unit", "unitprice": 1 } ] }""",
        "charges[0].unitprice is not a known property; did you mean 'unitPrice'?")]
    [InlineData("""{ "currency": "USD", "effective": "2026-01-01", "charges": [ { "id": "a", "meter": "chat.session", "model": "per-unit", "unitPrice": 1 } ] }""",
        "charges[0].meter is 'chat.session'; expected one of: interactions, voice.seconds")]
    [InlineData("""{ "currency": "USD", "effective": "2026-01-01", "charges": [ { "id": "a", "meter": "voice.seconds", "filter": { "channel": "chat" }, "model": "per-unit", "unitPrice": 1 } ] }""",
        "charges[0].filter.channel is 'chat' but meter 'voice.seconds' only measures voice; the charge would never apply")]
    [InlineData("""{ "currency": "USD", "effective": "2026-01-01", "charges": [ { "id": "a", "model": "one-time", "amount": 1 }, { "id": "a", "model": "one-time", "amount": 2 } ] }""",
        "charges[1].id 'a' is used by an earlier charge; charge ids must be unique")]
    [InlineData("""{ "currency": "XXY", "effective": "2026-01-01", "charges": [] }""",
        "currency is 'XXY'; expected an ISO 4217 code such as USD, EUR, GBP")]
    [InlineData("""{ "currency": "USD", "effective": "1 Jan 2026", "charges": [] }""",
        "effective must be a date written yyyy-MM-dd, not '1 Jan 2026'")]
    [InlineData("""{ "currency": "USD", "effective": "2026-01-01", "charges": [ { "id": "a", "model": "stairstep" } ] }""",
        "charges[0].model is 'stairstep'; expected one of: per-unit, graduated, volume, package, per-seat, flat, one-time")]
    [InlineData("""{ "currency": "USD", "effective": "2026-01-01", "charges": [ { "id": "sms", "meter": "sms.segments", "model": "graduated", "tiers": [ { "upTo": 100, "unitPrice": 0 }, { "upTo": 100, "unitPrice": 0.01 }, { "upTo": null, "unitPrice": 0.008 } ] } ] }""",
        "charges[0].tiers[1].upTo must be greater than 100")]
    [InlineData("""{ "currency": "USD", "effective": "2026-01-01", "charges": [ { "id": "sms", "meter": "sms.segments", "model": "graduated", "tiers": [ { "upTo": 100, "unitPrice": 0 }, { "upTo": 200, "unitPrice": 0.01 } ] } ] }""",
        "charges[0].tiers[1].upTo must be null: the last tier has no upper bound, so every quantity has a price")]
    [InlineData("""{ "currency": "USD", "effective": "2026-01-01", "charges": [ { "id": "v", "meter": "voice.seconds", "model": "per-unit", "unitPrice": 1, "windows": [ { "name": "peak", "days": "mon-fry", "unitPrice": 2 } ] } ] }""",
        "charges[0].windows[0].days is 'mon-fry'; write days like mon-fri, sat,sun or mon,wed-fri")]
    [InlineData("""{ "currency": "USD", "effective": "2026-01-01", "charges": [ { "id": "v", "meter": "voice.seconds", "model": "per-unit", "unitPrice": 1, "windows": [ { "name": "peak", "from": "8am", "unitPrice": 2 } ] } ] }""",
        "charges[0].windows[0].from is '8am'; write a time of day as HH:mm, e.g. 08:00 or 24:00")]
    [InlineData("""{ "currency": "USD", "effective": "2026-01-01", "charges": [ { "id": "v", "meter": "voice.seconds", "model": "per-unit", "unitPrice": 1, "destinations": [ { "prefix": "+44", "unitPrice": 1 }, { "prefix": "+44", "unitPrice": 2 } ] } ] }""",
        "charges[0].destinations[1].prefix '+44' is listed twice")]
    [InlineData("""{ "currency": "USD", "effective": "2026-01-01", "charges": [ { "id": "b", "meter": "sms.segments", "model": "package", "packageSize": 0, "packagePrice": 8 } ] }""",
        "charges[0].packageSize must be greater than 0 (found 0)")]
    [InlineData("""{ "currency": "USD", "effective": "2026-01-01", "charges": [ """,
        "is not valid JSON: line 1:")]
    public async Task PriceBookLoad_Refuses_WithThePath(string json, string expected)
    {
        var file = folder.File("book.json");
        await File.WriteAllTextAsync(file, json);
        var result = await Ccost.RunAsync("pricebook", "load", file, "--db", folder.File("c.db"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("book.json: " + expected, result.Error);
    }

    [Fact]
    public async Task CostModelLoad_TheSample_SummarizesIt()
    {
        var october = new DateTimeOffset(2026, 10, 15, 12, 0, 0, TimeSpan.Zero);
        var result = await Ccost.RunAtAsync(october, "costmodel", "load", Sample("costmodel.json"), "--db", folder.File("c.db"), "--json");
        Assert.Equal(0, result.ExitCode);
        // 14 x 160 x 20 x 1.3 + 11 x 160 x 19 x 1.3 = 58,240 + 43,472
        Assert.Contains("\"monthlyLabour\": 101712", result.Out);
        Assert.Contains("\"agentGroups\": 2", result.Out);
        // + indirect (2 x 5,200 + 4,600) x 1.3 = 19,500, tools 25 x 25 + 12 x 28 = 961, storage 1,350 x 25 / 12 = 2,812.50,
        // CRM 12,000 / 24 = 500, hiring 25 x 0.35 / 12 x 4,000 = 2,916.67, overhead 9,000.
        Assert.Contains("\"monthlyTotal\": 137402.17", result.Out);

        var table = await Ccost.RunAtAsync(october, "costmodel", "load", Sample("costmodel.json"), "--db", folder.File("c.db"));
        Assert.Contains("A month (2026-10) costs 137,402.17 USD before usage: labour 101,712.00, indirect 19,500.00", table.Out);
    }

    [Fact]
    public async Task Report_WithoutACostModel_SaysHowToLoadOne()
    {
        var db = folder.File("c.db");
        var csv = folder.File("i.csv");
        await File.WriteAllTextAsync(csv, "id,channel,start\na,voice,2026-10-01T09:00:00-04:00\n");
        Assert.Equal(0, (await Ccost.RunAsync("import", csv, "--db", db)).ExitCode);
        var result = await Ccost.RunAsync("report", "--db", db);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("has no cost model yet. Load one first: ccost costmodel load samples/costmodel.json", result.Error);
    }

    [Fact]
    public async Task Report_OnAnEmptyStore_SaysHowToGetData()
    {
        var result = await Ccost.RunAsync("report", "--db", folder.File("empty.db"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("has no interactions yet", result.Error);
    }

    [Fact]
    public async Task Tenant_SetTimeZone_ThenShow()
    {
        var db = folder.File("c.db");
        Assert.Equal(0, (await Ccost.RunAsync("tenant", "set", "--time-zone", "Europe/Paris", "--db", db, "--tenant", "acme")).ExitCode);
        var show = await Ccost.RunAsync("tenant", "show", "--db", db, "--tenant", "acme", "--json");
        Assert.Contains("\"timeZone\": \"Europe/Paris\"", show.Out);
        var bad = await Ccost.RunAsync("tenant", "set", "--time-zone", "Mars/Olympus", "--db", db);
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("'Mars/Olympus' is not a time zone this machine knows", bad.Error);
    }

    [Fact]
    public async Task Tenant_ZoneChange_WithRatedUsage_IsRefused_UnlessEverythingIsRatedAgain()
    {
        var db = folder.File("z.db");
        Assert.Equal(0, (await Ccost.RunAsync("pricebook", "load", Sample("pricebook.json"), "--db", db)).ExitCode);
        Assert.Equal(0, (await Ccost.RunAsync("costmodel", "load", Sample("costmodel.json"), "--db", db)).ExitCode);
        var csv = folder.File("late.csv");
        // 02:00 UTC on 1 November is still 31 October in New York.
        await File.WriteAllTextAsync(csv, "id,channel,start\nc1,chat,2026-11-01T02:00:00Z\n");
        Assert.Equal(0, (await Ccost.RunAsync("import", csv, "--db", db)).ExitCode);
        Assert.Equal(0, (await Ccost.RunAsync("rate", "--db", db)).ExitCode);

        var refused = await Ccost.RunAsync("tenant", "set", "--time-zone", "America/New_York", "--db", db);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("has usage rated in UTC", refused.Error);
        Assert.Contains("\"timeZone\": \"UTC\"", (await Ccost.RunAsync("tenant", "show", "--db", db, "--json")).Out);

        var moved = await Ccost.RunAsync("tenant", "set", "--time-zone", "America/New_York", "--rerate", "--db", db);
        Assert.True(moved.ExitCode == 0, moved.ToString());
        Assert.Contains("Rated 1 items again in America/New_York", moved.Error);
        var october = await Ccost.RunAsync("report", "--db", db, "--period", "2026-10", "--json");
        Assert.Contains("\"contacts\": 1,", october.Out);
        Assert.Contains("\"unrated\": 0,", october.Out);

        // Another name of the same zone dates every charge alike: no rating again needed.
        var alias = await Ccost.RunAsync("tenant", "set", "--time-zone", "US/Eastern", "--db", db);
        Assert.True(alias.ExitCode == 0, alias.ToString());
        Assert.Contains("\"timeZone\": \"US/Eastern\"", (await Ccost.RunAsync("tenant", "show", "--db", db, "--json")).Out);
        var other = await Ccost.RunAsync("tenant", "set", "--time-zone", "America/Chicago", "--db", db);
        Assert.Equal(1, other.ExitCode);
        Assert.Contains("has usage rated in US/Eastern", other.Error);

        // The demo's center is in New York: it may fill this tenant, but not one rated in Paris.
        Assert.Equal(0, (await Ccost.RunAsync("tenant", "set", "--time-zone", "Europe/Paris", "--rerate", "--db", db)).ExitCode);
        var demo = await Ccost.RunAsync("demo", "--db", db, "--json");
        Assert.Equal(1, demo.ExitCode);
        Assert.Contains("has usage rated in Europe/Paris", demo.Error);
        Assert.Contains("The demo center is in America/New_York", demo.Error);
        Assert.Contains("\"timeZone\": \"Europe/Paris\"", (await Ccost.RunAsync("tenant", "show", "--db", db, "--json")).Out);
    }
}
