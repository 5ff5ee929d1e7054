using CsCheck;
using ContactCost.Episodes;
using ContactCost.Interactions;
using ContactCost.Simulation;

namespace ContactCost.Tests.Episodes;

public class EpisodeStitcherTests
{
    private static readonly DateTimeOffset T0 = new(2026, 10, 5, 9, 0, 0, TimeSpan.Zero);
    private static readonly ContactCost.Money OneDollar = new(1m, Currency.USD);

    private static List<Episode> Stitch(IEnumerable<Interaction> interactions, TimeSpan? gap = null)
    {
        var episodes = new List<Episode>();
        var stitcher = new EpisodeStitcher(gap ?? EpisodeStitcher.DefaultGap, Currency.USD, episodes.Add);
        foreach (var i in interactions)
            stitcher.Add(i, OneDollar);
        stitcher.Flush();
        return episodes;
    }

    private static Interaction At(string id, Channel channel, double hours, string? customer = "C1", bool? resolved = null, int minutes = 5) =>
        new(id, channel, T0.AddHours(hours)) { Customer = customer, End = T0.AddHours(hours).AddMinutes(minutes), Resolved = resolved };

    [Fact]
    public void SelfServiceThenChatThenVoice_IsOneEpisode_WithItsPathAndCost()
    {
        var episode = Assert.Single(Stitch([At("a", Channel.SelfService, 0, resolved: false), At("b", Channel.Chat, 0.2), At("c", Channel.Voice, 1, resolved: true)]));
        Assert.Equal(("a", 3, "selfservice > chat > voice", 2, 3m, true), (episode.Id, episode.Contacts, episode.Path, episode.Switches, episode.Cost.Amount, episode.Resolved));
    }

    [Fact]
    public void ALongEpisode_KeepsEveryChannelInOrder_PastWhatItPacks()
    {
        // Channels are packed four bits each for the first sixteen contacts, then listed.
        var channels = Enumerable.Range(0, 40).Select(i => Enum.GetValues<Channel>()[i % Enum.GetValues<Channel>().Length]).ToArray();
        var episode = Assert.Single(Stitch(channels.Select((c, i) => At($"i{i}", c, i * 0.5))));
        Assert.Equal(channels, episode.Channels);
        Assert.Equal(40m, episode.Cost.Amount);
        Assert.True(Enum.GetValues<Channel>().Length <= 16, "EpisodeStitcher packs a channel in four bits");
    }

    [Fact]
    public void ALinkToAnInteractionOfAClosedEpisode_StartsANewEpisode()
    {
        var first = At("a", Channel.Voice, 0, customer: null);
        var late = new Interaction("b", Channel.Chat, T0.AddDays(10)) { Extra = [KeyValuePair.Create(EpisodeStitcher.LinkColumn, "a")] };
        Assert.Equal([1, 1], Stitch([first, late]).Select(e => e.Contacts));
    }

    [Fact]
    public void TheGap_IsMeasuredFromTheLastActivity_AndIsInclusive()
    {
        // b starts exactly 72 h after a ended: joins. c starts 72 h and one second after b ended: a new episode.
        var a = At("a", Channel.Voice, 0);
        var b = new Interaction("b", Channel.Email, a.End!.Value.AddHours(72)) { Customer = "C1", End = a.End!.Value.AddHours(72) };
        var c = new Interaction("c", Channel.Voice, b.End!.Value.AddHours(72).AddSeconds(1)) { Customer = "C1" };
        Assert.Equal(["a b", "c"], Stitch([a, b, c]).Select(e => string.Join(' ', e.Id == "a" ? ["a", "b"] : ["c"])));
        Assert.Equal([2, 1], Stitch([a, b, c]).Select(e => e.Contacts));
    }

    [Fact]
    public void ACustomersTwoNeeds_DaysApart_AreTwoEpisodes_AndCustomersNeverMix()
    {
        var episodes = Stitch([At("a", Channel.Voice, 0), At("x", Channel.Voice, 1, customer: "C2"), At("b", Channel.Chat, 24 * 5)]);
        Assert.Equal([("a", 1), ("x", 1), ("b", 1)], episodes.Select(e => (e.Id, e.Contacts)));
    }

    [Fact]
    public void AnExplicitLink_JoinsAcrossCustomerIds_AndWithoutACustomer()
    {
        var first = At("ctr-1", Channel.Voice, 0, customer: "+15550001");
        var transfer = new Interaction("ctr-2", Channel.Voice, T0.AddMinutes(3)) { Extra = [KeyValuePair.Create("initial_contact_id", "ctr-1")] };
        var other = new Interaction("ctr-3", Channel.Voice, T0.AddMinutes(4));
        var episodes = Stitch([first, transfer, other]);
        Assert.Equal([("ctr-1", 2), ("ctr-3", 1)], episodes.Select(e => (e.Id, e.Contacts)));
    }

    [Fact]
    public void InteractionsOutOfOrder_AreRefused()
    {
        var stitcher = new EpisodeStitcher(EpisodeStitcher.DefaultGap, Currency.USD, _ => { });
        stitcher.Add(At("b", Channel.Voice, 1), OneDollar);
        Assert.Throws<ArgumentException>(() => stitcher.Add(At("a", Channel.Voice, 0), OneDollar));
    }

    [Fact]
    public void EveryInteraction_IsInExactlyOneEpisode_AndCostsAddUp()
    {
        var interactions = new SyntheticCenter(CenterProfile.SmallOmnichannel, 7).Generate(new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 15)).ToArray();
        var episodes = Stitch(interactions);
        Assert.Equal(interactions.Length, episodes.Sum(e => e.Contacts));
        Assert.Equal(interactions.Length, episodes.Sum(e => e.Cost.Amount));
        Assert.Equal(episodes.Count, episodes.Select(e => e.Id).Distinct().Count());
    }

    [Fact]
    public void OnTheSyntheticCenter_TheGapRule_FindsTheTrueEpisodes()
    {
        // The generator writes each interaction's true episode; the 72 h gap rule should recover
        // almost all of them (it merges two needs of one customer that come within 72 h).
        var interactions = new SyntheticCenter(CenterProfile.SmallOmnichannel, 11).Generate(new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 15)).ToArray();
        var truth = interactions.ToDictionary(i => i.Id, i => i.Extra.Single(e => e.Key == "episode").Value);
        var episodes = new List<Episode>();
        var stitcher = new EpisodeStitcher(EpisodeStitcher.DefaultGap, Currency.USD, episodes.Add);
        foreach (var i in interactions)
            stitcher.Add(i, OneDollar);
        stitcher.Flush();

        // Pairs of consecutive interactions of a customer: together in truth and in the stitching?
        var sameTrue = 0;
        var splitWrongly = 0;
        foreach (var customer in interactions.GroupBy(i => i.Customer))
        {
            var ordered = customer.OrderBy(i => i.Start).ToArray();
            for (var k = 1; k < ordered.Length; k++)
            {
                if (truth[ordered[k].Id] == truth[ordered[k - 1].Id])
                {
                    sameTrue++;
                    if (ordered[k].Start - (ordered[k - 1].End ?? ordered[k - 1].Start) > EpisodeStitcher.DefaultGap)
                        splitWrongly++;
                }
            }
        }

        Assert.True(sameTrue > 1_000);
        Assert.True(splitWrongly == 0, $"{splitWrongly} of {sameTrue} true follow-ups came after more than 72 h");
        var trueEpisodes = truth.Values.Distinct().Count();
        Assert.InRange((double)episodes.Count / trueEpisodes, 0.90, 1.0); // merges only, never splits
    }
}

public class EpisodeKpisTests
{
    private static Episode E(string path, decimal cost, bool resolved)
    {
        var channels = path.Split(' ').Select(n => ChannelNames.TryParse(n, out var c) ? c : throw new ArgumentException(n)).ToArray();
        return new Episode(path, "C", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, channels, new ContactCost.Money(cost, Currency.USD), resolved);
    }

    [Fact]
    public void HandComputedFigures()
    {
        var kpis = new EpisodeKpis(Currency.USD);
        kpis.Add(E("voice", 6m, true));                         // resolved at first contact
        kpis.Add(E("selfservice", 0.05m, true));                // contained and resolved at first contact
        kpis.Add(E("selfservice chat voice", 11m, true));      // two switches
        kpis.Add(E("chat chat", 4m, false));                   // one channel, two contacts
        Assert.Equal(4, kpis.Episodes);
        Assert.Equal(7, kpis.Contacts);
        Assert.Equal(5.26m, kpis.CostPerEpisode.Amount);        // 21.05 / 4 = 5.2625
        Assert.Equal(7.02m, kpis.CostPerResolution.Amount);     // 21.05 / 3 = 7.0166..
        Assert.Equal(1.75m, kpis.ContactsPerEpisode);
        Assert.Equal(0.5m, kpis.SelfServiceContainment);        // 1 of the 2 that began in self-service
        Assert.Equal(0.5m, kpis.FirstContactResolution);        // 2 of 4
        // single-channel average (6 + 0.05 + 4) / 3 = 3.35; multi 11 with 2 switches: (11 - 3.35) / 2 = 3.825 -> 3.83
        Assert.Equal(3.83m, kpis.ExtraCostPerSwitch.Amount);
        // Every path taken once: ties go by name.
        Assert.Equal(["chat", "selfservice", "selfservice > chat > voice", "voice"], kpis.TopPaths(10).Select(p => p.Path));
        Assert.Equal(4m, kpis.TopPaths(1)[0].AverageCost.Amount);
    }
}

public class EpisodeKpisPackedTests
{
    private static readonly Gen<(Channel[] Channels, decimal Cost, bool Resolved)> AnEpisode =
        Gen.Select(
            Gen.Int[0, ChannelNames.All.Count - 1].Select(i => (Channel)i).Array[1, EpisodeKpis.MaxPacked],
            Gen.Long[0, 1_000_000].Select(cents => cents / 100m),
            Gen.Bool);

    private static ulong Pack(Channel[] channels)
    {
        ulong packed = 0;
        for (var i = 0; i < channels.Length; i++)
            packed |= (ulong)channels[i] << (4 * i);
        return packed;
    }

    private static object Figures(EpisodeKpis k) =>
        (k.Episodes, k.Contacts, k.Cost, k.Resolved, k.CostPerEpisode, k.CostPerResolution, k.ContactsPerEpisode, k.ExtraCostPerSwitch,
            k.SelfServiceContainment, k.FirstContactResolution, string.Join("; ", k.TopPaths(int.MaxValue)));

    [Fact]
    public void EpisodesAddedPacked_GiveTheFiguresOfTheEpisodesThemselves_EvenMixed()
    {
        AnEpisode.Array[0, 60].Select(Gen.Bool.Array[60]).Sample((episodes, packedOnes) =>
        {
            var asEpisodes = new EpisodeKpis(Currency.USD);
            var mixed = new EpisodeKpis(Currency.USD);
            for (var i = 0; i < episodes.Length; i++)
            {
                var (channels, cost, resolved) = episodes[i];
                var episode = new Episode($"e{i}", "C", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, channels, new ContactCost.Money(cost, Currency.USD), resolved);
                asEpisodes.Add(episode);
                if (packedOnes[i])
                    mixed.AddPacked(channels.Length, Pack(channels), cost, resolved);
                else
                    mixed.Add(episode);
            }

            Assert.Equal(Figures(asEpisodes), Figures(mixed));
        });
    }

    [Theory]
    [InlineData(0)]
    [InlineData(EpisodeKpis.MaxPacked + 1)]
    public void AddPacked_RefusesACountItCannotHold(int count) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new EpisodeKpis(Currency.USD).AddPacked(count, 0, 1m, false));

    [Fact]
    public void AStitcherWithoutLinksOrListener_CountsWhatThePublicStitcherHandsOver()
    {
        // A synthetic fortnight, plus one customer with 20 contacts in a row (more than a packed episode holds).
        var t0 = new DateTimeOffset(2026, 10, 3, 0, 0, 0, TimeSpan.Zero);
        var interactions = new SyntheticCenter(CenterProfile.SmallOmnichannel, 5).Generate(new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 15))
            .Concat(Enumerable.Range(0, 20).Select(i => new Interaction($"long{i}", (Channel)(i % 3), t0.AddMinutes(i)) { Customer = "long-customer" }))
            .OrderBy(i => i.Start)
            .ToArray();
        var cost = new ContactCost.Money(0.37m, Currency.USD);

        var fromEpisodes = new EpisodeKpis(Currency.USD);
        var publicStitcher = new EpisodeStitcher(EpisodeStitcher.DefaultGap, Currency.USD, fromEpisodes.Add);
        var folded = new EpisodeKpis(Currency.USD);
        var compact = new EpisodeStitcher(EpisodeStitcher.DefaultGap, Currency.USD, folded, closed: null, followLinks: false);
        foreach (var interaction in interactions)
        {
            publicStitcher.Add(interaction, cost);
            compact.Add(interaction, cost);
        }

        publicStitcher.Flush();
        compact.Flush();
        Assert.Equal(Figures(fromEpisodes), Figures(folded));
        Assert.Contains(fromEpisodes.TopPaths(int.MaxValue), p => p.Path == "voice > sms > mms > voice > sms > mms > voice > sms > mms > voice > sms > mms > voice > sms > mms > voice > sms > mms > voice > sms");
    }

    [Fact]
    public void ListenersSeeEpisodesOldestFirst_WhenSeveralCloseAtOnce()
    {
        var t0 = new DateTimeOffset(2026, 10, 3, 0, 0, 0, TimeSpan.Zero);
        var seen = new List<string>();
        var stitcher = new EpisodeStitcher(TimeSpan.FromHours(1), Currency.USD, new EpisodeKpis(Currency.USD), e => seen.Add(e.Id), followLinks: false);
        foreach (var (id, customer, minutes) in new[] { ("a", "C1", 0), ("b", "C2", 1), ("c", "C1", 50), ("d", "C3", 55), ("e", "C4", 500) })
            stitcher.Add(new Interaction(id, Channel.Chat, t0.AddMinutes(minutes)) { Customer = customer }, new ContactCost.Money(1m, Currency.USD));
        stitcher.Flush();
        Assert.Equal(["a", "b", "d", "e"], seen);
    }
}

public class EpisodeStitcherModelTests
{
    private static readonly DateTimeOffset T0 = new(2026, 10, 1, 0, 0, 0, TimeSpan.Zero);

    // A contact as generated: minutes after the previous one, its length, customer (-1 for none), a link to an earlier contact (-1 for none).
    private static readonly Gen<(int After, int Minutes, int Customer, int Link, Channel Channel, bool? Resolved)> AContact =
        Gen.Select(
            Gen.Frequency((4, Gen.Int[0, 90]), (1, Gen.Int[0, 3 * 24 * 60])),
            Gen.Int[0, 120],
            Gen.Int[-1, 7],
            Gen.Frequency((3, Gen.Const(-1)), (1, Gen.Int[0, 400])),
            Gen.Int[0, ChannelNames.All.Count - 1].Select(i => (Channel)i),
            Gen.Bool.Nullable());

    private static Interaction[] Contacts((int After, int Minutes, int Customer, int Link, Channel Channel, bool? Resolved)[] generated)
    {
        var start = T0;
        var interactions = new Interaction[generated.Length];
        for (var i = 0; i < generated.Length; i++)
        {
            var (after, minutes, customer, link, channel, resolved) = generated[i];
            start = start.AddMinutes(after);
            interactions[i] = new Interaction($"i{i}", channel, start)
            {
                End = start.AddMinutes(minutes),
                Customer = customer < 0 ? null : $"C{customer}",
                Resolved = resolved,
                // A link names an earlier contact, or one that does not exist.
                Extra = link < 0 ? [] : [KeyValuePair.Create(EpisodeStitcher.LinkColumn, $"i{link}")],
            };
        }

        return interactions;
    }

    // The rules, written as plainly as possible: every episode stays in memory and nothing is ever forgotten.
    private static List<Episode> Model(IEnumerable<Interaction> interactions, TimeSpan gap)
    {
        var episodes = new List<(string Id, string? Customer, DateTimeOffset Start, DateTimeOffset Last, List<Channel> Channels, decimal Cost, bool Resolved)>();
        var byId = new Dictionary<string, int>();
        var byCustomer = new Dictionary<string, int>();
        foreach (var interaction in interactions)
        {
            bool Joinable(int e) => interaction.Start - episodes[e].Last <= gap;
            var link = interaction.Extra.FirstOrDefault(p => p.Key == EpisodeStitcher.LinkColumn).Value;
            int? chosen = link is not null && byId.TryGetValue(link, out var l) && Joinable(l) ? l : null;
            if (chosen is null && interaction.Customer is not null && byCustomer.TryGetValue(interaction.Customer, out var c) && Joinable(c))
                chosen = c;
            if (chosen is not { } index)
            {
                index = episodes.Count;
                episodes.Add((interaction.Id, interaction.Customer, interaction.Start, interaction.Start, [], 0m, false));
            }

            var e = episodes[index];
            e.Channels.Add(interaction.Channel);
            var end = interaction.End ?? interaction.Start;
            episodes[index] = e with { Last = end > e.Last ? end : e.Last, Cost = e.Cost + 1m, Resolved = interaction.Resolved == true };
            byId[interaction.Id] = index;
            if (interaction.Customer is not null)
                byCustomer[interaction.Customer] = index;
        }

        return [.. episodes.Select(e => new Episode(e.Id, e.Customer, e.Start, e.Last, e.Channels, new ContactCost.Money(e.Cost, Currency.USD), e.Resolved))];
    }

    private static string Text(Episode e) =>
        $"{e.Id} {e.Customer} {e.Start:O} {e.End:O} {string.Join('>', e.Channels)} {e.Cost.Amount} {e.Resolved}";

    [Fact]
    public void TheStitcher_GivesTheEpisodesOfThePlainRules_WhateverTheOrderOfOpeningAndClosing()
    {
        // Few customers, gaps around the episode gap and links back: slots are closed, freed and reused all the time.
        Gen.Select(AContact.Array[0, 400], Gen.Int[1, 48]).Sample((generated, gapHours) =>
        {
            var gap = TimeSpan.FromHours(gapHours);
            var interactions = Contacts(generated);
            var stitched = new List<Episode>();
            var stitcher = new EpisodeStitcher(gap, Currency.USD, stitched.Add);
            foreach (var interaction in interactions)
                stitcher.Add(interaction, new ContactCost.Money(1m, Currency.USD));
            stitcher.Flush();

            var expected = Model(interactions, gap).Select(Text).Order(StringComparer.Ordinal);
            Assert.Equal(expected, stitched.Select(Text).Order(StringComparer.Ordinal));
        });
    }
}
