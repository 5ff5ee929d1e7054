using ContactCost.Formats.Sources;
using ContactCost.Formats.Sources.FreeSwitch;
using ContactCost.Interactions;
using static ContactCost.Tests.Sources.SourceFixtures;

namespace ContactCost.Tests.Sources.FreeSwitch;

public sealed class FreeSwitchCdrReaderTests
{
    [Fact]
    public void The_default_template_gives_calls_with_the_times_the_source_says()
    {
        var calls = Accepted(new FreeSwitchCdrReader().ReadFile(Path("freeswitch", "Master.csv"), new SourceOptions { TimeZone = NewYork }));

        var answered = calls["a1b2c3d4-0000-4000-8000-000000000001"];
        Assert.Equal((Channel.Voice, "5551001", "2002"), (answered.Channel, answered.Customer, answered.Destination));
        Assert.Equal((Utc("2026-10-01T13:00:00Z"), Utc("2026-10-01T13:03:05Z")), (answered.Start, answered.End!.Value));
        Assert.Equal((S(5), S(180)), (answered.Wait, answered.Talk));
        Assert.Contains(KeyValuePair.Create("hangup_cause", "NORMAL_CLEARING"), answered.Extra);

        var unanswered = calls["a1b2c3d4-0000-4000-8000-000000000003"];
        Assert.Equal((S(20), TimeSpan.Zero), (unanswered.Wait, unanswered.Talk));
        Assert.True(unanswered.IsAbandoned);
        Assert.Equal(S(60), calls["a1b2c3d4-0000-4000-8000-000000000004"].Talk);
    }

    [Fact]
    public void Callcenter_variables_give_queue_agent_wait_and_abandons()
    {
        var calls = Accepted(new FreeSwitchCdrReader().ReadFile(Path("freeswitch", "callcenter.csv")));

        var answered = calls["b0000000-0000-4000-8000-000000000011"];
        Assert.Equal(("support@default", "1001@default", S(30), S(329)), (answered.Queue, answered.Agent, answered.Wait, answered.Talk));
        var abandoned = calls["b0000000-0000-4000-8000-000000000012"];
        Assert.Equal(("support@default", (string?)null, S(59), TimeSpan.Zero), (abandoned.Queue, abandoned.Agent, abandoned.Wait, abandoned.Talk));
        Assert.True(abandoned.IsAbandoned);
    }

    [Fact]
    public void A_custom_template_without_header_is_read_with_the_configured_columns()
    {
        var options = new SourceOptions { Columns = ["uuid", "start_stamp", "end_stamp", "billsec", "cc_queue", "cc_agent"] };
        const string text = "\"c-1\",\"2026-10-01 09:00:00\",\"2026-10-01 09:01:00\",\"60\",\"sales\",\"1002\"\n";

        var call = Assert.Single(Accepted(new FreeSwitchCdrReader().Read(Stream(text), "cdr.csv", options))).Value;

        Assert.Equal(("sales", TimeSpan.Zero), (call.Queue, call.Talk));
    }

    [Fact]
    public void A_row_of_another_width_is_refused_and_the_rest_is_read()
    {
        var lines = File.ReadAllLines(Path("freeswitch", "Master.csv"));
        var text = string.Join("\r\n", lines[0], "\"only\",\"three\",\"fields\"", lines[1]);

        var results = new FreeSwitchCdrReader().Read(Stream(text, byteOrderMark: true), "Master.csv").ToList();

        var rejection = SingleRejection(results);
        Assert.Equal((2L, "the record has 3 fields but 15 columns are expected"), (rejection.Line, rejection.Reason));
        Assert.Equal(2, results.Count(r => r.Item is not null));
    }
}
