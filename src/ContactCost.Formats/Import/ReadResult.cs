using ContactCost.Interactions;

namespace ContactCost.Formats.Import;

/// <summary>What a reader made of one source record: an interaction, or the reason it was rejected.</summary>
public readonly struct ReadResult
{
    private ReadResult(Interaction? interaction, Rejection? rejection, long line)
    {
        Interaction = interaction;
        Rejection = rejection;
        Line = line;
    }

    /// <summary>The 1-based line where the record starts (0 when the reader does not know).</summary>
    public long Line { get; }

    /// <summary>The interaction read, when the record was good.</summary>
    public Interaction? Interaction { get; }

    /// <summary>Why the record was refused, when it was bad.</summary>
    public Rejection? Rejection { get; }

    /// <summary>A good record.</summary>
    public static ReadResult Accepted(Interaction interaction, long line = 0) =>
        new(interaction ?? throw new ArgumentNullException(nameof(interaction)), null, line);

    /// <summary>A refused record.</summary>
    public static ReadResult Rejected(Rejection rejection) =>
        new(null, rejection ?? throw new ArgumentNullException(nameof(rejection)), rejection.Line);
}
