using System.Diagnostics;

namespace ContactCost.Tests;

/// <summary>The real executable: the exit codes a shell script sees.</summary>
public sealed class ProcessTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task Import_WithARejectedRow_ExitsWith3_FromTheRealProcess()
    {
        var csv = folder.File("calls.csv");
        await File.WriteAllTextAsync(csv, "id,channel,start\nok,voice,2026-10-01T09:00:00Z\nbad,fax,2026-10-01T09:00:00Z\n");
        var (exit, stdout, stderr) = await RunAsync("import", csv, "--db", folder.File("c.db"));
        Assert.True(exit == 3, $"exit {exit}\n{stdout}\n{stderr}");
        Assert.Contains("1 records of calls.csv were refused", stderr);
    }

    [Fact]
    public async Task BadUsage_ExitsWith2_FromTheRealProcess()
    {
        var (exit, _, stderr) = await RunAsync("report", "--no-such-option");
        Assert.Equal(2, exit);
        Assert.Contains("--no-such-option", stderr);
    }

    private static async Task<(int Exit, string Out, string Error)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ccost.dll"));
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout, await stderr);
    }
}
