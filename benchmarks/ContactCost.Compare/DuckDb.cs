using System.Diagnostics;
using DuckDB.NET.Data;

namespace ContactCost.Compare;

/// <summary>A timed step run in DuckDB, in this process, with the peak memory this process reached meanwhile.</summary>
internal sealed record InProcessRun(double Seconds, long? PeakBytes);

/// <summary>The DuckDB baselines: the pricing query over read_csv, and loading the file into a table.</summary>
internal static class DuckDb
{
    /// <summary>The engine's version, e.g. <c>v1.4.2</c>, for the record of a run.</summary>
    public static string Version()
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT version()";
        return (string)command.ExecuteScalar()!;
    }

    /// <summary>Runs <paramref name="sql"/> (from <see cref="PricingSql"/>) in a fresh in-memory database.</summary>
    public static (InProcessRun Run, ReportedUsage Usage) UsageByChannel(string sql, int minorDigits)
    {
        var usage = new Dictionary<string, decimal>(StringComparer.Ordinal);
        long contacts = 0;
        var run = Timed(":memory:", connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                usage[reader.GetString(0)] = reader.GetInt64(2) / Scale(minorDigits);
                contacts += reader.GetInt64(1);
            }
        });
        return (run, new ReportedUsage(usage, contacts));
    }

    /// <summary><c>CREATE TABLE t AS SELECT * FROM read_csv(F)</c> into a fresh database file; returns the rows loaded.</summary>
    public static (InProcessRun Run, long Rows) Import(string csv, string database)
    {
        long rows = 0;
        var run = Timed(database, connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"CREATE TABLE t AS SELECT * FROM read_csv('{csv.Replace("'", "''", StringComparison.Ordinal)}')";
            command.ExecuteNonQuery();
            command.CommandText = "SELECT count(*) FROM t";
            rows = Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        });
        return (run, rows);
    }

    // Opening the database is part of the time, as starting ccost is part of its.
    private static InProcessRun Timed(string database, Action<DuckDBConnection> work)
    {
        PeakMemory.ResetSelf();
        var watch = Stopwatch.StartNew();
        using (var connection = new DuckDBConnection($"DataSource={database}"))
        {
            connection.Open();
            work(connection);
        }

        watch.Stop();
        return new InProcessRun(watch.Elapsed.TotalSeconds, PeakMemory.OfSelf());
    }

    private static decimal Scale(int digits) => digits == 0 ? 1m : 10m * Scale(digits - 1);
}
