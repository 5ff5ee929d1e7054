using System.Globalization;
using ContactCost.Formats.Import;
using ContactCost.Formats.Usage;
using ContactCost.Interactions;
using ContactCost.Rating;
using ContactCost.Usage;
using CsCheck;

namespace ContactCost.Tests.Usage;

public class UsageCsvReaderTests
{
    private static List<ReadResult<UsageRecord>> Read(string text) => [.. UsageCsvReader.Read(new StringReader(text), "usage.csv")];

    [Fact]
    public void GoodRecords_InAnyColumnOrder_WithExtrasKept()
    {
        var results = Read("""
            quantity,region,start,meter,id,channel,direction
            412.5,us-east,2026-10-31T23:59:59-04:00,storage.gb-month,st-1,,
            2.5,eu-west,2026-10-01T10:12:00Z,ai.minutes,ai-1,ai,outbound
            """);
        var storage = results[0].Item!;
        Assert.Equal(("st-1", Meter.StorageGbMonths, 412.5m), (storage.Id, storage.Meter, storage.Quantity));
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 3, 59, 59, TimeSpan.Zero), storage.Start);
        Assert.Null(storage.Channel);
        Assert.Null(storage.Direction); // empty means not stated, not inbound
        Assert.Equal([KeyValuePair.Create("region", "us-east")], storage.Extra);
        var ai = results[1].Item!;
        Assert.Equal((Channel.Ai, Direction.Outbound, 3L), (ai.Channel!.Value, ai.Direction!.Value, results[1].Line));
    }

    // the bad line (after the header), field, reason
    [Theory]
    [InlineData("x,egres.gb,1,2026-10-01T00:00:00Z", "meter", "unknown meter 'egres.gb'; accepted: interactions, voice.seconds")]
    [InlineData("x,,1,2026-10-01T00:00:00Z", "meter", "meter is required; accepted:")]
    [InlineData("x,egress.gb,-1,2026-10-01T00:00:00Z", "quantity", "quantity -1 is negative; quantities are 0 or more")]
    [InlineData("x,egress.gb,1.1234567,2026-10-01T00:00:00Z", "quantity", "quantity 1.1234567 has more than 6 decimals")]
    [InlineData("x,egress.gb,lots,2026-10-01T00:00:00Z", "quantity", "quantity 'lots' is not a number; write it like 42 or 3.25")]
    [InlineData("x,egress.gb,,2026-10-01T00:00:00Z", "quantity", "quantity is required; write it like 42 or 3.25")]
    [InlineData("x,egress.gb,1,2026-10-01T00:00:00", "start", "start 2026-10-01T00:00:00 has no UTC offset; add its time zone's offset")]
    [InlineData("x,egress.gb,1,", "start", "start is required; write it like 2026-10-01T09:15:00-04:00 or 2026-10-01T13:15:00Z")]
    [InlineData(",egress.gb,1,2026-10-01T00:00:00Z", "id", "id is required")]
    [InlineData("x,egress.gb,1,2026-10-01T00:00:00Z,fax", "channel", "unknown channel 'fax'; accepted: voice")]
    [InlineData("x,voice.seconds,60,2026-10-01T00:00:00Z,chat", "channel", "channel chat does not fit meter voice.seconds, which measures voice")]
    [InlineData("x,egress.gb,1", "", "the record has 3 fields but the header has 4")]
    public void BadRecords_AreRejected_NamingTheField(string line, string field, string reason)
    {
        var wide = line.Split(',').Length == 5;
        var header = wide ? "id,meter,quantity,start,channel" : "id,meter,quantity,start";
        var good = wide ? "good,egress.gb,1,2026-10-01T00:00:00Z," : "good,egress.gb,1,2026-10-01T00:00:00Z";
        var results = Read($"{header}\n{line}\n{good}\n");
        var rejection = results[0].Rejection!;
        Assert.Equal((2L, field), (rejection.Line, rejection.Field));
        Assert.StartsWith(reason, rejection.Reason);
        Assert.Equal(line, rejection.Record);
        Assert.Equal("good", results[1].Item!.Id); // the batch goes on
    }

    [Fact]
    public void MissingRequiredColumns_AreOneClearError()
    {
        var error = Assert.Throws<InputFormatException>(() => Read("id,meter\nx,egress.gb\n"));
        Assert.Equal("usage.csv:1: missing required columns quantity, start; columns found: id, meter", error.Message);
    }

    [Fact]
    public void CrlfAndByteOrderMark_AreRead()
    {
        var results = Read("\uFEFFid,meter,quantity,start\r\na,seats,25,2026-10-01T00:00:00-04:00\r\n");
        Assert.Equal(25m, Assert.Single(results).Item!.Quantity);
    }

    [Fact]
    public void AnyValidRecord_ReadsBackEqual()
    {
        var gen = Gen.Select(
            Gen.Enum<Meter>(),
            Gen.Long[0, 10_000_000_000].Select(x => x / 1_000_000m),
            Gen.Long[0, 4_000_000_000].Select(s => DateTimeOffset.FromUnixTimeSeconds(s)),
            Gen.Int[-1, ChannelNames.All.Count - 1].Select(i => i < 0 ? (Channel?)null : (Channel)i),
            Gen.Char["abcdefghij0123456789-_."].Array[1, 30].Select(c => new string(c)));
        gen.Sample((meter, quantity, start, anyChannel, id) =>
        {
            // A channel must fit the meter's own (voice.seconds is voice): keep it only when it does.
            var channel = meter.ChannelOf() is { } own && anyChannel is { } c && c != own ? own : anyChannel;
            var text = "id,meter,quantity,start,channel\n" +
                string.Create(CultureInfo.InvariantCulture, $"{id},{meter.Name()},{quantity},{start:yyyy-MM-ddTHH:mm:ssZ},{channel?.Name()}\n");
            var record = Assert.Single(Read(text)).Item!;
            return record.Id == id && record.Meter == meter && record.Quantity == quantity && record.Start == start && record.Channel == channel;
        });
    }
}

public sealed class CsvKindsTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("ccost-kinds-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Theory]
    [InlineData("id,meter,quantity,start\n", CsvKind.Usage)]
    [InlineData("\uFEFFID, Channel ,Start\n", CsvKind.Interactions)]
    [InlineData("id,channel,start,meter,quantity\n", CsvKind.Usage)]
    [InlineData("id,channel\n", CsvKind.Interactions)]
    [InlineData("name,amount\n", CsvKind.Unknown)]
    [InlineData("", CsvKind.Unknown)]
    public void Detect_TellsTheKindFromTheHeader(string text, CsvKind kind)
    {
        var path = Path.Combine(folder, "f.csv");
        File.WriteAllText(path, text);
        Assert.Equal(kind, CsvKinds.Detect(path));
    }

    [Fact]
    public void Detect_MissingFile_Throws() =>
        Assert.Throws<FileNotFoundException>(() => CsvKinds.Detect(Path.Combine(folder, "nope.csv")));
}
