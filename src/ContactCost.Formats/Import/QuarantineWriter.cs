using System.Text;
using ContactCost.Formats.Csv;

namespace ContactCost.Formats.Import;

/// <summary>
/// Keeps rejected records in a CSV file (<c>file,line,field,value,reason,record</c>) so that a
/// person can fix and re-import them. The file is created, replacing any earlier one, only when
/// the first rejection arrives: a clean import leaves no file behind.
/// </summary>
public sealed class QuarantineWriter : IDisposable
{
    private const int FileBufferSize = 1 << 16;
    private static readonly string[] Columns = ["file", "line", "field", "value", "reason", "record"];

    private readonly CsvLineBuilder line = new();
    private StreamWriter? writer;
    private bool disposed;

    /// <summary>A quarantine at <paramref name="path"/>; nothing is written until the first rejection.</summary>
    public QuarantineWriter(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = path;
    }

    /// <summary>The quarantine file's path.</summary>
    public string Path { get; }

    /// <summary>How many rejections have been written.</summary>
    public long Count { get; private set; }

    /// <summary>Appends one rejection, creating the file with its header on the first.</summary>
    public void Write(Rejection rejection)
    {
        ArgumentNullException.ThrowIfNull(rejection);
        ObjectDisposedException.ThrowIf(disposed, this);
        writer ??= Create();

        line.Add(rejection.File);
        line.Add(rejection.Line);
        line.Add(rejection.Field);
        line.Add(rejection.Value);
        line.Add(rejection.Reason);
        line.Add(rejection.Record);
        line.WriteLine(writer);
        Count++;
    }

    /// <summary>Flushes and closes the file, if one was created.</summary>
    public void Dispose()
    {
        if (disposed)
            return;
        disposed = true;
        writer?.Dispose();
    }

    private StreamWriter Create()
    {
        var created = new StreamWriter(Path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), FileBufferSize);
        foreach (var column in Columns)
            line.Add(column);
        line.WriteLine(created);
        return created;
    }
}
