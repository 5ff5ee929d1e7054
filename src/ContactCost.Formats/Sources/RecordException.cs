namespace ContactCost.Formats.Sources;

/// <summary>One field of one source record is unusable; becomes a rejection naming the field, the value and the reason.</summary>
internal sealed class RecordException(string field, string value, string reason) : Exception(reason)
{
    public string Field { get; } = field;

    public string Value { get; } = value;
}
