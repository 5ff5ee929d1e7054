using ContactCost.Hashing;
using CsCheck;

namespace ContactCost.Core.Tests.Hashing;

public class Hash128TableTests
{
    private enum Op
    {
        Add,
        Remove,
        RemoveBelow,
        Clear,
    }

    // Keys from a small set whose low halves (the table's home slots) collide often, so that runs of keys form,
    // wrap past the end of the table and are shifted back when a key in their middle goes.
    private static readonly Gen<Hash128> AKey =
        Gen.Select(Gen.ULong[1, 48], Gen.ULong[0, 2]).Select((low, high) => new Hash128(low * 16 + (high == 1 ? 15UL : 0), high));

    private static readonly Gen<(Op Op, Hash128 Key, int Value)> AnOperation =
        Gen.Select(Gen.Frequency((12, Gen.Const(Op.Add)), (6, Gen.Const(Op.Remove)), (2, Gen.Const(Op.RemoveBelow)), (1, Gen.Const(Op.Clear))), AKey, Gen.Int[0, 100]);

    [Fact]
    public void TheTable_HoldsWhatADictionaryHolds_AfterAnyAddsAndRemovals()
    {
        AnOperation.Array[0, 300].Sample(operations =>
        {
            var table = new Hash128Table<int>();
            var model = new Dictionary<Hash128, int>();
            foreach (var (op, key, value) in operations)
            {
                switch (op)
                {
                    case Op.Add:
                        ref var slot = ref table.GetValueRefOrAddDefault(key, out var exists);
                        Assert.Equal(model.ContainsKey(key), exists);
                        if (exists)
                            Assert.Equal(model[key], slot);
                        else
                            Assert.Equal(0, slot);
                        slot = value;
                        model[key] = value;
                        break;
                    case Op.Remove:
                        Assert.Equal(model.Remove(key, out var expected), table.Remove(key, out var removed));
                        Assert.Equal(expected, removed);
                        break;
                    case Op.RemoveBelow:
                        var gone = model.Where(p => p.Value < value).Select(p => p.Key).ToList();
                        gone.ForEach(k => model.Remove(k));
                        Assert.Equal(gone.Count, table.RemoveAll(v => v < value));
                        break;
                    case Op.Clear:
                        model.Clear();
                        table.Clear();
                        break;
                }

                Assert.Equal(model.Count, table.Count);
            }

            foreach (var key in AKey.Array[50].Single())
            {
                Assert.Equal(model.TryGetValue(key, out var expected), table.TryGetValue(key, out var found));
                Assert.Equal(expected, found);
            }

            foreach (var (key, expected) in model)
            {
                Assert.True(table.TryGetValue(key, out var found));
                Assert.Equal(expected, found);
            }
        });
    }

    [Fact]
    public void AMillionKeys_AreAllFound_AndRemovedAgain()
    {
        var table = new Hash128Table<long>();
        for (var i = 0; i < 1_000_000; i++)
            table.Set(Hash128.Of($"id-{i}"), i);
        Assert.Equal(1_000_000, table.Count);
        Assert.Equal(500_000, table.RemoveAll(v => v % 2 == 0));
        for (var i = 0; i < 1_000_000; i++)
            Assert.Equal(i % 2 == 1, table.TryGetValue(Hash128.Of($"id-{i}"), out var value) && value == i);
    }

    [Fact]
    public void TheAllZeroKey_IsRefused_AndNoTextHashesToIt()
    {
        var table = new Hash128Table<int>();
        Assert.Throws<ArgumentException>(() => table.Set(default, 1));
        Assert.False(Hash128.Of("").IsEmpty);
        Assert.Equal(Hash128.Of("C1831546"), Hash128.Of("C1831546".AsSpan()));
        Assert.NotEqual(Hash128.Of("C1831546"), Hash128.Of("C1831547"));
    }
}
