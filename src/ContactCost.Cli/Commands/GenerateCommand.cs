using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using ContactCost.Cli.Output;
using ContactCost.Cli.Workflows;
using ContactCost.Formats.Canonical;
using ContactCost.Simulation;

namespace ContactCost.Cli.Commands;

/// <summary><c>ccost generate</c>: a realistic synthetic contact center as canonical CSV.</summary>
internal static class GenerateCommand
{
    private static readonly string[] EpisodeColumn = ["episode"];

    public sealed record Json(string Out, long Rows, ulong Seed, string Start, string TimeZone, decimal Scale, double Seconds);

    public static Command Create(Terminal terminal)
    {
        var rows = new Option<long?>("--rows") { Description = "How many interactions to write.", HelpName = "N" };
        rows.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<long?>() is < 1)
                r.AddError("--rows must be at least 1.");
        });
        var days = new Option<int?>("--days") { Description = "How many days of activity to write (instead of, or as well as, --rows).", HelpName = "DAYS" };
        days.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int?>() is < 1)
                r.AddError("--days must be at least 1.");
        });
        var output = new Option<string>("--out")
        {
            Description = "The CSV file to write, or - for standard output.",
            Required = true,
            HelpName = "FILE",
        };
        var seed = new Option<ulong>("--seed") { Description = "Random seed: the same seed always gives the same file. Default: 42", DefaultValueFactory = _ => 42UL };
        var start = new Option<DateOnly>("--start")
        {
            Description = "First local day of activity (yyyy-MM-dd). Default: 2026-10-01",
            DefaultValueFactory = _ => new DateOnly(2026, 10, 1),
            CustomParser = r => DateOnly.TryParseExact(r.Tokens.Single().Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                ? d
                : CommonOptions.Fail<DateOnly>(r, $"'{r.Tokens.Single().Value}' is not a date: write yyyy-MM-dd."),
            HelpName = "DATE",
        };
        var scale = new Option<decimal>("--scale")
        {
            Description = "Size of the center: 1 is about 25 agents and 40,000 interactions a month; 40 is about 1,000 agents. Default: 1",
            DefaultValueFactory = _ => 1m,
        };
        scale.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<decimal>() is <= 0m or > 10_000m)
                r.AddError("--scale must be greater than 0 and at most 10000.");
        });
        var zone = new Option<string>("--time-zone")
        {
            Description = "The center's IANA time zone; arrivals follow its local business hours. Default: America/New_York",
            DefaultValueFactory = _ => "America/New_York",
            HelpName = "ZONE",
        };
        var json = CommonOptions.Json();

        var command = new Command("generate",
            "Write a realistic synthetic contact center as canonical CSV: arrivals that follow the hour of day and the weekday, " +
            "long-tailed handle times per channel, abandoned calls, and customers whose episodes cross channels " +
            "(each row's true episode is in an extra 'episode' column). " +
            "Streams in constant memory, so any number of rows works.")
        {
            rows, days, output, seed, start, scale, zone, json,
        };
        command.Validators.Add(r =>
        {
            if (r.GetValue(rows) is null && r.GetValue(days) is null)
                r.AddError("Say how much to generate: --rows N, --days D, or both (whichever is reached first).");
        });
        command.SetAction(async (parse, cancellationToken) =>
        {
            var profile = CenterProfile.SmallOmnichannel with
            {
                TimeZone = TenantSettingsLookup.ParseZone(parse.GetValue(zone)!),
                Scale = parse.GetValue(scale),
            };
            var first = parse.GetValue(start);
            var maxRows = parse.GetValue(rows);
            var endDay = parse.GetValue(days) is { } d ? first.AddDays(d) : (DateOnly?)null;
            var path = parse.GetValue(output)!;
            var toStdout = path == "-";
            var watch = Stopwatch.StartNew();

            var written = await terminal.WithProgressAsync("Generating", maxRows, progress =>
            {
                // The generator knows each interaction's true episode: kept as a column, so episode
                // stitching can be checked against it.
                var writer = toStdout
                    ? new CanonicalCsvWriter(terminal.Out, EpisodeColumn, profile.TimeZone, leaveOpen: true)
                    : new CanonicalCsvWriter(path, EpisodeColumn, profile.TimeZone);
                using (writer)
                {
                    var count = 0L;
                    foreach (var interaction in new SyntheticCenter(profile, parse.GetValue(seed)).Generate(first, endDay, maxRows))
                    {
                        writer.Write(interaction);
                        if (++count % 100_000 == 0)
                        {
                            cancellationToken.ThrowIfCancellationRequested();
                            progress.Report(count);
                        }
                    }

                    return Task.FromResult(count);
                }
            }).ConfigureAwait(false);

            var summary = new Json(toStdout ? "-" : Path.GetFullPath(path), written, parse.GetValue(seed), first.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                profile.TimeZone.Id, profile.Scale, Math.Round(watch.Elapsed.TotalSeconds, 2));
            if (toStdout)
                terminal.Note($"Wrote {written:N0} interactions in {summary.Seconds:N1} s.");
            else if (parse.GetValue(json))
                terminal.WriteJson(summary);
            else
                terminal.Out.WriteLine($"Wrote {written:N0} interactions to {summary.Out} in {summary.Seconds:N1} s (seed {summary.Seed}).");
            return ExitCode.Ok;
        });
        return command;
    }
}
