using ContactCost.Formats.Import;

namespace ContactCost.Formats.Canonical;

/// <summary>Where each column of a canonical CSV file sits, as its header row says.</summary>
internal sealed class CanonicalHeader
{
    private readonly int[] positions;

    private CanonicalHeader(int[] positions, string[] names, int[] extraPositions)
    {
        this.positions = positions;
        Names = names;
        ExtraPositions = extraPositions;
        FieldNames = [.. names.Select(n => CanonicalColumns.TryFind(n, out var column) ? column.Name() : n)];
    }

    /// <summary>The header's column names, trimmed, in file order.</summary>
    public string[] Names { get; }

    /// <summary>The names rejections use: canonical columns by their canonical spelling, others as in the header.</summary>
    public string[] FieldNames { get; }

    /// <summary>How many fields every record must have.</summary>
    public int FieldCount => Names.Length;

    /// <summary>The positions of the non-canonical columns, in file order.</summary>
    public int[] ExtraPositions { get; }

    /// <summary>The position of a canonical column in the file, or -1 when the file lacks it.</summary>
    public int PositionOf(CanonicalColumn column) => positions[(int)column];

    /// <summary>
    /// Reads the header row, the first non-blank line. Throws <see cref="InputFormatException"/>
    /// when there is none, a name is empty or repeated, or a required column is missing.
    /// </summary>
    public static CanonicalHeader Read(CsvRecordScanner scanner, string sourceName)
    {
        if (!scanner.MoveNext())
            throw new InputFormatException(sourceName, 0, $"the file is empty; its first line must be a header naming the columns, e.g. {string.Join(',', CanonicalColumns.All)}");
        if (scanner.Problem is { } problem)
            throw new InputFormatException(sourceName, scanner.Line, $"the header row is not valid CSV: {problem.Reason}");

        var names = new string[scanner.FieldCount];
        var positions = new int[CanonicalColumns.Count];
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
            if (CanonicalColumns.TryFind(name, out var column))
                positions[(int)column] = i;
            else
                extras.Add(i);
        }

        var missing = CanonicalColumns.Required.Where(c => positions[(int)c] < 0).Select(c => c.Name()).ToList();
        if (missing.Count > 0)
        {
            var noun = missing.Count == 1 ? "column" : "columns";
            throw new InputFormatException(sourceName, scanner.Line, $"missing required {noun} {string.Join(", ", missing)}; columns found: {string.Join(", ", names)}");
        }

        return new CanonicalHeader(positions, names, [.. extras]);
    }
}
