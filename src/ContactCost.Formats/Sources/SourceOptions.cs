namespace ContactCost.Formats.Sources;

/// <summary>How to read a source whose records do not say everything: the time zone of local times, custom columns, where warnings go.</summary>
public sealed record SourceOptions
{
    /// <summary>The zone of timestamps written without an offset (Asterisk, FreeSWITCH, spreadsheet exports). Default: UTC.</summary>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;

    /// <summary>The column names of a headerless file with a custom layout (a FreeSWITCH template); null means the format's default.</summary>
    public IReadOnlyList<string>? Columns { get; init; }

    /// <summary>Receives warnings about values accepted with a guess (each kind once per file); null ignores them.</summary>
    public Action<string>? Warn { get; init; }

    /// <summary>UTC, the default columns, no warnings.</summary>
    public static SourceOptions Default { get; } = new();
}
