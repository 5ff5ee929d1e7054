using ContactCost.Cli;
using ContactCost.Cli.Output;

namespace ContactCost.Tests;

/// <summary>Runs <c>ccost</c> in-process with captured output, as a script would see it.</summary>
internal static class Ccost
{
    public sealed record Result(int ExitCode, string Out, string Error)
    {
        public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
    }

    public static Task<Result> RunAsync(params string[] args) => RunAtAsync(null, args);

    /// <summary>Runs with the clock stopped at <paramref name="now"/> (the system clock when null).</summary>
    public static async Task<Result> RunAtAsync(DateTimeOffset? now, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await Cli.Cli.RunAsync(args, new Terminal(output, error, interactive: false, now is { } n ? new FixedClock(n) : null));
        return new Result(exit, output.ToString(), error.ToString());
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}

/// <summary>A temporary folder for one test's files, deleted afterwards.</summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("ccost-cli-").FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
