using ContactCost.Interactions;

namespace ContactCost.Episodes;

/// <summary>
/// All interactions of one customer about one need, across channels: self-service then chat then a
/// call is one episode, and what it cost is what all of them cost together.
/// </summary>
/// <param name="Id">The id of its first interaction.</param>
/// <param name="Customer">The customer, when known.</param>
/// <param name="Start">When its first interaction started.</param>
/// <param name="End">When its last interaction ended.</param>
/// <param name="Channels">The channel of each interaction, in order.</param>
/// <param name="Cost">What all its interactions cost.</param>
/// <param name="Resolved">True when its last interaction resolved the need.</param>
public sealed record Episode(string Id, string? Customer, DateTimeOffset Start, DateTimeOffset End, IReadOnlyList<Channel> Channels, Money Cost, bool Resolved)
{
    /// <summary>How many interactions it took.</summary>
    public int Contacts => Channels.Count;

    /// <summary>The channels in the order used, repeats in a row folded: <c>selfservice &gt; chat &gt; voice</c>.</summary>
    public string Path => string.Join(" > ", Folded().Select(c => c.Name()));

    /// <summary>How many times the customer moved to another channel.</summary>
    public int Switches => Folded().Count() - 1;

    private IEnumerable<Channel> Folded() => Channels.Where((c, i) => i == 0 || Channels[i - 1] != c);
}
