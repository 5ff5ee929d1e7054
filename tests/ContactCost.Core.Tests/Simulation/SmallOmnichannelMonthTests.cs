using ContactCost.Interactions;
using ContactCost.Simulation;

namespace ContactCost.Tests.Simulation;

/// <summary>The calibration promised in <see cref="CenterProfile"/>'s remarks, checked on October 2026.</summary>
public class SmallOmnichannelMonthTests(OctoberMonth month) : IClassFixture<OctoberMonth>
{
    private readonly IReadOnlyList<Interaction> rows = month.Rows;

    [Fact]
    public void A_month_holds_35_to_50_thousand_interactions() =>
        Assert.InRange(rows.Count, 35_000, 50_000);

    [Fact]
    public void Agent_handle_time_is_65_to_85_percent_of_25_agents_paid_hours()
    {
        // Chat agents run about 2.5 sessions at once, so a chat's handle time costs 1/2.5 of an agent.
        var hours = rows.Sum(r => r.HandleTime.TotalHours / (r.Channel == Channel.Chat ? 2.5 : 1));

        Assert.InRange(hours / (25 * 150), 0.65, 0.85);
    }

    [Fact]
    public void Five_to_ten_percent_of_inbound_calls_are_abandoned()
    {
        var calls = rows.Where(r => r.Channel == Channel.Voice && r.Direction == Direction.Inbound).ToList();

        Assert.InRange(calls.Count(r => r.IsAbandoned) / (double)calls.Count, 0.05, 0.10);
    }

    [Fact]
    public void Some_chats_are_abandoned_before_an_agent_joins()
    {
        var chats = rows.Where(r => r.Channel == Channel.Chat).ToList();

        Assert.InRange(chats.Count(r => r.IsAbandoned) / (double)chats.Count, 0.02, 0.15);
    }

    [Fact]
    public void Mid_morning_is_far_busier_than_the_middle_of_the_night()
    {
        var byHour = new int[24];
        foreach (var row in rows)
            byHour[Generated.Local(row).Hour]++;

        Assert.True(byHour[10] > 5 * byHour[3], $"10:00 has {byHour[10]}, 03:00 has {byHour[3]}.");
        Assert.InRange(Array.IndexOf(byHour, byHour.Max()), 10, 15);
    }

    [Fact]
    public void A_weekend_day_has_a_quarter_to_a_half_of_a_weekday()
    {
        var perDay = rows.GroupBy(r => DateOnly.FromDateTime(Generated.Local(r).DateTime)).ToList();
        static bool IsWeekend(DateOnly day) => day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
        var weekday = perDay.Where(g => !IsWeekend(g.Key)).Average(g => g.Count());
        var weekend = perDay.Where(g => IsWeekend(g.Key)).Average(g => g.Count());

        Assert.InRange(weekend / weekday, 0.25, 0.5);
    }

    [Fact]
    public void Every_channel_and_both_directions_occur()
    {
        var seen = rows.Select(r => (r.Channel, r.Direction)).ToHashSet();

        foreach (var channel in new[] { Channel.Voice, Channel.Chat, Channel.Email, Channel.Sms, Channel.Social, Channel.SelfService })
            Assert.Contains((channel, Direction.Inbound), seen);
        Assert.Contains((Channel.Voice, Direction.Outbound), seen);
        Assert.Contains((Channel.Sms, Direction.Outbound), seen);
    }

    [Fact]
    public void Many_customers_go_from_self_service_to_chat_or_voice_within_minutes()
    {
        var handoffs = 0;
        foreach (var customer in rows.GroupBy(r => r.Customer))
        {
            Interaction? previous = null;
            foreach (var row in customer)
            {
                if (previous is { Channel: Channel.SelfService } && row.Channel is Channel.Chat or Channel.Voice
                    && row.Start - previous.End!.Value < TimeSpan.FromMinutes(30))
                    handoffs++;
                previous = row;
            }
        }

        Assert.True(handoffs > 2_000, $"Only {handoffs} self-service sessions led to a chat or a call.");
    }

    [Fact]
    public void Episodes_keep_one_customer_and_some_customers_have_several_episodes()
    {
        var episodes = rows.GroupBy(Generated.EpisodeOf).ToList();

        Assert.All(episodes, e => Assert.Single(e.Select(r => r.Customer).Distinct()));
        var perCustomer = episodes.GroupBy(e => e.First().Customer).Select(c => c.Count()).ToList();
        Assert.InRange(perCustomer.Count(n => n > 1) / (double)perCustomer.Count, 0.05, 0.4);
    }

    [Fact]
    public void Most_episodes_end_resolved_and_only_their_last_contact_says_so()
    {
        var episodes = rows.GroupBy(Generated.EpisodeOf).Where(e => e.Last().Resolved is not null).ToList();

        Assert.InRange(episodes.Count(e => e.Last().Resolved == true) / (double)episodes.Count, 0.8, 0.9);
        Assert.All(episodes, e => Assert.DoesNotContain(e.SkipLast(1), r => r.Resolved == true));
    }

    [Fact]
    public void Sms_destinations_span_several_countries()
    {
        var sms = rows.Where(r => r.Channel == Channel.Sms).ToList();

        Assert.All(sms, r => Assert.InRange(r.Units ?? 0, 1, 10));
        foreach (var prefix in new[] { "+1", "+44", "+52", "+49" })
            Assert.Contains(sms, r => r.Destination!.StartsWith(prefix, StringComparison.Ordinal));
        Assert.True(sms.Count(r => r.Destination!.StartsWith("+1", StringComparison.Ordinal)) > sms.Count * 0.8);
    }

    [Theory]
    [InlineData(Channel.Voice, 4.0, 5.5)]
    [InlineData(Channel.Chat, 11.0, 15.0)]
    [InlineData(Channel.Email, 4.5, 8.0)]
    [InlineData(Channel.Sms, 2.0, 3.5)]
    [InlineData(Channel.Social, 3.0, 5.0)]
    public void Handled_talk_time_has_the_documented_median(Channel channel, double fromMinutes, double toMinutes)
    {
        var talk = rows.Where(r => r.Channel == channel && r.Direction == Direction.Inbound && r.Agent is not null)
            .Select(r => r.Talk.TotalMinutes).Order().ToList();

        Assert.InRange(talk[talk.Count / 2], fromMinutes, toMinutes);
    }

    [Fact]
    public void Voice_agents_and_digital_agents_keep_to_their_channels()
    {
        var voice = rows.Where(r => r.Channel == Channel.Voice).Select(r => r.Agent).OfType<string>().ToHashSet();
        var digital = rows.Where(r => r.Channel != Channel.Voice).Select(r => r.Agent).OfType<string>().ToHashSet();

        Assert.Equal(Enumerable.Range(1, 14).Select(i => $"A{i:D3}"), voice.Order());
        Assert.Equal(Enumerable.Range(15, 11).Select(i => $"A{i:D3}"), digital.Order());
    }
}
