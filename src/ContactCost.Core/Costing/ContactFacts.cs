using ContactCost.Episodes;
using ContactCost.Interactions;

namespace ContactCost.Costing;

/// <summary>
/// What costing, grouping and episode stitching need of one interaction, and nothing else: a report
/// from files keeps these from its rating pass instead of reading and rating the files again.
/// </summary>
/// <remarks>
/// Made from an interaction by <see cref="Of"/>, so it holds what an <see cref="Interaction"/> holds:
/// times in UTC, the end not before the start, no negative handle time.
/// </remarks>
public readonly record struct ContactFacts
{
    /// <summary>The interaction's id; null when nothing downstream needs it (no links to follow, nobody sees episodes).</summary>
    public string? Id { get; init; }

    /// <summary>The channel it used.</summary>
    public Channel Channel { get; init; }

    /// <summary>When it started, in UTC ticks.</summary>
    public long StartTicks { get; init; }

    /// <summary>When it ended, in UTC ticks; its start when the source gave no end.</summary>
    public long EndTicks { get; init; }

    /// <summary>Talk + hold + after-contact work in whole milliseconds, the precision reports sum at.</summary>
    public long HandleMilliseconds { get; init; }

    /// <summary>True when an agent took part.</summary>
    public bool IsHandled { get; init; }

    /// <summary>True for an inbound live contact no agent handled.</summary>
    public bool IsAbandoned { get; init; }

    /// <summary>True when the source says the contact resolved the need.</summary>
    public bool IsResolved { get; init; }

    /// <summary>The queue it went through, if any.</summary>
    public string? Queue { get; init; }

    /// <summary>The agent who handled it, if any.</summary>
    public string? Agent { get; init; }

    // The queue's and the agent's numbers in their source's table of names (1 and up; 0 when the source numbers
    // none): one number per name within one analysis, so that its groupings index an array instead of looking
    // each name up. Set by the report's spill only, which numbers every name it writes.
    internal int QueueNumber { get; init; }

    internal int AgentNumber { get; init; }

    /// <summary>The customer, if known.</summary>
    public string? Customer { get; init; }

    /// <summary>The <see cref="EpisodeStitcher.LinkColumn"/> value: the id of the first contact of its chain, if given.</summary>
    public string? Link { get; init; }

    /// <summary>When it started.</summary>
    public DateTimeOffset Start => new(StartTicks, TimeSpan.Zero);

    /// <summary>The facts of <paramref name="interaction"/>, its id kept.</summary>
    public static ContactFacts Of(Interaction interaction)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        return new ContactFacts
        {
            Id = interaction.Id,
            Channel = interaction.Channel,
            StartTicks = interaction.Start.UtcTicks,
            EndTicks = (interaction.End ?? interaction.Start).UtcTicks,
            HandleMilliseconds = interaction.HandleTime.Ticks / TimeSpan.TicksPerMillisecond,
            IsHandled = interaction.IsHandled,
            IsAbandoned = interaction.IsAbandoned,
            IsResolved = interaction.Resolved == true,
            Queue = interaction.Queue,
            Agent = interaction.Agent,
            Customer = interaction.Customer,
            Link = LinkOf(interaction),
        };
    }

    private static string? LinkOf(Interaction interaction)
    {
        foreach (var (name, value) in interaction.Extra)
        {
            if (string.Equals(name, EpisodeStitcher.LinkColumn, StringComparison.OrdinalIgnoreCase))
                return value;
        }

        return null;
    }
}
