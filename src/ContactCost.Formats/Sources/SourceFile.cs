namespace ContactCost.Formats.Sources;

/// <summary>Opens a source file for a reader and closes it when enumeration ends, the same way for every source.</summary>
internal static class SourceFile
{
    private const int BufferSize = 1 << 16;

    public static IEnumerable<T> Read<T>(string path, Func<Stream, IEnumerable<T>> read)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.SequentialScan);
        foreach (var item in read(stream))
            yield return item;
    }
}
