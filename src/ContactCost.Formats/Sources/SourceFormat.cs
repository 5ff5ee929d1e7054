namespace ContactCost.Formats.Sources;

/// <summary>The file formats <c>ccost import</c> reads.</summary>
public enum SourceFormat
{
    /// <summary>Canonical interaction CSV.</summary>
    Canonical,

    /// <summary>Usage-record CSV.</summary>
    Usage,

    /// <summary>Asterisk cdr-csv Master.csv.</summary>
    Asterisk,

    /// <summary>Asterisk queue_log on its own.</summary>
    AsteriskQueueLog,

    /// <summary>FreeSWITCH mod_cdr_csv.</summary>
    FreeSwitch,

    /// <summary>Amazon Connect contact trace records.</summary>
    Connect,

    /// <summary>Twilio calls and messages.</summary>
    Twilio,

    /// <summary>Zendesk tickets.</summary>
    Zendesk,
}

/// <summary>The names formats have on the command line and in messages.</summary>
public static class SourceFormatNames
{
    private static readonly string[] Names = ["canonical", "usage", "asterisk", "asterisk-queue-log", "freeswitch", "connect", "twilio", "zendesk"];

    private static readonly string[] Descriptions =
    [
        "canonical interactions", "usage records", "Asterisk Master.csv call records", "an Asterisk queue_log",
        "FreeSWITCH cdr_csv call records", "Amazon Connect contact records", "Twilio calls and messages", "Zendesk tickets",
    ];

    /// <summary>Every format's command-line name.</summary>
    public static IReadOnlyList<string> All => Names;

    /// <summary>The format's command-line name (<c>asterisk-queue-log</c>).</summary>
    public static string Name(this SourceFormat format) => Names[(int)format];

    /// <summary>What the format holds, for messages (<c>Amazon Connect contact records</c>).</summary>
    public static string Description(this SourceFormat format) => Descriptions[(int)format];

    /// <summary>True for formats whose times carry no offset, so the time zone matters.</summary>
    public static bool HasLocalTimes(this SourceFormat format) => format is SourceFormat.Asterisk or SourceFormat.FreeSwitch;

    /// <summary>Reads a command-line name, ignoring case.</summary>
    public static bool TryParse(string? name, out SourceFormat format)
    {
        var index = Array.FindIndex(Names, n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
        format = (SourceFormat)Math.Max(index, 0);
        return index >= 0;
    }
}
