using System.Globalization;
using ContactCost.Formats.Csv;
using ContactCost.Formats.Import;
using ContactCost.Staffing;

namespace ContactCost.Formats.Planning;

/// <summary>
/// Reads a volume forecast CSV: a header naming <c>interval_start, channel, volume, aht_s</c> in any order,
/// then one row per interval and channel. A bad row becomes a rejection naming file, line and field, and reading goes on.
/// </summary>
public static class ForecastCsvReader
{
    private static readonly string[] Columns = ["interval_start", "channel", "volume", "aht_s"];
    private static readonly int[] Required = [0, 1, 2, 3];

    /// <summary>Reads the UTF-8 file at <paramref name="path"/>, closing it when enumeration ends.</summary>
    /// <exception cref="InputFormatException">While enumerating, when the header is unusable.</exception>
    public static IEnumerable<ReadResult<ForecastInterval>> ReadFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return ReadFileRows(path);
    }

    /// <summary>Reads rows from <paramref name="reader"/>; <paramref name="sourceName"/> names the input in rejections.</summary>
    /// <exception cref="InputFormatException">While enumerating, when the header is unusable.</exception>
    public static IEnumerable<ReadResult<ForecastInterval>> Read(TextReader reader, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentException.ThrowIfNullOrEmpty(sourceName);
        return ReadRows(reader, sourceName);
    }

    private static IEnumerable<ReadResult<ForecastInterval>> ReadFileRows(string path)
    {
        using var reader = CsvFile.OpenText(path);
        foreach (var result in ReadRows(reader, Path.GetFileName(path)))
            yield return result;
    }

    private static IEnumerable<ReadResult<ForecastInterval>> ReadRows(TextReader reader, string sourceName)
    {
        var scanner = new CsvRecordScanner(reader, sourceName);
        var header = CsvHeader.Read(scanner, sourceName, Columns, Required);
        while (scanner.MoveNext())
            yield return Parse(scanner, header, sourceName);
    }

    private static ReadResult<ForecastInterval> Parse(CsvRecordScanner record, CsvHeader header, string sourceName)
    {
        ReadOnlySpan<char> Value(int column) => record[header.PositionOf(column)].Trim();

        ReadResult<ForecastInterval> Reject(string field, ReadOnlySpan<char> value, string reason) =>
            ReadResult.Rejected<ForecastInterval>(new Rejection(sourceName, record.Line, field, value.ToString(), reason, record.RawRecord.ToString()));

        if (record.Problem is { } problem)
            return Reject(problem.FieldIndex < header.FieldCount ? header.FieldNames[problem.FieldIndex] : "", problem.Value, problem.Reason);
        if (record.FieldCount != header.FieldCount)
            return Reject("", "", $"the record has {record.FieldCount} fields but the header has {header.FieldCount}");
        if (FieldRules.Timestamp("interval_start", Value(0), required: true, out var start) is { } startReason)
            return Reject("interval_start", Value(0), startReason);
        if (FieldRules.Channel(Value(1), required: true, out var channel) is { } channelReason)
            return Reject("channel", Value(1), channelReason);
        if (!double.TryParse(Value(2), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var volume) || volume > 1e9)
            return Reject("volume", Value(2), "volume must be a number of contacts, 0 or more (at most 1,000,000,000), like 120 or 87.5");
        if (!double.TryParse(Value(3), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var aht) || aht <= 0 || aht > 86_400)
            return Reject("aht_s", Value(3), "aht_s must be the average handle time in seconds, above 0 and at most 86400, like 180");
        return ReadResult.Accepted(new ForecastInterval(start!.Value, channel!.Value, volume, TimeSpan.FromSeconds(aht)), record.Line);
    }
}
