using System.CommandLine;
using ContactCost.Cli.Output;
using ContactCost.Formats.Planning;
using ContactCost.Planning;
using static ContactCost.Cli.Commands.PlanningOutput;

namespace ContactCost.Cli.Commands;

/// <summary><c>ccost roi</c>: ROI, payback month, NPV and IRR of an investment from a scenario file.</summary>
internal static class RoiCommand
{
    /// <summary>The JSON of an ROI analysis.</summary>
    public sealed record Json(
        string Name,
        string Currency,
        int Months,
        decimal DiscountRate,
        decimal Investment,
        decimal Costs,
        decimal Gains,
        decimal Net,
        decimal RoiPercent,
        int? PaybackMonth,
        decimal NetPresentValue,
        double? InternalRateOfReturn,
        IReadOnlyList<MonthJson> ByMonth);

    /// <summary>One month of the cash flow.</summary>
    public sealed record MonthJson(int Month, decimal Investment, decimal Costs, decimal Gains, decimal Net, decimal Cumulative);

    public static Command Create(Terminal terminal) => ScenarioCommand(
        terminal,
        "roi",
        "Return on investment of a scenario: ROI % = (gain - cost) / investment x 100, the payback month, NPV (monthly discounting) and IRR.",
        "ROI",
        path => RoiAnalysis.Of(RoiScenarioJson.ReadFile(path)),
        ToJson,
        WriteTable);

    private static Json ToJson(RoiAnalysis a) => new(
        a.Scenario.Name, a.Scenario.Currency.Code, a.Scenario.Months, a.Scenario.DiscountRate, a.Investment.Amount, a.Costs.Amount, a.Gains.Amount,
        a.Net.Amount, a.RoiPercent, a.PaybackMonth, a.NetPresentValue.Amount, a.InternalRateOfReturn is { } irr ? PlanningOutput.Json(irr, 6) : null,
        a.Months.Select(m => new MonthJson(m.Month, m.Investment.Amount, m.Costs.Amount, m.Gains.Amount, m.Net.Amount, m.Cumulative.Amount)).ToArray());

    private static void WriteTable(Terminal terminal, RoiAnalysis a)
    {
        var table = Table($"{a.Scenario.Name} ({a.Scenario.Currency.Code})", "Month", "Investment", "Costs", "Gains", "Net", "Cumulative");
        foreach (var m in a.Months)
            Row(table, $"{m.Month}", Amount(m.Investment.Amount), Amount(m.Costs.Amount), Amount(m.Gains.Amount), Amount(m.Net.Amount), Amount(m.Cumulative.Amount));
        Row(table, "total", Amount(a.Investment.Amount), Amount(a.Costs.Amount), Amount(a.Gains.Amount), Amount(a.Net.Amount), "");
        terminal.Console.Write(table);
        var irr = a.InternalRateOfReturn is { } r ? Percent(r) : "none";
        terminal.Out.WriteLine(
            $"ROI {a.RoiPercent:0.##}% over {a.Scenario.Months} months; payback {(a.PaybackMonth is { } p ? $"in month {p}" : "not within the horizon")}; " +
            $"NPV {Amount(a.NetPresentValue)} at {a.Scenario.DiscountRate:0.##%} a year; IRR {irr} a year.");
    }
}
