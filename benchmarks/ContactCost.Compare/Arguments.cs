namespace ContactCost.Compare;

/// <summary>What the benchmark programs' option parsers share (the load test links this file).</summary>
internal static class Arguments
{
    /// <summary>The value after the option at <paramref name="i"/>, moving past it; a usage error when there is none.</summary>
    public static string Value(string[] args, ref int i) =>
        ++i < args.Length ? args[i] : throw new UsageException($"{args[i - 1]} needs a value.");

    /// <summary>
    /// The options <paramref name="parse"/> reads; null with the exit code to return when there are none to run
    /// with: 0 after it printed the help, 2 after a usage error (printed here).
    /// </summary>
    public static T? Parse<T>(Func<T?> parse, out int exitCode)
        where T : class
    {
        exitCode = 0;
        try
        {
            return parse();
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine(e.Message);
            exitCode = 2;
            return null;
        }
    }
}

/// <summary>The command line is wrong; exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
