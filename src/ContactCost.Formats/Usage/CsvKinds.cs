using ContactCost.Formats.Csv;

namespace ContactCost.Formats.Usage;

/// <summary>What a CSV file holds, judged by its header row.</summary>
public enum CsvKind
{
    /// <summary>Interactions in the canonical format (columns channel and start, no meter).</summary>
    Interactions,

    /// <summary>Usage records (columns meter and quantity).</summary>
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
        if (names.Contains("meter") && names.Contains("quantity"))
            return CsvKind.Usage;
        return names.Contains("channel") && names.Contains("start") ? CsvKind.Interactions : CsvKind.Unknown;
    }
}
