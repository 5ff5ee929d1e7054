using ContactCost.Costing;
using ContactCost.Episodes;
using ContactCost.Interactions;

namespace ContactCost.Tests.Episodes;

public class StitcherThreadTests
{
    private static readonly long T0 = new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero).UtcTicks;

    private static ContactFacts At(int minutes, string customer) =>
        new() { Id = $"i{minutes}", Customer = customer, Channel = Channel.Chat, StartTicks = T0 + (minutes * TimeSpan.TicksPerMinute), EndTicks = T0 + (minutes * TimeSpan.TicksPerMinute) };

    [Fact]
    public void TheEpisodes_AreThoseOfTheStitcherOnOneThread_InTheSameOrder()
    {
        // More contacts than a block, so that several blocks go through the thread and come back reused.
        var contacts = Enumerable.Range(0, 5_000).Select(i => At(i * 7, $"C{i % 97}")).ToArray();
        var direct = new List<string>();
        var one = new EpisodeStitcher(TimeSpan.FromHours(2), Currency.USD, new EpisodeKpis(Currency.USD), e => direct.Add($"{e.Id} {e.Contacts} {e.Cost.Amount}"), followLinks: false);
        foreach (var c in contacts)
            one.Add(c, 0.25m);
        one.Flush();

        var threaded = new List<string>();
        var other = new EpisodeStitcher(TimeSpan.FromHours(2), Currency.USD, new EpisodeKpis(Currency.USD), e => threaded.Add($"{e.Id} {e.Contacts} {e.Cost.Amount}"), followLinks: false);
        using (var thread = new StitcherThread(other))
        {
            foreach (var c in contacts)
                thread.Add(c, 0.25m);
            thread.Finish();
        }

        Assert.True(direct.Count > 100);
        Assert.Equal(direct, threaded);
    }

    [Fact]
    public void WhatTheStitcherThrows_IsThrownToTheCaller()
    {
        var stitcher = new EpisodeStitcher(TimeSpan.FromHours(2), Currency.USD, new EpisodeKpis(Currency.USD), null, followLinks: false);
        using var thread = new StitcherThread(stitcher);
        thread.Add(At(10, "C1"), 1m);
        thread.Add(At(5, "C1"), 1m);
        var e = Assert.Throws<ArgumentException>(thread.Finish);
        Assert.Contains("starts before the one added before it", e.Message);
    }

    [Fact]
    public void ACallerThatGivesUp_GetsNoEpisodesFlushedAfterwards()
    {
        // Open episodes are flushed by Finish only: a disposed thread hands nothing more to the listener.
        var seen = 0;
        var stitcher = new EpisodeStitcher(TimeSpan.FromHours(2), Currency.USD, new EpisodeKpis(Currency.USD), _ => Interlocked.Increment(ref seen), followLinks: false);
        var thread = new StitcherThread(stitcher);
        for (var i = 0; i < 100; i++)
            thread.Add(At(0, $"C{i}"), 1m);
        thread.Dispose();
        Assert.Equal(0, Volatile.Read(ref seen));
    }

    [Fact]
    public void ACallerThatStopsEarly_StopsTheThreadByDisposing()
    {
        var stitcher = new EpisodeStitcher(TimeSpan.FromHours(2), Currency.USD, new EpisodeKpis(Currency.USD), null, followLinks: false);
        var thread = new StitcherThread(stitcher);
        for (var i = 0; i < 10_000; i++)
            thread.Add(At(i, "C1"), 1m);
        thread.Dispose();
        thread.Dispose();
    }
}
