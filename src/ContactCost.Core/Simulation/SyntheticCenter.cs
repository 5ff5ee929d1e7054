using System.Globalization;
using ContactCost.Interactions;
using ContactCost.Periods;

namespace ContactCost.Simulation;

/// <summary>
/// A simulated omnichannel contact center: a reproducible stream of realistic interactions for
/// demos, tests and benchmarks.
/// </summary>
/// <remarks>
/// Episodes arrive one by one in time order; each plans all its interactions at once, some of them
/// hours or days ahead. Planned interactions wait in a priority queue and are released once no
/// later episode can start before them, so the output is in start order and memory holds only the
/// next few days of planned contacts, however many rows are read.
/// </remarks>
public sealed class SyntheticCenter
{
    /// <summary>Average days in a month (365.2425 / 12), to turn a monthly volume into a rate.</summary>
    private const double DaysPerMonth = 30.436875;

    private readonly CenterProfile profile;
    private readonly ulong seed;
    private readonly CenterStaff staff;
    private readonly double[] ratePerSecond;

    /// <summary>A center shaped by <paramref name="profile"/> whose output is fixed by <paramref name="seed"/>.</summary>
    /// <exception cref="ArgumentException">A figure of the profile is out of range; the message names it.</exception>
    public SyntheticCenter(CenterProfile profile, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(profile);
        this.profile = profile;
        this.seed = seed;
        staff = CenterStaff.From(profile);
        ratePerSecond = RatePerSecond(profile);
    }

    /// <summary>
    /// Interactions in non-decreasing start order, from local midnight of <paramref name="firstDay"/>
    /// until local midnight of <paramref name="endDay"/> (exclusive) or <paramref name="maxRows"/>
    /// rows, whichever comes first. Either limit may be null, not both. The same profile, seed and
    /// first day give the same rows every time.
    /// </summary>
    public IEnumerable<Interaction> Generate(DateOnly firstDay, DateOnly? endDay = null, long? maxRows = null)
    {
        if (endDay is null && maxRows is null)
            throw new ArgumentException("Give an end day, a row limit or both; without either the stream never ends.", nameof(endDay));
        if (endDay is { } end && end < firstDay)
            throw new ArgumentOutOfRangeException(nameof(endDay), end, $"The end day must not be before the first day {firstDay:yyyy-MM-dd}.");
        if (maxRows is < 0)
            throw new ArgumentOutOfRangeException(nameof(maxRows), maxRows, "The row limit must not be negative.");
        return Stream(firstDay, endDay, maxRows ?? long.MaxValue);
    }

    private IEnumerable<Interaction> Stream(DateOnly firstDay, DateOnly? endDay, long maxRows)
    {
        var zone = profile.TimeZone;
        var originTicks = ReportingPeriod.StartOfDayUtc(firstDay, zone).UtcTicks;
        var endSecond = endDay is { } end
            ? (ReportingPeriod.StartOfDayUtc(end, zone).UtcTicks - originTicks) / TimeSpan.TicksPerSecond
            : long.MaxValue;
        var clock = new ArrivalClock(zone, originTicks, ratePerSecond);
        var arrivals = new Prng(seed);
        var planner = new EpisodePlanner(profile, staff, seed, clock);
        var pending = new PriorityQueue<PlannedInteraction, ReleaseKey>();
        var idPrefix = string.Create(CultureInfo.InvariantCulture, $"s{seed}-");
        long planned = 0;
        long released = 0;
        if (maxRows == 0)
            yield break;

        Interaction Release(in PlannedInteraction next) =>
            next.ToInteraction(string.Create(CultureInfo.InvariantCulture, $"{idPrefix}{++released:D9}"), originTicks);

        while (true)
        {
            var arrival = (long)Math.Round(clock.Next(arrivals));
            var isPastEnd = arrival >= endSecond;

            // Nothing planned from now on can start before this arrival: release what does.
            var releaseBefore = isPastEnd ? endSecond : arrival + 1;
            while (pending.TryPeek(out var next, out var key) && key.Start < releaseBefore)
            {
                pending.Dequeue();
                yield return Release(next);
                if (released == maxRows)
                    yield break;
            }

            if (isPastEnd)
                yield break;

            // The episode's first contact starts now, before anything still pending, so it skips
            // the queue; only its later contacts wait there.
            var steps = planner.Plan(arrival);
            for (var i = 1; i < steps; i++)
                pending.Enqueue(planner.Steps[i], new ReleaseKey(planner.Steps[i].Start, planned++));
            yield return Release(planner.Steps[0]);
            if (released == maxRows)
                yield break;
        }
    }

    /// <summary>Episodes per second for each local weekday and hour, index day * 24 + hour, so that an average month holds the profile's volume.</summary>
    private static double[] RatePerSecond(CenterProfile profile)
    {
        var hours = CheckWeights(profile.HourOfDayWeights, 24, nameof(CenterProfile.HourOfDayWeights));
        var days = CheckWeights(profile.DayOfWeekWeights, 7, nameof(CenterProfile.DayOfWeekWeights));
        if (profile.EpisodesPerMonth <= 0)
            throw new ArgumentException($"EpisodesPerMonth is {profile.EpisodesPerMonth}; it must be positive.", nameof(profile));

        var weekWeight = 0.0;
        foreach (var day in days)
            foreach (var hour in hours)
                weekWeight += day * hour;
        var episodesPerWeek = profile.EpisodesPerMonth * (double)profile.Scale * 7 / DaysPerMonth;
        var perWeightSecond = episodesPerWeek / weekWeight / 3600;

        var rates = new double[7 * 24];
        for (var d = 0; d < 7; d++)
            for (var h = 0; h < 24; h++)
                rates[d * 24 + h] = days[d] * hours[h] * perWeightSecond;
        return rates;
    }

    private static double[] CheckWeights(IReadOnlyList<double>? weights, int count, string name)
    {
        if (weights is null || weights.Count != count)
            throw new ArgumentException($"{name} needs {count} values; it has {weights?.Count ?? 0}.", "profile");
        var values = weights.ToArray();
        for (var i = 0; i < count; i++)
        {
            if (!double.IsFinite(values[i]) || values[i] < 0)
                throw new ArgumentException($"{name}[{i}] is {values[i]}; weights must be finite and not negative.", "profile");
        }

        if (values.Sum() <= 0)
            throw new ArgumentException($"{name} are all zero; at least one must be positive.", "profile");
        return values;
    }
}
