using System.CommandLine;
using ContactCost.Cli.Output;
using ContactCost.Formats.Planning;
using ContactCost.Interactions;
using ContactCost.Planning;
using static ContactCost.Cli.Commands.PlanningOutput;

namespace ContactCost.Cli.Commands;

/// <summary><c>ccost breakeven</c>: the monthly volume where per-seat licences and pay-per-use cost the same.</summary>
internal static class BreakEvenCommand
{
    /// <summary>The JSON of a break-even analysis.</summary>
    public sealed record Json(string Name, string Currency, IReadOnlyDictionary<string, decimal> Mix, PlanJson SeatPlan, PlanJson PayPerUse,
        decimal? BreakEvenVolume, IReadOnlyList<PointJson> Curve);

    /// <summary>One plan: its fixed monthly part and its price per contact for the mix.</summary>
    public sealed record PlanJson(string Name, decimal MonthlyFixed, decimal PerContact);

    /// <summary>One point of both curves.</summary>
    public sealed record PointJson(long Volume, decimal SeatPlan, decimal PayPerUse, string Cheaper);

    public static Command Create(Terminal terminal)
    {
        var html = new Option<FileInfo?>("--html") { Description = "Also write a self-contained HTML page with a chart of both cost lines.", HelpName = "FILE" };
        return ScenarioCommand(
            terminal,
            "breakeven",
            "Per-seat licence against pay-per-use for a mix of channels: the monthly volume where both cost the same, and both cost curves.",
            "break-even",
            path => BreakEvenAnalysis.Of(BreakEvenScenarioJson.ReadFile(path)),
            ToJson,
            WriteTable,
            [html],
            async (parse, analysis, cancellationToken) =>
            {
                if (parse.GetValue(html) is not { } file)
                    return;
                await File.WriteAllTextAsync(file.FullName, BreakEvenHtml.Write(analysis), cancellationToken).ConfigureAwait(false);
                terminal.Note($"Wrote the chart to {file.FullName}");
            });
    }

    private static Json ToJson(BreakEvenAnalysis a)
    {
        var s = a.Scenario;
        return new Json(s.Name, s.Currency.Code, s.Mix.ToDictionary(m => m.Key.Name(), m => m.Value),
            new PlanJson(s.SeatPlan.Name, s.SeatPlan.MonthlyFixed, a.SeatPerContact),
            new PlanJson(s.PayPerUse.Name, s.PayPerUse.MonthlyFixed, a.PayPerUsePerContact),
            a.BreakEvenVolume,
            a.Curve.Select(p => new PointJson(p.Volume, p.SeatPlan.Amount, p.PayPerUse.Amount, p.Cheaper)).ToArray());
    }

    private static void WriteTable(Terminal terminal, BreakEvenAnalysis a)
    {
        var s = a.Scenario;
        var table = Table($"{s.Name} ({s.Currency.Code} a month)", "Contacts a month", s.SeatPlan.Name, s.PayPerUse.Name, "Cheaper");
        foreach (var p in a.Curve)
            Row(table, $"{p.Volume:N0}", Amount(p.SeatPlan.Amount), Amount(p.PayPerUse.Amount), p.Cheaper);
        terminal.Console.Write(table);
        terminal.Out.WriteLine(
            $"{s.SeatPlan.Name}: {Amount(s.SeatPlan.MonthlyFixed)} a month + {a.SeatPerContact:0.####} per contact; " +
            $"{s.PayPerUse.Name}: {Amount(s.PayPerUse.MonthlyFixed)} a month + {a.PayPerUsePerContact:0.####} per contact.");
        terminal.Out.WriteLine(a.BreakEvenVolume is { } v
            ? $"Break-even at {v:N2} contacts a month: below it {Cheaper(a, v / 2)} is cheaper, above it {Cheaper(a, v * 2)}."
            : $"No break-even: {Cheaper(a, s.MaxVolume)} is cheaper at every volume.");
    }

    private static string Cheaper(BreakEvenAnalysis a, decimal volume) =>
        a.Scenario.SeatPlan.MonthlyCost(volume, a.Scenario.Mix) < a.Scenario.PayPerUse.MonthlyCost(volume, a.Scenario.Mix) ? a.Scenario.SeatPlan.Name : a.Scenario.PayPerUse.Name;
}
