namespace ContactCost.Simulation;

/// <summary>
/// Episode arrivals as a non-homogeneous Poisson process whose rate follows the local hour and
/// weekday of the center's time zone.
/// </summary>
/// <remarks>
/// Time is counted in seconds from the origin (a local midnight, in UTC) and cut into 15-minute
/// UTC slots; each slot takes the rate of the local hour it begins in. Every real time zone offset
/// is a multiple of 15 minutes, so a slot never straddles a local hour, and a DST change simply
/// maps the next slots to other local hours: the skipped spring hour gets no slot, the repeated
/// autumn hour gets twice as many, and the slots themselves never leave a gap or overlap.
/// </remarks>
internal sealed class ArrivalClock
{
    internal const int SlotSeconds = 15 * 60;

    private readonly TimeZoneInfo zone;
    private readonly long originTicks;
    private readonly double[] ratePerSecond;
    private readonly double maxRate;
    private long slot = -1;
    private double slotEnd;
    private double rate;

    /// <param name="zone">The center's time zone.</param>
    /// <param name="originTicks">UTC ticks of second 0.</param>
    /// <param name="ratePerSecond">Arrivals per second for each weekday (Sunday first) and local hour, index day * 24 + hour.</param>
    public ArrivalClock(TimeZoneInfo zone, long originTicks, double[] ratePerSecond)
    {
        this.zone = zone;
        this.originTicks = originTicks;
        this.ratePerSecond = ratePerSecond;
        maxRate = ratePerSecond.Max();
        EnterSlot(0);
    }

    /// <summary>The last arrival, in seconds from the origin.</summary>
    public double Now { get; private set; }

    /// <summary>The local hour of the last arrival.</summary>
    public int LocalHour { get; private set; }

    /// <summary>How busy the center is at the last arrival: its rate over the busiest hour's, 0 to 1.</summary>
    public double Load => rate / maxRate;

    /// <summary>Moves to the next arrival and returns it, in seconds from the origin.</summary>
    public double Next(Prng rng)
    {
        // Inversion over piecewise-constant rates: spend one unit-mean exponential of "expected
        // arrivals" across as many slots as it takes.
        var need = rng.Exponential(1.0);
        while (true)
        {
            var room = (slotEnd - Now) * rate;
            if (need < room)
            {
                Now += need / rate;
                return Now;
            }

            need -= room;
            Now = slotEnd;
            EnterSlot(slot + 1);
        }
    }

    /// <summary>How busy the center is at <paramref name="second"/> (0 to 1), for contacts that start after their episode's arrival.</summary>
    public double LoadAt(long second)
    {
        if (second / SlotSeconds == slot)
            return Load;
        var local = LocalTimeOfSlot(second / SlotSeconds);
        return RateAt(local) / maxRate;
    }

    /// <summary>The local date and time at which slot <paramref name="index"/> begins.</summary>
    internal DateTime LocalTimeOfSlot(long index)
    {
        var utc = new DateTime(originTicks + index * SlotSeconds * TimeSpan.TicksPerSecond, DateTimeKind.Utc);
        return TimeZoneInfo.ConvertTimeFromUtc(utc, zone);
    }

    private double RateAt(DateTime local) => ratePerSecond[(int)local.DayOfWeek * 24 + local.Hour];

    private void EnterSlot(long index)
    {
        slot = index;
        slotEnd = (double)(index + 1) * SlotSeconds;
        var local = LocalTimeOfSlot(index);
        LocalHour = local.Hour;
        rate = RateAt(local);
    }
}
