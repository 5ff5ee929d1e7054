using System.Text;
using ContactCost.Episodes;
using ContactCost.Formats.Sources;
using ContactCost.Formats.Sources.Asterisk;
using ContactCost.Interactions;
using static ContactCost.Tests.Sources.SourceFixtures;

namespace ContactCost.Tests.Sources.Asterisk;

public sealed class AsteriskCdrReaderTests
{
    private static readonly SourceOptions NewYorkTime = new() { TimeZone = NewYork };

    [Fact]
    public void Master_csv_gives_calls_with_the_times_the_source_says()
    {
        var calls = Accepted(new AsteriskCdrReader().ReadFile(Path("asterisk", "Master.csv"), NewYorkTime));

        var direct = calls["1790860200.13"];
        Assert.Equal((Channel.Voice, Direction.Inbound, "5551003", "2002"), (direct.Channel, direct.Direction, direct.Customer, direct.Destination));
        Assert.Equal((Utc("2026-10-01T13:10:00Z"), Utc("2026-10-01T13:12:04Z")), (direct.Start, direct.End!.Value));
        Assert.Equal((S(4), S(120), "PJSIP/2002"), (direct.Wait, direct.Talk, direct.Agent));
        Assert.Contains(KeyValuePair.Create("userfield", "vip"), direct.Extra);
        Assert.Contains(KeyValuePair.Create("accountcode", "acme"), direct.Extra);

        var unanswered = calls["1790860800.14"];
        Assert.Equal((S(30), TimeSpan.Zero, (string?)null), (unanswered.Wait, unanswered.Talk, unanswered.Agent));
        Assert.True(unanswered.IsAbandoned);
    }

    [Fact]
    public void A_queue_log_adds_queue_agent_wait_and_abandons()
    {
        var log = AsteriskQueueLog.Load(Path("asterisk", "queue_log"));
        var calls = Accepted(new AsteriskCdrReader(log).ReadFile(Path("asterisk", "Master.csv"), NewYorkTime));

        var answered = calls["1790859600.11"];
        Assert.Equal(("support", "SIP/2001", S(25), S(274)), (answered.Queue, answered.Agent, answered.Wait, answered.Talk));
        var abandoned = calls["1790859720.12"];
        Assert.Equal(("support", (string?)null, S(44), TimeSpan.Zero), (abandoned.Queue, abandoned.Agent, abandoned.Wait, abandoned.Talk));
        Assert.True(abandoned.IsAbandoned);
        Assert.Null(calls["1790860200.13"].Queue);
    }

    [Fact]
    public void Times_are_utc_unless_a_zone_is_given()
    {
        var calls = Accepted(new AsteriskCdrReader().ReadFile(Path("asterisk", "Master.csv")));

        Assert.Equal(Utc("2026-10-01T09:10:00Z"), calls["1790860200.13"].Start);
    }

    [Theory]
    [InlineData(false, "\n")]
    [InlineData(true, "\r\n")]
    public void Reads_with_or_without_bom_and_crlf(bool byteOrderMark, string newline)
    {
        var text = File.ReadAllText(Path("asterisk", "Master.csv")).Replace("\n", newline);

        Assert.Equal(4, Accepted(new AsteriskCdrReader().Read(Stream(text, byteOrderMark), "Master.csv")).Count);
    }

    [Fact]
    public void Sixteen_columns_make_an_id_from_channel_and_start_and_linkedid_links_episodes()
    {
        const string text = """
            "","5551001","8000","ctx","","SIP/trunk-00000001","SIP/2001-00000002","Dial","","2026-10-01 09:00:00","2026-10-01 09:00:02","2026-10-01 09:01:02",62,60,"ANSWERED","DOCUMENTATION"
            "","5551001","8000","ctx","","SIP/trunk-00000003","SIP/2001-00000004","Dial","","2026-10-01 09:03:00","2026-10-01 09:03:02","2026-10-01 09:04:02",62,60,"ANSWERED","DOCUMENTATION","1790859780.5","","","1790859600.1","7"
            """;

        var calls = Accepted(new AsteriskCdrReader().Read(Stream(text), "Master.csv"));

        Assert.Contains("SIP/trunk-00000001@2026-10-01T09:00:00Z", calls.Keys);
        Assert.Contains(KeyValuePair.Create(EpisodeStitcher.LinkColumn, "1790859600.1"), calls["1790859780.5"].Extra);
    }

    [Theory]
    [InlineData("\"2026-10-01 09:00:00\",\"2026-10-01 09:00:02\",\"2026-10-01 08:01:02\",62,60", "end", "before the start")]
    [InlineData("\"yesterday\",\"\",\"\",62,60", "start", "start 'yesterday' is not a timestamp")]
    [InlineData("\"2/10/2026 09:00\",\"\",\"\",62,60", "start", "its day and month cannot be told apart")]
    [InlineData("\"2026-10-01 09:00:00\",\"\",\"\",-5,0", "duration", "duration -5 is negative")]
    public void A_bad_row_is_refused_by_name_and_the_rest_is_read(string times, string field, string reason)
    {
        var text = $"\"\",\"1\",\"2\",\"ctx\",\"\",\"SIP/a-1\",\"\",\"Dial\",\"\",{times},\"NO ANSWER\",\"DOCUMENTATION\",\"1.1\",\"\"\n"
            + "\"\",\"1\",\"2\",\"ctx\",\"\",\"SIP/a-2\",\"\",\"Dial\",\"\",\"2026-10-01 09:00:00\",\"\",\"2026-10-01 09:00:30\",30,0,\"NO ANSWER\",\"DOCUMENTATION\",\"1.2\",\"\"\n";

        var results = new AsteriskCdrReader().Read(Stream(text), "Master.csv").ToList();

        var rejection = SingleRejection(results);
        Assert.Equal((1L, field), (rejection.Line, rejection.Field));
        Assert.Contains(reason, rejection.Reason, StringComparison.Ordinal);
        Assert.Equal("1.2", results[1].Item!.Id);
    }

    [Fact]
    public void A_spreadsheet_date_with_the_year_first_is_read_with_one_warning()
    {
        var warnings = new List<string>();
        var text = "\"\",\"1\",\"2\",\"ctx\",\"\",\"SIP/a-1\",\"\",\"Dial\",\"\",\"2020/2/10 22:41\",\"\",\"2020/2/10 22:42\",60,0,\"NO ANSWER\",\"DOCUMENTATION\",\"1.1\",\"\"\n";

        var calls = Accepted(new AsteriskCdrReader().Read(Stream(text + text.Replace("1.1", "1.2")), "Master.csv", new SourceOptions { Warn = warnings.Add }));

        var call = calls["1.1"];

        Assert.Equal(Utc("2020-02-10T22:41:00Z"), call.Start);
        var warning = Assert.Single(warnings);
        Assert.Contains("Master.csv:1: start '2020/2/10 22:41' looks re-saved by a spreadsheet; read as 2020-02-10 22:41:00 in UTC", warning);
    }

    [Fact]
    public void A_row_with_a_column_count_asterisk_never_writes_is_refused()
    {
        var rejection = SingleRejection(new AsteriskCdrReader().Read(Stream("\"a\",\"b\",\"c\"\n"), "Master.csv"));

        Assert.Equal("the record has 3 fields; Asterisk Master.csv rows have 16 to 21", rejection.Reason);
    }

    [Fact]
    public void A_binary_file_is_one_clear_error()
    {
        var error = Assert.Throws<ContactCost.Formats.Import.InputFormatException>(
            () => new AsteriskCdrReader().Read(new MemoryStream([0x50, 0x4B, 0x03, 0x04, 0, 0, 0, 1, 2, 3]), "Master.csv").ToList());

        Assert.Contains("it is not a text file", error.Message);
    }
}

public sealed class AsteriskQueueLogReaderTests
{
    [Fact]
    public void A_queue_log_alone_gives_one_call_per_callid()
    {
        var calls = Accepted(new AsteriskQueueLogReader().ReadFile(Path("asterisk", "queue_log")));

        Assert.Equal(3, calls.Count);
        var answered = calls["1790859600.11"];
        Assert.Equal(("support", "SIP/2001", S(25), S(274), "5551001"), (answered.Queue, answered.Agent, answered.Wait, answered.Talk, answered.Customer));
        Assert.Equal((Utc("2026-10-01T13:00:01Z"), Utc("2026-10-01T13:05:00Z")), (answered.Start, answered.End!.Value));
        var timedOut = calls["1790861000.20"];
        Assert.Equal(("billing", S(120)), (timedOut.Queue, timedOut.Wait));
        Assert.True(timedOut.IsAbandoned);
    }

    [Fact]
    public void A_broken_line_is_refused_and_the_rest_is_read()
    {
        var text = "1790859601|c1|support|NONE|ENTERQUEUE||555|1\nnot a line\n1790859701|c1|support|A1|COMPLETEAGENT|x|90|1\n";

        var results = new AsteriskQueueLogReader().Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), "queue_log").ToList();

        Assert.Equal(2, results.Count(r => r.Rejection is not null));
        Assert.Equal(2, results.First(r => r.Rejection is not null).Line);
        Assert.Equal("c1", Assert.Single(results, r => r.Item is not null).Item!.Id);
    }
}
