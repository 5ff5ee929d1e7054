namespace ContactCost.Formats.Csv;

/// <summary>How a record is broken: its quoting, or its bytes.</summary>
internal enum RecordProblemKind
{
    /// <summary>A quoted field is followed by text other than a comma or a line ending.</summary>
    TextAfterClosingQuote,

    /// <summary>A quoted field runs to the end of the input.</summary>
    QuoteNeverClosed,

    /// <summary>The record holds bytes that are not UTF-8 (decoded as U+FFFD).</summary>
    NotUtf8,
}

/// <summary>A broken record: the field at fault, its text as found and what is wrong.</summary>
internal sealed record RecordProblem(int FieldIndex, string Value, RecordProblemKind Kind)
{
    /// <summary>What is wrong, in words a person can act on.</summary>
    public string Reason => Kind switch
    {
        RecordProblemKind.TextAfterClosingQuote =>
            "a quoted value must be followed by a comma or the end of the line; write a quote inside a quoted value as two quotes (\"\")",
        RecordProblemKind.NotUtf8 => "the record holds bytes that are not UTF-8; save the file as UTF-8",
        _ => "a quoted value is never closed; end it with a quote (\")",
    };
}
