using System.CommandLine;
using ContactCost.Cli.Output;
using ContactCost.Cli.Workflows;
using ContactCost.Formats.Import;
using ContactCost.Formats.Sources;
using ContactCost.Formats.Sources.Asterisk;
using ContactCost.Formats.Usage;
using Spectre.Console;

namespace ContactCost.Cli.Commands;

/// <summary><c>ccost import</c>: interactions from files into the store, idempotent by interaction id.</summary>
internal static class ImportCommand
{
    public sealed record FileJson(string File, long Read, long Added, long Duplicates, long Conflicts, long Rejected, string? Quarantine);

    public sealed record Json(IReadOnlyList<FileJson> Files, long Read, long Added, long Duplicates, long Conflicts, long Rejected);

    public static Command Create(Terminal terminal)
    {
        var database = CommonOptions.Database();
        var tenant = CommonOptions.Tenant();
        var json = CommonOptions.Json();
        var files = new Argument<FileInfo[]>("FILE")
        {
            Description = "Files to import: canonical or usage-record CSV, Asterisk, FreeSWITCH, Amazon Connect, Twilio or Zendesk exports (see docs/formats.md).",
            Arity = ArgumentArity.OneOrMore,
        };
        var format = new Option<string?>("--format")
        {
            Description = $"The files' format: {string.Join(", ", SourceFormatNames.All)}. Default: chosen from each file's content, and said.",
            HelpName = "FORMAT",
        };
        format.AcceptOnlyFromAmong([.. SourceFormatNames.All]);
        var timeZone = new Option<string?>("--time-zone")
        {
            Description = "IANA time zone of times written without an offset (Asterisk, FreeSWITCH, spreadsheet exports). Default: UTC.",
            HelpName = "ZONE",
        };
        var queueLog = new Option<FileInfo?>("--queue-log")
        {
            Description = "An Asterisk queue_log giving the calls of Master.csv files their queue, agent, wait and abandons.",
            HelpName = "PATH",
        };
        var columns = new Option<string?>("--columns")
        {
            Description = "The columns of a headerless FreeSWITCH cdr_csv file written by a custom template, comma-separated (e.g. uuid,start_stamp,...,cc_queue).",
            HelpName = "NAMES",
        };
        var quarantine = new Option<FileInfo?>("--quarantine")
        {
            Description = "Where rejected records go, with file, line, field, value and reason. Default: FILE.rejected.csv beside each input.",
            HelpName = "PATH",
        };

        var command = new Command("import",
            "Import interactions into the store. Good records are kept, bad ones are written to a quarantine file with the reason, " +
            "and importing the same file again changes nothing. Exit code 3 when any record was refused.")
        {
            files, format, timeZone, queueLog, columns, quarantine, database, tenant, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var store = await CommonOptions.OpenStoreAsync(parse, database, cancellationToken).ConfigureAwait(false);
            var tenantId = parse.GetValue(tenant);
            var inputs = parse.GetValue(files)!;
            var missing = inputs.FirstOrDefault(f => !f.Exists);
            if (missing is not null)
                throw new CommandFailedException($"{missing.FullName} does not exist.");

            var options = new SourceOptions
            {
                TimeZone = parse.GetValue(timeZone) is { } zone ? TenantSettingsLookup.ParseZone(zone) : TimeZoneInfo.Utc,
                Columns = parse.GetValue(columns)?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
                Warn = terminal.Note,
            };
            var log = parse.GetValue(queueLog) is { } logFile ? LoadQueueLog(terminal, logFile) : null;

            // One quarantine for all inputs when --quarantine names it, else one beside each input.
            using var shared = parse.GetValue(quarantine) is { } q ? new QuarantineWriter(q.FullName) : null;
            var results = new List<FileJson>();
            var total = RecordImport.Counts.None;
            foreach (var file in inputs)
            {
                using var own = shared is null ? new QuarantineWriter(file.FullName + ".rejected.csv") : null;
                var rejected = shared ?? own!;
                var before = rejected.Count;
                var kind = SourceFormatNames.TryParse(parse.GetValue(format), out var named) ? named : Detected(terminal, file);
                if (log is not null && kind != SourceFormat.Asterisk)
                    terminal.Note($"{file.Name}: --queue-log applies to Asterisk Master.csv files only; not used here");
                if (kind.HasLocalTimes() && parse.GetValue(timeZone) is null)
                    terminal.Note($"{file.Name}: times without an offset are read as UTC; --time-zone names their zone");
                var counts = await terminal.WithProgressAsync($"Importing {file.Name}", null, progress => kind == SourceFormat.Usage
                    ? RecordImport.ImportAsync(store, tenantId, file.FullName, UsageCsvReader.ReadFile(file.FullName), rejected.Write, progress, cancellationToken)
                    : RecordImport.ImportAsync(store, tenantId, file.FullName, InteractionFiles.ReadFile(kind, file.FullName, options, log), rejected.Write, progress, cancellationToken))
                    .ConfigureAwait(false);
                total += counts;
                results.Add(new FileJson(file.FullName, counts.Read, counts.Added, counts.Duplicates, counts.Conflicts, counts.Rejected,
                    rejected.Count > before ? rejected.Path : null));
            }

            if (parse.GetValue(json))
            {
                terminal.WriteJson(new Json(results, total.Read, total.Added, total.Duplicates, total.Conflicts, total.Rejected));
            }
            else
            {
                var table = new Table().Border(TableBorder.Rounded)
                    .AddColumn("File").AddColumn(new TableColumn("Read").RightAligned()).AddColumn(new TableColumn("Imported").RightAligned())
                    .AddColumn(new TableColumn("Duplicate").RightAligned()).AddColumn(new TableColumn("Conflict").RightAligned())
                    .AddColumn(new TableColumn("Rejected").RightAligned());
                foreach (var r in results)
                    table.AddRow(Markup.Escape(Path.GetFileName(r.File)), $"{r.Read:N0}", $"{r.Added:N0}", $"{r.Duplicates:N0}", $"{r.Conflicts:N0}", $"{r.Rejected:N0}");
                terminal.Console.Write(table);
            }

            foreach (var r in results.Where(r => r.Quarantine is not null))
                terminal.Note($"{r.Conflicts + r.Rejected:N0} records of {Path.GetFileName(r.File)} were refused; see {r.Quarantine}");
            return total.Refused > 0 ? ExitCode.RejectedInput : ExitCode.Ok;
        });
        return command;
    }

    // Without --format, the content says what the file holds; the choice is printed so a surprise is visible.
    private static SourceFormat Detected(Terminal terminal, FileInfo file)
    {
        if (SourceDetector.Detect(file.FullName) is not { } format)
        {
            throw new InputFormatException(file.FullName, 1,
                $"its format could not be told from its content; name it with --format ({string.Join(", ", SourceFormatNames.All)}), see docs/formats.md");
        }

        var from = format is SourceFormat.Canonical or SourceFormat.Usage ? "its header" : "its content";
        terminal.Note($"{file.Name}: reading {format.Description()} (chosen from {from}; --format overrides)");
        return format;
    }

    private static AsteriskQueueLog LoadQueueLog(Terminal terminal, FileInfo file)
    {
        if (!file.Exists)
            throw new CommandFailedException($"{file.FullName} does not exist.");
        var log = AsteriskQueueLog.Load(file.FullName);
        terminal.Note($"{file.Name}: {log.Calls:N0} queued calls" + (log.Skipped > 0 ? $"; {log.Skipped:N0} lines could not be read and were passed over" : ""));
        return log;
    }
}
