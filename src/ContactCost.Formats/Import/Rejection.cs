namespace ContactCost.Formats.Import;

/// <summary>
/// A record a reader could not accept, with everything a person needs to fix it: the file, the
/// line the record starts on, the field, the value found and why it was refused.
/// </summary>
/// <param name="File">The file name (or another source name) the record came from.</param>
/// <param name="Line">The 1-based physical line where the record starts.</param>
/// <param name="Field">The column or JSON property at fault; empty when the whole record is.</param>
/// <param name="Value">The offending value as found in the source.</param>
/// <param name="Reason">What is wrong and, where it helps, what was expected.</param>
/// <param name="Record">The record's raw text, so the quarantine file keeps what was refused.</param>
public sealed record Rejection(string File, long Line, string Field, string Value, string Reason, string Record)
{
    /// <summary>One line a person can act on: <c>calls.csv:12: field 'start': value '...': reason</c>.</summary>
    public override string ToString() =>
        string.IsNullOrEmpty(Field)
            ? $"{File}:{Line}: {Reason}"
            : $"{File}:{Line}: field '{Field}': value '{Value}': {Reason}";
}
