using System.Text.Json;

namespace ContactCost.Tests;

/// <summary><c>ccost wallet</c> through the command: results, exit codes, replays, expiry, pricing by meter.</summary>
public sealed class WalletCommandTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 10, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    private string Db => folder.File("w.db");

    private Task<Ccost.Result> Run(params string[] args) => Ccost.RunAtAsync(Now, [.. args, "--db", Db]);

    private async Task<JsonElement> JsonOf(params string[] args)
    {
        var result = await Run([.. args, "--json"]);
        using var json = JsonDocument.Parse(result.Out);
        return json.RootElement.Clone();
    }

    [Fact]
    public async Task ALifecycle_TopUpAuthorizeCommitCharge_WithFiguresAfterEachStep()
    {
        Assert.Equal(0, (await Run("wallet", "create", "--id", "acme", "--currency", "USD")).ExitCode);
        Assert.Equal(100.00m, (await JsonOf("wallet", "topup", "acme", "100", "--op", "t1")).GetProperty("available").GetDecimal());
        var auth = await JsonOf("wallet", "authorize", "acme", "--amount", "30", "--op", "call-7", "--ttl", "10m");
        Assert.Equal(("call-7", 70.00m, 30.00m), (auth.GetProperty("reservation").GetString(), auth.GetProperty("available").GetDecimal(), auth.GetProperty("reserved").GetDecimal()));
        Assert.Equal(88.00m, (await JsonOf("wallet", "commit", "call-7", "--amount", "12", "--op", "call-7-end")).GetProperty("balance").GetDecimal());
        Assert.Equal(87.75m, (await JsonOf("wallet", "charge", "acme", "0.25", "--op", "sms-1")).GetProperty("balance").GetDecimal());

        var balance = await JsonOf("wallet", "balance", "acme");
        Assert.Equal((87.75m, 0m, 87.75m, "USD"), (balance.GetProperty("available").GetDecimal(), balance.GetProperty("reserved").GetDecimal(),
            balance.GetProperty("balance").GetDecimal(), balance.GetProperty("currency").GetString()));
        var history = (await JsonOf("wallet", "history", "acme")).EnumerateArray().ToArray();
        Assert.Equal(["top-up", "reserve", "commit", "release", "charge"], history.Select(e => e.GetProperty("kind").GetString()));
        Assert.Equal(87.75m, history[^1].GetProperty("balanceAfter").GetDecimal());
    }

    [Fact]
    public async Task Denied_ExitsWith1_AndSaysWhy()
    {
        await Run("wallet", "create", "--id", "acme", "--currency", "USD");
        await Run("wallet", "topup", "acme", "5", "--op", "t1");
        var result = await Run("wallet", "charge", "acme", "5.01", "--op", "c1");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("charge c1 denied: Insufficient credit: 5.01 USD asked, 5.00 USD can be spent", result.Error);
    }

    [Fact]
    public async Task RepeatingAnOperation_ChangesNothing_AndSaysSo()
    {
        await Run("wallet", "create", "--id", "acme", "--currency", "USD");
        await Run("wallet", "topup", "acme", "10", "--op", "t1");
        var again = await Run("wallet", "topup", "acme", "10", "--op", "t1");
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("already done by an earlier run with this --op: nothing changed", again.Out);
        Assert.Equal(10.00m, (await JsonOf("wallet", "balance", "acme")).GetProperty("balance").GetDecimal());

        var reused = await Run("wallet", "topup", "acme", "20", "--op", "t1");
        Assert.Equal(1, reused.ExitCode);
        Assert.Contains("Operation id 't1' was already used for another request", reused.Error);
    }

    [Fact]
    public async Task ExpiringCredit_IsGone_AfterItsDay_InTheTenantsTimeZone()
    {
        await Run("tenant", "set", "--time-zone", "America/New_York");
        await Run("wallet", "create", "--id", "acme", "--currency", "USD");
        await Run("wallet", "topup", "acme", "10", "--op", "promo", "--expires", "2026-10-01");
        var lastMinute = await Ccost.RunAtAsync(new DateTimeOffset(2026, 10, 2, 3, 59, 0, TimeSpan.Zero), "wallet", "balance", "acme", "--db", Db, "--json");
        Assert.Contains("\"balance\": 10.00", lastMinute.Out); // 23:59 on 1 October in New York
        var after = await Ccost.RunAtAsync(new DateTimeOffset(2026, 10, 2, 4, 0, 0, TimeSpan.Zero), "wallet", "balance", "acme", "--db", Db, "--json");
        Assert.Contains("\"balance\": 0.00", after.Out);
    }

    [Fact]
    public async Task AuthorizeByMeter_IsPricedByThePriceBook_AndADenialSaysHowMuchTheCreditCovers()
    {
        await File.WriteAllTextAsync(folder.File("book.json"), """
            { "currency": "USD", "effective": "2026-01-01",
              "charges": [ { "id": "voice-out", "meter": "voice.seconds", "model": "per-unit", "unitPrice": "0.60", "per": 60, "minimum": 60, "increment": 60 } ] }
            """);
        await Run("pricebook", "load", folder.File("book.json"));
        await Run("wallet", "create", "--id", "acme", "--currency", "USD");
        await Run("wallet", "topup", "acme", "3", "--op", "t1");

        var ok = await JsonOf("wallet", "authorize", "acme", "--meter", "voice.seconds", "--quantity", "130", "--op", "call-1"); // 3 min = 1.80
        Assert.Equal(1.80m, ok.GetProperty("reserved").GetDecimal());

        var denied = await Run("wallet", "authorize", "acme", "--meter", "voice.seconds", "--quantity", "600", "--op", "call-2", "--json");
        Assert.Equal(1, denied.ExitCode);
        using var json = JsonDocument.Parse(denied.Out);
        Assert.Equal(120m, json.RootElement.GetProperty("maxQuantity").GetDecimal()); // 1.20 left buys two whole minutes
        Assert.Contains("The credit covers at most 120 of the meter.", denied.Error);
    }

    [Theory]
    [InlineData(new[] { "wallet", "authorize", "acme", "--op", "x" }, "Give either --amount X, or --meter M with --quantity Q.")]
    [InlineData(new[] { "wallet", "authorize", "acme", "--amount", "1", "--op", "x", "--ttl", "soon" }, "'soon' is not a duration")]
    [InlineData(new[] { "wallet", "charge", "acme", "1" }, "--op")]
    public async Task BadUsage_ExitsWith2(string[] args, string message)
    {
        var result = await Run(args);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error);
    }

    [Fact]
    public async Task Bench_RunsWithItsDefaultClients_AndReportsEachRun()
    {
        var result = await Ccost.RunAsync("wallet", "bench", "--operations", "20", "--db", Db, "--json");
        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal([1, 4, 16], json.RootElement.EnumerateArray().Select(r => r.GetProperty("clients").GetInt32()));
        Assert.All(json.RootElement.EnumerateArray(), r => Assert.True(r.GetProperty("operationsPerSecond").GetDouble() > 0));
    }

    [Fact]
    public async Task UnknownWallet_IsAClearFailure()
    {
        var result = await Run("wallet", "charge", "nobody", "1", "--op", "c1");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("There is no wallet 'nobody'; create it first", result.Error);
    }
}

/// <summary>Rated usage charged to a prepaid wallet as it arrives.</summary>
public sealed class WalletSettlementTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task RatedUsage_IsChargedOnce_AndWhatCreditCannotCoverWaitsForATopUp()
    {
        var db = folder.File("w.db");
        await File.WriteAllTextAsync(folder.File("book.json"), """
            { "currency": "USD", "effective": "2026-01-01",
              "charges": [ { "id": "chat", "meter": "chat.sessions", "model": "per-unit", "unitPrice": "1.00" } ] }
            """);
        await File.WriteAllTextAsync(folder.File("chats.csv"), "id,channel,start\n" +
            string.Join("\n", Enumerable.Range(1, 5).Select(i => $"c{i},chat,2026-10-0{i}T10:00:00Z")) + "\n");
        await Ccost.RunAsync("pricebook", "load", folder.File("book.json"), "--db", db);
        await Ccost.RunAsync("import", folder.File("chats.csv"), "--db", db);
        await Ccost.RunAsync("wallet", "create", "--id", "acme", "--currency", "USD", "--db", db);
        await Ccost.RunAsync("wallet", "topup", "acme", "3", "--op", "t1", "--db", db);

        // Three chats fit in 3.00; two wait, and the command says so with exit code 1.
        var first = await Ccost.RunAsync("rate", "--wallet", "acme", "--db", db, "--json");
        Assert.Equal(1, first.ExitCode);
        Assert.Contains("\"charged\": 3", first.Out);
        Assert.Contains("\"pending\": 2", first.Out);
        Assert.Contains("2 rated items (2.00 USD) are not charged yet", first.Error);

        var again = await Ccost.RunAsync("wallet", "settle", "acme", "--db", db, "--json");
        Assert.Contains("\"charged\": 0", again.Out); // nothing twice

        await Ccost.RunAsync("wallet", "topup", "acme", "5", "--op", "t2", "--db", db);
        var settled = await Ccost.RunAsync("wallet", "settle", "acme", "--db", db, "--json");
        Assert.Equal(0, settled.ExitCode);
        Assert.Contains("\"charged\": 2", settled.Out);
        Assert.Contains("\"available\": 3.00", settled.Out);
        var history = await Ccost.RunAsync("wallet", "history", "acme", "--db", db, "--json");
        Assert.Contains("\"operationId\": \"usage:interaction:c5\"", history.Out);
    }

    [Fact]
    public async Task AnItemTheCreditCannotCover_IsSkipped_SmallerLaterOnesAreCharged_AndTheSummaryCountsExactly()
    {
        var db = folder.File("w.db");
        await File.WriteAllTextAsync(folder.File("book.json"), """
            { "currency": "USD", "effective": "2026-01-01",
              "charges": [ { "id": "email", "meter": "email.messages", "model": "per-unit", "unitPrice": "1.00" } ] }
            """);
        // 1.00, then 5.00, then 1.00 and 1.00: with 3.00 of credit the 5.00 item cannot be charged.
        await File.WriteAllTextAsync(folder.File("mail.csv"), "id,channel,start,units\n" +
            "m1,email,2026-10-01T10:00:00Z,1\nm2,email,2026-10-02T10:00:00Z,5\nm3,email,2026-10-03T10:00:00Z,1\nm4,email,2026-10-04T10:00:00Z,1\n");
        await Ccost.RunAsync("pricebook", "load", folder.File("book.json"), "--db", db);
        await Ccost.RunAsync("import", folder.File("mail.csv"), "--db", db);
        await Ccost.RunAsync("wallet", "create", "--id", "acme", "--currency", "USD", "--db", db);
        await Ccost.RunAsync("wallet", "topup", "acme", "3", "--op", "t1", "--db", db);

        var run = await Ccost.RunAsync("rate", "--wallet", "acme", "--db", db, "--json");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("\"charged\": 3", run.Out);
        Assert.Contains("\"pending\": 1", run.Out);
        Assert.Contains("1 rated items (5.00 USD) are not charged yet", run.Error);
        var balance = await Ccost.RunAsync("wallet", "balance", "acme", "--db", db, "--json");
        Assert.Contains("\"available\": 0.00", balance.Out);
    }
}
