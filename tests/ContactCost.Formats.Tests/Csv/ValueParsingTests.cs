using ContactCost.Formats.Csv;
using ContactCost.Formats.Canonical;

namespace ContactCost.Tests.Csv;

public class ValueParsingTests
{
    [Theory]
    [InlineData("2026-10-01T09:15:00-04:00", 2026, 10, 1, 9, 15, 0, 0, -240)]
    [InlineData("2026-10-01T09:15:00Z", 2026, 10, 1, 9, 15, 0, 0, 0)]
    [InlineData("2026-10-01t09:15z", 2026, 10, 1, 9, 15, 0, 0, 0)]
    [InlineData("2026-10-01 09:15:00.1234567+05:45", 2026, 10, 1, 9, 15, 0, 1234567, 345)]
    [InlineData("2026-10-01T09:15:00,5+0530", 2026, 10, 1, 9, 15, 0, 5000000, 330)]
    [InlineData("2028-02-29T23:59:59-14", 2028, 2, 29, 23, 59, 59, 0, -840)]
    public void Timestamps_with_an_offset_are_read(string text, int year, int month, int day, int hour, int minute, int second, long fractionTicks, int offsetMinutes)
    {
        var expected = new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.FromMinutes(offsetMinutes)).AddTicks(fractionTicks);

        Assert.Equal(TimestampStatus.Valid, IsoTimestamp.TryParse(text, out var value));
        Assert.Equal((expected, expected.Offset), (value, value.Offset));
    }

    [Theory]
    [InlineData("2026-10-01T09:15:00", nameof(TimestampStatus.MissingOffset))]
    [InlineData("2026-10-01T09:15", nameof(TimestampStatus.MissingOffset))]
    [InlineData("2026-10-01", nameof(TimestampStatus.Invalid))]
    [InlineData("2026-10-01T24:00:00Z", nameof(TimestampStatus.Invalid))]
    [InlineData("2026-13-01T09:15:00Z", nameof(TimestampStatus.Invalid))]
    [InlineData("2027-02-29T09:15:00Z", nameof(TimestampStatus.Invalid))]
    [InlineData("2026-10-01T09:15:00.Z", nameof(TimestampStatus.Invalid))]
    [InlineData("2026-10-01T09:15:00.12345678Z", nameof(TimestampStatus.Invalid))]
    [InlineData("2026-10-01T09:15:00+14:01", nameof(TimestampStatus.Invalid))]
    [InlineData("2026-10-01T09:15:00+04:60", nameof(TimestampStatus.Invalid))]
    [InlineData("2026-10-01T09:15:00 +04:00", nameof(TimestampStatus.Invalid))]
    [InlineData("0001-01-01T00:00:00+01:00", nameof(TimestampStatus.Invalid))]
    [InlineData("10/01/2026 09:15", nameof(TimestampStatus.Invalid))]
    public void Timestamps_without_a_usable_offset_are_refused(string text, string expected)
    {
        Assert.Equal(expected, IsoTimestamp.TryParse(text, out _).ToString());
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("42", 42_000)]
    [InlineData("999999999", 999_999_999_000)]
    [InlineData("000000007", 7_000)]
    [InlineData("0000000042", 42_000)]
    [InlineData("042.5", 42_500)]
    [InlineData(".125", 125)]
    [InlineData("1.500000", 1_500)]
    [InlineData("-0", 0)]
    [InlineData("9999999999.999", 9_999_999_999_999)]
    public void Durations_are_read_to_the_millisecond(string text, long milliseconds)
    {
        Assert.Equal(NumberStatus.Valid, DurationSeconds.TryParse(text, out var value));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), value);
    }

    [Theory]
    [InlineData("-1.5", nameof(NumberStatus.Negative))]
    [InlineData("1.0001", nameof(NumberStatus.TooManyDecimals))]
    [InlineData("10000000000", nameof(NumberStatus.TooLarge))]
    [InlineData("1e3", nameof(NumberStatus.Invalid))]
    [InlineData("1.", nameof(NumberStatus.Invalid))]
    [InlineData(".", nameof(NumberStatus.Invalid))]
    [InlineData("-", nameof(NumberStatus.Invalid))]
    [InlineData("+5", nameof(NumberStatus.Invalid))]
    [InlineData("1 000", nameof(NumberStatus.Invalid))]
    [InlineData("12a", nameof(NumberStatus.Invalid))]
    [InlineData("٤٢", nameof(NumberStatus.Invalid))]
    public void Bad_durations_say_what_is_wrong(string text, string expected)
    {
        Assert.Equal(expected, DurationSeconds.TryParse(text, out _).ToString());
    }
}
