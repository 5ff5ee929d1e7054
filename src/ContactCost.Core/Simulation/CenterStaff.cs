using System.Globalization;

namespace ContactCost.Simulation;

/// <summary>The scaled agents and customer count of a profile, checked once.</summary>
internal sealed record CenterStaff(string[] VoiceAgents, string[] DigitalAgents, int Customers)
{
    /// <summary>The largest scale accepted: 250,000 agents at the default 25.</summary>
    private const decimal MaxScale = 10_000;

    public static CenterStaff From(CenterProfile profile)
    {
        if (profile.Scale <= 0 || profile.Scale > MaxScale)
            throw new ArgumentException($"Scale is {profile.Scale}; it must be above 0 and at most {MaxScale}.", nameof(profile));
        if (profile.TimeZone is null)
            throw new ArgumentException("TimeZone is missing.", nameof(profile));
        if (string.IsNullOrWhiteSpace(profile.TollFreeNumber))
            throw new ArgumentException("TollFreeNumber is empty.", nameof(profile));
        if (profile.VoiceQueues is null || profile.VoiceQueues.Count == 0 || profile.VoiceQueues.Any(string.IsNullOrWhiteSpace))
            throw new ArgumentException("VoiceQueues needs at least one queue, and no empty names.", nameof(profile));
        CheckPositive(profile.VoiceTalkMedian, nameof(CenterProfile.VoiceTalkMedian));
        CheckPositive(profile.VoicePatienceMean, nameof(CenterProfile.VoicePatienceMean));
        CheckPositive(profile.ChatSessionMedian, nameof(CenterProfile.ChatSessionMedian));
        CheckPositive(profile.EmailWorkMedian, nameof(CenterProfile.EmailWorkMedian));

        var voice = Scaled(profile.VoiceAgents, profile.Scale, nameof(CenterProfile.VoiceAgents));
        var digital = Scaled(profile.DigitalAgents, profile.Scale, nameof(CenterProfile.DigitalAgents));
        var customers = Scaled(profile.Customers, profile.Scale, nameof(CenterProfile.Customers));

        // One numbering for both groups: voice agents first, A001 upwards.
        var ids = new string[voice + digital];
        for (var i = 0; i < ids.Length; i++)
            ids[i] = string.Create(CultureInfo.InvariantCulture, $"A{i + 1:D3}");
        return new CenterStaff(ids[..voice], ids[voice..], customers);
    }

    private static int Scaled(int count, decimal scale, string name)
    {
        if (count <= 0)
            throw new ArgumentException($"{name} is {count}; it must be positive.", "profile");
        return Math.Max(1, (int)Math.Round(count * scale, MidpointRounding.AwayFromZero));
    }

    private static void CheckPositive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
            throw new ArgumentException($"{name} is {value}; it must be positive.", "profile");
    }
}
