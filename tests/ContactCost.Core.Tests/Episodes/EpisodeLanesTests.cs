using ContactCost.Costing;
using ContactCost.Episodes;
using ContactCost.Interactions;
using ContactCost.Simulation;

namespace ContactCost.Tests.Episodes;

public class EpisodeLanesTests
{
    private static object Figures(EpisodeKpis k) =>
        (k.Episodes, k.Contacts, k.Cost, k.Resolved, k.CostPerEpisode, k.CostPerResolution, k.ContactsPerEpisode, k.ExtraCostPerSwitch,
            k.SelfServiceContainment, k.FirstContactResolution, string.Join("; ", k.TopPaths(int.MaxValue)));

    private static EpisodeKpis Stitch(IEnumerable<Interaction> interactions, int lanes, bool threaded)
    {
        using var episodes = new EpisodeLanes(TimeSpan.FromHours(24), Currency.USD, onEpisode: null, followLinks: false, lanes, threaded);
        var i = 0;
        foreach (var interaction in interactions)
            episodes.Add(ContactFacts.Of(interaction), 0.01m * (i++ % 97));
        return episodes.Finish();
    }

    [Fact]
    public void SplittingTheCustomersIntoLanes_GivesTheFiguresOfOneStitcher()
    {
        // A synthetic fortnight (customers come back within the gap, some contacts have no customer), plus
        // one customer with more contacts than a packed episode holds.
        var t0 = new DateTimeOffset(2026, 10, 3, 0, 0, 0, TimeSpan.Zero);
        var interactions = new SyntheticCenter(CenterProfile.SmallOmnichannel, 5).Generate(new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 15))
            .Concat(Enumerable.Range(0, 20).Select(i => new Interaction($"long{i}", (Channel)(i % 3), t0.AddMinutes(i)) { Customer = "long-customer" }))
            .Concat(Enumerable.Range(0, 50).Select(i => new Interaction($"anon{i}", Channel.Voice, t0.AddMinutes(3 * i))))
            .OrderBy(i => i.Start)
            .ToArray();

        var one = Stitch(interactions, lanes: 1, threaded: false);
        Assert.True(one.Episodes > 1_000, $"{one.Episodes} episodes");
        Assert.Equal(Figures(one), Figures(Stitch(interactions, lanes: 2, threaded: false)));
        Assert.Equal(Figures(one), Figures(Stitch(interactions, lanes: 2, threaded: true)));
        Assert.Equal(Figures(one), Figures(Stitch(interactions, lanes: 3, threaded: true)));
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void LinksOrAListener_KeepEveryEpisodeInOneLane(bool followLinks, bool listened)
    {
        var e = Assert.Throws<ArgumentException>(() =>
            new EpisodeLanes(TimeSpan.FromHours(1), Currency.USD, listened ? _ => { } : null, followLinks, lanes: 2, threaded: false));
        Assert.Contains("split by customer only", e.Message);
        using var lanes = EpisodeLanes.For(TimeSpan.FromHours(1), Currency.USD, listened ? _ => { } : null, followLinks);
        lanes.Add(new ContactFacts { Id = "a", Customer = "C1", Channel = Channel.Chat }, 1m);
        Assert.Equal(1, lanes.Finish().Episodes);
    }
}
