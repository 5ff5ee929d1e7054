using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using ContactCost.Interactions;
using ContactCost.Storage;
using CsCheck;

namespace ContactCost.Tests;

/// <summary>The content hash is stored: a faster way of taking it must give the value stores already hold.</summary>
public sealed class InteractionContentTests
{
    private static readonly DateTimeOffset Epoch = new(2026, 10, 1, 0, 0, 0, TimeSpan.Zero);

    // Text with nulls, empty strings, non-ASCII and sometimes more than a kilobyte (the rented-buffer path).
    private static readonly Gen<string?> Text = Gen.Frequency(
        (2, Gen.Const((string?)null)),
        (1, Gen.Const((string?)"")),
        (6, Gen.String[Gen.Char.AlphaNumeric, 1, 20].Select(s => (string?)s)),
        (2, Gen.String[Gen.Char, 1, 30].Select(s => (string?)s)),
        (1, Gen.String[Gen.Char['a', 'z'], 400, 1_500].Select(s => (string?)(s + "é€😀"))));

    private static readonly Gen<Interaction> Interactions =
        Gen.Select(Gen.Int[0, 8], Gen.Bool, Gen.Long[0, 10_000_000_000], Gen.Int[-1, 100_000_000], Gen.Int[0, 100_000_000].Array[4], Text.Array[4])
            .SelectMany(t => Gen.Select(Gen.Int[-1, 50], Gen.Int[-1, 1], Gen.Select(Gen.String[Gen.Char.AlphaNumeric, 1, 10], Text).Array[0, 3]), (t, u) =>
                new Interaction("id", (Channel)t.Item1, Epoch.AddTicks(t.Item3))
                {
                    Direction = t.Item2 ? Direction.Outbound : Direction.Inbound,
                    End = t.Item4 < 0 ? null : Epoch.AddTicks(t.Item3).AddTicks(t.Item4),
                    Wait = TimeSpan.FromTicks(t.Item5[0]),
                    Talk = TimeSpan.FromTicks(t.Item5[1]),
                    Hold = TimeSpan.FromTicks(t.Item5[2]),
                    Wrap = TimeSpan.FromTicks(t.Item5[3]),
                    Customer = t.Item6[0],
                    Queue = t.Item6[1],
                    Agent = t.Item6[2],
                    Destination = t.Item6[3],
                    Units = u.Item1 < 0 ? null : u.Item1,
                    Resolved = u.Item2 switch { < 0 => null, 0 => false, _ => true },
                    Extra = [.. u.Item3.Select(p => KeyValuePair.Create(p.Item1, p.Item2 ?? ""))],
                });

    [Fact]
    public void Hash_IsTheStreamingHashOfTheStoredLayout() =>
        Interactions.Sample(interaction => Assert.Equal(StreamingHash(interaction), InteractionContent.Hash(interaction)));

    [Fact]
    public void ABatch_HashedAhead_HoldsTheItemsInOrder_WithTheirContentHashes() =>
        Interactions.Array[0, 20].Sample(interactions =>
        {
            var batch = new InteractionBatch(interactions);
            Assert.Equal(interactions, batch);
            for (var i = 0; i < interactions.Length; i++)
            {
                Assert.Same(interactions[i], batch[i]);
                Assert.Equal(InteractionContent.Hash(interactions[i]), InteractionBatch.ContentHashOf(batch, i));
                Assert.Equal(InteractionContent.Hash(interactions[i]), InteractionBatch.ContentHashOf(interactions, i));
            }

            // Disposed, it keeps its items and hashes and gives its encoded texts back.
            Assert.NotNull(batch.Texts);
            batch.Dispose();
            Assert.Null(batch.Texts);
            Assert.Equal(interactions, batch);
            Assert.All(Enumerable.Range(0, interactions.Length), i => Assert.Equal(InteractionContent.Hash(interactions[i]), InteractionBatch.ContentHashOf(batch, i)));
        });

    [Fact]
    public void Hash_IgnoresTheId_AndSeesEveryField()
    {
        var call = new Interaction("a", Channel.Voice, Epoch) { Queue = "billing", Extra = [KeyValuePair.Create("case", "1")] };
        Assert.Equal(InteractionContent.Hash(call), InteractionContent.Hash(new Interaction("b", Channel.Voice, Epoch) { Queue = "billing", Extra = call.Extra }));
        Assert.NotEqual(InteractionContent.Hash(call), InteractionContent.Hash(call with { Queue = "billin" }));
        Assert.NotEqual(InteractionContent.Hash(call), InteractionContent.Hash(call with { Queue = null }));
        Assert.NotEqual(InteractionContent.Hash(call), InteractionContent.Hash(call with { Extra = [KeyValuePair.Create("case", "2")] }));
    }

    // The layout as the first stores wrote it, one field at a time into a streaming XxHash3.
    private static long StreamingHash(Interaction i)
    {
        var hash = new XxHash3();
        void Add(long value)
        {
            var bytes = new byte[8];
            BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
            hash.Append(bytes);
        }

        void AddText(string? value)
        {
            Add(value is null ? -1 : value.Length);
            if (!string.IsNullOrEmpty(value))
                hash.Append(Encoding.UTF8.GetBytes(value));
        }

        Add((int)i.Channel);
        Add((int)i.Direction);
        AddText(i.Customer);
        Add(i.Start.ToUnixTimeMilliseconds());
        Add(i.End is { } end ? end.ToUnixTimeMilliseconds() : long.MinValue);
        Add(i.Wait.Ticks / TimeSpan.TicksPerMillisecond);
        Add(i.Talk.Ticks / TimeSpan.TicksPerMillisecond);
        Add(i.Hold.Ticks / TimeSpan.TicksPerMillisecond);
        Add(i.Wrap.Ticks / TimeSpan.TicksPerMillisecond);
        AddText(i.Queue);
        AddText(i.Agent);
        Add(i.Units ?? -1);
        AddText(i.Destination);
        Add(i.Resolved switch { null => -1, false => 0, true => 1 });
        Add(i.Extra.Count);
        foreach (var (name, value) in i.Extra)
        {
            AddText(name);
            AddText(value);
        }

        return unchecked((long)hash.GetCurrentHashAsUInt64());
    }
}
