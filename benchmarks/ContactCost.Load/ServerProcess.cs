using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using ContactCost.Compare;

namespace ContactCost.Load;

/// <summary>A <c>ccost serve</c> child process on a free loopback port, stopped when disposed.</summary>
internal sealed class ServerProcess : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder errors = new();

    private ServerProcess(Process process, Uri address)
    {
        this.process = process;
        Address = address;
    }

    /// <summary>Where the server answers.</summary>
    public Uri Address { get; }

    /// <summary>The server's peak resident memory so far, or null once it has gone.</summary>
    public long? PeakBytes => PeakMemory.Of(process.Id);

    /// <summary>Starts <c>ccost serve --db <paramref name="database"/></c> with <paramref name="adminKey"/> and waits until /health answers.</summary>
    public static async Task<ServerProcess> StartAsync(string dll, string database, string adminKey)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { dll, "serve", "--urls", address.ToString().TrimEnd('/'), "--db", database })
            start.ArgumentList.Add(argument);
        start.Environment["CCOST_ADMIN_KEY"] = adminKey;

        var server = new ServerProcess(Process.Start(start) ?? throw new InvalidOperationException("Could not start ccost serve."), address);
        server.process.OutputDataReceived += (_, _) => { };
        server.process.ErrorDataReceived += (_, e) =>
        {
            lock (server.errors)
                server.errors.AppendLine(e.Data);
        };
        server.process.BeginOutputReadLine();
        server.process.BeginErrorReadLine();

        using var probe = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (server.process.HasExited)
                break;
            try
            {
                if ((await probe.GetAsync("/health").ConfigureAwait(false)).IsSuccessStatusCode)
                    return server;
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100).ConfigureAwait(false);
        }

        var why = server.Errors;
        server.Dispose();
        throw new InvalidOperationException($"ccost serve did not answer /health on {address} within 30 s.\n{why}");
    }

    /// <summary>What the server wrote to its standard error.</summary>
    public string Errors
    {
        get
        {
            lock (errors)
                return errors.ToString();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (!process.HasExited)
            process.Kill(entireProcessTree: true);
        process.WaitForExit();
        process.Dispose();
    }

    // Asks the kernel for a free port; the small race until the server binds it is harmless here.
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
