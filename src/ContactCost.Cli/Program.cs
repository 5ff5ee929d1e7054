using ContactCost.Cli.Output;

namespace ContactCost.Cli;

/// <summary>The entry point of <c>ccost</c>.</summary>
public static class Program
{
    /// <summary>Runs the command line and returns the exit code.</summary>
    public static async Task<int> Main(string[] args)
    {
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            // First Ctrl+C asks the command to stop between batches; a second one kills the process.
            e.Cancel = !cancel.IsCancellationRequested;
            cancel.Cancel();
        };
        return await Cli.RunAsync(args, Terminal.ForProcess(), cancel.Token).ConfigureAwait(false);
    }
}
