using System.Globalization;
using System.Runtime.InteropServices;
using ContactCost.Formats.PriceBooks;
using ContactCost.Periods;

namespace ContactCost.Compare;

/// <summary>
/// ccost against DuckDB and sqlite3 on one generated file: prices must agree to the cent before any
/// timing is printed. The steps and what each figure means are in docs/benchmarks.md.
/// </summary>
internal static class ComparisonRun
{
    private const string Zone = "America/New_York";
    private const string Ours = "ContactCost";

    /// <summary>Runs the comparison the command line asks for; gives the exit code (0 measured, 1 failed or disagreed, 2 bad usage).</summary>
    public static int Run(string[] args)
    {
        var firstDay = new DateOnly(2026, 10, 1);

        var options = Arguments.Parse(() => ComparisonOptions.Parse(args), out var exitCode);
        if (options is null)
            return exitCode;

        var repository = Repository.Root();
        var priceBookFile = Path.Combine(repository, "samples", "pricebook.json");
        var costModelFile = Path.Combine(repository, "samples", "costmodel.json");
        var outDirectory = Path.GetFullPath(options.OutDirectory);
        var work = Path.Combine(outDirectory, $"work-{DateTime.UtcNow:yyyyMMddHHmmss}");
        Directory.CreateDirectory(work);
        try
        {
            var ccost = Ccost.Locate(options.Ccost, repository);
            var book = PriceBookJson.ReadFile(priceBookFile);
            var period = ReportingPeriod.Month(firstDay.Year, firstDay.Month);
            if (book.Effective > period.FirstDay)
                throw new InvalidOperationException($"{priceBookFile} takes effect after {period}; the SQL prices one version.");
            var zone = TimeZoneInfo.FindSystemTimeZoneById(Zone);
            var csv = Path.Combine(work, "interactions.csv");
            var measured = new Measurements(options.Rows);

            Console.WriteLine($"Generating {options.Rows:N0} interactions (scale {options.Scale}, seed 42) with {ccost.Dll} ...");
            measured.Add("generate", Ours, ccost.Generate(options.Rows, options.Scale, firstDay, Zone, csv));

            var sql = PricingSql.UsageByChannel(csv, book, period.StartUtc(zone), period.EndUtc(zone));
            var ours = TimeReports(options, ccost, csv, sql, book.Currency.MinorDigits, priceBookFile, costModelFile, period, measured);
            TimeImports(options, ccost, csv, work, measured);

            var timings = measured.Timings();
            var machine = $"{Machine()}; DuckDB {DuckDb.Version()} (DuckDB.NET, in-process), sqlite3 {Sqlite3.Version()}";
            var comparison = new Comparison(DateTimeOffset.UtcNow, machine, options.Rows, options.Scale, period.ToString(), ours.Contacts,
                ours.ByChannel, ours.Total, options.Rounds, timings, Comparison.RatiosOf(timings, Ours));
            var markdown = ComparisonOutput.Markdown(comparison);
            Console.WriteLine();
            Console.WriteLine(markdown);
            var name = Path.Combine(outDirectory, string.Create(CultureInfo.InvariantCulture, $"compare-{options.Rows}"));
            File.WriteAllText(name + ".md", markdown);
            File.WriteAllText(name + ".json", ComparisonOutput.ToJson(comparison));
            Console.WriteLine($"Wrote {name}.md and {name}.json");
            if (ours.Contacts < options.Rows)
                Console.WriteLine($"Note: {options.Rows - ours.Contacts:N0} rows fall after {period}; a smaller --scale keeps them all in it.");
            return 0;
        }
        catch (MismatchException e)
        {
            Console.Error.WriteLine(e.Message);
            return 1;
        }
        catch (Exception e) when (e is InvalidOperationException or NotSupportedException or IOException)
        {
            Console.Error.WriteLine(e.Message);
            return 1;
        }
        finally
        {
            if (options.Keep)
                Console.WriteLine($"Kept the working files in {work}");
            else
                Directory.Delete(work, recursive: true);
        }
    }

    // Each round: ccost's report, then DuckDB's query, checked to the cent; gives the last round's figures.
    private static ReportedUsage TimeReports(
        ComparisonOptions options, Ccost ccost, string csv, string sql, int minorDigits, string priceBookFile, string costModelFile, ReportingPeriod period, Measurements measured)
    {
        ReportedUsage? ours = null;
        for (var round = 1; round <= options.Rounds; round++)
        {
            Console.WriteLine($"Report from the file, period {period} ({Zone}), round {round} of {options.Rounds}: ccost, then DuckDB ...");
            var (reportRun, reported) = ccost.Report(csv, priceBookFile, costModelFile, Zone, period.ToString());
            var (queryRun, theirs) = DuckDb.UsageByChannel(sql, minorDigits);
            CentCheck.Require(reported, theirs);
            ours = reported;
            measured.Add("report from file", Ours, reportRun);
            measured.Add("report from file", "DuckDB", queryRun);
        }

        return ours!;
    }

    // Each round: ccost, sqlite3 and DuckDB each load the file into a fresh database of their own.
    private static void TimeImports(ComparisonOptions options, Ccost ccost, string csv, string work, Measurements measured)
    {
        for (var round = 1; round <= options.Rounds; round++)
        {
            Console.WriteLine($"Import into a fresh database, round {round} of {options.Rounds}: ccost, sqlite3 .import, DuckDB CREATE TABLE AS ...");
            var databases = Path.Combine(work, $"round-{round}");
            Directory.CreateDirectory(databases);
            measured.Add("import", Ours, ccost.Import(csv, Path.Combine(databases, "ccost.db")));
            var (sqliteRun, sqliteRows) = Sqlite3.Import(csv, Path.Combine(databases, "sqlite3.db"));
            var (duckRun, duckRows) = DuckDb.Import(csv, Path.Combine(databases, "duckdb.db"));
            if (sqliteRows != options.Rows || duckRows != options.Rows)
                throw new InvalidOperationException($"Rows loaded: sqlite3 {sqliteRows:N0}, DuckDB {duckRows:N0}; expected {options.Rows:N0}.");
            measured.Add("import", "sqlite3 .import", sqliteRun);
            measured.Add("import", "DuckDB", duckRun);

            // The next round writes fresh files; without --keep these only take room (several GB at ten million rows).
            if (!options.Keep && round < options.Rounds)
                Directory.Delete(databases, recursive: true);
        }
    }

    private static string Machine()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);
        return string.Create(CultureInfo.InvariantCulture,
            $"{cpu ?? RuntimeInformation.ProcessArchitecture.ToString()}, {Environment.ProcessorCount} cores, {memory:N0} GiB, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}");
    }
}
