namespace ContactCost.Cli;

/// <summary>The entry point of <c>ccost</c>.</summary>
public static class Program
{
    /// <summary>Runs the command line and returns the exit code.</summary>
    public static int Main(string[] args) => args.Length == 0 ? 2 : 1;
}
