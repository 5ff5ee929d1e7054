using System.Text;
using ContactCost.Episodes;
using ContactCost.Formats.Import;
using ContactCost.Formats.Sources;
using ContactCost.Formats.Sources.Connect;
using ContactCost.Interactions;
using static ContactCost.Tests.Sources.SourceFixtures;

namespace ContactCost.Tests.Sources.Connect;

public sealed class ConnectRecordReaderTests
{
    [Fact]
    public void A_json_array_gives_contacts_with_the_durations_the_source_says()
    {
        var contacts = Accepted(new ConnectRecordReader().ReadFile(Path("connect", "ctr.json")));

        var call = contacts["11111111-aaaa-4bbb-8ccc-000000000001"];
        Assert.Equal((Channel.Voice, Direction.Inbound, "+15555550101", "+18005550100"), (call.Channel, call.Direction, call.Customer, call.Destination));
        Assert.Equal((Utc("2026-10-01T13:00:00Z"), Utc("2026-10-01T13:06:12Z")), (call.Start, call.End!.Value));
        Assert.Equal((S(42), S(300), S(30), S(60)), (call.Wait, call.Talk, call.Hold, call.Wrap));
        Assert.Equal(("Support", "ann.lee"), (call.Queue, call.Agent));

        var chat = contacts["11111111-aaaa-4bbb-8ccc-000000000002"];
        Assert.Equal((Channel.Chat, Direction.Inbound, S(95), (string?)null), (chat.Channel, chat.Direction, chat.Wait, chat.Agent));
        Assert.True(chat.IsAbandoned);
        Assert.Equal(Utc("2026-10-01T13:02:00.250Z"), chat.Start);

        var transfer = contacts["11111111-aaaa-4bbb-8ccc-000000000003"];
        Assert.Contains(KeyValuePair.Create(EpisodeStitcher.LinkColumn, "11111111-aaaa-4bbb-8ccc-000000000001"), transfer.Extra);
        Assert.Equal(("Billing", "bo.park", S(45)), (transfer.Queue, transfer.Agent, transfer.Wrap));

        var task = contacts["11111111-aaaa-4bbb-8ccc-000000000004"];
        Assert.Equal(Channel.Email, task.Channel);
        Assert.Contains(KeyValuePair.Create("connect_channel", "TASK"), task.Extra);
    }

    [Fact]
    public void Json_lines_keep_the_latest_version_of_each_contact()
    {
        var warnings = new List<string>();
        var results = new ConnectRecordReader().ReadFile(Path("connect", "ctr.jsonl"), new SourceOptions { Warn = warnings.Add }).ToList();

        var contacts = Accepted(results);
        Assert.Equal(2, contacts.Count);
        Assert.Equal(S(35), contacts["22222222-aaaa-4bbb-8ccc-000000000001"].Wrap);
        Assert.Equal(1L, results[0].Line);
        Assert.Equal(Direction.Outbound, contacts["22222222-aaaa-4bbb-8ccc-000000000002"].Direction);
        Assert.Contains("1 records repeated a ContactId", Assert.Single(warnings));
    }

    [Fact]
    public void A_wrapper_object_and_a_single_object_are_read()
    {
        var one = File.ReadAllLines(Path("connect", "ctr.jsonl"))[1];

        Assert.Single(Accepted(new ConnectRecordReader().Read(Stream("{\n\"Records\": [\n" + one + "\n]\n}"), "ctr.json")));
        Assert.Single(Accepted(new ConnectRecordReader().Read(Stream(one.Replace(",", ",\n")), "ctr.json")));
    }

    [Fact]
    public void A_broken_line_of_json_lines_is_refused_and_the_rest_is_read()
    {
        var lines = File.ReadAllLines(Path("connect", "ctr.jsonl"));
        var text = lines[0] + "\n{\"ContactId\": \"x\", \"Chan\n" + lines[1].Replace("OUTBOUND", "OUTBOUND").Replace("\"Channel\":\"VOICE\"", "\"Channel\":\"FAX\"") + "\n";

        var results = new ConnectRecordReader().Read(Stream(text), "ctr.jsonl").ToList();

        var rejections = results.Where(r => r.Rejection is not null).Select(r => r.Rejection!).ToList();
        Assert.Equal([2L, 3L], rejections.Select(r => r.Line));
        Assert.StartsWith("the line is not valid JSON", rejections[0].Reason, StringComparison.Ordinal);
        Assert.Equal(("Channel", "FAX", "unknown Channel 'FAX'; accepted: VOICE, CHAT, TASK, EMAIL"), (rejections[1].Field, rejections[1].Value, rejections[1].Reason));
        Assert.Single(results, r => r.Item is not null);
    }

    [Fact]
    public void A_contact_ending_before_it_began_is_refused_with_its_line()
    {
        var text = "[\n{\"ContactId\":\"c1\",\"Channel\":\"VOICE\",\n\"InitiationTimestamp\":\"2026-10-01T13:00:00Z\",\"DisconnectTimestamp\":\"2026-10-01T12:00:00Z\"}\n]";

        var rejection = SingleRejection(new ConnectRecordReader().Read(Stream(text), "ctr.json"));

        Assert.Equal((2L, "DisconnectTimestamp"), (rejection.Line, rejection.Field));
    }

    [Theory]
    [InlineData("[{\"ContactId\":\"c1\",\"Channel\":\"VOICE\"")]
    [InlineData("[{\"ContactId\":\"c1\"},\n{\"Channel\" \"VOICE\"}]")]
    [InlineData("\u0000\u0001binary")]
    public void Truncated_or_broken_json_is_one_clear_error(string text)
    {
        var error = Assert.Throws<InputFormatException>(() => new ConnectRecordReader().Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), "ctr.json").ToList());

        Assert.StartsWith("ctr.json", error.Message, StringComparison.Ordinal);
    }
}
