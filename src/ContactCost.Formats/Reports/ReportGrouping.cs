namespace ContactCost.Formats.Reports;

/// <summary>What the rows of a report are: channels, queues, agent groups, agents, local days or episodes.</summary>
public enum ReportGrouping
{
    /// <summary>One row per channel.</summary>
    Channel,

    /// <summary>One row per queue.</summary>
    Queue,

    /// <summary>One row per agent group of the cost model.</summary>
    Group,

    /// <summary>One row per agent.</summary>
    Agent,

    /// <summary>One row per local day.</summary>
    Day,

    /// <summary>Episodes: their figures and channel paths (as CSV, one row per episode).</summary>
    Episode,
}

/// <summary>The file kinds a report is written as.</summary>
public enum ReportFormat
{
    /// <summary>Tables for a terminal.</summary>
    Table,

    /// <summary>CSV rows of the chosen grouping, for spreadsheets.</summary>
    Csv,

    /// <summary>The whole <see cref="ReportDocument"/> as JSON.</summary>
    Json,

    /// <summary>One self-contained HTML page with SVG charts.</summary>
    Html,
}
