using System.CommandLine;
using ContactCost.Cli.Output;
using ContactCost.Cli.Workflows;
using ContactCost.Costing;
using ContactCost.Formats.Reports;
using ContactCost.Interactions;
using ContactCost.Periods;
using ContactCost.Storage;
using Spectre.Console;

namespace ContactCost.Cli.Commands;

/// <summary><c>ccost costmodel load|show</c>: labour, licences and overhead of a tenant.</summary>
internal static class CostModelCommand
{
    /// <summary>What was loaded; <c>monthlyOverhead</c> is every pool but labour, <c>pools</c> each kind of cost for <c>month</c>.</summary>
    public sealed record LoadJson(
        string Currency, int AgentGroups, int OverheadItems, decimal MonthlyLabour, decimal MonthlyOverhead, string Result,
        string Month, decimal MonthlyTotal, IReadOnlyDictionary<string, decimal> Pools);

    public static Command Create(Terminal terminal)
    {
        var command = new Command("costmodel", "Load or show the tenant's cost model: agent labour, overhead and how fixed costs are shared.");
        command.Subcommands.Add(Load(terminal));
        command.Subcommands.Add(Show(terminal));
        return command;
    }

    private static Command Load(Terminal terminal)
    {
        var database = CommonOptions.Database();
        var tenant = CommonOptions.Tenant();
        var json = CommonOptions.Json();
        var file = new Argument<FileInfo>("FILE") { Description = "The cost-model JSON file (see docs/costmodel.md)." };
        var command = new Command("load", "Validate a cost-model file and make it the tenant's current cost model.") { file, database, tenant, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var store = await CommonOptions.OpenStoreAsync(parse, database, cancellationToken).ConfigureAwait(false);
            var (model, save) = await DocumentLoading.LoadCostModelAsync(store, parse.GetValue(tenant), parse.GetValue(file)!.FullName, cancellationToken).ConfigureAwait(false);
            var now = terminal.Clock.GetUtcNow();
            if (parse.GetValue(json))
            {
                terminal.WriteJson(Summary(model, save, now));
            }
            else
            {
                var (pools, month, monthly) = MonthBeforeUsage(model, now);
                var parts = string.Join(", ", pools.Select(p => $"{p.Category.ToString().ToLowerInvariant()} {Figures.Amount(p.Amount)}"));
                terminal.Out.WriteLine(
                    $"Cost model {save.ToString().ToLowerInvariant()}: {model.AgentGroups.Count} agent groups ({model.Seats:0.##} agents). " +
                    $"A month ({month}) costs {Figures.Amount(monthly)} {model.Currency.Code} before usage: {parts}.");
            }

            return ExitCode.Ok;
        });
        return command;
    }

    /// <summary>The JSON <c>costmodel load --json</c> prints for a loaded model, with the month that holds <paramref name="now"/>.</summary>
    public static LoadJson Summary(CostModel model, DocumentSave save, DateTimeOffset now)
    {
        var (pools, month, monthly) = MonthBeforeUsage(model, now);
        var labour = pools.Where(p => p.Category == CostCategory.Labour).Select(p => p.Amount).Sum(model.Currency);
        return new LoadJson(model.Currency.Code, model.AgentGroups.Count, model.Overhead.Count, labour.Amount, (monthly - labour).Amount,
            save.ToString().ToLowerInvariant(), month.ToString(), monthly.Amount,
            pools.ToDictionary(p => p.Category.ToString().ToLowerInvariant(), p => p.Amount.Amount));
    }

    // What a month costs before usage: the report's own pools for the current month, with no contacts.
    private static ((CostCategory Category, Money Amount)[] Pools, ReportingPeriod Month, Money Monthly) MonthBeforeUsage(CostModel model, DateTimeOffset now)
    {
        var month = ReportingPeriod.Month(now.Year, now.Month);
        var pools = CostReport.Compute(month, TimeZoneInfo.Utc, model, null, []).Breakdown
            .GroupBy(l => l.Category)
            .Select(g => (Category: g.Key, Amount: g.Select(l => l.Amount).Sum(model.Currency)))
            .ToArray();
        return (pools, month, pools.Select(p => p.Amount).Sum(model.Currency));
    }

    private static Command Show(Terminal terminal)
    {
        var database = CommonOptions.Database();
        var tenant = CommonOptions.Tenant();
        var json = CommonOptions.Json();
        var command = new Command("show", "Show the current cost model.") { database, tenant, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var store = await CommonOptions.OpenStoreAsync(parse, database, cancellationToken).ConfigureAwait(false);
            var tenantId = parse.GetValue(tenant);
            if (parse.GetValue(json))
            {
                var document = await store.GetCostModelAsync(tenantId, cancellationToken).ConfigureAwait(false);
                terminal.Out.WriteLine(document?.Json.Trim() ?? "null");
                return ExitCode.Ok;
            }

            var model = await DocumentLoading.CostModelAsync(store, tenantId, cancellationToken).ConfigureAwait(false);
            var groups = new Table().Border(TableBorder.Rounded).Title($"Agent groups ({model.Currency.Code})")
                .AddColumn("Group").AddColumn("Channels").AddColumn(new TableColumn("Headcount").RightAligned())
                .AddColumn(new TableColumn("Wage/h").RightAligned()).AddColumn(new TableColumn("Burden").RightAligned())
                .AddColumn(new TableColumn("Hours/month").RightAligned()).AddColumn(new TableColumn("Monthly cost").RightAligned());
            foreach (var g in model.AgentGroups)
            {
                groups.AddRow(Markup.Escape(g.Name), string.Join(", ", g.Channels.Select(c => c.Name())), $"{g.Headcount}",
                    $"{g.HourlyWage}", $"{g.BurdenRate:P0}", $"{g.PaidHoursPerMonth}", $"{g.MonthlyCost:N2}");
            }

            terminal.Console.Write(groups);
            var overhead = new Table().Border(TableBorder.Rounded).Title("Overhead per month")
                .AddColumn("Item").AddColumn(new TableColumn("Monthly").RightAligned());
            foreach (var o in model.Overhead)
                overhead.AddRow(Markup.Escape(o.Name), $"{o.Amount:N2}");
            terminal.Console.Write(overhead);
            terminal.Out.WriteLine(
                $"Fixed costs are shared by {(model.FixedCostDriver == Costing.CostDriver.HandleTime ? "handle time" : "contacts")}; " +
                $"concurrency: {(model.Concurrency.Count == 0 ? "none" : string.Join(", ", model.Concurrency.Select(c => $"{c.Key.Name()} {c.Value}")))}.");
            return ExitCode.Ok;
        });
        return command;
    }
}
