using System.Text.Json;
using System.Text.Json.Serialization;
using ContactCost.Costing;
using ContactCost.Episodes;
using ContactCost.Interactions;

namespace ContactCost.Formats.Reports;

/// <summary>
/// A cost report as one document: the figures every output (JSON, CSV, HTML, the server) shows,
/// in the report's currency, amounts rounded to its minor unit. This is the JSON contract scripts read.
/// </summary>
public sealed record ReportDocument(
    string Period,
    DateTimeOffset From,
    DateTimeOffset To,
    string TimeZone,
    string Currency,
    decimal TotalCost,
    long Contacts,
    decimal CostPerContact,
    long Handled,
    long Abandoned,
    long Unrated,
    decimal Unallocated,
    ReportKpis Kpis,
    IReadOnlyList<ReportChannel> Channels,
    IReadOnlyList<ReportCostLine> Breakdown,
    IReadOnlyList<ReportGroup> ByQueue,
    IReadOnlyList<ReportGroup> ByAgentGroup,
    IReadOnlyList<ReportGroup> ByAgent,
    IReadOnlyList<ReportGroup> ByDay,
    ReportEpisodes Episodes,
    ReportComparison? Comparison)
{
    /// <summary>How many channel paths the document lists.</summary>
    public const int PathCount = 12;

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The document of <paramref name="analysis"/>, compared with <paramref name="comparison"/>'s baseline when given.</summary>
    public static ReportDocument Of(CostAnalysis analysis, CostComparison? comparison = null)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        var report = analysis.Report;
        var zone = TimeZoneInfo.FindSystemTimeZoneById(report.TimeZone);
        var episodes = analysis.Episodes;
        return new ReportDocument(
            report.Period.ToString(),
            report.Period.StartUtc(zone),
            report.Period.EndUtc(zone),
            report.TimeZone,
            report.Currency.Code,
            report.TotalCost.Amount,
            report.Contacts,
            report.CostPerContact.Amount,
            report.Handled,
            report.Abandoned,
            report.Unrated,
            report.Unallocated.Amount,
            ReportKpis.Of(report, analysis.Occupancy),
            report.Channels.Select(ReportChannel.Of).ToArray(),
            report.Breakdown.Select(l => new ReportCostLine(l.Category, l.Name, l.Amount.Amount)).ToArray(),
            analysis.ByQueue.Select(ReportGroup.Of).ToArray(),
            analysis.ByAgentGroup.Select(ReportGroup.Of).ToArray(),
            analysis.ByAgent.Select(ReportGroup.Of).ToArray(),
            analysis.ByDay.Select(ReportGroup.Of).ToArray(),
            new ReportEpisodes(
                episodes.Episodes, episodes.Contacts, episodes.Resolved, episodes.Cost.Amount, episodes.CostPerEpisode.Amount,
                episodes.CostPerResolution.Amount, episodes.ContactsPerEpisode, episodes.ExtraCostPerSwitch.Amount,
                episodes.SelfServiceContainment, episodes.FirstContactResolution,
                episodes.TopPaths(PathCount).Select(p => new ReportPath(p.Path, p.Episodes, p.AverageCost.Amount)).ToArray()),
            comparison is null ? null : ReportComparison.Of(comparison));
    }

    /// <summary>The document as indented JSON, camelCase names, enums in kebab-case.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Options);

    /// <summary>Reads a document written by <see cref="ToJson"/> (for tests and clients).</summary>
    public static ReportDocument FromJson(string json) =>
        JsonSerializer.Deserialize<ReportDocument>(json, Options) ?? throw new JsonException("The report JSON is null.");
}

/// <summary>The period's figures beyond cost: handle time, answer speed, abandonment, occupancy.</summary>
/// <param name="CostPerHandleMinute">Total cost / minutes of handle time.</param>
/// <param name="AverageHandleSeconds">Average handle time of the handled interactions.</param>
/// <param name="AverageSpeedOfAnswerSeconds">Average queue wait of the handled inbound contacts.</param>
/// <param name="AbandonmentRate">Abandoned / offered on the live channels (0..1).</param>
/// <param name="Occupancy">Handle time over staffed hours (0..1), when the cost model gives staffed hours.</param>
public sealed record ReportKpis(decimal CostPerHandleMinute, decimal AverageHandleSeconds, decimal AverageSpeedOfAnswerSeconds, decimal AbandonmentRate, decimal? Occupancy)
{
    internal static ReportKpis Of(CostReport report, decimal? occupancy) =>
        new(report.CostPerHandleMinute.Amount, report.AverageHandleSeconds, report.AverageSpeedOfAnswerSeconds, report.AbandonmentRate, occupancy);
}

/// <summary>One channel of the report.</summary>
public sealed record ReportChannel(
    string Channel,
    long Contacts,
    long Handled,
    long Abandoned,
    decimal Cost,
    decimal CostPerContact,
    decimal AverageHandleSeconds,
    decimal AverageSpeedOfAnswerSeconds,
    decimal Usage,
    decimal Labour,
    decimal Fixed)
{
    internal static ReportChannel Of(ChannelCost c) => new(
        c.Channel.Name(), c.Activity.Contacts, c.Activity.Handled, c.Activity.Abandoned, c.Cost.Amount, c.CostPerContact.Amount,
        c.Activity.AverageHandleSeconds, c.Activity.AverageSpeedOfAnswerSeconds, c.Usage.Amount, c.Labour.Amount, c.Fixed.Amount);
}

/// <summary>One pool of cost: its kind, its name and its amount for the period.</summary>
public sealed record ReportCostLine(CostCategory Category, string Name, decimal Amount);

/// <summary>One queue, agent or day: activity and the cost shared to it.</summary>
public sealed record ReportGroup(
    string Key,
    long Contacts,
    long Handled,
    long Abandoned,
    decimal AverageHandleSeconds,
    decimal Usage,
    decimal Labour,
    decimal Shared,
    decimal Cost,
    decimal CostPerContact)
{
    internal static ReportGroup Of(GroupCost g) => new(
        g.Key, g.Contacts, g.Handled, g.Abandoned, g.AverageHandleSeconds, g.Usage.Amount, g.Labour.Amount, g.Shared.Amount, g.Cost.Amount, g.CostPerContact.Amount);
}

/// <summary>The period's episodes: what a resolved need costs and how customers move between channels.</summary>
public sealed record ReportEpisodes(
    long Episodes,
    long Contacts,
    long Resolved,
    decimal Cost,
    decimal CostPerEpisode,
    decimal CostPerResolution,
    decimal ContactsPerEpisode,
    decimal ExtraCostPerSwitch,
    decimal SelfServiceContainment,
    decimal FirstContactResolution,
    IReadOnlyList<ReportPath> Paths);

/// <summary>A channel path (<c>selfservice &gt; chat &gt; voice</c>), how many episodes took it and their average cost.</summary>
public sealed record ReportPath(string Path, long Episodes, decimal AverageCost);

/// <summary>The report against a baseline period: the change in cost split by cause, and each figure then and now.</summary>
public sealed record ReportComparison(
    string Baseline,
    decimal BaselineTotalCost,
    long BaselineContacts,
    decimal BaselineCostPerContact,
    ReportKpis BaselineKpis,
    decimal CostChange,
    ReportEffects Effects,
    IReadOnlyList<ReportChannelChange> Channels)
{
    internal static ReportComparison Of(CostComparison c) => new(
        c.Baseline.Period.ToString(),
        c.Baseline.TotalCost.Amount,
        c.Baseline.Contacts,
        c.Baseline.CostPerContact.Amount,
        ReportKpis.Of(c.Baseline, null),
        c.CostChange.Amount,
        new ReportEffects(c.Effects.Volume.Amount, c.Effects.Mix.Amount, c.Effects.HandleTime.Amount, c.Effects.Price.Amount),
        c.Channels.Select(ch => new ReportChannelChange(
            ch.Channel.Name(),
            ch.Current?.Activity.Contacts ?? 0, ch.Baseline?.Activity.Contacts ?? 0,
            ch.Current?.Cost.Amount ?? 0m, ch.Baseline?.Cost.Amount ?? 0m,
            ch.Current?.CostPerContact.Amount, ch.Baseline?.CostPerContact.Amount,
            ch.Current?.Activity.AverageHandleSeconds, ch.Baseline?.Activity.AverageHandleSeconds)).ToArray());
}

/// <summary>The change in total cost by cause; the four add up to the change to the cent.</summary>
public sealed record ReportEffects(decimal Volume, decimal Mix, decimal HandleTime, decimal Price);

/// <summary>One channel now and in the baseline (cost per contact and AHT absent when it had no contacts).</summary>
public sealed record ReportChannelChange(
    string Channel,
    long Contacts,
    long BaselineContacts,
    decimal Cost,
    decimal BaselineCost,
    decimal? CostPerContact,
    decimal? BaselineCostPerContact,
    decimal? AverageHandleSeconds,
    decimal? BaselineAverageHandleSeconds);
