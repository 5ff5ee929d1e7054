using ContactCost.Formats.Import;
using ContactCost.Formats.Planning;
using ContactCost.Interactions;

namespace ContactCost.Tests.Planning;

public class ForecastCsvReaderTests
{
    private static List<ContactCost.Formats.Import.ReadResult<ContactCost.Staffing.ForecastInterval>> Read(string csv) =>
        ForecastCsvReader.Read(new StringReader(csv), "f.csv").ToList();

    [Fact]
    public void ReadsColumnsInAnyOrder()
    {
        var rows = Read("aht_s,volume,channel,interval_start\n180,100,phone,2026-11-02T09:00:00-05:00\n");
        var row = Assert.Single(rows).Item!;
        Assert.Equal(Channel.Voice, row.Channel);
        Assert.Equal(100, row.Volume);
        Assert.Equal(TimeSpan.FromSeconds(180), row.HandleTime);
        Assert.Equal(new DateTimeOffset(2026, 11, 2, 14, 0, 0, TimeSpan.Zero), row.Start.ToUniversalTime());
    }

    [Theory]
    [InlineData("2026-11-02,voice,100,180", "interval_start")]
    [InlineData("2026-11-02T09:00:00Z,fax,100,180", "channel")]
    [InlineData("2026-11-02T09:00:00Z,voice,-3,180", "volume")]
    [InlineData("2026-11-02T09:00:00Z,voice,100,0", "aht_s")]
    [InlineData("2026-11-02T09:00:00Z,voice,100", "")]
    public void BadRow_IsRejectedNamingLineAndField(string row, string field)
    {
        var rows = Read($"interval_start,channel,volume,aht_s\n2026-11-02T08:30:00Z,voice,1,60\n{row}\n");
        Assert.NotNull(rows[0].Item);
        var rejection = rows[1].Rejection!;
        Assert.Equal(("f.csv", 3L, field), (rejection.File, rejection.Line, rejection.Field));
    }

    [Fact]
    public void MissingColumn_FailsTheHeader() =>
        Assert.Throws<InputFormatException>(() => Read("interval_start,channel,volume\n"));
}
