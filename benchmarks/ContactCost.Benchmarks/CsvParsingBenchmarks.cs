using System.Text;
using BenchmarkDotNet.Attributes;
using ContactCost.Formats.Canonical;
using ContactCost.Formats.Csv;

namespace ContactCost.Benchmarks;

/// <summary>
/// Canonical CSV parsing: 100,000 generated rows held in memory (no disk), read into interactions
/// with <see cref="CanonicalCsvReader"/>. A row is the cost of one interaction.
/// </summary>
[MemoryDiagnoser]
public class CsvParsingBenchmarks
{
    public const int Rows = 100_000;

    private string csv = "";

    [GlobalSetup]
    public void Setup()
    {
        var text = new StringWriter(new StringBuilder(Rows * 160));
        using (var writer = new CanonicalCsvWriter(text, ["episode"], BenchmarkData.Zone, leaveOpen: true))
        {
            foreach (var interaction in BenchmarkData.Interactions(scale: 40, Rows))
                writer.Write(interaction);
        }

        csv = text.ToString();
    }

    [Benchmark(OperationsPerInvoke = Rows)]
    public long ReadCanonical()
    {
        long read = 0;
        foreach (var result in CanonicalCsvReader.Read(new StringReader(csv), "bench.csv"))
            read += result.Item is null ? 0 : 1;
        return read == Rows ? read : throw new InvalidOperationException($"Read {read} of {Rows} rows.");
    }

    /// <summary>Only splitting the same text into records and fields, with and without the 16-characters-at-a-time scan of plain records.</summary>
    [Benchmark(OperationsPerInvoke = Rows)]
    [Arguments(false)]
    [Arguments(true)]
    public long ScanRecords(bool vectorized)
    {
        var scanner = new CsvRecordScanner(new StringReader(csv), "bench.csv", vectorized);
        long fields = 0;
        while (scanner.MoveNext())
            fields += scanner.FieldCount;
        return fields;
    }
}
