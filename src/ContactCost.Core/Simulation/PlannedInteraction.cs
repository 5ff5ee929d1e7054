using ContactCost.Interactions;

namespace ContactCost.Simulation;

/// <summary>
/// An interaction decided but not yet released: times are whole seconds from the origin. It waits
/// in the release queue as a plain struct and becomes an <see cref="Interaction"/> (with its id,
/// numbered in output order) only when released.
/// </summary>
internal struct PlannedInteraction
{
    public Channel Channel;
    public Direction Direction;
    public long Start;
    public long End;
    public int Wait;
    public int Talk;
    public int Hold;
    public int Wrap;
    public string? Queue;
    public string? Agent;
    public int? Units;
    public string? Destination;
    public bool? Resolved;
    public string Customer;
    public KeyValuePair<string, string>[] Extra;

    public readonly Interaction ToInteraction(string id, long originTicks) =>
        new(id, Channel, new DateTimeOffset(originTicks + Start * TimeSpan.TicksPerSecond, TimeSpan.Zero))
        {
            Direction = Direction,
            Customer = Customer,
            End = new DateTimeOffset(originTicks + End * TimeSpan.TicksPerSecond, TimeSpan.Zero),
            Wait = TimeSpan.FromSeconds(Wait),
            Talk = TimeSpan.FromSeconds(Talk),
            Hold = TimeSpan.FromSeconds(Hold),
            Wrap = TimeSpan.FromSeconds(Wrap),
            Queue = Queue,
            Agent = Agent,
            Units = Units,
            Destination = Destination,
            Resolved = Resolved,
            Extra = Extra,
        };
}

/// <summary>Release order: by start second, then by the order the interactions were planned.</summary>
internal readonly record struct ReleaseKey(long Start, long Sequence) : IComparable<ReleaseKey>
{
    public int CompareTo(ReleaseKey other) =>
        Start != other.Start ? Start.CompareTo(other.Start) : Sequence.CompareTo(other.Sequence);
}
