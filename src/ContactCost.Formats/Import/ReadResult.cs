namespace ContactCost.Formats.Import;

/// <summary>What a reader made of one source record: an item (an interaction, a usage record), or the reason it was rejected.</summary>
/// <typeparam name="T">What the reader reads.</typeparam>
public readonly struct ReadResult<T>
    where T : class
{
    internal ReadResult(T? item, Rejection? rejection, long line)
    {
        Item = item;
        Rejection = rejection;
        Line = line;
    }

    /// <summary>The item read, when the record was good.</summary>
    public T? Item { get; }

    /// <summary>Why the record was refused, when it was bad.</summary>
    public Rejection? Rejection { get; }

    /// <summary>The 1-based line where the record starts (0 when the reader does not know).</summary>
    public long Line { get; }
}

/// <summary>Creates <see cref="ReadResult{T}"/>s.</summary>
public static class ReadResult
{
    /// <summary>A good record, read from <paramref name="line"/>.</summary>
    public static ReadResult<T> Accepted<T>(T item, long line = 0)
        where T : class =>
        new(item ?? throw new ArgumentNullException(nameof(item)), null, line);

    /// <summary>A refused record.</summary>
    public static ReadResult<T> Rejected<T>(Rejection rejection)
        where T : class =>
        new(null, rejection ?? throw new ArgumentNullException(nameof(rejection)), rejection.Line);
}
