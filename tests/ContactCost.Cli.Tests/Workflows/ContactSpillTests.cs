using ContactCost.Cli.Workflows;
using ContactCost.Costing;
using ContactCost.Interactions;
using CsCheck;

namespace ContactCost.Tests.Workflows;

public class ContactSpillTests
{
    private static readonly Gen<string> AName =
        Gen.OneOf(Gen.String[Gen.Char.AlphaNumeric, 1, 12], Gen.Int[0, 3].Select(i => new[] { "é", "日本", "👩‍💼", "a,b\n\"c\"" }[i]));

    // Customers are sometimes long enough to cross the 64 KiB block a spill writes at a time.
    private static readonly Gen<string?> ACustomer =
        Gen.Frequency((1, Gen.Const((string?)null)), (8, AName.Select(n => (string?)n)), (1, Gen.Int[60_000, 140_000].Select(n => (string?)new string('x', n))));

    private static readonly Gen<(ContactFacts Contact, long Usage)> AnEntry =
        Gen.Select(
            Gen.Select(Gen.Long[-5_000_000_000, 50_000_000_000], Gen.Long[0, 100_000_000_000], Gen.Long[0, 10_000_000_000], Gen.Int[0, ChannelNames.All.Count - 1]),
            Gen.Select(Gen.Bool, Gen.Bool, Gen.Bool),
            Gen.Select(Gen.Int[0, 2].Select(i => new string?[] { null, "billing", "sales" }[i]), Gen.Int[0, 3].Select(i => new string?[] { null, "A1", "A2", "A300" }[i]), ACustomer, AName.Null()),
            Gen.Long[long.MinValue / 4, long.MaxValue / 4])
        .Select((times, flags, names, usage) => (new ContactFacts
        {
            // Starts mostly go forward but may step back: the spill keeps whatever order it was given.
            StartTicks = 638_000_000_000_000_000 + times.Item1,
            EndTicks = 638_000_000_000_000_000 + times.Item1 + times.Item2,
            HandleMilliseconds = times.Item3,
            Channel = (Channel)times.Item4,
            IsHandled = flags.Item1,
            IsAbandoned = flags.Item2,
            IsResolved = flags.Item3,
            Queue = names.Item1,
            Agent = names.Item2,
            Customer = names.Item3,
            Id = names.Item4 ?? "id",
            Link = names.Item4,
        }, usage));

    [Fact]
    public void WhatIsAdded_IsReadBack_InOrder_WithIdsAndLinksOnlyWhenKept()
    {
        Gen.Select(AnEntry.Array[0, 300], Gen.Bool, Gen.Bool).Sample((entries, keepIds, keepLinks) =>
        {
            using var spill = new ContactSpill(keepIds, keepLinks);
            foreach (var (contact, usage) in entries)
                spill.Add(contact, usage);

            var expected = entries.Select(e => (e.Contact with { Id = keepIds ? e.Contact.Id : null, Link = keepLinks ? e.Contact.Link : null }, e.Usage));
            var readBack = spill.ReadBack().ToArray();
            Assert.Equal(expected, readBack.Select(r => (r.Contact with { QueueNumber = 0, AgentNumber = 0 }, r.UsageMinor)));
            Assert.Equal(entries.Length, spill.Count);

            // Each name comes back with one number, and each number with one name (0 for none).
            foreach (var names in new[] { readBack.Select(r => (r.Contact.Queue, r.Contact.QueueNumber)), readBack.Select(r => (r.Contact.Agent, r.Contact.AgentNumber)) })
            {
                var pairs = names.Distinct().ToArray();
                Assert.Equal(pairs.Length, pairs.Select(p => p.Item1).Distinct().Count());
                Assert.Equal(pairs.Length, pairs.Select(p => p.Item2).Distinct().Count());
                Assert.All(pairs, p => Assert.Equal(p.Item1 is null, p.Item2 == 0));
            }
        }, iter: 60);
    }

    [Fact]
    public void AQueueOrAgentReadBack_IsOneStringPerName()
    {
        // The analyzer skips its lookup when a name is the same instance as the previous one.
        using var spill = new ContactSpill(keepIds: false, keepLinks: false);
        foreach (var queue in new[] { "billing", new string("billing".ToCharArray()), "sales", "billing" })
            spill.Add(new ContactFacts { Queue = queue, Agent = "A1" }, 0);
        var queues = spill.ReadBack().Select(e => e.Contact.Queue!).ToArray();
        Assert.Same(queues[0], queues[1]);
        Assert.Same(queues[0], queues[3]);
        Assert.Equal("sales", queues[2]);
    }

    [Fact]
    public void TheFile_IsInTheTemporaryFolder_AndLeavesNothingThere()
    {
        var spill = new ContactSpill(keepIds: true, keepLinks: false);
        Assert.StartsWith(Path.GetTempPath(), spill.Path);
        // Unnamed as soon as it is open where the system allows it, so a killed process leaves no file.
        Assert.Equal(OperatingSystem.IsWindows(), File.Exists(spill.Path));
        spill.Add(new ContactFacts { Id = "a", Customer = "C1" }, 42);
        Assert.Equal(42, Assert.Single(spill.ReadBack()).UsageMinor);
        Assert.Throws<InvalidOperationException>(() => spill.Add(new ContactFacts(), 1));
        spill.Dispose();
        Assert.False(File.Exists(spill.Path));
    }
}
