using System.Globalization;
using ContactCost.Episodes;
using ContactCost.Formats.Csv;

namespace ContactCost.Formats.Reports;

/// <summary>
/// A report's rows as CSV for spreadsheets: one row per channel, queue, agent or day, amounts in
/// the report's currency. The rows add up to the total; no total row is written, so a sum of the
/// column is the total.
/// </summary>
public static class ReportCsv
{
    /// <summary>Writes the rows of <paramref name="by"/> (channel, queue, agent or day); for episodes use <see cref="EpisodeCsvWriter"/>.</summary>
    public static void Write(TextWriter writer, ReportDocument document, ReportGrouping by)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(document);
        var line = new CsvLineBuilder();
        if (by == ReportGrouping.Channel)
        {
            writer.Write("channel,contacts,handled,abandoned,aht_s,asa_s,usage,labour,fixed,cost,cost_per_contact,currency\n");
            foreach (var c in document.Channels)
            {
                line.Add(c.Channel);
                line.Add(c.Contacts);
                line.Add(c.Handled);
                line.Add(c.Abandoned);
                line.Add(c.AverageHandleSeconds);
                line.Add(c.AverageSpeedOfAnswerSeconds);
                line.Add(c.Usage);
                line.Add(c.Labour);
                line.Add(c.Fixed);
                line.Add(c.Cost);
                line.Add(c.CostPerContact);
                line.Add(document.Currency);
                line.WriteLine(writer);
            }

            return;
        }

        var rows = by switch
        {
            ReportGrouping.Queue => document.ByQueue,
            ReportGrouping.Group => document.ByAgentGroup,
            ReportGrouping.Agent => document.ByAgent,
            ReportGrouping.Day => document.ByDay,
            _ => throw new ArgumentOutOfRangeException(nameof(by), by, "Episodes are written one per row by EpisodeCsvWriter while they are costed."),
        };
        writer.Write(by.ToString().ToLowerInvariant() + ",contacts,handled,abandoned,aht_s,usage,labour,shared,cost,cost_per_contact,currency\n");
        foreach (var g in rows)
        {
            line.Add(g.Key);
            line.Add(g.Contacts);
            line.Add(g.Handled);
            line.Add(g.Abandoned);
            line.Add(g.AverageHandleSeconds);
            line.Add(g.Usage);
            line.Add(g.Labour);
            line.Add(g.Shared);
            line.Add(g.Cost);
            line.Add(g.CostPerContact);
            line.Add(document.Currency);
            line.WriteLine(writer);
        }
    }
}

/// <summary>
/// Writes episodes as CSV while a report costs them, one row each (first interaction id, customer,
/// start, end, path, contacts, switches, resolved, cost), so millions of episodes never sit in memory.
/// </summary>
public sealed class EpisodeCsvWriter : IDisposable
{
    private readonly TextWriter writer;
    private readonly CsvLineBuilder line = new();
    private decimal written;

    /// <summary>Writes the header to <paramref name="writer"/>, which this object then owns.</summary>
    public EpisodeCsvWriter(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        this.writer = writer;
        writer.Write("episode,customer,start,end,path,contacts,switches,resolved,cost\n");
    }

    /// <summary>Writes one episode.</summary>
    public void Write(Episode episode)
    {
        ArgumentNullException.ThrowIfNull(episode);
        line.Add(episode.Id);
        line.Add(episode.Customer);
        line.Add(episode.Start.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        line.Add(episode.End.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        line.Add(episode.Path);
        line.Add(episode.Contacts);
        line.Add(episode.Switches);
        line.Add(episode.Resolved ? "true" : "false");
        line.Add(episode.Cost.Amount);
        line.WriteLine(writer);
        written += episode.Cost.Amount;
    }

    /// <summary>Checks that the rows written add up to the report's episode cost, then flushes.</summary>
    /// <exception cref="InvalidOperationException">They do not: an episode was lost or written twice.</exception>
    public void Finish(ReportDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (written != document.Episodes.Cost)
            throw new InvalidOperationException($"The episode rows add up to {written}, not the report's {document.Episodes.Cost}.");
        writer.Flush();
    }

    /// <summary>Closes the writer.</summary>
    public void Dispose() => writer.Dispose();
}
