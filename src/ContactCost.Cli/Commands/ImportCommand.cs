using System.CommandLine;
using ContactCost.Cli.Output;
using ContactCost.Cli.Workflows;
using ContactCost.Formats.Canonical;
using ContactCost.Formats.Import;
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
            Description = "Files to import: canonical interaction CSV or usage-record CSV (see docs/formats.md).",
            Arity = ArgumentArity.OneOrMore,
        };
        var format = new Option<string?>("--format")
        {
            Description = "The files' format: canonical (interactions) or usage (usage records). Default: chosen from each file's header.",
            HelpName = "FORMAT",
        };
        format.AcceptOnlyFromAmong("canonical", "usage");
        var quarantine = new Option<FileInfo?>("--quarantine")
        {
            Description = "Where rejected records go, with file, line, field, value and reason. Default: FILE.rejected.csv beside each input.",
            HelpName = "PATH",
        };

        var command = new Command("import",
            "Import interactions into the store. Good records are kept, bad ones are written to a quarantine file with the reason, " +
            "and importing the same file again changes nothing. Exit code 3 when any record was refused.")
        {
            files, format, quarantine, database, tenant, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var store = await CommonOptions.OpenStoreAsync(parse, database, cancellationToken).ConfigureAwait(false);
            var tenantId = parse.GetValue(tenant);
            var inputs = parse.GetValue(files)!;
            var missing = inputs.FirstOrDefault(f => !f.Exists);
            if (missing is not null)
                throw new CommandFailedException($"{missing.FullName} does not exist.");

            // One quarantine for all inputs when --quarantine names it, else one beside each input.
            using var shared = parse.GetValue(quarantine) is { } q ? new QuarantineWriter(q.FullName) : null;
            var results = new List<FileJson>();
            var total = RecordImport.Counts.None;
            foreach (var file in inputs)
            {
                using var own = shared is null ? new QuarantineWriter(file.FullName + ".rejected.csv") : null;
                var rejected = shared ?? own!;
                var before = rejected.Count;
                var kind = parse.GetValue(format) switch
                {
                    "canonical" => CsvKind.Interactions,
                    "usage" => CsvKind.Usage,
                    _ => Detected(terminal, file),
                };
                var counts = await terminal.WithProgressAsync($"Importing {file.Name}", null, progress => kind == CsvKind.Usage
                    ? RecordImport.ImportAsync(store, tenantId, file.FullName, UsageCsvReader.ReadFile(file.FullName), rejected.Write, progress, cancellationToken)
                    : RecordImport.ImportAsync(store, tenantId, file.FullName, CanonicalCsvReader.ReadFile(file.FullName), rejected.Write, progress, cancellationToken))
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

    // Without --format, the header says what the file holds; the choice is printed so a surprise is visible.
    private static CsvKind Detected(Terminal terminal, FileInfo file)
    {
        var kind = CsvKinds.Detect(file.FullName);
        if (kind == CsvKind.Unknown)
        {
            throw new InputFormatException(file.FullName, 1,
                "is neither interactions (columns id, channel, start) nor usage records (columns id, meter, quantity, start); name the format with --format, see docs/formats.md");
        }

        terminal.Note($"{file.Name}: reading {(kind == CsvKind.Usage ? "usage records" : "canonical interactions")} (chosen from its header; --format overrides)");
        return kind;
    }
}
