namespace ContactCost.Formats.Sources;

/// <summary>Passes each kind of warning on once per file, so a file of a million guessed dates says so once.</summary>
internal sealed class SourceWarnings(SourceOptions options)
{
    private readonly HashSet<string> given = [];

    public SourceOptions Options { get; } = options;

    public void Once(string kind, string message)
    {
        if (Options.Warn is { } warn && given.Add(kind))
            warn(message + " (said once per file)");
    }
}
