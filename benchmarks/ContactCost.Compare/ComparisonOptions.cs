using System.Globalization;

namespace ContactCost.Compare;

/// <summary>What the command line asked for.</summary>
internal sealed record ComparisonOptions(long Rows, decimal Scale, int Rounds, bool Keep, string OutDirectory, string? Ccost)
{
    public const long DefaultRows = 10_000_000;

    // One run of each reads as 2.2 one half hour and 3.5 the next on a shared two-core machine; three rounds,
    // each engine right after the other, give a median and the spread.
    public const int DefaultRounds = 3;

    // ccost generate --scale 1 writes about 40,000 interactions a month; 37,000 leaves a margin so
    // that N rows end inside the first month (the report period) rather than spilling into the next.
    private const decimal RowsPerMonthAtScale1 = 37_000m;

    public const string Help = """
        ContactCost side by side with DuckDB and sqlite3, on one generated file.

        Usage: dotnet run -c Release --project benchmarks/ContactCost.Compare -- [options]

          --rows N      interactions to generate (default 10000000)
          --scale S     ccost generate --scale; default: N / 37000, so the rows fill about one month
          --rounds R    time every step R times, the engines one after the other in each round, and
                        report the median round and the spread (default 3)
          --out DIR     where the results (compare-N.json, compare-N.md) and the working files go
                        (default: ./compare-out)
          --keep        keep the generated CSV and every round's databases (several GB a round at
                        10M rows; default: each round's are deleted before the next, the rest at the end)
          --ccost DLL   the ccost.dll to run (default: src/ContactCost.Cli/bin/Release/net10.0/ccost.dll,
                        built by this project's build)
          --help        this text

        Exit code 0 when every figure was measured, 1 when ccost and DuckDB disagree by a cent or a
        step failed, 2 on bad usage.
        """;

    /// <summary>Parses <paramref name="args"/>; null after printing help, throws <see cref="UsageException"/> on bad usage.</summary>
    public static ComparisonOptions? Parse(string[] args)
    {
        long rows = DefaultRows;
        decimal? scale = null;
        var rounds = DefaultRounds;
        var keep = false;
        var outDirectory = "compare-out";
        string? ccost = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--help" or "-h":
                    Console.WriteLine(Help);
                    return null;
                case "--keep":
                    keep = true;
                    break;
                case "--rows":
                    rows = long.TryParse(Arguments.Value(args, ref i), NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var r) && r > 0
                        ? r
                        : throw new UsageException($"--rows needs a positive whole number, not '{args[i]}'.");
                    break;
                case "--scale":
                    scale = decimal.TryParse(Arguments.Value(args, ref i), NumberStyles.Number, CultureInfo.InvariantCulture, out var s) && s > 0m
                        ? s
                        : throw new UsageException($"--scale needs a positive number, not '{args[i]}'.");
                    break;
                case "--rounds":
                    rounds = int.TryParse(Arguments.Value(args, ref i), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is > 0 and <= 100
                        ? n
                        : throw new UsageException($"--rounds needs a whole number from 1 to 100, not '{args[i]}'.");
                    break;
                case "--out":
                    outDirectory = Arguments.Value(args, ref i);
                    break;
                case "--ccost":
                    ccost = Arguments.Value(args, ref i);
                    break;
                default:
                    throw new UsageException($"Unknown option '{args[i]}'. Try --help.");
            }
        }

        return new ComparisonOptions(rows, scale ?? Math.Max(0.01m, Math.Ceiling(rows / RowsPerMonthAtScale1 * 100m) / 100m), rounds, keep, outDirectory, ccost);
    }
}
