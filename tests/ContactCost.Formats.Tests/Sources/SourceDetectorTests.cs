using System.Text;
using ContactCost.Formats.Import;
using ContactCost.Formats.Sources;

namespace ContactCost.Tests.Sources;

public sealed class SourceDetectorTests
{
    [Theory]
    [InlineData("asterisk", "Master.csv", SourceFormat.Asterisk)]
    [InlineData("asterisk", "queue_log", SourceFormat.AsteriskQueueLog)]
    [InlineData("freeswitch", "Master.csv", SourceFormat.FreeSwitch)]
    [InlineData("freeswitch", "callcenter.csv", SourceFormat.FreeSwitch)]
    [InlineData("connect", "ctr.json", SourceFormat.Connect)]
    [InlineData("connect", "ctr.jsonl", SourceFormat.Connect)]
    [InlineData("twilio", "calls.json", SourceFormat.Twilio)]
    [InlineData("twilio", "messages.json", SourceFormat.Twilio)]
    [InlineData("twilio", "calls.csv", SourceFormat.Twilio)]
    [InlineData("zendesk", "tickets.json", SourceFormat.Zendesk)]
    [InlineData("zendesk", "tickets.csv", SourceFormat.Zendesk)]
    public void Each_fixture_is_told_by_its_content(string folder, string name, SourceFormat format) =>
        Assert.Equal(format, SourceDetector.Detect(SourceFixtures.Path(folder, name)));

    [Theory]
    [InlineData("\uFEFFid,channel,start\r\n", SourceFormat.Canonical)]
    [InlineData("id,meter,quantity,start\n", SourceFormat.Usage)]
    [InlineData("accountcode,src,dst,dcontext,clid,channel,dstchannel,lastapp,lastdata,start,answer,end,duration,billsec,disposition,amaflags\n", SourceFormat.Asterisk)]
    [InlineData("src,dst,start,billsec\n", SourceFormat.Asterisk)]
    [InlineData("  [ {\"sid\": \"CA1\", \"start_time\": \"x\"} ]", SourceFormat.Twilio)]
    public void Headers_and_json_shapes_are_told_apart(string text, SourceFormat format) =>
        Assert.Equal(format, SourceDetector.Detect(Encoding.UTF8.GetBytes(text), "file"));

    [Theory]
    [InlineData("")]
    [InlineData("hello\nworld\n")]
    [InlineData("{\"name\": \"something else\"}")]
    public void Unknown_content_is_no_format(string text) =>
        Assert.Null(SourceDetector.Detect(Encoding.UTF8.GetBytes(text), "file"));

    [Fact]
    public void A_binary_file_is_one_clear_error() =>
        Assert.Contains("it is not a text file", Assert.Throws<InputFormatException>(() => SourceDetector.Detect([0x50, 0x4B, 0x03, 0x04, 0x00], "a.zip")).Message);
}
