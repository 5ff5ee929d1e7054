using System.CommandLine;
using ContactCost.Cli.Output;
using ContactCost.Cli.Workflows;
using ContactCost.Costing;
using ContactCost.Episodes;
using ContactCost.Formats.CostModels;
using ContactCost.Formats.Import;
using ContactCost.Formats.PriceBooks;
using ContactCost.Formats.Reports;
using ContactCost.Periods;
using ContactCost.Rating;

namespace ContactCost.Cli.Commands;

/// <summary>
/// <c>ccost report</c>: what every contact cost in a period, by channel, queue, agent, day or
/// episode, from the store or straight from files, as a table, CSV, JSON or an HTML page.
/// </summary>
internal static class ReportCommand
{
    public static Command Create(Terminal terminal)
    {
        var database = CommonOptions.Database();
        var tenant = CommonOptions.Tenant();
        var json = CommonOptions.Json();
        json.Description = "Same as --format json.";
        var period = PeriodOption("--period",
            "The period: a day (2026-10-05), ISO week (2026-W41), month (2026-10), quarter (2026-Q4) or range (2026-10-01..2026-12-31), " +
            "in the tenant's time zone. Default: the month of the latest interaction (with --input: every day the files cover).");
        var compare = PeriodOption("--compare",
            "A baseline period to compare with: deltas per figure, and the change in total cost split into volume, channel mix, handle time and price.");
        var by = new Option<ReportGrouping>("--by")
        {
            Description = "The rows: channel, queue, group (agent group), agent, day or episode. Default: channel",
            DefaultValueFactory = _ => ReportGrouping.Channel,
            HelpName = "GROUPING",
        };
        var format = new Option<ReportFormat?>("--format")
        {
            Description = "table (default), csv (the rows of --by; with --by episode one row per episode), json (everything) or html (one page with charts).",
            HelpName = "FORMAT",
        };
        var output = new Option<FileInfo?>("--out")
        {
            Description = "Write the report to this file instead of standard output.",
            HelpName = "PATH",
        };
        var gap = new Option<TimeSpan>("--gap")
        {
            Description = "Contacts of one customer closer than this are one episode (when no initial_contact_id links them). Default: 72h",
            DefaultValueFactory = _ => EpisodeStitcher.DefaultGap,
            CustomParser = r => CommonOptions.TryParseDuration(r.Tokens.Single().Value, out var d)
                ? d
                : CommonOptions.Fail<TimeSpan>(r, $"'{r.Tokens.Single().Value}' is not a duration: write 72h, 3d or 90m."),
            HelpName = "DURATION",
        };
        var inputs = new Option<FileInfo[]>("--input")
        {
            Description = "Report straight from these interaction (and usage-record) CSV files, without a store; needs --pricebook and --costs. " +
                "The files are read once; what costing needs of each contact (about 30 bytes) waits in a temporary file in TMPDIR, gone when the command ends.",
            AllowMultipleArgumentsPerToken = true,
            HelpName = "FILE",
        };
        var pricebooks = new Option<FileInfo[]>("--pricebook")
        {
            Description = "With --input: the price-book version files (JSON) to rate the files with.",
            AllowMultipleArgumentsPerToken = true,
            HelpName = "FILE",
        };
        var costs = new Option<FileInfo?>("--costs")
        {
            Description = "With --input: the cost model file (JSON).",
            HelpName = "FILE",
        };
        var zone = new Option<string>("--time-zone")
        {
            Description = "With --input: the IANA time zone of the report's days. Default: UTC",
            DefaultValueFactory = _ => "UTC",
            HelpName = "ZONE",
        };

        var command = new Command("report",
            "What every contact cost in a period: total, per channel, queue, agent group, agent, day and episode, with the KPIs " +
            "(cost per contact, per minute, per episode and resolution, AHT, ASA, abandonment, occupancy). Every grouping " +
            "adds up to the total to the cent. From the store, or with --input/--pricebook/--costs straight from files.")
        {
            database, tenant, period, compare, by, format, json, output, gap, inputs, pricebooks, costs, zone,
        };
        command.Validators.Add(r =>
        {
            var stateless = r.GetValue(inputs) is { Length: > 0 };
            if (stateless && (r.GetValue(pricebooks) is not { Length: > 0 } || r.GetValue(costs) is null))
                r.AddError("A report from files needs --input FILE, --pricebook FILE and --costs FILE.");
            if (!stateless && (r.GetValue(pricebooks) is { Length: > 0 } || r.GetValue(costs) is not null))
                r.AddError("--pricebook and --costs go with --input; a report from the store uses the price books and cost model loaded into it.");
            if (r.GetValue(json) && r.GetValue(format) is { } f && f != ReportFormat.Json)
                r.AddError("--json and --format " + f.ToString().ToLowerInvariant() + " disagree; give one.");
        });

        command.SetAction(async (parse, cancellationToken) =>
        {
            var request = new ReportRequest(
                parse.GetValue(period),
                parse.GetValue(compare),
                parse.GetValue(by),
                parse.GetValue(json) ? ReportFormat.Json : parse.GetValue(format) ?? ReportFormat.Table,
                parse.GetValue(output),
                parse.GetValue(gap));
            using var episodeCsv = request.Format == ReportFormat.Csv && request.By == ReportGrouping.Episode
                ? new EpisodeCsvWriter(request.Open(terminal))
                : null;
            Action<Episode>? onEpisode = episodeCsv is null ? null : episodeCsv.Write;

            ReportDocument document;
            if (parse.GetValue(inputs) is { Length: > 0 } files)
            {
                document = FromFiles(terminal, files, parse.GetValue(pricebooks)!, parse.GetValue(costs)!, parse.GetValue(zone)!, request, onEpisode, cancellationToken, out var rejected);
                Write(terminal, document, request, episodeCsv);
                return rejected > 0 ? ExitCode.RejectedInput : ExitCode.Ok;
            }

            await using var store = await CommonOptions.OpenStoreAsync(parse, database, cancellationToken).ConfigureAwait(false);
            var tenantId = parse.GetValue(tenant);
            var chosen = request.Period
                ?? await StoredReport.LatestMonthAsync(store, tenantId, cancellationToken).ConfigureAwait(false)
                ?? throw new CommandFailedException($"Tenant '{tenantId}' has no interactions yet. Import some (ccost import FILE) or run: ccost demo");
            var analysis = await terminal.WithProgressAsync($"Costing {chosen}", null,
                progress => StoredReport.AnalyseAsync(store, tenantId, chosen, request.Gap, onEpisode, progress, cancellationToken)).ConfigureAwait(false);
            var comparison = request.Baseline is { } baseline
                ? CostComparison.Compare(analysis.Report, await StoredReport.BuildAsync(store, tenantId, baseline, cancellationToken).ConfigureAwait(false))
                : null;
            document = ReportDocument.Of(analysis, comparison);
            Write(terminal, document, request, episodeCsv);
            if (analysis.Report.Unrated > 0)
                terminal.Note($"{analysis.Report.Unrated:N0} interactions are not rated yet; their usage is missing. Run: ccost rate");
            return ExitCode.Ok;
        });
        return command;
    }

    private static ReportDocument FromFiles(
        Terminal terminal, FileInfo[] files, FileInfo[] bookFiles, FileInfo costFile, string zoneName, ReportRequest request,
        Action<Episode>? onEpisode, CancellationToken cancellationToken, out long rejected)
    {
        var missing = files.Concat(bookFiles).Append(costFile).FirstOrDefault(f => !f.Exists);
        if (missing is not null)
            throw new CommandFailedException($"{missing.FullName} does not exist.");
        PriceBookHistory prices;
        try
        {
            prices = new PriceBookHistory(bookFiles.Select(f => PriceBookJson.ReadFile(f.FullName)));
        }
        catch (ArgumentException e)
        {
            throw new CommandFailedException(e.Message);
        }

        var sources = new ReportSources(CostModelJson.ReadFile(costFile.FullName), prices, TenantSettingsLookup.ParseZone(zoneName));
        using var report = new FileReport(files.Select(f => f.FullName).ToArray(), sources);
        using var quarantine = new QuarantineWriter(files[0].FullName + ".rejected.csv");
        var reports = report.Summarize(request.Period, request.Baseline, episodesListened: onEpisode is not null, quarantine.Write, null, cancellationToken);
        var analysis = report.Analyse(reports.Current, request.Gap, onEpisode, cancellationToken);
        rejected = quarantine.Count;
        if (rejected > 0)
            terminal.Note($"{rejected:N0} records were refused and left out of the report; see {quarantine.Path}");
        if (reports.Current.Unrated > 0)
            terminal.Note($"{reports.Current.Unrated:N0} interactions start before the first price-book version and carry no usage.");
        return ReportDocument.Of(analysis, reports.Baseline is { } baseline ? CostComparison.Compare(reports.Current, baseline) : null);
    }

    private static void Write(Terminal terminal, ReportDocument document, ReportRequest request, EpisodeCsvWriter? episodeCsv)
    {
        switch (request.Format)
        {
            case ReportFormat.Table:
                ReportOutput.WriteTable(terminal, document, request.By);
                break;
            case ReportFormat.Csv when episodeCsv is not null:
                episodeCsv.Finish(document);
                break;
            case ReportFormat.Csv:
                using (var writer = request.Open(terminal))
                    ReportCsv.Write(writer, document, request.By);
                break;
            case ReportFormat.Json:
                using (var writer = request.Open(terminal))
                    writer.WriteLine(document.ToJson());
                break;
            case ReportFormat.Html:
                using (var writer = request.Open(terminal))
                    writer.Write(ReportHtml.Write(document, request.By));
                break;
        }

        if (request.Out is { } file && request.Format != ReportFormat.Table)
            terminal.Note($"Wrote the {request.Format.ToString().ToLowerInvariant()} report of {document.Period} to {file.FullName}.");
    }

    private static Option<ReportingPeriod?> PeriodOption(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = result => CommonOptions.ParsePeriod(result),
        HelpName = "PERIOD",
    };

    /// <summary>What the command line asked for.</summary>
    private sealed record ReportRequest(ReportingPeriod? Period, ReportingPeriod? Baseline, ReportGrouping By, ReportFormat Format, FileInfo? Out, TimeSpan Gap)
    {
        /// <summary>Where the report goes: the --out file, or standard output (left open).</summary>
        public TextWriter Open(Terminal terminal) =>
            Out is { } file ? new StreamWriter(file.FullName, append: false, new System.Text.UTF8Encoding(false)) : new KeepOpen(terminal.Out);
    }

    // Standard output must outlive the report's writer.
    private sealed class KeepOpen(TextWriter inner) : TextWriter
    {
        public override System.Text.Encoding Encoding => inner.Encoding;

        public override void Write(char value) => inner.Write(value);

        public override void Write(string? value) => inner.Write(value);

        public override void WriteLine(string? value) => inner.WriteLine(value);

        protected override void Dispose(bool disposing) => inner.Flush();
    }
}
