using System.CommandLine;
using ContactCost.Cli.Output;
using ContactCost.Cli.Workflows;
using ContactCost.Episodes;
using ContactCost.Formats.Reports;
using ContactCost.Formats.Import;
using ContactCost.Periods;
using ContactCost.Simulation;
using ContactCost.Storage;

namespace ContactCost.Cli.Commands;

/// <summary>
/// <c>ccost demo</c>: a month of a ~25-agent omnichannel center, end to end: the sample price book
/// and cost model are loaded, the month is generated and imported, rated, and reported.
/// </summary>
internal static class DemoCommand
{
    public static Command Create(Terminal terminal)
    {
        var database = CommonOptions.Database();
        var tenant = CommonOptions.Tenant();
        var json = CommonOptions.Json();
        var seed = new Option<ulong>("--seed") { Description = "Random seed of the synthetic month. Default: 42", DefaultValueFactory = _ => 42UL };
        var month = CommonOptions.Month("--month", "The month to simulate (yyyy-MM). Default: 2026-10");
        month.DefaultValueFactory = _ => ReportingPeriod.Month(2026, 10);

        var command = new Command("demo",
            "Run ContactCost end to end on a realistic synthetic month of a ~25-agent omnichannel center: load the sample price book " +
            "and cost model, generate and import the month, rate it, and print the cost-per-contact report. " +
            "Running it again with the same seed changes nothing; 'ccost report' shows the same figures later.")
        {
            database, tenant, seed, month, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var tenantId = parse.GetValue(tenant);
            var period = parse.GetValue(month);
            var profile = CenterProfile.SmallOmnichannel;
            var samples = Path.Combine(AppContext.BaseDirectory, "samples");

            await using var store = await CommonOptions.OpenStoreAsync(parse, database, cancellationToken).ConfigureAwait(false);
            var zone = await store.SaveTenantAsync(new TenantSettings(tenantId, profile.TimeZone), forgetRatings: false, cancellationToken).ConfigureAwait(false);
            if (zone.Outcome == ZoneChangeOutcome.Refused)
            {
                throw new CommandFailedException(
                    TenantSettingsLookup.RatedIn(tenantId, zone.Previous) + $" The demo center is in {profile.TimeZone.Id}: give another --tenant or --db.");
            }

            await DocumentLoading.LoadPriceBookAsync(store, tenantId, Path.Combine(samples, "pricebook.json"), cancellationToken).ConfigureAwait(false);
            await DocumentLoading.LoadCostModelAsync(store, tenantId, Path.Combine(samples, "costmodel.json"), cancellationToken).ConfigureAwait(false);

            var interactions = new SyntheticCenter(profile, parse.GetValue(seed))
                .Generate(period.FirstDay, period.EndDay)
                .Select(i => ReadResult.Accepted(i));
            var imported = await terminal.WithProgressAsync($"Simulating {period}", null, progress =>
                RecordImport.ImportAsync(store, tenantId, "demo", interactions, _ => { }, progress, cancellationToken)).ConfigureAwait(false);
            var rated = await terminal.WithProgressAsync("Rating", imported.Read, progress =>
                StoreRating.RateAsync(store, tenantId, progress, cancellationToken)).ConfigureAwait(false);
            var analysis = await StoredReport.AnalyseAsync(store, tenantId, period, EpisodeStitcher.DefaultGap, null, null, cancellationToken).ConfigureAwait(false);
            var report = ReportDocument.Of(analysis);

            terminal.Note(
                $"Demo month {period}: {imported.Read:N0} interactions simulated ({imported.Added:N0} new, {imported.Duplicates:N0} already stored), " +
                $"{rated.Rated:N0} rated; stored in {Path.GetFullPath(parse.GetValue(database)!)}. See it again with: ccost report --period {period}");
            if (parse.GetValue(json))
                terminal.Out.WriteLine(report.ToJson());
            else
                ReportOutput.WriteTable(terminal, report, ReportGrouping.Channel);
            if (imported.Conflicts > 0)
            {
                // The generator names interactions by seed and sequence: another month with the same seed reuses the ids.
                terminal.Note(
                    $"{imported.Conflicts:N0} simulated interactions have ids already stored with other content and were left out; " +
                    $"simulate another month with another seed: ccost demo --month {period} --seed {parse.GetValue(seed) + 1}");
                return ExitCode.RejectedInput;
            }

            return ExitCode.Ok;
        });
        return command;
    }
}
