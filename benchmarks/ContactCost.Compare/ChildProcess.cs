using System.Diagnostics;
using System.Text;

namespace ContactCost.Compare;

/// <summary>What one child process did: its exit code, output, wall time and peak memory.</summary>
internal sealed record ChildRun(int ExitCode, string StandardOutput, string StandardError, double Seconds, long? PeakBytes);

/// <summary>Runs a program as a child process, timing it and polling its peak memory.</summary>
internal static class ChildProcess
{
    // VmHWM only grows, so the last value read before the exit is the peak to within one poll.
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(20);

    public static ChildRun Run(string program, IEnumerable<string> arguments, string? standardInput = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = standardInput is not null,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);

        var output = new StringBuilder();
        var errors = new StringBuilder();
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(errors, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (standardInput is not null)
        {
            process.StandardInput.Write(standardInput);
            process.StandardInput.Close();
        }

        long? peak = null;
        while (!process.WaitForExit(PollEvery))
            peak = PeakMemory.Of(process.Id) ?? peak;
        watch.Stop();
        process.WaitForExit(); // drains the redirected output
        return new ChildRun(process.ExitCode, output.ToString(), errors.ToString(), watch.Elapsed.TotalSeconds, peak);
    }

    private static void Append(StringBuilder target, string? line)
    {
        if (line is null)
            return;
        lock (target)
            target.AppendLine(line);
    }
}
