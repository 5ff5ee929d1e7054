using ContactCost.Costing;
using ContactCost.Interactions;

namespace ContactCost.Planning;

/// <summary>Moves a share of one channel's contacts to another channel (15% of calls to self-service).</summary>
/// <param name="From">The channel that loses contacts.</param>
/// <param name="To">The channel that takes them, at its own average handle time, usage and abandonment.</param>
/// <param name="Share">The share of <paramref name="From"/>'s contacts moved, above 0 and at most 1.</param>
public sealed record Deflection(Channel From, Channel To, decimal Share);

/// <summary>Scales a channel's handle time (0.9 is 10% shorter); usage is left as it is.</summary>
/// <param name="Channel">The channel.</param>
/// <param name="Factor">The factor, above 0 and at most 10.</param>
public sealed record HandleTimeChange(Channel Channel, decimal Factor);

/// <summary>Offers callbacks: a share of a channel's abandoned contacts are called back and handled instead.</summary>
/// <param name="Channel">The channel (voice, usually).</param>
/// <param name="Share">The share of abandoned contacts that become handled, above 0 and at most 1.</param>
public sealed record CallbackChange(Channel Channel, decimal Share);

/// <summary>How labour follows a change.</summary>
public enum LabourRule
{
    /// <summary>Each agent group's headcount scales with the workload (handle time after concurrency) of the channels it works.</summary>
    FollowsWorkload,

    /// <summary>Headcount stays as the cost model has it; only usage changes.</summary>
    Fixed,
}

/// <summary>A set of changes to try on a period's real activity: deflections first, then handle times, then callbacks.</summary>
public sealed record WhatIfScenario
{
    /// <summary>A scenario; shares and factors are checked here.</summary>
    public WhatIfScenario(string name, IReadOnlyList<Deflection> deflections, IReadOnlyList<HandleTimeChange> handleTimes, IReadOnlyList<CallbackChange> callbacks, LabourRule labour)
    {
        ArgumentNullException.ThrowIfNull(deflections);
        ArgumentNullException.ThrowIfNull(handleTimes);
        ArgumentNullException.ThrowIfNull(callbacks);
        foreach (var d in deflections)
        {
            if (d.Share is <= 0m or > 1m)
                throw new ArgumentOutOfRangeException(nameof(deflections), d.Share, $"Deflecting {d.From.Name()} to {d.To.Name()}: the share is above 0 and at most 1.");
            if (d.From == d.To)
                throw new ArgumentException($"Deflecting {d.From.Name()} to itself changes nothing; name two channels.", nameof(deflections));
        }

        if (handleTimes.FirstOrDefault(h => h.Factor is <= 0m or > 10m) is { } badFactor)
            throw new ArgumentOutOfRangeException(nameof(handleTimes), badFactor.Factor, $"The handle-time factor of {badFactor.Channel.Name()} is above 0 and at most 10 (0.9 is 10% shorter).");
        if (callbacks.FirstOrDefault(c => c.Share is <= 0m or > 1m) is { } badShare)
            throw new ArgumentOutOfRangeException(nameof(callbacks), badShare.Share, $"The callback share of {badShare.Channel.Name()} is above 0 and at most 1.");
        Name = name;
        Deflections = deflections;
        HandleTimes = handleTimes;
        Callbacks = callbacks;
        Labour = labour;
    }

    /// <summary>What the scenario is called.</summary>
    public string Name { get; }

    /// <summary>Contacts moved between channels.</summary>
    public IReadOnlyList<Deflection> Deflections { get; }

    /// <summary>Handle times scaled.</summary>
    public IReadOnlyList<HandleTimeChange> HandleTimes { get; }

    /// <summary>Abandoned contacts called back.</summary>
    public IReadOnlyList<CallbackChange> Callbacks { get; }

    /// <summary>How labour follows the changes.</summary>
    public LabourRule Labour { get; }

    /// <summary>True when the scenario changes nothing.</summary>
    public bool IsEmpty => Deflections.Count == 0 && HandleTimes.Count == 0 && Callbacks.Count == 0;

    /// <summary>
    /// Applies the changes to <paramref name="activity"/>: counts are rounded half-up to whole contacts, usage to whole minor units.
    /// </summary>
    /// <exception cref="InvalidOperationException">A deflection targets a channel with no contacts to take averages from.</exception>
    public IReadOnlyList<ChannelActivity> Apply(IReadOnlyList<ChannelActivity> activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var byChannel = activity.ToDictionary(a => a.Channel);
        foreach (var d in Deflections)
        {
            if (!byChannel.TryGetValue(d.From, out var from) || from.Contacts == 0)
                throw new InvalidOperationException($"Cannot deflect {d.From.Name()}: the period has no {d.From.Name()} contacts.");
            if (!byChannel.TryGetValue(d.To, out var to) || to.Contacts == 0)
                throw new InvalidOperationException($"Cannot deflect to {d.To.Name()}: the period has no {d.To.Name()} contacts to take its average handle time and usage from.");
            var moved = Whole(from.Contacts * d.Share);
            var kept = from.Contacts - moved;
            byChannel[d.From] = Scale(from, kept);
            byChannel[d.To] = Scale(to, to.Contacts + moved);
        }

        foreach (var h in HandleTimes)
        {
            if (byChannel.TryGetValue(h.Channel, out var a))
                byChannel[h.Channel] = a with { HandleSeconds = a.HandleSeconds * h.Factor };
        }

        foreach (var c in Callbacks)
        {
            if (!byChannel.TryGetValue(c.Channel, out var a) || a.Abandoned == 0)
                continue;
            var called = Whole(a.Abandoned * c.Share);
            var perHandled = a.Handled == 0 ? 0m : a.HandleSeconds / a.Handled;
            var usagePerHandled = a.Handled == 0 ? 0m : (decimal)a.UsageMinorUnits / a.Handled;
            byChannel[c.Channel] = a with
            {
                Abandoned = a.Abandoned - called,
                Handled = a.Handled + called,
                HandleSeconds = a.HandleSeconds + called * perHandled,
                UsageMinorUnits = a.UsageMinorUnits + Whole(called * usagePerHandled),
            };
        }

        return byChannel.Values.OrderBy(a => a.Channel).ToArray();
    }

    private static long Whole(decimal value) => (long)decimal.Round(value, 0, MidpointRounding.AwayFromZero);

    // The channel with `contacts` contacts instead of its own: every sum scaled by the same factor (its averages kept).
    private static ChannelActivity Scale(ChannelActivity a, long contacts)
    {
        var f = (decimal)contacts / a.Contacts;
        return new ChannelActivity(a.Channel, contacts, Whole(a.Handled * f), Whole(a.Abandoned * f), a.HandleSeconds * f,
            a.AnsweredWaitSeconds * f, Whole(a.AnsweredInbound * f), Whole(a.UsageMinorUnits * f), Whole(a.Unrated * f));
    }
}
