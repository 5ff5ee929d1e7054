using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace ContactCost.Tests.Postgres;

/// <summary>
/// A throwaway PostgreSQL server of the tests' own: initdb in a temp folder, pg_ctl on a free
/// loopback port with its socket in that folder, one database per test, and on dispose an
/// immediate stop and the folder deleted. Nothing outside the folder is touched.
/// </summary>
/// <remarks>
/// <para>The binaries are found on PATH, else in the newest /usr/lib/postgresql/*/bin (Debian's
/// postgresql package), or in the folder PG_BIN names. With none, <see cref="MissingReason"/>
/// says so and the PostgreSQL tests report themselves skipped with it.</para>
/// <para>initdb and postgres refuse to run as root. When the tests run as root (as CI does), the
/// folder is made under /tmp (which every user can traverse, unlike a root-only TMPDIR), handed
/// to the <c>postgres</c> user that Debian's package creates (or <c>nobody</c>) with chown, and
/// initdb, pg_ctl start and pg_ctl stop run through <c>runuser -u postgres --</c>. The server
/// trusts connections on 127.0.0.1 only, and only for as long as the tests run.</para>
/// </remarks>
public sealed class PostgresServer : IAsyncLifetime
{
    private static readonly string? BinDirectory = FindBinDirectory();
    private readonly string? runAs = Environment.IsPrivilegedProcess ? ServiceUser() : null;
    private string folder = "";

    /// <summary>Why the PostgreSQL tests cannot run here, or null when they can.</summary>
    public static string? MissingReason => BinDirectory is null
        ? "PostgreSQL is not installed: no initdb on PATH, in /usr/lib/postgresql/*/bin or in $PG_BIN (Debian: apt-get install postgresql)."
        : null;

    /// <summary>The loopback port the server listens on.</summary>
    public int Port { get; private set; }

    private string DataDirectory => Path.Combine(folder, "data");

    public async Task InitializeAsync()
    {
        if (BinDirectory is null)
            return;
        folder = runAs is null
            ? Directory.CreateTempSubdirectory("ccost-pg-").FullName
            : Directory.CreateDirectory(Path.Combine("/tmp", "ccost-pg-" + Guid.NewGuid().ToString("N")[..12])).FullName;
        if (runAs is not null)
            await RunAsync("chown", [$"{runAs}:", folder]);

        Port = FreePort();
        await RunPostgresToolAsync("initdb", ["-D", DataDirectory, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--no-locale", "--no-sync"]);
        // fsync off: a test server never needs to survive a machine crash, and it is much faster.
        await RunPostgresToolAsync("pg_ctl", [
            "start", "-w", "-t", "60", "-D", DataDirectory, "-l", Path.Combine(folder, "server.log"),
            "-o", $"-p {Port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"]);
    }

    public async Task DisposeAsync()
    {
        if (BinDirectory is null || folder.Length == 0)
            return;
        try
        {
            await RunPostgresToolAsync("pg_ctl", ["stop", "-m", "immediate", "-w", "-D", DataDirectory]);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Creates an empty database and returns a connection string for it.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "ccost_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(ConnectionString("postgres") + ";Pooling=false"))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }

        return ConnectionString(name);
    }

    /// <summary>A connection string for a database of this server.</summary>
    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = "postgres", Database = database, IncludeErrorDetail = true }.ConnectionString;

    private Task RunPostgresToolAsync(string tool, IReadOnlyList<string> arguments)
    {
        var path = Path.Combine(BinDirectory!, tool);
        return runAs is null ? RunAsync(path, arguments) : RunAsync("runuser", ["-u", runAs, "--", path, .. arguments]);
    }

    private async Task RunAsync(string file, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = folder,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            var log = Path.Combine(folder, "server.log");
            throw new InvalidOperationException(
                $"'{file} {string.Join(' ', arguments)}' exited with {process.ExitCode}:\n{await output}\n{await errors}"
                + (File.Exists(log) ? "\nserver.log:\n" + await File.ReadAllTextAsync(log) : ""));
        }
    }

    private static string? FindBinDirectory()
    {
        if (Environment.GetEnvironmentVariable("PG_BIN") is { Length: > 0 } configured && File.Exists(Path.Combine(configured, "initdb")))
            return configured;
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var initdb = new FileInfo(Path.Combine(directory, "initdb"));
            if (initdb.Exists)
                return Path.GetDirectoryName(initdb.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? initdb.FullName);
        }

        return Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "initdb")))
                .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var major) ? major : 0)
                .FirstOrDefault()
            : null;
    }

    // Debian's package creates the postgres user; without it, nobody can own a data folder too.
    private static string ServiceUser() =>
        File.ReadLines("/etc/passwd").Any(line => line.StartsWith("postgres:", StringComparison.Ordinal)) ? "postgres" : "nobody";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>Every PostgreSQL test class shares one server.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "PostgreSQL";
}

/// <summary>A test that needs PostgreSQL: skipped, with the reason, where none is installed.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    /// <summary>Sets the skip reason when PostgreSQL is missing.</summary>
    public PostgresFactAttribute() => Skip = PostgresServer.MissingReason;
}

/// <summary>Marks a contract test class whose store is PostgreSQL: its contract tests are skipped where none is installed.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RequiresPostgresAttribute : Contract.StoreAvailabilityAttribute
{
    /// <inheritdoc />
    public override string? SkipReason => PostgresServer.MissingReason;
}
