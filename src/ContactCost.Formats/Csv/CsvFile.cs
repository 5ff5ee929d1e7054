using System.Text;

namespace ContactCost.Formats.Csv;

/// <summary>Opening CSV files the same way for every reader: UTF-8 (BOM optional), a large buffer, sequential reads.</summary>
internal static class CsvFile
{
    private const int BufferSize = 1 << 16;

    // Bytes that are not UTF-8 become U+FFFD; the scanner refuses the record holding them, so one bad
    // byte costs one quarantined record instead of stopping the import after earlier batches landed.
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    public static StreamReader OpenText(string path)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.SequentialScan);
        return OpenText(file);
    }

    /// <summary>Reads <paramref name="stream"/> as UTF-8 text the same way, closing it with the reader.</summary>
    public static StreamReader OpenText(Stream stream) =>
        new(stream, Utf8, detectEncodingFromByteOrderMarks: true, BufferSize);
}
