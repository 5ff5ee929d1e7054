using System.CommandLine;
using ContactCost.Cli.Output;
using ContactCost.Cli.Workflows;
using ContactCost.Periods;

namespace ContactCost.Cli.Commands;

/// <summary><c>ccost report</c>: cost per contact and per channel for a period of stored data.</summary>
internal static class ReportCommand
{
    public static Command Create(Terminal terminal)
    {
        var database = CommonOptions.Database();
        var tenant = CommonOptions.Tenant();
        var json = CommonOptions.Json();
        var period = new Option<ReportingPeriod?>("--period")
        {
            Description = "The period: a day (2026-10-05), ISO week (2026-W41), month (2026-10) or quarter (2026-Q4), " +
                          "in the tenant's time zone. Default: the month of the latest interaction.",
            CustomParser = result => ReportingPeriod.TryParse(result.Tokens.Single().Value, out var p)
                ? p
                : CommonOptions.Fail<ReportingPeriod?>(result,
                    $"'{result.Tokens.Single().Value}' is not a period: write 2026-10-05, 2026-W41, 2026-10, 2026-Q4 or 2026-10-01..2026-12-31."),
            HelpName = "PERIOD",
        };

        var command = new Command("report", "Cost per contact: total, per channel, and what the total is made of, for a period of stored data.")
        {
            database, tenant, period, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var store = await CommonOptions.OpenStoreAsync(parse, database, cancellationToken).ConfigureAwait(false);
            var tenantId = parse.GetValue(tenant);
            var chosen = parse.GetValue(period)
                ?? await StoredReport.LatestMonthAsync(store, tenantId, cancellationToken).ConfigureAwait(false)
                ?? throw new CommandFailedException($"Tenant '{tenantId}' has no interactions yet. Import some (ccost import FILE) or run: ccost demo");
            var report = await StoredReport.BuildAsync(store, tenantId, chosen, cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(json))
                terminal.WriteJson(ReportOutput.ToJson(report));
            else
                ReportOutput.WriteTable(terminal, report);
            return ExitCode.Ok;
        });
        return command;
    }
}
