using System.Globalization;
using ContactCost.Compare;

namespace ContactCost.Load;

/// <summary>What the command line asked for.</summary>
internal sealed record LoadOptions(int Clients, int ReportClients, TimeSpan Duration, TimeSpan WarmUp, string OutDirectory, string? Ccost)
{
    public const string Help = """
        A bounded load against `ccost serve` on loopback: authorize/commit pairs, then cost reports.

        Usage: dotnet run -c Release --project benchmarks/ContactCost.Load -- [options]

          --clients N          concurrent clients sending authorize/commit pairs (default 16)
          --report-clients N   concurrent clients asking for the month's report (default 4)
          --seconds S          how long each phase is measured (default 20)
          --warm-up S          unmeasured load before each phase (default 3)
          --out DIR            where load.md and load.json and the working files go (default ./load-out)
          --ccost DLL          the ccost.dll to serve with (default: src/ContactCost.Cli/bin/Release/net10.0/ccost.dll,
                               built by this project's build)
          --help               this text

        Each client sends one request, waits for the answer, then sends the next (a closed loop), so
        the figures are the server's throughput at that concurrency with the latency a caller sees.
        Exit code 0 when every figure was measured and checked, 1 when a request failed or the
        wallet's balance does not add up, 2 on bad usage.
        """;

    /// <summary>Parses <paramref name="args"/>; null after printing help, throws <see cref="UsageException"/> on bad usage.</summary>
    public static LoadOptions? Parse(string[] args)
    {
        int clients = 16, reportClients = 4;
        double seconds = 20, warmUp = 3;
        var outDirectory = "load-out";
        string? ccost = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--help" or "-h":
                    Console.WriteLine(Help);
                    return null;
                case "--clients":
                    clients = Positive(args, ref i);
                    break;
                case "--report-clients":
                    reportClients = Positive(args, ref i);
                    break;
                case "--seconds":
                    seconds = Positive(args, ref i);
                    break;
                case "--warm-up":
                    warmUp = int.TryParse(Arguments.Value(args, ref i), CultureInfo.InvariantCulture, out var w) && w >= 0
                        ? w
                        : throw new UsageException($"--warm-up needs a whole number of seconds, 0 or more, not '{args[i]}'.");
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

        return new LoadOptions(clients, reportClients, TimeSpan.FromSeconds(seconds), TimeSpan.FromSeconds(warmUp), outDirectory, ccost);
    }

    private static int Positive(string[] args, ref int i) =>
        int.TryParse(Arguments.Value(args, ref i), CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new UsageException($"{args[i - 1]} needs a positive whole number, not '{args[i]}'.");
}
