using ContactCost.Formats.Csv;
using ContactCost.Formats.Import;

namespace ContactCost.Formats.Sources;

/// <summary>
/// The current row of a CSV source, read by column name (from the header row, or from a fixed
/// layout for headerless files) or by position. One instance moves along the file.
/// </summary>
internal sealed class CsvSourceRecord : SourceRecord
{
    private readonly CsvRecordScanner scanner;
    private Dictionary<string, int> positions = new(StringComparer.OrdinalIgnoreCase);
    private string[] names = [];
    private bool checkCount;

    private CsvSourceRecord(CsvRecordScanner scanner, string source, SourceWarnings warnings)
        : base(source, warnings) => this.scanner = scanner;

    public override long Line => scanner.Line;

    public override string Raw => scanner.RawRecord.ToString();

    public int FieldCount => scanner.FieldCount;

    /// <summary>The column names in file order, normalized (lower case, spaces and dashes as underscores).</summary>
    public IReadOnlyList<string> Names => names;

    public override Rejection? Problem
    {
        get
        {
            if (scanner.Problem is { } problem)
            {
                var column = problem.FieldIndex < names.Length ? names[problem.FieldIndex] : "";
                return new Rejection(Source, Line, column, problem.Value, problem.Reason, Raw);
            }

            return checkCount && FieldCount != names.Length
                ? new Rejection(Source, Line, "", "", $"the record has {FieldCount} fields but {names.Length} columns are expected", Raw)
                : null;
        }
    }

    /// <summary>The text of the field at <paramref name="position"/>, trimmed; null when empty or missing.</summary>
    public string? At(int position)
    {
        if (position < 0 || position >= FieldCount)
            return null;
        var text = scanner[position].Trim();
        return text.IsEmpty ? null : text.ToString();
    }

    public override string? Text(string field) => positions.TryGetValue(field, out var position) ? At(position) : null;

    /// <summary>Uses <paramref name="columns"/> as the names of the fields, by position.</summary>
    public void UseColumns(IReadOnlyList<string> columns, bool checkCount)
    {
        names = [.. columns.Select(Normalize)];
        positions = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = names.Length - 1; i >= 0; i--)
            positions[names[i]] = i;
        this.checkCount = checkCount;
    }

    /// <summary>Takes the current row as the header naming the columns; false, so that callers skip it.</summary>
    /// <exception cref="InputFormatException">The header row is broken (quoting, bytes that are not UTF-8).</exception>
    public bool TakeHeader()
    {
        if (scanner.Problem is { } problem)
            throw new InputFormatException(Source, Line, $"the header row is not valid CSV: {problem.Reason}");
        UseColumns(FieldsAsNames(), checkCount: true);
        return false;
    }

    /// <summary>The current row's fields, normalized, as column names.</summary>
    public string[] FieldsAsNames() => [.. Enumerable.Range(0, FieldCount).Select(i => Normalize(scanner[i].ToString()))];

    public bool MoveNext() => scanner.MoveNext();

    /// <summary>Column names as files write them (<c>Price Unit</c>, <c>price-unit</c>) become <c>price_unit</c>.</summary>
    public static string Normalize(string name) =>
        name.Trim().TrimStart('\uFEFF').Trim().ToLowerInvariant().Replace(' ', '_').Replace('-', '_');

    /// <summary>Rows of <paramref name="reader"/>; refuses a file that holds NUL bytes (a binary file) before its first row.</summary>
    public static IEnumerable<CsvSourceRecord> Read(TextReader reader, string source, SourceWarnings warnings, Func<CsvSourceRecord, bool>? first = null)
    {
        var record = new CsvSourceRecord(new CsvRecordScanner(reader, source), source, warnings);
        var isFirst = true;
        while (record.MoveNext())
        {
            if (isFirst)
            {
                isFirst = false;
                if (record.scanner.RawRecord.Contains('\0'))
                    throw new InputFormatException(source, record.Line, "the file holds NUL bytes: it is not a text file; export the records as UTF-8 text");
                if (first is not null && !first(record))
                    continue;
            }

            yield return record;
        }
    }
}
