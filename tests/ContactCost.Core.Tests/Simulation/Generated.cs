using System.Globalization;
using ContactCost.Interactions;
using ContactCost.Simulation;

namespace ContactCost.Tests.Simulation;

/// <summary>Shared helpers for reading generated interactions in tests.</summary>
internal static class Generated
{
    public static readonly DateOnly October1 = new(2026, 10, 1);

    public static TimeZoneInfo NewYork => CenterProfile.SmallOmnichannel.TimeZone;

    public static SyntheticCenter Center(ulong seed) => new(CenterProfile.SmallOmnichannel, seed);

    /// <summary>Every field in one line, so two runs can be compared as text (records compare Extra by reference).</summary>
    public static string Describe(Interaction i) => string.Join('|',
        i.Id, i.Channel.Name(), i.Direction.Name(), i.Customer, i.Start.ToString("O", CultureInfo.InvariantCulture),
        i.End?.ToString("O", CultureInfo.InvariantCulture), i.Wait.TotalSeconds, i.Talk.TotalSeconds, i.Hold.TotalSeconds,
        i.Wrap.TotalSeconds, i.Queue, i.Agent, i.Units, i.Destination, i.Resolved,
        string.Join(';', i.Extra.Select(kv => kv.Key + "=" + kv.Value)));

    public static string EpisodeOf(Interaction i) => i.Extra.Single(kv => kv.Key == "episode").Value;

    public static DateTimeOffset Local(Interaction i) => TimeZoneInfo.ConvertTime(i.Start, NewYork);
}
