namespace ContactCost.Formats.Canonical;

/// <summary>The columns of the canonical interaction CSV, in the order the writer puts them.</summary>
internal enum CanonicalColumn
{
    Id,
    Channel,
    Direction,
    Customer,
    Start,
    End,
    WaitSeconds,
    TalkSeconds,
    HoldSeconds,
    WrapSeconds,
    Queue,
    Agent,
    Units,
    Destination,
    Resolved,
}

/// <summary>The names of the canonical columns as they appear in a header.</summary>
internal static class CanonicalColumns
{
    private static readonly string[] Names =
        ["id", "channel", "direction", "customer", "start", "end", "wait_s", "talk_s", "hold_s", "wrap_s", "queue", "agent", "units", "destination", "resolved"];

    /// <summary>How many canonical columns there are.</summary>
    public const int Count = 15;

    /// <summary>The columns a file must have.</summary>
    public static readonly CanonicalColumn[] Required = [CanonicalColumn.Id, CanonicalColumn.Channel, CanonicalColumn.Start];

    /// <summary>Every canonical name, in writing order.</summary>
    public static IReadOnlyList<string> All => Names;

    public static string Name(this CanonicalColumn column) => Names[(int)column];

    /// <summary>Finds the canonical column a header name means, ignoring case.</summary>
    public static bool TryFind(string headerName, out CanonicalColumn column)
    {
        for (var i = 0; i < Names.Length; i++)
        {
            if (string.Equals(Names[i], headerName, StringComparison.OrdinalIgnoreCase))
            {
                column = (CanonicalColumn)i;
                return true;
            }
        }

        column = default;
        return false;
    }
}
