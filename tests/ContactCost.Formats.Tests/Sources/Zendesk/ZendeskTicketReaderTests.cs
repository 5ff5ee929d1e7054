using ContactCost.Formats.Sources;
using ContactCost.Formats.Sources.Zendesk;
using ContactCost.Interactions;
using static ContactCost.Tests.Sources.SourceFixtures;

namespace ContactCost.Tests.Sources.Zendesk;

public sealed class ZendeskTicketReaderTests
{
    [Fact]
    public void Api_tickets_give_one_interaction_each_on_the_channel_via_names()
    {
        var tickets = Accepted(new ZendeskTicketReader().ReadFile(Path("zendesk", "tickets.json")));

        var email = tickets["zd-35436"];
        Assert.Equal((Channel.Email, "20978392", "235323", "98738"), (email.Channel, email.Customer, email.Agent, email.Queue));
        Assert.Equal((Utc("2026-10-01T09:00:00Z"), Utc("2026-10-01T15:30:00Z"), (bool?)true), (email.Start, email.End!.Value, email.Resolved));
        var chat = tickets["zd-35437"];
        Assert.Equal((Channel.Chat, (DateTimeOffset?)null, (bool?)null), (chat.Channel, chat.End, chat.Resolved));
        var social = tickets["zd-35438"];
        Assert.Equal((Channel.Social, Utc("2026-10-01T12:00:00Z"), S(900)), (social.Channel, social.End!.Value, social.Wait));
        Assert.Equal(Channel.Voice, tickets["zd-35439"].Channel);
    }

    [Fact]
    public void The_csv_export_is_read_in_the_given_time_zone()
    {
        var tickets = Accepted(new ZendeskTicketReader().ReadFile(Path("zendesk", "tickets.csv"), new SourceOptions { TimeZone = NewYork }));

        var mail = tickets["zd-1201"];
        Assert.Equal((Channel.Email, "ann@example.com", "Bo Park", "Support", S(720)), (mail.Channel, mail.Customer, mail.Agent, mail.Queue, mail.Wait));
        Assert.Equal((Utc("2026-10-01T13:00:00Z"), Utc("2026-10-01T14:30:00Z")), (mail.Start, mail.End!.Value));
        Assert.Equal((Channel.Email, (string?)null), (tickets["zd-1202"].Channel, tickets["zd-1202"].Agent));
        Assert.Equal(Channel.Voice, tickets["zd-1203"].Channel);
    }

    [Theory]
    [InlineData("email", Channel.Email)]
    [InlineData("web", Channel.Email)]
    [InlineData("api", Channel.Email)]
    [InlineData("chat_transcript", Channel.Chat)]
    [InlineData("native_messaging", Channel.Chat)]
    [InlineData("phone_call_outbound", Channel.Voice)]
    [InlineData("sms", Channel.Sms)]
    [InlineData("facebook_post", Channel.Social)]
    [InlineData("line", Channel.Social)]
    [InlineData("whatsapp", Channel.Social)]
    public void Via_channels_map_to_canonical_channels(string via, Channel channel) =>
        Assert.Equal(channel, ZendeskTicketReader.ChannelOf(via));
}
