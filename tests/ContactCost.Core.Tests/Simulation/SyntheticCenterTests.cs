using ContactCost.Interactions;
using ContactCost.Periods;
using ContactCost.Simulation;
using CsCheck;

namespace ContactCost.Tests.Simulation;

/// <summary>One generated month, shared by the statistical tests (generating it takes a fraction of a second).</summary>
public sealed class OctoberMonth
{
    public static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    public OctoberMonth() =>
        Interactions = new SyntheticCenter(CenterProfile.SmallOmnichannel, 42).Generate(new DateOnly(2026, 10, 1), new DateOnly(2026, 11, 1)).ToArray();

    public Interaction[] Interactions { get; }
}

public class SyntheticCenterTests(OctoberMonth month) : IClassFixture<OctoberMonth>
{
    private static readonly DateOnly October1 = new(2026, 10, 1);

    private static Interaction[] Generate(ulong seed, long rows, DateOnly? first = null) =>
        new SyntheticCenter(CenterProfile.SmallOmnichannel, seed).Generate(first ?? October1, null, rows).ToArray();

    [Fact]
    public void SameSeed_SameInteractions_OtherSeed_OtherInteractions()
    {
        var a = Generate(7, 2000);
        var b = Generate(7, 2000);
        var c = Generate(8, 2000);
        Assert.Equal(a.Select(Describe), b.Select(Describe));
        Assert.NotEqual(a.Select(Describe), c.Select(Describe));
    }

    [Fact]
    public void MaxRows_IsHonouredExactly_AndIdsFollowOutputOrder()
    {
        var rows = Generate(42, 1234);
        Assert.Equal(1234, rows.Length);
        Assert.Equal("s42-000000001", rows[0].Id);
        Assert.Equal("s42-000001234", rows[^1].Id);
    }

    [Fact]
    public void EndDay_BoundsTheStream_InLocalTime()
    {
        var start = ReportingPeriod.Month(2026, 10).StartUtc(OctoberMonth.NewYork);
        var end = ReportingPeriod.Month(2026, 10).EndUtc(OctoberMonth.NewYork);
        Assert.All(month.Interactions, i => Assert.InRange(i.Start, start, end.AddTicks(-1)));
        Assert.Equal(31, month.Interactions.Select(i => ReportingPeriod.LocalDay(i.Start, OctoberMonth.NewYork)).Distinct().Count());
    }

    [Fact]
    public void Month_IsTheCalibratedSize_WithEveryChannel()
    {
        var byChannel = month.Interactions.GroupBy(i => i.Channel).ToDictionary(g => g.Key, g => g.Count());
        Assert.InRange(month.Interactions.Length, 35_000, 50_000);
        Assert.InRange(byChannel[Channel.Voice], 11_000, 16_000);
        Assert.InRange(byChannel[Channel.SelfService], 10_000, 15_000);
        Assert.InRange(byChannel[Channel.Chat], 4_500, 8_000);
        Assert.InRange(byChannel[Channel.Email], 4_000, 7_000);
        Assert.InRange(byChannel[Channel.Social], 1_000, 2_500);
        Assert.InRange(byChannel[Channel.Sms], 1_000, 2_500);
    }

    [Fact]
    public void AgentHandleTime_IsARealisticLoadFor25Agents()
    {
        // Chat at concurrency 2.5, SMS 3, social 2, as the sample cost model says; 25 agents x 150 paid hours.
        var concurrency = new Dictionary<Channel, double> { [Channel.Chat] = 2.5, [Channel.Sms] = 3, [Channel.Social] = 2 };
        var hours = month.Interactions.Sum(i => i.HandleTime.TotalHours / concurrency.GetValueOrDefault(i.Channel, 1));
        Assert.InRange(hours / (25 * 150), 0.60, 0.90);
    }

    [Fact]
    public void ArrivalsFollowTheHourOfDay_AndTheWeekday()
    {
        var local = month.Interactions.Select(i => TimeZoneInfo.ConvertTime(i.Start, OctoberMonth.NewYork)).ToArray();
        var byHour = local.GroupBy(t => t.Hour).ToDictionary(g => g.Key, g => g.Count());
        Assert.True(byHour[10] > 10 * byHour[3], $"10:00 has {byHour[10]}, 03:00 has {byHour[3]}");
        Assert.True(byHour[14] > byHour[19]);

        var perDay = local.GroupBy(t => t.Date).ToDictionary(g => g.Key, g => g.Count());
        var weekday = perDay.Where(d => d.Key.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)).Average(d => d.Value);
        var weekend = perDay.Where(d => d.Key.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday).Average(d => d.Value);
        Assert.InRange(weekend / weekday, 0.25, 0.50);
    }

    [Fact]
    public void SomeCallersAbandon_AndAbandonedCallsHaveNoAgentNorTalk()
    {
        var inbound = month.Interactions.Where(i => i.Channel == Channel.Voice && i.Direction == Direction.Inbound).ToArray();
        var abandoned = inbound.Where(i => i.IsAbandoned).ToArray();
        Assert.InRange((double)abandoned.Length / inbound.Length, 0.04, 0.10);
        Assert.All(abandoned, i =>
        {
            Assert.Null(i.Agent);
            Assert.Equal(TimeSpan.Zero, i.Talk);
            Assert.True(i.Wait > TimeSpan.Zero);
        });
    }

    [Fact]
    public void HandleTimes_AreLongTailed_PerChannel()
    {
        double Median(Channel channel) => Percentile(channel, 0.5);
        double Percentile(Channel channel, double p)
        {
            var talk = month.Interactions.Where(i => i.Channel == channel && i.Talk > TimeSpan.Zero).Select(i => i.Talk.TotalSeconds).Order().ToArray();
            return talk[(int)(p * (talk.Length - 1))];
        }

        Assert.InRange(Median(Channel.Voice), 240, 360);       // minutes of talk
        Assert.InRange(Median(Channel.Chat), 600, 1000);       // tens of minutes of session
        Assert.True(Percentile(Channel.Voice, 0.99) > 3 * Median(Channel.Voice)); // a long tail
        var email = month.Interactions.Where(i => i.Channel == Channel.Email).ToArray();
        Assert.True(email.Average(i => i.Elapsed.TotalHours) > 1, "e-mail takes hours of elapsed time");
        Assert.True(email.Average(i => i.Talk.TotalMinutes) < 15, "but minutes of agent work");
    }

    [Fact]
    public void Episodes_CrossChannels_OnTheSameCustomer()
    {
        // A self-service session followed, within two hours, by a chat or call of the same customer.
        var journeys = month.Interactions
            .Where(i => i.Customer is not null)
            .GroupBy(i => i.Customer)
            .Count(g =>
            {
                var ordered = g.OrderBy(i => i.Start).ToArray();
                return ordered.Zip(ordered.Skip(1)).Any(p =>
                    p.First.Channel == Channel.SelfService
                    && p.Second.Channel is Channel.Chat or Channel.Voice
                    && p.Second.Start - p.First.End < TimeSpan.FromHours(2));
            });
        Assert.True(journeys > 2_000, $"only {journeys} self-service-then-assisted journeys");
        Assert.Contains(month.Interactions, i => i.Resolved == true);
        Assert.Contains(month.Interactions, i => i.Resolved == false);
    }

    [Fact]
    public void SmsCarriesSegments_AndDestinationsSpanCountries()
    {
        var sms = month.Interactions.Where(i => i.Channel == Channel.Sms).ToArray();
        Assert.All(sms, i => Assert.InRange(i.Units!.Value, 1, 10));
        Assert.Contains(sms, i => i.Units > 1);
        var prefixes = sms.Select(i => i.Destination![..3]).ToHashSet();
        Assert.Contains("+44", prefixes);
        Assert.Contains(sms, i => i.Destination!.StartsWith("+1", StringComparison.Ordinal));
    }

    [Fact]
    public void FallBackDay_HasArrivalsInBothOfItsOneOClockHours()
    {
        // 1 Nov 2026, New York: 01:00-02:00 happens twice, at -04:00 and then at -05:00.
        var rows = new SyntheticCenter(CenterProfile.SmallOmnichannel, 3).Generate(new DateOnly(2026, 10, 25), new DateOnly(2026, 11, 8)).ToArray();
        var offsets = rows
            .Select(i => TimeZoneInfo.ConvertTime(i.Start, OctoberMonth.NewYork))
            .Where(t => t.Date == new DateTime(2026, 11, 1) && t.Hour == 1)
            .Select(t => t.Offset)
            .ToHashSet();
        Assert.Equal(new HashSet<TimeSpan> { TimeSpan.FromHours(-4), TimeSpan.FromHours(-5) }, offsets);
        Assert.Equal(14, rows.Select(i => ReportingPeriod.LocalDay(i.Start, OctoberMonth.NewYork)).Distinct().Count());
    }

    [Fact]
    public void AnySeed_GivesValidTimeOrderedInteractions()
    {
        Gen.ULong.Sample(seed =>
        {
            var rows = Generate(seed, 400, new DateOnly(2026, 3, 7));
            for (var i = 0; i < rows.Length; i++)
            {
                var r = rows[i];
                if ((i > 0 && r.Start < rows[i - 1].Start) || r.End < r.Start || r.Units < 0)
                    return false;
                if (r.IsAbandoned && (r.Agent is not null || r.Talk != TimeSpan.Zero))
                    return false;
                if (r.Channel != Channel.SelfService && r.Queue is null)
                    return false;
            }

            return rows.Length == 400 && rows.Select(r => r.Id).Distinct().Count() == 400;
        }, iter: 30);
    }

    [Fact]
    public void Generate_WithNoLimit_IsRefused() =>
        Assert.Throws<ArgumentException>(() => new SyntheticCenter(CenterProfile.SmallOmnichannel, 1).Generate(October1));

    private static string Describe(Interaction i) =>
        $"{i.Id}|{i.Channel}|{i.Direction}|{i.Customer}|{i.Start:O}|{i.End:O}|{i.Wait}|{i.Talk}|{i.Hold}|{i.Wrap}|{i.Queue}|{i.Agent}|{i.Units}|{i.Destination}|{i.Resolved}";
}
