using System.Text.Json;

namespace ContactCost.Tests;

/// <summary><c>ccost rate</c> on files (stateless) and on the store, through the command.</summary>
public sealed class RateCommandTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    private async Task<string> WriteAsync(string name, string text)
    {
        var path = folder.File(name);
        await File.WriteAllTextAsync(path, text);
        return path;
    }

    // One price book with every model; each expected amount below is worked out by hand.
    private const string Book = """
        { "currency": "USD", "effective": "2026-10-01", "rounding": "half-up",
          "charges": [
            { "id": "voice-in", "meter": "voice.seconds", "filter": { "direction": "inbound" },
              "model": "per-unit", "unitPrice": "0.0125", "per": 60, "minimum": 60, "increment": 60, "connectFee": "0.01" },
            { "id": "voice-out", "meter": "voice.seconds", "filter": { "direction": "outbound" },
              "model": "per-unit", "unitPrice": "0.50", "per": 60, "minimum": 6, "increment": 6,
              "destinations": [ { "prefix": "+1", "unitPrice": "0.013" }, { "prefix": "+44", "unitPrice": "0.035" }, { "prefix": "+447", "unitPrice": "0.12" } ] },
            { "id": "chat", "meter": "chat.sessions", "model": "per-unit", "unitPrice": "0.04",
              "windows": [ { "name": "weekend", "days": "sat,sun", "unitPrice": "0.06" },
                           { "name": "evening", "days": "mon-fri", "from": "18:00", "to": "24:00", "unitPrice": "0.05" } ] },
            { "id": "sms", "meter": "sms.segments", "model": "graduated",
              "tiers": [ { "upTo": 3, "unitPrice": "0" }, { "upTo": 10, "unitPrice": "0.01" }, { "upTo": null, "unitPrice": "0.008" } ] },
            { "id": "email", "meter": "email.messages", "model": "volume",
              "tiers": [ { "upTo": 2, "unitPrice": "0.02" }, { "upTo": null, "unitPrice": "0.01" } ] },
            { "id": "social", "meter": "social.interactions", "model": "package", "packageSize": 2, "packagePrice": "0.50" },
            { "id": "egress", "meter": "egress.gb", "model": "per-unit", "unitPrice": "0.08", "allowance": 100 },
            { "id": "seats", "meter": "seats", "model": "per-seat", "unitPrice": "110" },
            { "id": "addon", "model": "flat", "amount": "30" },
            { "id": "setup", "model": "one-time", "amount": "5000" } ] }
        """;

    private const string Interactions = """
        id,channel,direction,start,end,units,destination
        v1,voice,inbound,2026-10-02T10:00:00Z,2026-10-02T10:01:01Z,,
        v2,voice,outbound,2026-10-02T10:05:00Z,2026-10-02T10:06:01Z,,+447700900123
        v3,voice,outbound,2026-10-02T10:10:00Z,2026-10-02T10:10:05Z,,+15551234567
        c1,chat,inbound,2026-10-02T11:00:00Z,,,
        s1,sms,inbound,2026-10-02T12:00:00Z,,2,
        s2,sms,inbound,2026-10-02T12:01:00Z,,5,
        e1,email,inbound,2026-10-02T13:00:00Z,,1,
        e2,email,inbound,2026-10-02T13:01:00Z,,1,
        e3,email,inbound,2026-10-02T13:02:00Z,,1,
        so1,social,inbound,2026-10-02T14:00:00Z,,,
        so2,social,inbound,2026-10-02T14:01:00Z,,,
        so3,social,inbound,2026-10-02T14:02:00Z,,,
        c3,chat,inbound,2026-10-02T19:00:00Z,,,
        c2,chat,inbound,2026-10-03T11:00:00Z,,,
        """;

    private const string Usage = """
        id,meter,quantity,start
        g1,egress.gb,120,2026-10-05T00:00:00Z
        seats-oct,seats,2,2026-10-17T00:00:00Z
        """;

    // Every model priced by hand, per charge, for the files above (October 2026, UTC).
    private static readonly Dictionary<string, decimal> Expected = new()
    {
        ["voice-in"] = 0.04m,   // 61 s at 60/60 = 120 s = 2 x 0.0125 = 0.025, + connect 0.01 = 0.035 -> 0.04
        ["voice-out"] = 0.13m,  // +447: 61 s -> 66 s (6 s minimum, 6 s steps) = 1.1 min x 0.12 = 0.132 -> 0.13; +1: 5 s -> 6 s x 0.013/60 = 0.0013 -> 0.00
        ["chat"] = 0.15m,       // Friday 11:00 0.04 + Friday 19:00 evening window 0.05 + Saturday's weekend window 0.06
        ["sms"] = 0.04m,        // 2 free; then 1 free + 4 x 0.01 in tier 2
        ["email"] = 0.03m,      // month total 3 > 2: every message at 0.01
        ["social"] = 1.00m,     // 3 interactions in packages of 2: two packages of 0.50
        ["egress"] = 1.60m,     // 120 GB: 100 free, 20 x 0.08
        ["seats"] = 106.45m,    // 2 seats from the 17th: 2 x 110 x 15/31 = 106.451.. -> 106.45
        ["addon"] = 30.00m,     // a whole month of one version
        ["setup"] = 5000.00m,   // one-time, in the month its version takes effect
    };

    [Fact]
    public async Task Stateless_EveryModel_MatchesTheHandComputedAmounts()
    {
        var book = await WriteAsync("book.json", Book);
        var calls = await WriteAsync("interactions.csv", Interactions);
        var usage = await WriteAsync("usage.csv", Usage);

        var result = await Ccost.RunAsync("rate", "--pricebook", book, "--input", calls, "--input", usage, "--json");
        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Out);
        var byCharge = json.RootElement.GetProperty("totals").GetProperty("byCharge");
        foreach (var (charge, amount) in Expected)
            Assert.True(byCharge.TryGetProperty(charge, out var got) && got.GetDecimal() == amount, $"{charge}: expected {amount}, got {(byCharge.TryGetProperty(charge, out var g) ? g.ToString() : "nothing")}");

        var lines = json.RootElement.GetProperty("lines").EnumerateArray().ToArray();
        Assert.Equal(Expected.Values.Sum(), json.RootElement.GetProperty("totals").GetProperty("total").GetDecimal());
        Assert.Equal(json.RootElement.GetProperty("totals").GetProperty("total").GetDecimal(), lines.Sum(l => l.GetProperty("amount").GetDecimal()));

        var uk = lines.Single(l => l.GetProperty("id").GetString() == "v2");
        Assert.Equal("destination +447", uk.GetProperty("basis").GetString());
        Assert.Equal(61m, uk.GetProperty("rawQuantity").GetDecimal());
        Assert.Equal(66m, uk.GetProperty("billedQuantity").GetDecimal());
        var tierParts = lines.Where(l => l.GetProperty("id").GetString() == "s2").Select(l => l.GetProperty("basis").GetString()).ToArray();
        Assert.Equal(new[] { "tier 1 (0-3)", "tier 2 (3-10)" }, tierParts);
        Assert.Equal("month", lines.Single(l => l.GetProperty("chargeId").GetString() == "addon").GetProperty("source").GetString());
    }

    [Fact]
    public async Task Stateless_TouchesNoStore()
    {
        var book = await WriteAsync("book.json", Book);
        var calls = await WriteAsync("interactions.csv", Interactions);
        var db = folder.File("never.db");
        var result = await Ccost.RunAsync("rate", "--pricebook", book, "--input", calls, "--db", db);
        Assert.Equal(0, result.ExitCode);
        Assert.False(File.Exists(db));
        Assert.Contains("voice-in", result.Out);
    }

    [Fact]
    public async Task Stateless_AnIdReadTwice_IsCountedOnce_AndTheRepeatIsQuarantined()
    {
        var book = await WriteAsync("book.json", Book);
        var first = await WriteAsync("part1.csv", "id,channel,start\nc1,chat,2026-10-06T10:00:00Z\nc2,chat,2026-10-06T11:00:00Z\n");
        var overlap = await WriteAsync("part2.csv", "id,channel,start\nc2,chat,2026-10-06T11:00:00Z\nc3,chat,2026-10-06T12:00:00Z\n");
        var result = await Ccost.RunAsync("rate", "--pricebook", book, "--input", first, "--input", overlap, "--json");
        Assert.Equal(3, result.ExitCode);
        Assert.Equal(3, result.Out.Split("\"chargeId\":\"chat\"").Length - 1);
        Assert.Contains("\"rejected\":1", result.Out);
        var quarantine = await File.ReadAllTextAsync(first + ".rejected.csv");
        Assert.Contains("part2.csv", quarantine);
        Assert.Contains("already read at", quarantine);
        Assert.Contains("part1.csv:3", quarantine); // where the id was first read: the first file, its third line
    }

    [Fact]
    public async Task Stateless_AnIdRepeatedWithinADay_IsCaught_AndOnlyThen()
    {
        // c1 again ten hours later (caught), c2 again 23 hours later across a midnight (caught), c3 again a
        // day and a minute later (counted again: beyond the window; the store catches those), c1 once more
        // ten days on, with nothing read in between (counted again).
        var book = await WriteAsync("book.json", Book);
        var calls = await WriteAsync("days.csv", """
            id,channel,start
            c1,chat,2026-10-06T10:00:00Z
            c2,chat,2026-10-06T12:00:00Z
            c1,chat,2026-10-06T20:00:00Z
            c3,chat,2026-10-07T09:00:00Z
            c2,chat,2026-10-07T11:00:00Z
            c3,chat,2026-10-08T09:01:00Z
            c1,chat,2026-10-20T10:00:00Z

            """);
        var result = await Ccost.RunAsync("rate", "--pricebook", book, "--input", calls, "--json");
        Assert.Equal(3, result.ExitCode);
        Assert.Equal(5, result.Out.Split("\"chargeId\":\"chat\"").Length - 1);
        Assert.Contains("\"rejected\":2", result.Out);
        var quarantine = await File.ReadAllTextAsync(calls + ".rejected.csv");
        Assert.Contains("days.csv:2", quarantine);
        Assert.Contains("days.csv:3", quarantine);
    }

    [Fact]
    public async Task Stateless_OutOfOrderInput_WithTieredCharges_SaysSo()
    {
        var book = await WriteAsync("book.json", Book);
        var calls = await WriteAsync("late.csv", "id,channel,start,units\nb,sms,2026-10-02T12:00:00Z,1\na,sms,2026-10-02T11:00:00Z,1\n");
        var result = await Ccost.RunAsync("rate", "--pricebook", book, "--input", calls);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("'a' starts at", result.Error);
        Assert.Contains("rate items sorted by start", result.Error);
    }

    [Fact]
    public async Task Stateless_WithoutAnInput_IsBadUsage()
    {
        var book = await WriteAsync("book.json", Book);
        var result = await Ccost.RunAsync("rate", "--pricebook", book);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("needs both --pricebook FILE and --input FILE", result.Error);
    }

    [Fact]
    public async Task Store_RatingTwice_ChargesNothingTwice()
    {
        var db = folder.File("c.db");
        await Ccost.RunAsync("pricebook", "load", await WriteAsync("book.json", Book), "--db", db);
        await Ccost.RunAsync("import", await WriteAsync("interactions.csv", Interactions), "--db", db);
        var first = await Ccost.RunAsync("rate", "--db", db, "--json");
        var second = await Ccost.RunAsync("rate", "--db", db, "--json");
        Assert.Contains("\"rated\": 14", first.Out);
        Assert.Contains("\"rated\": 0", second.Out);
    }

    [Fact]
    public async Task Store_RoundingCarries_AcrossSeparateRatingRuns()
    {
        // Three SMS at 0.0079, each imported and rated on its own: the month bills 0.0237 rounded
        // once (0.02), not three lines rounded each (0.03).
        var db = folder.File("c.db");
        await Ccost.RunAsync("pricebook", "load", await WriteAsync("book.json", """
            { "currency": "USD", "effective": "2026-01-01", "charges": [ { "id": "sms", "meter": "sms.segments", "model": "per-unit", "unitPrice": "0.0079" } ] }
            """), "--db", db);
        for (var i = 1; i <= 3; i++)
        {
            await Ccost.RunAsync("import", await WriteAsync($"s{i}.csv", $"id,channel,start,units\ns{i},sms,2026-10-0{i}T12:00:00Z,1\n"), "--db", db);
            await Ccost.RunAsync("rate", "--db", db);
        }

        var invoice = await Ccost.RunAsync("invoice", "--period", "2026-10", "--db", db, "--format", "json");
        Assert.Contains("\"subtotal\": 0.02", invoice.Out);
    }

    [Fact]
    public async Task Store_LateItem_IsRatedInItsTier_AfterTheMonthIsRatedAgain()
    {
        // s2 (5 segments) is rated first; then s1 (2 segments, earlier) arrives late. Re-rating the
        // month in time order puts s1 in the free tier and moves s2's segments to tier 2.
        var db = folder.File("c.db");
        await Ccost.RunAsync("pricebook", "load", await WriteAsync("book.json", Book), "--db", db);
        await Ccost.RunAsync("import", await WriteAsync("s2.csv", "id,channel,start,units\ns2,sms,2026-10-02T12:01:00Z,5\n"), "--db", db);
        await Ccost.RunAsync("rate", "--db", db);
        await Ccost.RunAsync("import", await WriteAsync("s1.csv", "id,channel,start,units\ns1,sms,2026-10-02T12:00:00Z,2\n"), "--db", db);
        var rerate = await Ccost.RunAsync("rate", "--db", db, "--json");
        Assert.Contains("\"2026-10\"", rerate.Out);

        var invoice = await Ccost.RunAsync("invoice", "--period", "2026-10", "--db", db, "--format", "json");
        using var json = JsonDocument.Parse(invoice.Out);
        var sms = json.RootElement.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("chargeId").GetString() == "sms");
        Assert.Equal(0.04m, sms.GetProperty("amount").GetDecimal()); // as if they had come in order
        Assert.Equal(7m, sms.GetProperty("quantity").GetDecimal());
    }
}
