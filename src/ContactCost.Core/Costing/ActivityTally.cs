using ContactCost.Interactions;

namespace ContactCost.Costing;

/// <summary>
/// Sums interactions into <see cref="ChannelActivity"/> one at a time, by the same rules as the
/// store's summary (handle time at whole milliseconds, answered wait of handled inbound contacts),
/// so a report from a file and a report from the store cost the same data the same way.
/// </summary>
public sealed class ActivityTally
{
    private readonly Dictionary<Channel, Sums> sums = [];

    /// <summary>Counts one interaction with its rated usage (null when it could not be rated).</summary>
    public void Add(Interaction interaction, long? usageMinorUnits)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        if (!sums.TryGetValue(interaction.Channel, out var s))
            sums[interaction.Channel] = s = new Sums();
        s.Contacts++;
        if (interaction.IsHandled)
            s.Handled++;
        if (interaction.IsAbandoned)
            s.Abandoned++;
        s.HandleMs += Ms(interaction.Talk) + Ms(interaction.Hold) + Ms(interaction.Wrap);
        if (interaction.IsHandled && interaction.Direction == Direction.Inbound)
        {
            s.AnsweredWaitMs += Ms(interaction.Wait);
            s.AnsweredInbound++;
        }

        if (usageMinorUnits is { } usage)
            s.UsageMinor += usage;
        else
            s.Unrated++;
    }

    /// <summary>The sums per channel, in channel order.</summary>
    public IReadOnlyList<ChannelActivity> Channels() =>
        sums.OrderBy(p => p.Key)
            .Select(p => new ChannelActivity(p.Key, p.Value.Contacts, p.Value.Handled, p.Value.Abandoned, p.Value.HandleMs / 1000m,
                p.Value.AnsweredWaitMs / 1000m, p.Value.AnsweredInbound, p.Value.UsageMinor, p.Value.Unrated))
            .ToArray();

    private static long Ms(TimeSpan duration) => duration.Ticks / TimeSpan.TicksPerMillisecond;

    private sealed class Sums
    {
        public long Contacts, Handled, Abandoned, HandleMs, AnsweredWaitMs, AnsweredInbound, UsageMinor, Unrated;
    }
}
