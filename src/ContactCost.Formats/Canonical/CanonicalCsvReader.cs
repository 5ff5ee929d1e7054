using ContactCost.Formats.Csv;
using ContactCost.Formats.Import;
using ContactCost.Interactions;

namespace ContactCost.Formats.Canonical;

/// <summary>
/// Reads the canonical interaction CSV: a header row naming the columns in any order, then one
/// interaction per record. Streams in constant memory; a bad record becomes a rejection and
/// reading goes on.
/// </summary>
public static class CanonicalCsvReader
{
    private static readonly int[] Required = [.. CanonicalColumns.Required.Select(c => (int)c)];

    /// <summary>Reads records from <paramref name="reader"/>; <paramref name="sourceName"/> names the input in rejections and errors.</summary>
    /// <exception cref="InputFormatException">While enumerating, when the header is missing, repeats a column or lacks a required one.</exception>
    public static IEnumerable<ReadResult<Interaction>> Read(TextReader reader, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentException.ThrowIfNullOrEmpty(sourceName);
        return ReadRecords(reader, sourceName, null);
    }

    /// <summary>Reads the UTF-8 file at <paramref name="path"/> (with or without a byte order mark), closing it when enumeration ends.</summary>
    /// <exception cref="InputFormatException">While enumerating, when the header is unusable or the file is not UTF-8.</exception>
    public static IEnumerable<ReadResult<Interaction>> ReadFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return ReadFileRecords(path, null);
    }

    /// <summary>
    /// Reads the file at <paramref name="path"/> as <see cref="ReadFile(string)"/> does, but keeps only the extra columns
    /// named in <paramref name="extraColumns"/> (ignoring case) in <see cref="Interaction.Extra"/>: the others are checked for
    /// quoting and count, not kept.
    /// </summary>
    public static IEnumerable<ReadResult<Interaction>> ReadFile(string path, IReadOnlyCollection<string> extraColumns)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(extraColumns);
        return ReadFileRecords(path, extraColumns);
    }

    /// <summary>True when the header row of the CSV file at <paramref name="path"/> names <paramref name="column"/> (ignoring case).</summary>
    public static bool NamesColumn(string path, string column)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentException.ThrowIfNullOrEmpty(column);
        using var reader = CsvFile.OpenText(path);
        var scanner = new CsvRecordScanner(reader, path);
        if (!scanner.MoveNext() || scanner.Problem is not null)
            return false;
        for (var i = 0; i < scanner.FieldCount; i++)
        {
            if (scanner[i].Trim().TrimStart('\uFEFF').Trim().Equals(column, StringComparison.OrdinalIgnoreCase))
                return true;
        }

        return false;
    }

    private static IEnumerable<ReadResult<Interaction>> ReadFileRecords(string path, IReadOnlyCollection<string>? extraColumns)
    {
        using var reader = CsvFile.OpenText(path);
        foreach (var result in ReadRecords(reader, path, extraColumns))
            yield return result;
    }

    private static IEnumerable<ReadResult<Interaction>> ReadRecords(TextReader reader, string sourceName, IReadOnlyCollection<string>? extraColumns)
    {
        var scanner = new CsvRecordScanner(reader, sourceName);
        var parser = new CanonicalRecordParser(CsvHeader.Read(scanner, sourceName, CanonicalColumns.All, Required), sourceName, extraColumns);
        while (scanner.MoveNext())
            yield return parser.Parse(scanner);
    }
}
