using ContactCost.Periods;

namespace ContactCost.Tests.Periods;

public class ReportingPeriodTests
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    [Theory]
    [InlineData("2026-10-05", PeriodKind.Day, "2026-10-05", "2026-10-06")]
    [InlineData("2026-10", PeriodKind.Month, "2026-10-01", "2026-11-01")]
    [InlineData("2026-Q4", PeriodKind.Quarter, "2026-10-01", "2027-01-01")]
    [InlineData("2026-q1", PeriodKind.Quarter, "2026-01-01", "2026-04-01")]
    [InlineData("2026-W41", PeriodKind.Week, "2026-10-05", "2026-10-12")]
    [InlineData("2026-W01", PeriodKind.Week, "2025-12-29", "2026-01-05")]
    [InlineData("2020-W53", PeriodKind.Week, "2020-12-28", "2021-01-04")]
    [InlineData("2026-10-01..2026-12-31", PeriodKind.Range, "2026-10-01", "2027-01-01")]
    [InlineData("2026-10-05..2026-10-05", PeriodKind.Range, "2026-10-05", "2026-10-06")]
    public void Parse_ReadsEachKind(string text, PeriodKind kind, string first, string end)
    {
        var period = ReportingPeriod.Parse(text);
        Assert.Equal(kind, period.Kind);
        Assert.Equal(DateOnly.Parse(first, System.Globalization.CultureInfo.InvariantCulture), period.FirstDay);
        Assert.Equal(DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture), period.EndDay);
        Assert.Equal(text.ToUpperInvariant(), period.ToString().ToUpperInvariant());
    }

    [Theory]
    [InlineData("")]
    [InlineData("2026-13")]
    [InlineData("2026-Q5")]
    [InlineData("2026-W54")]
    [InlineData("2025-W53")]
    [InlineData("October")]
    [InlineData("2026-10-05..2026-10-04")]
    [InlineData("2026-10-05..")]
    public void Parse_NotAPeriod_SaysWhichFormsAreAccepted(string text)
    {
        var error = Assert.Throws<FormatException>(() => ReportingPeriod.Parse(text));
        Assert.Contains("Write a day (2026-10-05), an ISO week (2026-W41), a month (2026-10), a quarter (2026-Q4) or a range of days (2026-10-01..2026-12-31)", error.Message);
    }

    [Fact]
    public void Parse_Week53_ExistsInAYearThatStartsOnThursday() =>
        Assert.Equal(new DateOnly(2026, 12, 28), ReportingPeriod.Parse("2026-W53").FirstDay);

    [Fact]
    public void Month_InNewYork_StartsAndEndsAtLocalMidnight_AcrossTheFallBackChange()
    {
        // November 2026: EDT (-4) on the 1st at midnight, EST (-5) from 2 a.m. that day on.
        var november = ReportingPeriod.Month(2026, 11);
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 4, 0, 0, TimeSpan.Zero), november.StartUtc(NewYork));
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 5, 0, 0, TimeSpan.Zero), november.EndUtc(NewYork));
    }

    [Fact]
    public void Day_OfSpringForward_Has23Hours_AndFallBack_Has25()
    {
        var spring = ReportingPeriod.Day(new DateOnly(2026, 3, 8));
        var fall = ReportingPeriod.Day(new DateOnly(2026, 11, 1));
        Assert.Equal(TimeSpan.FromHours(23), spring.EndUtc(NewYork) - spring.StartUtc(NewYork));
        Assert.Equal(TimeSpan.FromHours(25), fall.EndUtc(NewYork) - fall.StartUtc(NewYork));
    }

    [Fact]
    public void ConsecutiveDays_TileTime_WithoutHoleOrOverlap_ThroughAWholeYearOfDstChanges()
    {
        foreach (var zone in new[] { NewYork, Paris, TimeZoneInfo.FindSystemTimeZoneById("America/Santiago"), TimeZoneInfo.Utc })
        {
            var day = ReportingPeriod.Day(new DateOnly(2026, 1, 1));
            for (var i = 0; i < 366; i++)
            {
                var next = day.Next();
                Assert.Equal(day.EndUtc(zone), next.StartUtc(zone));
                Assert.True(day.EndUtc(zone) > day.StartUtc(zone));
                day = next;
            }
        }
    }

    [Fact]
    public void Containing_UsesTheLocalDay_NotTheUtcDay()
    {
        // 03:30 UTC on 1 Nov is still 31 Oct in New York.
        var instant = new DateTimeOffset(2026, 11, 1, 3, 30, 0, TimeSpan.Zero);
        Assert.Equal(ReportingPeriod.Month(2026, 10), ReportingPeriod.Containing(PeriodKind.Month, instant, NewYork));
        Assert.Equal(ReportingPeriod.Month(2026, 11), ReportingPeriod.Containing(PeriodKind.Month, instant, Paris));
    }

    [Fact]
    public void StartOfDay_WhereMidnightIsSkipped_IsTheFirstLocalTimeThatExists()
    {
        // Santiago springs forward at midnight: 2026-09-06 00:00 does not exist; the day starts at 01:00 local (-03).
        var santiago = TimeZoneInfo.FindSystemTimeZoneById("America/Santiago");
        var start = ReportingPeriod.StartOfDayUtc(new DateOnly(2026, 9, 6), santiago);
        Assert.Equal(new DateTimeOffset(2026, 9, 6, 4, 0, 0, TimeSpan.Zero), start);
    }

    [Theory]
    [InlineData("2026-10-05", "2026-10-04")]
    [InlineData("2026-W41", "2026-W40")]
    [InlineData("2026-03", "2026-02")]
    [InlineData("2026-Q1", "2025-Q4")]
    [InlineData("2026-10-11..2026-10-20", "2026-10-01..2026-10-10")]
    public void Previous_IsThePeriodBefore(string text, string previous) =>
        Assert.Equal(ReportingPeriod.Parse(previous), ReportingPeriod.Parse(text).Previous());
}
