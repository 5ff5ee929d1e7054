using ContactCost.Formats.Csv;

namespace ContactCost.Formats.Usage;

/// <summary>What a CSV file holds, judged by its header row.</summary>
public enum CsvKind
{
    /// <summary>Interactions in the canonical format (a channel column, no meter).</summary>
    Interactions,

    /// <summary>Usage records (a meter column).</summary>
    Usage,

    /// <summary>Neither (or an empty file).</summary>
    Unknown,
}

/// <summary>Tells interaction files from usage-record files, so commands can take either without a flag.</summary>
public static class CsvKinds
{
    /// <summary>Reads only the header line of the file at <paramref name="path"/> and says what it holds.</summary>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    public static CsvKind Detect(string path)
    {
        using var reader = CsvFile.OpenText(path);
        var scanner = new CsvRecordScanner(reader, path);
        if (!scanner.MoveNext() || scanner.Problem is not null)
            return CsvKind.Unknown;
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < scanner.FieldCount; i++)
            names.Add(scanner[i].Trim().TrimStart('\uFEFF').Trim().ToString());
        // One telling column each; the reader then names any other column that is missing.
        if (names.Contains("meter"))
            return CsvKind.Usage;
        return names.Contains("channel") ? CsvKind.Interactions : CsvKind.Unknown;
    }
}
