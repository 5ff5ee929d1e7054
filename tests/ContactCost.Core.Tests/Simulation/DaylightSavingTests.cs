using ContactCost.Periods;
using ContactCost.Simulation;

namespace ContactCost.Tests.Simulation;

public class DaylightSavingTests
{
    private static readonly DateOnly FallBack = new(2026, 11, 1);
    private static readonly DateOnly SpringForward = new(2026, 3, 8);

    /// <summary>The local hour of every 15-minute slot from local midnight of <paramref name="day"/> to the next.</summary>
    private static List<int> LocalHoursOfSlots(DateOnly day)
    {
        var zone = Generated.NewYork;
        var origin = ReportingPeriod.StartOfDayUtc(day, zone);
        var next = ReportingPeriod.StartOfDayUtc(day.AddDays(1), zone);
        var clock = new ArrivalClock(zone, origin.UtcTicks, new double[7 * 24]);
        var slots = (next - origin).Ticks / (ArrivalClock.SlotSeconds * TimeSpan.TicksPerSecond);
        var hours = new List<int>();
        for (var i = 0; i < slots; i++)
        {
            var local = clock.LocalTimeOfSlot(i);
            Assert.Equal(day, DateOnly.FromDateTime(local));
            hours.Add(local.Hour);
        }

        return hours;
    }

    [Fact]
    public void The_autumn_day_has_25_local_hours_with_one_oclock_twice()
    {
        var hours = LocalHoursOfSlots(FallBack);

        Assert.Equal(100, hours.Count);
        Assert.Equal(8, hours.Count(h => h == 1));
        Assert.All(Enumerable.Range(0, 24).Where(h => h != 1), h => Assert.Equal(4, hours.Count(x => x == h)));
    }

    [Fact]
    public void The_spring_day_has_23_local_hours_without_two_oclock()
    {
        var hours = LocalHoursOfSlots(SpringForward);

        Assert.Equal(92, hours.Count);
        Assert.DoesNotContain(2, hours);
        Assert.All(Enumerable.Range(0, 24).Where(h => h != 2), h => Assert.Equal(4, hours.Count(x => x == h)));
    }

    [Fact]
    public void Local_ten_oclock_is_a_different_utc_hour_either_side_of_the_change()
    {
        var zone = Generated.NewYork;
        var origin = ReportingPeriod.StartOfDayUtc(new DateOnly(2026, 10, 31), zone);
        var clock = new ArrivalClock(zone, origin.UtcTicks, new double[7 * 24]);
        long SlotAt(DateTimeOffset utc) => (utc - origin).Ticks / (ArrivalClock.SlotSeconds * TimeSpan.TicksPerSecond);

        Assert.Equal(10, clock.LocalTimeOfSlot(SlotAt(new DateTimeOffset(2026, 10, 31, 14, 0, 0, TimeSpan.Zero))).Hour);
        Assert.Equal(10, clock.LocalTimeOfSlot(SlotAt(new DateTimeOffset(2026, 11, 2, 15, 0, 0, TimeSpan.Zero))).Hour);
    }

    [Fact]
    public void A_month_across_the_autumn_change_has_no_hole_or_overlap()
    {
        // Ten times the small center, so that even a Sunday night hour sees contacts.
        var zone = Generated.NewYork;
        var first = new DateOnly(2026, 10, 18);
        var end = new DateOnly(2026, 11, 15);
        var from = ReportingPeriod.StartOfDayUtc(first, zone);
        var until = ReportingPeriod.StartOfDayUtc(end, zone);
        var center = new SyntheticCenter(CenterProfile.SmallOmnichannel with { Scale = 10 }, 11);
        var perUtcHour = new int[(int)(until - from).TotalHours];
        var perLocalDay = new Dictionary<DateOnly, int>();
        var previous = DateTimeOffset.MinValue;
        foreach (var row in center.Generate(first, end))
        {
            Assert.True(row.Start >= previous);
            previous = row.Start;
            perUtcHour[(int)(row.Start - from).TotalHours]++;
            var day = ReportingPeriod.LocalDay(row.Start, zone);
            perLocalDay[day] = perLocalDay.GetValueOrDefault(day) + 1;
        }

        // No hole: every real hour, including both passes through 01:00 on November 1, has contacts.
        Assert.DoesNotContain(0, perUtcHour);
        Assert.Equal(28 * 24 + 1, perUtcHour.Length);

        // No overlap: the 25-hour Sunday is not a double day; it looks like the Sundays around it.
        var sundays = new[] { 18, 25 }.Select(d => perLocalDay[new DateOnly(2026, 10, d)])
            .Concat(new[] { 8 }.Select(d => perLocalDay[new DateOnly(2026, 11, d)])).ToList();
        Assert.InRange(perLocalDay[FallBack] / sundays.Average(), 0.85, 1.2);
    }

    [Fact]
    public void A_stream_can_start_on_the_day_of_the_change()
    {
        var rows = Generated.Center(9).Generate(FallBack, FallBack.AddDays(1)).ToList();

        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal(FallBack, ReportingPeriod.LocalDay(r.Start, Generated.NewYork)));
    }
}
