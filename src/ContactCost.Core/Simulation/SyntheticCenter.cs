using System.Globalization;
using ContactCost.Interactions;
using ContactCost.Periods;

namespace ContactCost.Simulation;

/// <summary>
/// A realistic synthetic contact center: a deterministic stream of interactions for a seed, in
/// start-time order, in constant memory however many are asked for.
/// </summary>
/// <remarks>
/// Customer needs (episodes) arrive as a Poisson process whose rate follows the local hour of day
/// and the weekday. Each episode takes a path through the channels (<see cref="EpisodePaths"/>);
/// its later steps start minutes to a day after the earlier ones end. Future interactions wait in
/// a priority queue until the arrival clock passes their start, so output is time-ordered and the
/// queue only ever holds the episode horizon (a few days), never the whole stream.
/// </remarks>
public sealed class SyntheticCenter
{
    // Relative arrivals per local hour on a weekday: a thin night (self-service only, mostly),
    // peaks at 10-11 and 14-15.
    private static readonly double[] HourOfDay =
    [
        0.10, 0.06, 0.04, 0.04, 0.05, 0.12, 0.35, 0.70, 1.30, 1.85, 2.10, 2.05,
        1.75, 1.80, 1.95, 1.85, 1.60, 1.30, 1.00, 0.80, 0.60, 0.45, 0.30, 0.18,
    ];

    // By DayOfWeek (Sunday first); weekdays average 1, weekends are a third of a weekday.
    private static readonly double[] DayOfWeekFactor = [0.30, 1.12, 1.04, 1.00, 0.98, 0.86, 0.38];

    private static readonly double HourSum = HourOfDay.Sum();
    private static readonly double BusiestHour = HourOfDay.Max();

    // A reading of the voice queues people call: billing, support and sales.
    private static readonly (string Queue, double Share)[] VoiceQueues = [("billing", 0.45), ("tech-support", 0.40), ("sales", 0.15)];

    // Customers' phone numbers: mostly North American, some abroad, so destination prices matter.
    private static readonly (string Prefix, int Share)[] Countries = [("+1", 85), ("+44", 6), ("+52", 5), ("+49", 4)];

    private const string TollFreeNumber = "+18005550100";

    private readonly CenterProfile profile;
    private readonly ulong seed;

    /// <summary>A center of <paramref name="profile"/> whose activity is fixed by <paramref name="seed"/>.</summary>
    public SyntheticCenter(CenterProfile profile, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(profile);
        this.profile = profile;
        this.seed = seed;
    }

    /// <summary>
    /// Interactions in non-decreasing start order from local midnight of <paramref name="firstDay"/>
    /// until local midnight of <paramref name="endDay"/> or <paramref name="maxRows"/> interactions,
    /// whichever comes first. The same arguments give the same interactions on every run.
    /// </summary>
    public IEnumerable<Interaction> Generate(DateOnly firstDay, DateOnly? endDay = null, long? maxRows = null)
    {
        if (endDay is null && maxRows is null)
            throw new ArgumentException("Give an end day, a number of rows, or both; the stream is otherwise endless.", nameof(maxRows));
        if (endDay <= firstDay)
            throw new ArgumentOutOfRangeException(nameof(endDay), endDay, $"The end day must be after the first day {firstDay:yyyy-MM-dd}.");
        if (maxRows < 0)
            throw new ArgumentOutOfRangeException(nameof(maxRows), maxRows, "The number of rows must not be negative.");
        return new Run(profile, seed).Interactions(firstDay, endDay, maxRows ?? long.MaxValue);
    }

    /// <summary>The state of one generation: its random stream, its pending future interactions, its counters.</summary>
    private sealed class Run
    {
        private readonly CenterProfile profile;
        private readonly RandomSource random;
        private readonly string idPrefix;
        private readonly double scale;
        private readonly int voiceAgents;
        private readonly int digitalAgents;
        private readonly int customers;
        private readonly PriorityQueue<Draft, (long Ticks, long Order)> pending = new();
        private long order;

        public Run(CenterProfile profile, ulong seed)
        {
            this.profile = profile;
            random = new RandomSource(seed);
            idPrefix = "s" + seed.ToString(CultureInfo.InvariantCulture) + "-";
            scale = (double)profile.Scale;
            voiceAgents = Math.Max(1, (int)Math.Round(profile.VoiceAgents * scale));
            digitalAgents = Math.Max(1, (int)Math.Round(profile.DigitalAgents * scale));
            customers = Math.Max(1, (int)Math.Round(profile.Customers * scale));
        }

        public IEnumerable<Interaction> Interactions(DateOnly firstDay, DateOnly? endDay, long maxRows)
        {
            var zone = profile.TimeZone;
            var hour = ReportingPeriod.StartOfDayUtc(firstDay, zone);
            var end = endDay is { } e ? ReportingPeriod.StartOfDayUtc(e, zone) : DateTimeOffset.MaxValue;
            var emitted = 0L;
            var arrivals = new List<long>();

            while (emitted < maxRows && hour < end)
            {
                var local = TimeZoneInfo.ConvertTime(hour, zone);
                var weight = HourOfDay[local.Hour] * DayOfWeekFactor[(int)local.DayOfWeek];
                var busy = weight / BusiestHour;
                var count = random.Poisson(profile.EpisodesPerWeekday * scale * HourOfDay[local.Hour] / HourSum * DayOfWeekFactor[(int)local.DayOfWeek]);

                arrivals.Clear();
                for (var i = 0; i < count; i++)
                    arrivals.Add(hour.UtcTicks + random.Next(3600) * TimeSpan.TicksPerSecond);
                arrivals.Sort();

                foreach (var arrival in arrivals)
                {
                    // Everything that starts before this arrival is final: no later episode can come before it.
                    while (emitted < maxRows && pending.TryPeek(out _, out var next) && next.Ticks <= arrival && next.Ticks < end.UtcTicks)
                    {
                        yield return Emit(++emitted);
                    }

                    if (emitted >= maxRows)
                        yield break;
                    AddEpisode(arrival, busy);
                }

                hour = hour.AddHours(1);
            }

            while (emitted < maxRows && pending.TryPeek(out _, out var last) && last.Ticks < end.UtcTicks)
                yield return Emit(++emitted);
        }

        private Interaction Emit(long sequence)
        {
            var d = pending.Dequeue();
            var start = new DateTimeOffset(d.StartTicks, TimeSpan.Zero);
            return new Interaction(idPrefix + sequence.ToString("D9", CultureInfo.InvariantCulture), d.Channel, start)
            {
                Direction = d.Direction,
                Customer = CustomerId(d.Customer),
                End = start.AddSeconds(d.ElapsedSeconds),
                Wait = TimeSpan.FromSeconds(d.Wait),
                Talk = TimeSpan.FromSeconds(d.Talk),
                Hold = TimeSpan.FromSeconds(d.Hold),
                Wrap = TimeSpan.FromSeconds(d.Wrap),
                Queue = d.Queue,
                Agent = d.Agent < 0 ? null : AgentId(d.Agent),
                Units = d.Units,
                Destination = d.Destination switch
                {
                    DestinationKind.TollFree => TollFreeNumber,
                    DestinationKind.Customer => CustomerNumber(d.Customer),
                    _ => null,
                },
                Resolved = d.Resolved,
            };
        }

        private void AddEpisode(long arrivalTicks, double busy)
        {
            var path = EpisodePaths.Pick(random);
            var customer = random.Next(customers);
            var contained = path.Steps.Length == 1 && path.Steps[0].Channel == Channel.SelfService;
            var resolvedAtEnd = contained || random.Chance(0.85);
            var startTicks = arrivalTicks;
            for (var i = 0; i < path.Steps.Length; i++)
            {
                var step = path.Steps[i];
                if (i > 0)
                    startTicks += Seconds(Math.Min(72 * 3600, random.LogNormal(step.Gap.MedianMinutes * 60, step.Gap.Sigma)));
                var last = i == path.Steps.Length - 1;
                var draft = Interaction(step, customer, startTicks, busy, resolved: last ? resolvedAtEnd : path.Steps.Length > 1 ? false : null);
                pending.Enqueue(draft, (draft.StartTicks, order++));
                startTicks += Seconds(draft.ElapsedSeconds);
            }
        }

        private Draft Interaction(EpisodePaths.Step step, int customer, long startTicks, double busy, bool? resolved)
        {
            var d = new Draft { Channel = step.Channel, Direction = step.Direction, Customer = customer, StartTicks = startTicks, Agent = -1, Resolved = resolved };
            switch (step.Channel)
            {
                case Channel.Voice when step.Direction == Direction.Outbound:
                    // A callback: an agent dials; a quarter ring out unanswered after ~30 s.
                    d.Queue = "callbacks";
                    d.Agent = random.Next(voiceAgents);
                    d.Destination = DestinationKind.Customer;
                    if (random.Chance(0.25))
                    {
                        d.ElapsedSeconds = Whole(random.LogNormal(30, 0.2));
                        d.Wrap = Whole(random.LogNormal(15, 0.3));
                        d.Resolved = false;
                    }
                    else
                    {
                        d.Talk = Whole(random.LogNormal(240, 0.6));
                        d.Wrap = Whole(random.LogNormal(40, 0.5));
                        d.ElapsedSeconds = d.Talk;
                    }

                    break;

                case Channel.Voice:
                {
                    // IVR, then the queue: busy hours make waits likelier and longer; the caller
                    // hangs up when the wait outlasts an exponential patience.
                    d.Queue = PickQueue();
                    d.Destination = DestinationKind.TollFree;
                    var ivr = Whole(random.LogNormal(35, 0.4));
                    var wait = random.Chance(0.10 + 0.30 * busy) ? Whole(random.Exponential(15 + 30 * busy)) : 0;
                    var patience = random.Exponential(150);
                    if (wait > patience)
                    {
                        d.Wait = Math.Max(1, Whole(patience)); // whole seconds: an abandon waited at least one
                        d.ElapsedSeconds = ivr + d.Wait;
                        d.Resolved = false;
                        break;
                    }

                    d.Wait = wait;
                    d.Agent = random.Next(voiceAgents);
                    d.Talk = Whole(random.LogNormal(300, 0.6));
                    d.Hold = random.Chance(0.3) ? Whole(random.LogNormal(50, 0.7)) : 0;
                    d.Wrap = Whole(random.LogNormal(40, 0.5));
                    d.ElapsedSeconds = ivr + d.Wait + d.Talk + d.Hold;
                    break;
                }

                case Channel.Chat:
                {
                    d.Queue = "chat";
                    var wait = random.Chance(0.3) ? Whole(random.Exponential(60)) : 0;
                    if (wait > random.Exponential(240))
                    {
                        d.Wait = wait;
                        d.ElapsedSeconds = wait;
                        d.Resolved = false;
                        break;
                    }

                    // Talk is the session's length; agents work 2-3 at once, which the cost model accounts for.
                    d.Wait = wait;
                    d.Agent = voiceAgents + random.Next(digitalAgents);
                    d.Talk = Whole(Math.Min(3 * 3600, random.LogNormal(13 * 60, 0.55)));
                    d.Wrap = Whole(random.LogNormal(30, 0.4));
                    d.ElapsedSeconds = d.Wait + d.Talk;
                    break;
                }

                case Channel.Email:
                    // Minutes of agent work over hours of elapsed time.
                    d.Queue = "email";
                    d.Agent = voiceAgents + random.Next(digitalAgents);
                    d.Wait = Whole(Math.Min(48 * 3600, random.LogNormal(3 * 3600, 0.8)));
                    d.Talk = Whole(random.LogNormal(5 * 60, 0.6));
                    d.Wrap = Whole(random.LogNormal(45, 0.4));
                    d.Units = 1 + (random.Chance(0.3) ? 1 : 0);
                    d.ElapsedSeconds = d.Wait + d.Talk;
                    break;

                case Channel.Social:
                    d.Queue = "social";
                    d.Agent = voiceAgents + random.Next(digitalAgents);
                    d.Wait = Whole(Math.Min(24 * 3600, random.LogNormal(40 * 60, 1.0)));
                    d.Talk = Whole(random.LogNormal(4 * 60, 0.6));
                    d.Wrap = Whole(random.LogNormal(30, 0.4));
                    d.ElapsedSeconds = d.Wait + d.Talk;
                    break;

                case Channel.Sms when step.Direction == Direction.Outbound:
                    // A notification (appointment, delivery): no agent, one or two segments.
                    d.Queue = "notifications";
                    d.Destination = DestinationKind.Customer;
                    d.Units = random.Chance(0.8) ? 1 : 2;
                    break;

                case Channel.Sms:
                {
                    d.Queue = "sms";
                    d.Agent = voiceAgents + random.Next(digitalAgents);
                    d.Destination = DestinationKind.Customer;
                    var segments = 1;
                    while (segments < 10 && random.Chance(0.55))
                        segments++;
                    d.Units = segments;
                    d.Wait = Whole(random.LogNormal(5 * 60, 0.8));
                    d.Talk = Whole(random.LogNormal(3 * 60, 0.6));
                    d.Wrap = Whole(random.LogNormal(20, 0.4));
                    d.ElapsedSeconds = d.Wait + d.Talk;
                    break;
                }

                case Channel.SelfService:
                    d.Queue = "selfservice";
                    d.ElapsedSeconds = Whole(Math.Min(30 * 60, random.LogNormal(3 * 60, 0.7)));
                    break;

                default:
                    d.ElapsedSeconds = Whole(random.LogNormal(5 * 60, 0.6));
                    break;
            }

            return d;
        }

        private string PickQueue()
        {
            var u = random.NextDouble();
            foreach (var (queue, share) in VoiceQueues)
            {
                if ((u -= share) < 0)
                    return queue;
            }

            return VoiceQueues[^1].Queue;
        }

        private static string CustomerId(int customer) => "C" + customer.ToString("D7", CultureInfo.InvariantCulture);

        private static string AgentId(int agent) => "A" + (agent + 1).ToString("D3", CultureInfo.InvariantCulture);

        // A stable number per customer: the country by a hash of the index, the rest from the index.
        private static string CustomerNumber(int customer)
        {
            var bucket = (int)(unchecked((uint)customer * 2654435761u) % 100); // Knuth's multiplicative hash
            var prefix = Countries[^1].Prefix;
            foreach (var (p, share) in Countries)
            {
                if ((bucket -= share) < 0)
                {
                    prefix = p;
                    break;
                }
            }

            return prefix + (2_000_000_000L + customer * 7919L % 7_000_000_000L).ToString(CultureInfo.InvariantCulture);
        }

        private static int Whole(double seconds) => (int)Math.Max(0, Math.Round(seconds));

        private static long Seconds(double seconds) => (long)Math.Round(seconds) * TimeSpan.TicksPerSecond;
    }

    private enum DestinationKind : byte
    {
        None,
        TollFree,
        Customer,
    }

    // An interaction before it has an id: ids follow output order, which is known only at emission.
    private struct Draft
    {
        public Channel Channel;
        public Direction Direction;
        public int Customer;
        public long StartTicks;
        public int ElapsedSeconds;
        public int Wait;
        public int Talk;
        public int Hold;
        public int Wrap;
        public string? Queue;
        public int Agent;
        public int? Units;
        public DestinationKind Destination;
        public bool? Resolved;
    }
}
