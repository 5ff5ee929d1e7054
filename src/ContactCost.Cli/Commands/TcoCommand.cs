using System.CommandLine;
using ContactCost.Cli.Output;
using ContactCost.Formats.Planning;
using ContactCost.Planning;
using static ContactCost.Cli.Commands.PlanningOutput;

namespace ContactCost.Cli.Commands;

/// <summary><c>ccost tco</c>: on premises, cloud and hybrid side by side over the years, at present value.</summary>
internal static class TcoCommand
{
    /// <summary>The JSON of a TCO comparison.</summary>
    public sealed record Json(string Name, string Currency, int Years, decimal DiscountRate, string Cheapest, IReadOnlyList<DeploymentJson> Deployments);

    /// <summary>One deployment.</summary>
    public sealed record DeploymentJson(string Name, string Kind, decimal Agents, decimal Seats, decimal MinutesPerYear, decimal Total, decimal PresentValue,
        IReadOnlyList<YearJson> Years, IReadOnlyList<ItemJson> Items);

    /// <summary>One year of a deployment.</summary>
    public sealed record YearJson(int Year, decimal Total, decimal DiscountFactor, decimal PresentValue);

    /// <summary>One item of a deployment.</summary>
    public sealed record ItemJson(string Name, string Basis, decimal Amount, IReadOnlyList<decimal> ByYear, decimal Total);

    public static Command Create(Terminal terminal) => ScenarioCommand(
        terminal,
        "tco",
        "Total cost of ownership of deployments (on premises, cloud, hybrid) side by side: a table per year (0 is up front), totals, " +
        "present value at the scenario's discount rate, an item breakdown, and the cheapest at present value.",
        "TCO",
        path => TcoComparison.Of(TcoScenarioJson.ReadFile(path)),
        ToJson,
        WriteTables);

    private static string KindName(DeploymentKind kind) => kind switch
    {
        DeploymentKind.OnPremises => "on-premises",
        DeploymentKind.Cloud => "cloud",
        _ => "hybrid",
    };

    private static string BasisName(CostBasis basis) => basis switch
    {
        CostBasis.UpFront => "upFront",
        CostBasis.PerSeatPerMonth => "perSeatPerMonth",
        CostBasis.PerAgentPerYear => "perAgentPerYear",
        CostBasis.PerMinute => "perMinute",
        _ => "perYear",
    };

    private static Json ToJson(TcoComparison c) => new(
        c.Scenario.Name, c.Scenario.Currency.Code, c.Scenario.Years, c.Scenario.DiscountRate, c.Cheapest.Deployment.Name,
        c.Deployments.Select(d => new DeploymentJson(
            d.Deployment.Name, KindName(d.Deployment.Kind), d.Deployment.Agents, d.Deployment.Seats, d.Deployment.MinutesPerYear, d.Total.Amount, d.PresentValue.Amount,
            d.Years.Select(y => new YearJson(y.Year, y.Total.Amount, y.DiscountFactor, y.PresentValue.Amount)).ToArray(),
            d.Items.Select(i => new ItemJson(i.Item.Name, BasisName(i.Item.Basis), i.Item.Amount, i.ByYear.Select(m => m.Amount).ToArray(), i.Total.Amount)).ToArray())).ToArray());

    private static void WriteTables(Terminal terminal, TcoComparison c)
    {
        var years = Enumerable.Range(0, c.Scenario.Years + 1).ToArray();
        var columns = new List<string> { "Year" };
        columns.AddRange(c.Deployments.Select(d => d.Deployment.Name));
        var byYear = Table($"{c.Scenario.Name} ({c.Scenario.Currency.Code}, discount {c.Scenario.DiscountRate:0.##%} a year)", [.. columns]);
        foreach (var y in years)
            Row(byYear, [y == 0 ? "0 (up front)" : $"{y}", .. c.Deployments.Select(d => Amount(d.Years[y].Total.Amount))]);
        Row(byYear, ["total", .. c.Deployments.Select(d => Amount(d.Total.Amount))]);
        Row(byYear, ["present value", .. c.Deployments.Select(d => Amount(d.PresentValue.Amount))]);
        terminal.Console.Write(byYear);

        foreach (var d in c.Deployments)
        {
            var items = Table($"{d.Deployment.Name}: {d.Deployment.Agents:0.##} agents, {d.Deployment.Seats:0.##} seats, {d.Deployment.MinutesPerYear:N0} minutes a year",
                ["Item", "Basis", "Price", .. years.Select(y => $"Year {y}"), "Total"]);
            foreach (var i in d.Items)
                Row(items, [i.Item.Name, BasisName(i.Item.Basis), $"{i.Item.Amount:0.####}", .. i.ByYear.Select(m => Amount(m.Amount)), Amount(i.Total.Amount)]);
            terminal.Console.Write(items);
        }

        var cheapest = c.Cheapest;
        var others = c.Deployments.Where(d => d != cheapest).Select(d => $"{d.Deployment.Name} {Amount((d.PresentValue - cheapest.PresentValue).Amount)} more").ToArray();
        terminal.Out.WriteLine($"Cheapest at present value over {c.Scenario.Years} years: {cheapest.Deployment.Name}, {Amount(cheapest.PresentValue)}" +
            (others.Length > 0 ? $" ({string.Join("; ", others)})." : "."));
    }
}
