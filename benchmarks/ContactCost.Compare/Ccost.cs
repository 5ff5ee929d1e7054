using System.Globalization;
using System.Text.Json;

namespace ContactCost.Compare;

/// <summary>The Release-built <c>ccost</c>, run as a child process exactly as a user runs it.</summary>
internal sealed class Ccost(string dll)
{
    public string Dll { get; } = dll;

    /// <summary>
    /// The ccost.dll to run: the one given, else the Release build next to this checkout (this
    /// project references ContactCost.Cli only so that <c>dotnet run -c Release</c> builds it).
    /// </summary>
    public static Ccost Locate(string? given, string repository) => new(Repository.CcostDll(given, repository));

    public ChildRun Generate(long rows, decimal scale, DateOnly start, string zone, string file) => Checked("generate",
        "--rows", Text(rows), "--scale", scale.ToString(CultureInfo.InvariantCulture), "--seed", "42",
        "--start", start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "--time-zone", zone, "--out", file);

    /// <summary>Times <c>ccost report --input ... --json</c>; returns the run and the usage per channel it reported.</summary>
    public (ChildRun Run, ReportedUsage Usage) Report(string file, string priceBook, string costModel, string zone, string period)
    {
        var run = Checked("report", "--input", file, "--pricebook", priceBook, "--costs", costModel,
            "--time-zone", zone, "--period", period, "--json");
        using var json = JsonDocument.Parse(run.StandardOutput);
        var channels = json.RootElement.GetProperty("channels").EnumerateArray()
            .ToDictionary(c => c.GetProperty("channel").GetString()!, c => c.GetProperty("usage").GetDecimal(), StringComparer.Ordinal);
        return (run, new ReportedUsage(channels, json.RootElement.GetProperty("contacts").GetInt64()));
    }

    public ChildRun Import(string file, string database) => Checked("import", file, "--db", database);

    private ChildRun Checked(params string[] arguments)
    {
        var run = ChildProcess.Run("dotnet", [Dll, .. arguments]);
        return run.ExitCode == 0
            ? run
            : throw new InvalidOperationException($"ccost {string.Join(' ', arguments)} exited with {run.ExitCode}:\n{run.StandardError}");
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Usage per channel (to the cent) and the contacts of a period, as one engine computed them.</summary>
internal sealed record ReportedUsage(IReadOnlyDictionary<string, decimal> ByChannel, long Contacts)
{
    public decimal Total => ByChannel.Values.Sum();
}
