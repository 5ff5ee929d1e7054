using System.Text;

namespace ContactCost.Formats.Csv;

/// <summary>Opening CSV files the same way for every reader: strict UTF-8 (BOM optional), a large buffer, sequential reads.</summary>
internal static class CsvFile
{
    private const int BufferSize = 1 << 16;

    // Strict UTF-8: bytes that are not text stop the import instead of turning into '?' silently.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static StreamReader OpenText(string path)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.SequentialScan);
        return new StreamReader(file, StrictUtf8, detectEncodingFromByteOrderMarks: true, BufferSize);
    }
}
