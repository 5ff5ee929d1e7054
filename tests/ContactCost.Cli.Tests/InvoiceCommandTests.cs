using System.Text.Json;

namespace ContactCost.Tests;

/// <summary><c>ccost invoice</c>: numbering, idempotence, adjustments, formats.</summary>
public sealed class InvoiceCommandTests : IDisposable
{
    private const string JanuaryBook = """
        { "currency": "USD", "effective": "2026-01-01",
          "charges": [
            { "id": "voice-in", "description": "Inbound calls per minute", "meter": "voice.seconds", "model": "per-unit", "unitPrice": "0.60", "per": 60, "minimum": 60, "increment": 60 },
            { "id": "addon", "description": "Social add-on", "model": "flat", "amount": "30" } ] }
        """;

    // A price change back-dated to 15 October: calls from then on cost 0.90 a minute.
    private const string MidOctoberBook = """
        { "currency": "USD", "effective": "2026-10-15",
          "charges": [
            { "id": "voice-in", "description": "Inbound calls per minute", "meter": "voice.seconds", "model": "per-unit", "unitPrice": "0.90", "per": 60, "minimum": 60, "increment": 60 },
            { "id": "addon", "description": "Social add-on", "model": "flat", "amount": "30" } ] }
        """;

    private const string Calls = """
        id,channel,start,end
        a,voice,2026-10-02T10:00:00Z,2026-10-02T10:02:00Z
        b,voice,2026-10-20T10:00:00Z,2026-10-20T10:03:00Z
        """;

    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    private async Task<string> SetUpAsync()
    {
        var db = folder.File("c.db");
        await File.WriteAllTextAsync(folder.File("jan.json"), JanuaryBook);
        await File.WriteAllTextAsync(folder.File("calls.csv"), Calls);
        Assert.Equal(0, (await Ccost.RunAsync("pricebook", "load", folder.File("jan.json"), "--db", db)).ExitCode);
        Assert.Equal(0, (await Ccost.RunAsync("import", folder.File("calls.csv"), "--db", db)).ExitCode);
        return db;
    }

    [Fact]
    public async Task Invoice_SumsTheMonth_AddsTax_AndIsStableWhenRunAgain()
    {
        var db = await SetUpAsync();
        var first = await Ccost.RunAsync("invoice", "--period", "2026-10", "--tax-rate", "0.2", "--db", db, "--format", "json");
        Assert.True(first.ExitCode == 0, first.ToString());
        using (var json = JsonDocument.Parse(first.Out))
        {
            var root = json.RootElement;
            Assert.Equal("INV-000001", root.GetProperty("number").GetString());
            Assert.Equal("issued", root.GetProperty("status").GetString());
            // calls: 2 min + 3 min at 0.60 = 3.00; add-on 30.00; subtotal 33.00; tax 20% = 6.60; total 39.60
            Assert.Equal(33.00m, root.GetProperty("subtotal").GetDecimal());
            Assert.Equal(6.60m, root.GetProperty("tax").GetDecimal());
            Assert.Equal(39.60m, root.GetProperty("total").GetDecimal());
            Assert.Equal("Inbound calls per minute", root.GetProperty("lines")[1].GetProperty("description").GetString());
        }

        var again = await Ccost.RunAsync("invoice", "--period", "2026-10", "--db", db, "--format", "json");
        Assert.Contains("\"number\": \"INV-000001\"", again.Out);
        Assert.Contains("\"status\": \"unchanged\"", again.Out);
        Assert.Contains("INV-000001 for 2026-10 is unchanged", again.Error);
    }

    [Fact]
    public async Task BackDatedPrice_AfterTheInvoice_IssuesAnAdjustment_NeverASilentChange()
    {
        var db = await SetUpAsync();
        await Ccost.RunAsync("invoice", "--period", "2026-10", "--tax-rate", "0.2", "--db", db);

        await File.WriteAllTextAsync(folder.File("oct15.json"), MidOctoberBook);
        var load = await Ccost.RunAsync("pricebook", "load", folder.File("oct15.json"), "--db", db, "--json");
        using (var loaded = JsonDocument.Parse(load.Out))
        {
            // Call b (20 Oct, 3 min) goes from 1.80 to 2.70; the add-on's days from the 15th are re-dated, same amount.
            var voice = loaded.RootElement.GetProperty("differences").EnumerateArray().Single(d => d.GetProperty("chargeId").GetString() == "voice-in");
            Assert.Equal(0.90m, voice.GetProperty("change").GetDecimal());
        }

        var adjustment = await Ccost.RunAsync("invoice", "--period", "2026-10", "--db", db, "--format", "json");
        using var json = JsonDocument.Parse(adjustment.Out);
        var root = json.RootElement;
        Assert.Equal("ADJ-000001", root.GetProperty("number").GetString());
        Assert.Equal("INV-000001", root.GetProperty("corrects").GetString());
        Assert.Equal(0.90m, root.GetProperty("subtotal").GetDecimal());
        Assert.Equal(0.18m, root.GetProperty("tax").GetDecimal()); // the invoice's 20%
        Assert.Equal(["voice-in"], root.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("chargeId").GetString()));

        var original = await Ccost.RunAsync("invoice", "--period", "2026-10", "--db", db, "--format", "json");
        Assert.Contains("\"number\": \"ADJ-000001\"", original.Out); // nothing new since: the latest document, unchanged
        Assert.Contains("unchanged", original.Error);
    }

    [Fact]
    public async Task ChangingTheTaxRate_OfAnIssuedInvoice_IsRefused()
    {
        var db = await SetUpAsync();
        await Ccost.RunAsync("invoice", "--period", "2026-10", "--tax-rate", "0.2", "--db", db);
        var result = await Ccost.RunAsync("invoice", "--period", "2026-10", "--tax-rate", "0.1", "--db", db);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("INV-000001 for 2026-10 was issued with tax rate 0.2", result.Error);
    }

    [Fact]
    public async Task Html_IsOneSelfContainedPage()
    {
        var db = await SetUpAsync();
        var out_ = folder.File("invoice.html");
        var result = await Ccost.RunAsync("invoice", "--period", "2026-10", "--db", db, "--format", "html", "--out", out_);
        Assert.Equal(0, result.ExitCode);
        var html = await File.ReadAllTextAsync(out_);
        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.Contains("<h1>Invoice INV-000001</h1>", html);
        Assert.Contains("Inbound calls per minute", html);
        Assert.DoesNotContain("http", html); // nothing fetched from the network
    }

    [Fact]
    public async Task Period_MustBeAMonth()
    {
        var result = await Ccost.RunAsync("invoice", "--period", "2026-Q4", "--db", folder.File("c.db"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("is not a billing month", result.Error);
    }

    [Fact]
    public async Task UsageFiles_AreImported_AndTheChosenReaderIsSaid()
    {
        var db = folder.File("c.db");
        await File.WriteAllTextAsync(folder.File("usage.csv"), "id,meter,quantity,start\neg-1,egress.gb,120,2026-10-05T00:00:00Z\n");
        var result = await Ccost.RunAsync("import", folder.File("usage.csv"), "--db", db, "--json");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("\"added\": 1", result.Out);
        Assert.Contains("usage.csv: reading usage records (chosen from its header; --format overrides)", result.Error);
    }
}
