using System.Text.Json;

namespace ContactCost.Compare.Tests;

// The whole comparison on a small file: ccost (the build next to these tests) against DuckDB and the
// sqlite3 shell, the cent check in every round, and what it writes.
[Trait("Speed", "Slow")]
[Trait("Needs", "sqlite3")]
public sealed class ComparisonRunTests : IDisposable
{
    private readonly string outDirectory = Path.Combine(Path.GetTempPath(), $"ccost-compare-{Guid.NewGuid():N}");

    [Fact]
    public void TwoRounds_OfASmallFile_AgreeToTheCent_AndReportEveryRound()
    {
        var ccost = Path.Combine(AppContext.BaseDirectory, "ccost.dll");

        var exit = ComparisonRun.Run(["--rows", "3000", "--rounds", "2", "--out", outDirectory, "--ccost", ccost]);

        Assert.Equal(0, exit);
        var markdown = File.ReadAllText(Path.Combine(outDirectory, "compare-3000.md"));
        Assert.Contains("2 rounds, the engines one after the other", markdown, StringComparison.Ordinal);
        Assert.Contains("| report from file: ContactCost / DuckDB |", markdown, StringComparison.Ordinal);
        Assert.Contains("| import: ContactCost / sqlite3 .import |", markdown, StringComparison.Ordinal);

        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDirectory, "compare-3000.json")));
        var root = json.RootElement;
        Assert.Equal(2, root.GetProperty("rounds").GetInt32());
        var timings = root.GetProperty("timings").EnumerateArray().ToArray();
        Assert.Equal(
            ["generate:1", "report from file:2", "report from file:2", "import:2", "import:2", "import:2"],
            timings.Select(t => $"{t.GetProperty("step").GetString()}:{t.GetProperty("rounds").GetArrayLength()}"));
        Assert.All(timings.SelectMany(t => t.GetProperty("rounds").EnumerateArray()), s => Assert.True(s.GetDouble() > 0));
        Assert.Equal(3, root.GetProperty("ratios").GetArrayLength());
        Assert.True(root.GetProperty("totalUsage").GetDecimal() > 0m);

        // Without --keep, nothing but the results is left.
        Assert.Equal(["compare-3000.json", "compare-3000.md"], Directory.GetFileSystemEntries(outDirectory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void BadUsage_ExitsWithTwo() =>
        Assert.Equal(2, ComparisonRun.Run(["--rounds", "0"]));

    public void Dispose()
    {
        if (Directory.Exists(outDirectory))
            Directory.Delete(outDirectory, recursive: true);
    }
}
