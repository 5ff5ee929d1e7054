using System.Globalization;
using System.Runtime.InteropServices;
using ContactCost.Compare;
using ContactCost.Formats.PriceBooks;
using ContactCost.Periods;

// ccost against DuckDB and sqlite3 on one generated file: prices must agree to the cent before any
// timing is printed. The steps and what each figure means are in docs/benchmarks.md.
const string Zone = "America/New_York";
const string Ours = "ContactCost";
var firstDay = new DateOnly(2026, 10, 1);

ComparisonOptions? options;
try
{
    options = ComparisonOptions.Parse(args);
}
catch (UsageException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

if (options is null)
    return 0;

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
    var timings = new List<Timing>();

    Console.WriteLine($"Generating {options.Rows:N0} interactions (scale {options.Scale}, seed 42) with {ccost.Dll} ...");
    timings.Add(Timing.Of("generate", Ours, options.Rows, ccost.Generate(options.Rows, options.Scale, firstDay, Zone, csv)));

    Console.WriteLine($"Report from the file, period {period} ({Zone}): ccost, then DuckDB ...");
    var (reportRun, ours) = ccost.Report(csv, priceBookFile, costModelFile, Zone, period.ToString());
    var sql = PricingSql.UsageByChannel(csv, book, period.StartUtc(zone), period.EndUtc(zone));
    var (queryRun, theirs) = DuckDb.UsageByChannel(sql, book.Currency.MinorDigits);
    CentCheck.Require(ours, theirs);
    timings.Add(Timing.Of("report from file", Ours, options.Rows, reportRun));
    timings.Add(Timing.Of("report from file", "DuckDB", options.Rows, queryRun));

    Console.WriteLine("Import into a fresh database: ccost, sqlite3 .import, DuckDB CREATE TABLE AS ...");
    timings.Add(Timing.Of("import", Ours, options.Rows, ccost.Import(csv, Path.Combine(work, "ccost.db"))));
    var (sqliteRun, sqliteRows) = Sqlite3.Import(csv, Path.Combine(work, "sqlite3.db"));
    var (duckRun, duckRows) = DuckDb.Import(csv, Path.Combine(work, "duckdb.db"));
    if (sqliteRows != options.Rows || duckRows != options.Rows)
        throw new InvalidOperationException($"Rows loaded: sqlite3 {sqliteRows:N0}, DuckDB {duckRows:N0}; expected {options.Rows:N0}.");
    timings.Add(Timing.Of("import", "sqlite3 .import", options.Rows, sqliteRun));
    timings.Add(Timing.Of("import", "DuckDB", options.Rows, duckRun));

    var machine = $"{Machine()}; DuckDB {DuckDb.Version()} (DuckDB.NET, in-process), sqlite3 {Sqlite3.Version()}";
    var comparison = new Comparison(DateTimeOffset.UtcNow, machine, options.Rows, options.Scale, period.ToString(), ours.Contacts,
        ours.ByChannel, ours.Total, timings, Comparison.RatiosOf(timings, Ours));
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

static string Machine()
{
    var cpu = File.Exists("/proc/cpuinfo")
        ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
        : null;
    var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);
    return string.Create(CultureInfo.InvariantCulture,
        $"{cpu ?? RuntimeInformation.ProcessArchitecture.ToString()}, {Environment.ProcessorCount} cores, {memory:N0} GiB, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}");
}
