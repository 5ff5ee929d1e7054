using System.Globalization;

namespace ContactCost.Compare;

/// <summary>The sqlite3 command-line shell's <c>.import</c>, the way a user loads a CSV into SQLite.</summary>
internal static class Sqlite3
{
    public const string Program = "/usr/bin/sqlite3";

    /// <summary>The shell's version, e.g. <c>3.40.1</c>.</summary>
    public static string Version() => ChildProcess.Run(Program, ["--version"]).StandardOutput.Split(' ')[0];

    /// <summary>Imports <paramref name="csv"/> into a new table of a fresh database; returns the run and the rows loaded.</summary>
    public static (ChildRun Run, long Rows) Import(string csv, string database)
    {
        // The header row names the columns of the new table, as .import does for a table that does not exist yet.
        var run = ChildProcess.Run(Program, [database], $".mode csv\n.import '{csv}' interactions\n");
        if (run.ExitCode != 0 || run.StandardError.Length > 0)
            throw new InvalidOperationException($"sqlite3 .import failed ({run.ExitCode}):\n{run.StandardError}");
        var count = ChildProcess.Run(Program, [database, "SELECT count(*) FROM interactions"]);
        return (run, long.Parse(count.StandardOutput.Trim(), CultureInfo.InvariantCulture));
    }
}
