using ContactCost.Formats.Import;

namespace ContactCost.Formats.Csv;

/// <summary>
/// Where each known column of a CSV file sits, as its header row says: names ignore case and
/// surrounding spaces, columns may come in any order, and columns nobody knows are kept as extras.
/// </summary>
internal sealed class CsvHeader
{
    private readonly int[] positions;

    private CsvHeader(int[] positions, string[] names, string[] fieldNames, int[] extraPositions)
    {
        this.positions = positions;
        Names = names;
        FieldNames = fieldNames;
        ExtraPositions = extraPositions;
    }

    /// <summary>The header's column names, trimmed, in file order.</summary>
    public string[] Names { get; }

    /// <summary>The names rejections use: known columns by their own spelling, others as in the header.</summary>
    public string[] FieldNames { get; }

    /// <summary>How many fields every record must have.</summary>
    public int FieldCount => Names.Length;

    /// <summary>The positions of the columns nobody knows, in file order.</summary>
    public int[] ExtraPositions { get; }

    /// <summary>The position in the file of known column <paramref name="column"/> (its index in the known list), or -1 when the file lacks it.</summary>
    public int PositionOf(int column) => positions[column];

    /// <summary>
    /// Reads the header row, the first non-blank line. Throws <see cref="InputFormatException"/>
    /// when there is none, a name is empty or repeated, or a required column is missing.
    /// </summary>
    /// <param name="scanner">The file, before its first record.</param>
    /// <param name="sourceName">The file's name, for errors.</param>
    /// <param name="known">The known column names, in the order their indices mean.</param>
    /// <param name="required">The indices (in <paramref name="known"/>) of the columns a file must have.</param>
    public static CsvHeader Read(CsvRecordScanner scanner, string sourceName, IReadOnlyList<string> known, IReadOnlyList<int> required)
    {
        if (!scanner.MoveNext())
            throw new InputFormatException(sourceName, 0, $"the file is empty; its first line must be a header naming the columns, e.g. {string.Join(',', known)}");
        if (scanner.Problem is { } problem)
            throw new InputFormatException(sourceName, scanner.Line, $"the header row is not valid CSV: {problem.Reason}");

        var names = new string[scanner.FieldCount];
        var fieldNames = new string[scanner.FieldCount];
        var positions = new int[known.Count];
        Array.Fill(positions, -1);
        var extras = new List<int>();
        for (var i = 0; i < names.Length; i++)
        {
            var name = scanner[i].Trim().TrimStart('\uFEFF').Trim().ToString();
            if (name.Length == 0)
                throw new InputFormatException(sourceName, scanner.Line, $"column {i + 1} has no name; every column needs one in the header row");
            var earlier = Array.FindIndex(names, 0, i, n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
            if (earlier >= 0)
                throw new InputFormatException(sourceName, scanner.Line, $"column '{name}' appears twice (columns {earlier + 1} and {i + 1}); column names ignore case");

            names[i] = name;
            var column = IndexOf(known, name);
            fieldNames[i] = column >= 0 ? known[column] : name;
            if (column >= 0)
                positions[column] = i;
            else
                extras.Add(i);
        }

        var missing = required.Where(c => positions[c] < 0).Select(c => known[c]).ToList();
        if (missing.Count > 0)
        {
            var noun = missing.Count == 1 ? "column" : "columns";
            throw new InputFormatException(sourceName, scanner.Line, $"missing required {noun} {string.Join(", ", missing)}; columns found: {string.Join(", ", names)}");
        }

        return new CsvHeader(positions, names, fieldNames, [.. extras]);
    }

    private static int IndexOf(IReadOnlyList<string> known, string name)
    {
        for (var i = 0; i < known.Count; i++)
        {
            if (string.Equals(known[i], name, StringComparison.OrdinalIgnoreCase))
                return i;
        }

        return -1;
    }
}
