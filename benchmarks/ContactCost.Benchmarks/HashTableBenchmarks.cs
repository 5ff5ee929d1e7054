using BenchmarkDotNet.Attributes;
using ContactCost.Hashing;

namespace ContactCost.Benchmarks;

/// <summary>
/// The lookup behind the report's duplicate check and episode stitching: a million 128-bit keys (about what a
/// 10-million-row month keeps open), looked up in an order unrelated to the table's. A row is one lookup.
/// </summary>
[MemoryDiagnoser]
public class HashTableBenchmarks
{
    public const int Keys = 1_000_000;
    private const int Ahead = 8;

    private readonly Dictionary<Hash128, int> dictionary = [];
    private readonly Hash128Table<int> table = new();
    private Hash128[] lookups = [];

    [GlobalSetup]
    public void Setup()
    {
        var keys = Enumerable.Range(0, Keys).Select(i => Hash128.Of($"C{i}")).ToArray();
        for (var i = 0; i < keys.Length; i++)
        {
            dictionary[keys[i]] = i;
            table.Set(keys[i], i);
        }

        lookups = [.. keys];
        new Random(42).Shuffle(lookups);
    }

    /// <summary>The <see cref="Dictionary{TKey,TValue}"/> the stitcher and the duplicate check used before (bucket, then entry).</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Keys)]
    public long Dictionary()
    {
        long sum = 0;
        foreach (var key in lookups)
            sum += dictionary.TryGetValue(key, out var value) ? value : 0;
        return sum;
    }

    /// <summary><see cref="Hash128Table{TValue}"/>: the entry read where the key's home is.</summary>
    [Benchmark(OperationsPerInvoke = Keys)]
    public long Table()
    {
        long sum = 0;
        foreach (var key in lookups)
            sum += table.TryGetValue(key, out var value) ? value : 0;
        return sum;
    }

    /// <summary>The same, each key's entry asked for eight lookups ahead, as the report's loops do.</summary>
    [Benchmark(OperationsPerInvoke = Keys)]
    public long TablePrefetched()
    {
        long sum = 0;
        var keys = lookups;
        for (var i = 0; i < keys.Length; i++)
        {
            if (i + Ahead < keys.Length)
                table.Prefetch(keys[i + Ahead]);
            sum += table.TryGetValue(keys[i], out var value) ? value : 0;
        }

        return sum;
    }
}
