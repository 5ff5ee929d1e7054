using ContactCost.Formats.Import;
using ContactCost.Interactions;

namespace ContactCost.Formats.Sources;

/// <summary>
/// A reader of one source format: streams its records as interactions or rejections, from a
/// stream or a file, the same way for every format. Enumerating throws only
/// <see cref="InputFormatException"/>, when the input as a whole cannot be read.
/// </summary>
public abstract class SourceReader
{
    /// <summary>Reads records from <paramref name="stream"/>; <paramref name="sourceName"/> names it in rejections and errors.</summary>
    public IEnumerable<ReadResult<Interaction>> Read(Stream stream, string sourceName, SourceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentException.ThrowIfNullOrEmpty(sourceName);
        return ReadRecords(stream, sourceName, options ?? SourceOptions.Default);
    }

    /// <summary>Reads the file at <paramref name="path"/>, closing it when enumeration ends.</summary>
    public IEnumerable<ReadResult<Interaction>> ReadFile(string path, SourceOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return SourceFile.Read(path, stream => Read(stream, path, options));
    }

    /// <summary>The format's own reading, with arguments already checked.</summary>
    protected abstract IEnumerable<ReadResult<Interaction>> ReadRecords(Stream stream, string sourceName, SourceOptions options);
}
