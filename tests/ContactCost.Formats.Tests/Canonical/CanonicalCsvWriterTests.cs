using ContactCost.Formats.Canonical;
using ContactCost.Interactions;

namespace ContactCost.Tests.Canonical;

public class CanonicalCsvWriterTests
{
    private const string Header = "id,channel,direction,customer,start,end,wait_s,talk_s,hold_s,wrap_s,queue,agent,units,destination,resolved";
    private static readonly DateTimeOffset Start = new(2026, 10, 1, 13, 15, 0, TimeSpan.Zero);
    private static readonly TimeZoneInfo EasternDaylight = TimeZoneInfo.CreateCustomTimeZone("Test/Minus4", TimeSpan.FromHours(-4), "UTC-4", "UTC-4");

    private static string Write(Interaction interaction, IEnumerable<string>? extraColumns = null, TimeZoneInfo? timeZone = null)
    {
        var text = new StringWriter();
        using (var writer = new CanonicalCsvWriter(text, extraColumns, timeZone))
            writer.Write(interaction);
        return text.ToString();
    }

    [Fact]
    public void Writes_the_canonical_header_then_the_extra_columns()
    {
        var text = new StringWriter();
        using (new CanonicalCsvWriter(text, ["region", "Team Name"]))
        {
        }

        Assert.Equal(Header + ",region,Team Name\n", text.ToString());
    }

    [Fact]
    public void Writes_every_field_with_utc_timestamps_when_no_time_zone_is_given()
    {
        var interaction = new Interaction("c-1", Channel.SelfService, Start)
        {
            Direction = Direction.Outbound,
            Customer = "cust-9",
            End = Start.AddSeconds(90),
            Wait = TimeSpan.FromSeconds(42),
            Talk = TimeSpan.FromMilliseconds(42500),
            Hold = TimeSpan.FromMilliseconds(125),
            Wrap = TimeSpan.Zero,
            Queue = "billing",
            Agent = "ana",
            Units = 3,
            Destination = "+15551234567",
            Resolved = false,
        };

        Assert.Equal(
            $"{Header}\nc-1,selfservice,outbound,cust-9,2026-10-01T13:15:00Z,2026-10-01T13:16:30Z,42,42.5,0.125,0,billing,ana,3,+15551234567,false\n",
            Write(interaction));
    }

    [Fact]
    public void Writes_local_time_with_its_offset_in_the_given_time_zone()
    {
        var line = Write(new Interaction("c-1", Channel.Voice, Start) { End = Start.AddMilliseconds(1250) }, timeZone: EasternDaylight).Split('\n')[1];

        Assert.Equal("c-1,voice,inbound,,2026-10-01T09:15:00-04:00,2026-10-01T09:15:01.25-04:00,0,0,0,0,,,,,", line);
    }

    [Fact]
    public void Keeps_sub_second_timestamps_to_the_tick()
    {
        var line = Write(new Interaction("c-1", Channel.Voice, Start.AddTicks(1))).Split('\n')[1];

        Assert.Contains(",2026-10-01T13:15:00.0000001Z,", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, "0")]
    [InlineData(10_000_000, "1")]
    [InlineData(15_000_000, "1.5")]
    [InlineData(1_230_000, "0.123")]
    [InlineData(1_234_999, "0.123")]
    [InlineData(1_235_000, "0.124")]
    [InlineData(99_999_999, "10")]
    public void Writes_durations_as_seconds_rounded_to_the_millisecond(long ticks, string expected)
    {
        var line = Write(new Interaction("c-1", Channel.Voice, Start) { Talk = TimeSpan.FromTicks(ticks) }).Split('\n')[1];

        Assert.Equal(expected, line.Split(',')[7]);
    }

    [Fact]
    public void Quotes_only_the_fields_that_need_it()
    {
        var interaction = new Interaction("c,1", Channel.Chat, Start)
        {
            Customer = "Smith \"JJ\"",
            Queue = "plain queue",
            Agent = "two\nlines",
            Extra = [KeyValuePair.Create("note", "a\r\nb"), KeyValuePair.Create("region", "east")],
        };

        var line = Write(interaction, ["region", "note"])[(Header.Length + 13)..];

        Assert.Equal("\"c,1\",chat,inbound,\"Smith \"\"JJ\"\"\",2026-10-01T13:15:00Z,,0,0,0,0,plain queue,\"two\nlines\",,,,east,\"a\r\nb\"\n", line);
    }

    [Fact]
    public void Leaves_out_extras_not_named_and_writes_missing_ones_empty()
    {
        var interaction = new Interaction("c-1", Channel.Voice, Start) { Extra = [KeyValuePair.Create("Region", "east"), KeyValuePair.Create("secret", "x")] };

        var line = Write(interaction, ["campaign", "region"]).Split('\n')[1];

        Assert.EndsWith(",,east", line, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ID")]
    [InlineData("")]
    [InlineData(" region")]
    public void Refuses_extra_column_names_the_reader_could_not_tell_apart(string name)
    {
        Assert.Throws<ArgumentException>(() => new CanonicalCsvWriter(new StringWriter(), ["region", name]));
    }

    [Fact]
    public void Writing_to_a_path_makes_utf8_without_byte_order_mark_and_lf_line_endings()
    {
        using var folder = new TempFolder();
        var path = folder.File("out.csv");
        using (var writer = new CanonicalCsvWriter(path))
            writer.Write(new Interaction("c-1", Channel.Voice, Start) { Agent = "Zoë" });

        var bytes = File.ReadAllBytes(path);
        Assert.Equal((byte)'i', bytes[0]);
        Assert.DoesNotContain((byte)'\r', bytes);
        Assert.Equal("Zoë", Assert.Single(CanonicalCsvReader.ReadFile(path)).Item!.Agent);
    }

    [Fact]
    public void Leaves_the_text_writer_open_when_asked()
    {
        var text = new StringWriter();
        using (new CanonicalCsvWriter(text, leaveOpen: true))
        {
        }

        text.Write("still open");
        Assert.EndsWith("still open", text.ToString(), StringComparison.Ordinal);
    }
}
