using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ContactCost.Compare;

/// <summary>The comparison as a console table, as markdown for docs/benchmarks.md, and as JSON.</summary>
internal static class ComparisonOutput
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static string Markdown(Comparison c)
    {
        var text = new StringBuilder();
        Line(text, $"Measured {c.RunAt:yyyy-MM-dd HH:mm} UTC on {c.Machine}.");
        Line(text, $"{c.Rows:N0} rows (`ccost generate --scale {c.Scale} --seed 42`), {c.RowsInPeriod:N0} in the period {c.Period} (America/New_York).");
        Line(text, $"Usage per channel equal to the cent in ccost and DuckDB: {string.Join(", ", c.UsageByChannel.Select(p => $"{p.Key} {p.Value:N2}"))}; total {c.TotalUsage:N2}.");
        Line(text, c.Rounds == 1
            ? "One round: each step timed once."
            : $"{c.Rounds} rounds, the engines one after the other in each: seconds are the median round (fastest to slowest in brackets), ratios the median of the rounds' ratios (lowest to highest).");
        Line(text, "");
        Line(text, "| step | engine | rows | seconds | rows per second | peak memory |");
        Line(text, "| --- | --- | ---: | ---: | ---: | ---: |");
        foreach (var t in c.Timings)
            Line(text, $"| {t.Step} | {t.Engine} | {t.Rows:N0} | {Spread(t.Seconds, t.Fastest, t.Slowest, t.Rounds.Count)} | {t.RowsPerSecond:N0} | {Megabytes(t.PeakBytes)} |");
        Line(text, "");
        Line(text, "| step | ContactCost time / baseline time |");
        Line(text, "| --- | ---: |");
        foreach (var r in c.Ratios)
            Line(text, $"| {r.Step}: ContactCost / {r.Baseline} | {Spread(r.Value, r.Lowest, r.Highest, c.Rounds)} |");
        return text.ToString();
    }

    // A median with its range, when there was more than one round: "12.45 (12.20-16.04)".
    private static string Spread(double median, double lowest, double highest, int rounds) =>
        rounds == 1
            ? string.Create(CultureInfo.InvariantCulture, $"{median:N2}")
            : string.Create(CultureInfo.InvariantCulture, $"{median:N2} ({lowest:N2}-{highest:N2})");

    public static string ToJson(Comparison c) => JsonSerializer.Serialize(c, Json);

    private static string Megabytes(long? bytes) => bytes is { } b ? string.Create(CultureInfo.InvariantCulture, $"{b / 1_000_000.0:N0} MB") : "n/a";

    private static void Line(StringBuilder text, string line) => text.Append(CultureInfo.InvariantCulture, $"{line}\n");
}
