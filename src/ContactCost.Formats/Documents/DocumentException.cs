namespace ContactCost.Formats.Documents;

/// <summary>
/// A JSON document (price book, cost model, scenario) is not valid: names the file, the path of the
/// offending value (<c>charges[3].tiers[1].upTo</c>) and what is wrong with it.
/// </summary>
public sealed class DocumentException : Exception
{
    /// <summary>Creates the exception for <paramref name="path"/> in <paramref name="file"/>.</summary>
    public DocumentException(string file, string path, string problem, Exception? inner = null)
        : base(string.IsNullOrEmpty(path) ? $"{file}: {problem}" : $"{file}: {path} {problem}", inner)
    {
        File = file;
        Path = path;
        Problem = problem;
    }

    /// <summary>The document's file name.</summary>
    public string File { get; }

    /// <summary>The JSON path of the value at fault; empty for the whole document.</summary>
    public string Path { get; }

    /// <summary>What is wrong, as a phrase that follows the path.</summary>
    public string Problem { get; }
}
