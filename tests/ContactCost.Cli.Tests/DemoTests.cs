using System.Text.Json;

namespace ContactCost.Tests;

/// <summary>The demo end to end: a synthetic month generated, imported, rated and reported, through the command.</summary>
public sealed class DemoTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task DemoReport_AddsUpToTheCent_AndReportShowsTheSameLater()
    {
        var db = folder.File("demo.db");
        var demo = await Ccost.RunAsync("demo", "--db", db, "--json");
        Assert.True(demo.ExitCode == 0, demo.ToString());

        using var json = JsonDocument.Parse(demo.Out);
        var root = json.RootElement;
        Assert.Equal("2026-10", root.GetProperty("period").GetString());
        Assert.Equal("USD", root.GetProperty("currency").GetString());
        var total = root.GetProperty("totalCost").GetDecimal();
        var contacts = root.GetProperty("contacts").GetInt64();
        var channels = root.GetProperty("channels").EnumerateArray().ToArray();

        // What issue #2 promises: channel costs add up to the total to the cent, contacts to contacts.
        Assert.Equal(total, channels.Sum(c => c.GetProperty("cost").GetDecimal()));
        Assert.Equal(contacts, channels.Sum(c => c.GetProperty("contacts").GetInt64()));
        Assert.Equal(decimal.Round(total / contacts, 2, MidpointRounding.AwayFromZero), root.GetProperty("costPerContact").GetDecimal());
        Assert.Equal(total, root.GetProperty("breakdown").EnumerateArray().Sum(l => l.GetProperty("amount").GetDecimal()));
        Assert.Equal(0, root.GetProperty("unrated").GetInt64());
        Assert.Equal(0m, root.GetProperty("unallocated").GetDecimal());
        foreach (var channel in channels)
        {
            Assert.Equal(channel.GetProperty("cost").GetDecimal(),
                channel.GetProperty("usage").GetDecimal() + channel.GetProperty("labour").GetDecimal() + channel.GetProperty("fixed").GetDecimal());
            Assert.True(channel.TryGetProperty("averageHandleSeconds", out _));
        }

        // A realistic omnichannel month: every channel the generator promises is there.
        var names = channels.Select(c => c.GetProperty("channel").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "voice", "chat", "email", "sms", "social", "selfservice" }, names);

        var report = await Ccost.RunAsync("report", "--db", db, "--period", "2026-10", "--json");
        Assert.Equal(0, report.ExitCode);
        Assert.Equal(demo.Out, report.Out);

        var defaultPeriod = await Ccost.RunAsync("report", "--db", db, "--json");
        Assert.Equal(demo.Out, defaultPeriod.Out);
    }

    [Fact]
    public async Task DemoTwice_ChangesNothing()
    {
        var db = folder.File("demo.db");
        var first = await Ccost.RunAsync("demo", "--db", db, "--json");
        var second = await Ccost.RunAsync("demo", "--db", db, "--json");
        Assert.Equal(first.Out, second.Out);
        Assert.Contains("0 new", second.Error);
    }

    [Fact]
    public async Task DemoTable_ShowsChannelsAndTotal()
    {
        var result = await Ccost.RunAsync("demo", "--db", folder.File("demo.db"));
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Cost per contact, 2026-10", result.Out);
        Assert.Contains("selfservice", result.Out);
        Assert.Contains("total", result.Out);
        Assert.Contains("What the total is made of", result.Out);
    }

    [Fact]
    public async Task AnotherMonthWithTheSameSeed_SaysItsIdsCollide_InsteadOfDroppingThemSilently()
    {
        var db = folder.File("demo.db");
        Assert.Equal(0, (await Ccost.RunAsync("demo", "--db", db, "--json")).ExitCode);
        var september = await Ccost.RunAsync("demo", "--db", db, "--month", "2026-09", "--json");
        Assert.Equal(3, september.ExitCode);
        Assert.Contains("ids already stored with other content", september.Error);
        Assert.Contains("--seed 43", september.Error);
    }
}
