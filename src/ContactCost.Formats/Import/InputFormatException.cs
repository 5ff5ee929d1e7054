namespace ContactCost.Formats.Import;

/// <summary>
/// The input as a whole cannot be read (no header, a required column missing, not text, broken
/// JSON): one clear message naming the file and, where known, the line, instead of a stack trace.
/// </summary>
public sealed class InputFormatException : Exception
{
    /// <summary>Creates the exception for <paramref name="file"/>, at <paramref name="line"/> when known (0 if not).</summary>
    public InputFormatException(string file, long line, string message, Exception? inner = null)
        : base(line > 0 ? $"{file}:{line}: {message}" : $"{file}: {message}", inner)
    {
        File = file;
        Line = line;
    }

    /// <summary>The file that could not be read.</summary>
    public string File { get; }

    /// <summary>The 1-based line of the problem, or 0 when it is not about one line.</summary>
    public long Line { get; }
}
