namespace ContactCost.Compare;

/// <summary>What the benchmark programs' option parsers share (the load test links this file).</summary>
internal static class Arguments
{
    /// <summary>The value after the option at <paramref name="i"/>, moving past it; a usage error when there is none.</summary>
    public static string Value(string[] args, ref int i) =>
        ++i < args.Length ? args[i] : throw new UsageException($"{args[i - 1]} needs a value.");
}

/// <summary>The command line is wrong; exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
