namespace ContactCost.Tests;

public class UsageTests
{
    [Fact]
    public async Task Help_ListsEveryCommand()
    {
        var result = await Ccost.RunAsync("--help");
        Assert.Equal(0, result.ExitCode);
        foreach (var command in new[] { "demo", "generate", "import", "pricebook", "costmodel", "tenant", "rate", "report" })
            Assert.Contains(command, result.Out);
    }

    [Fact]
    public async Task UnknownOption_IsBadUsage_ExitCode2()
    {
        var result = await Ccost.RunAsync("report", "--frobnicate");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--frobnicate", result.Error);
        Assert.Contains("Run 'ccost report --help' for usage.", result.Error);
    }

    [Fact]
    public async Task BadPeriod_IsBadUsage_AndSaysTheAcceptedForms()
    {
        var result = await Ccost.RunAsync("report", "--period", "October");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("'October' is not a period: write 2026-10-05, 2026-W41, 2026-10, 2026-Q4 or 2026-10-01..2026-12-31.", result.Error);
    }

    [Theory]
    [InlineData("report", "--period", "2026-10-01..9999-12-31")]
    [InlineData("report", "--period", "9999-12")]
    [InlineData("invoice", "--period", "9999-12")]
    [InlineData("report", "--period", "1066-10")]
    public async Task FarPeriods_AreBadUsage_NeverACrash(params string[] args)
    {
        var result = await Ccost.RunAsync(args);
        Assert.Equal(2, result.ExitCode);
        Assert.DoesNotContain("   at ", result.Error);
    }

    [Fact]
    public async Task BadTenant_IsBadUsage()
    {
        var result = await Ccost.RunAsync("report", "--tenant", "Acme Corp");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("'Acme Corp' is not a tenant id", result.Error);
    }

    [Fact]
    public async Task Generate_WithoutAnAmount_SaysWhatToGive()
    {
        var result = await Ccost.RunAsync("generate", "--out", "x.csv");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--rows N, --days D, or both", result.Error);
    }
}
