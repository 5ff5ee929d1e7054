using ContactCost.Rating;

namespace ContactCost.Storage;

/// <summary>The charge lines of one interaction, rated with one price-book version.</summary>
/// <param name="InteractionId">The interaction rated.</param>
/// <param name="PriceBookVersion">The version used.</param>
/// <param name="Lines">Its lines; none when no charge applied.</param>
public sealed record RatedInteraction(string InteractionId, string PriceBookVersion, IReadOnlyList<ChargeLine> Lines);

/// <summary>A position in the (start, id) order of interactions, for paging through unrated ones.</summary>
/// <param name="Start">The start of the last interaction seen.</param>
/// <param name="Id">The id of the last interaction seen.</param>
public readonly record struct RatingCursor(DateTimeOffset Start, string Id)
{
    /// <summary>Before every interaction.</summary>
    public static RatingCursor Beginning => new(DateTimeOffset.MinValue, "");
}
