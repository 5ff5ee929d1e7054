namespace ContactCost.Compare;

/// <summary>ccost and DuckDB disagree: no timing may be printed.</summary>
internal sealed class MismatchException(string message) : Exception(message);

/// <summary>The proof that the SQL prices like ccost: every channel and the total equal to the cent.</summary>
internal static class CentCheck
{
    /// <summary>Throws <see cref="MismatchException"/> naming each channel (and the total) whose figures differ.</summary>
    public static void Require(ReportedUsage ccost, ReportedUsage duckDb)
    {
        var problems = new List<string>();
        if (ccost.Contacts != duckDb.Contacts)
            problems.Add($"contacts in the period: ccost {ccost.Contacts:N0}, DuckDB {duckDb.Contacts:N0}");
        foreach (var channel in ccost.ByChannel.Keys.Union(duckDb.ByChannel.Keys).Order(StringComparer.Ordinal))
        {
            var ours = ccost.ByChannel.GetValueOrDefault(channel);
            var theirs = duckDb.ByChannel.GetValueOrDefault(channel);
            if (ours != theirs)
                problems.Add($"channel {channel}: ccost usage {ours:N2}, DuckDB {theirs:N2} (difference {ours - theirs:N2})");
        }

        if (ccost.Total != duckDb.Total)
            problems.Add($"total usage: ccost {ccost.Total:N2}, DuckDB {duckDb.Total:N2}");
        if (problems.Count > 0)
            throw new MismatchException("ccost and DuckDB disagree, so no timing is printed:\n  " + string.Join("\n  ", problems));
    }
}
