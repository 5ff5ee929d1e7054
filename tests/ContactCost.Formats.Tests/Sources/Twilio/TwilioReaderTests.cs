using ContactCost.Formats.Sources.Twilio;
using ContactCost.Interactions;
using static ContactCost.Tests.Sources.SourceFixtures;

namespace ContactCost.Tests.Sources.Twilio;

public sealed class TwilioReaderTests
{
    [Fact]
    public void A_calls_page_gives_calls_with_their_price()
    {
        var calls = Accepted(new TwilioReader().ReadFile(Path("twilio", "calls.json")));

        var inbound = calls["CA00000000000000000000000000000001"];
        Assert.Equal((Channel.Voice, Direction.Inbound, "+15555550101", "+18005550100"), (inbound.Channel, inbound.Direction, inbound.Customer, inbound.Destination));
        Assert.Equal((Utc("2026-10-01T13:00:02Z"), Utc("2026-10-01T13:04:02Z"), S(240)), (inbound.Start, inbound.End!.Value, inbound.Talk));
        Assert.Contains(KeyValuePair.Create("price", "-0.03400"), inbound.Extra);
        Assert.Contains(KeyValuePair.Create("price_unit", "USD"), inbound.Extra);

        var unanswered = calls["CA00000000000000000000000000000002"];
        Assert.Equal((Direction.Outbound, "+15555550102", TimeSpan.Zero, S(25)), (unanswered.Direction, unanswered.Customer, unanswered.Talk, unanswered.Wait));
        Assert.DoesNotContain(unanswered.Extra, e => e.Key == "price");
    }

    [Fact]
    public void A_messages_page_gives_sms_mms_and_social_with_segments()
    {
        var messages = Accepted(new TwilioReader().ReadFile(Path("twilio", "messages.json")));

        var sms = messages["SM00000000000000000000000000000001"];
        Assert.Equal((Channel.Sms, Direction.Inbound, (int?)2, Utc("2026-10-01T15:00:01Z")), (sms.Channel, sms.Direction, sms.Units, sms.Start));
        Assert.Contains(KeyValuePair.Create("price", "-0.00790"), sms.Extra);
        var mms = messages["MM00000000000000000000000000000002"];
        Assert.Equal((Channel.Mms, Direction.Outbound, "+15555550103"), (mms.Channel, mms.Direction, mms.Customer));
        Assert.Equal(Channel.Social, messages["SM00000000000000000000000000000003"].Channel);
    }

    [Fact]
    public void A_console_csv_export_is_read_by_its_column_names()
    {
        var calls = Accepted(new TwilioReader().ReadFile(Path("twilio", "calls.csv")));

        var inbound = calls["CA00000000000000000000000000000011"];
        Assert.Equal((Utc("2026-10-01T16:00:03Z"), S(120)), (inbound.Start, inbound.Talk));
        Assert.Contains(KeyValuePair.Create("price", "-0.0170"), inbound.Extra);
        Assert.Equal("+1 (555) 555-0105", calls["CA00000000000000000000000000000012"].Destination);
        var busy = calls["CA00000000000000000000000000000013"];
        Assert.Equal((TimeSpan.Zero, S(30)), (busy.Talk, busy.Wait));
        Assert.True(busy.IsAbandoned);
    }

    [Fact]
    public void A_bare_array_and_a_bad_date_are_read_and_refused_by_name()
    {
        const string text = """
            [
              {"sid": "CA1", "start_time": "Thu, 01 Oct 2026 13:00:02 +0000", "end_time": "Thu, 01 Oct 2026 13:00:12 +0000", "duration": "10", "direction": "inbound"},
              {"sid": "CA2", "start_time": "last tuesday", "duration": "10", "direction": "inbound"}
            ]
            """;

        var results = new TwilioReader().Read(Stream(text), "calls.json").ToList();

        Assert.Equal("CA1", results[0].Item!.Id);
        var rejection = results[1].Rejection!;
        Assert.Equal((3L, "start_time", "last tuesday"), (rejection.Line, rejection.Field, rejection.Value));
    }
}
