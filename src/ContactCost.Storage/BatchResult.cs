namespace ContactCost.Storage;

/// <summary>What happened to one item (interaction or usage record) of a batch.</summary>
public enum WriteOutcome
{
    /// <summary>Stored.</summary>
    Added,

    /// <summary>Already stored with the same content; nothing changed.</summary>
    Duplicate,

    /// <summary>An item with the same id but different content is stored; it was kept and this one refused.</summary>
    Conflict,
}

/// <summary>The outcome of each item of a batch, in batch order.</summary>
/// <param name="Outcomes">One outcome per item of the batch.</param>
public sealed record BatchResult(IReadOnlyList<WriteOutcome> Outcomes)
{
    /// <summary>How many were stored.</summary>
    public int Added => Outcomes.Count(o => o == WriteOutcome.Added);

    /// <summary>How many were already stored unchanged.</summary>
    public int Duplicates => Outcomes.Count(o => o == WriteOutcome.Duplicate);

    /// <summary>How many were refused because the id is stored with other content.</summary>
    public int Conflicts => Outcomes.Count(o => o == WriteOutcome.Conflict);
}
