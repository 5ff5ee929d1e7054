namespace ContactCost.Storage;

/// <summary>What saving a tenant's time zone did (see <see cref="IStore.SaveTenantAsync"/>).</summary>
/// <param name="Previous">The zone before: the stored one, or <see cref="TenantSettings.DefaultTimeZone"/> for a tenant never saved.</param>
/// <param name="Created">True when the tenant had no settings before.</param>
/// <param name="Outcome">Whether the zone moved, and what became of the charges rated in the previous one.</param>
/// <param name="ItemsForgotten">How many items' ratings were forgotten, to be rated again in the new zone.</param>
public sealed record ZoneChange(TimeZoneInfo Previous, bool Created, ZoneChangeOutcome Outcome, long ItemsForgotten)
{
    /// <summary>True when <paramref name="chosen"/> counts days unlike <paramref name="previous"/>: another name for the same zone moves nothing.</summary>
    internal static bool Moves(TimeZoneInfo previous, TimeZoneInfo chosen) => !chosen.HasSameRules(previous);

    /// <summary>The outcome both stores decide by, inside the transaction that saves the zone.</summary>
    internal static ZoneChangeOutcome OutcomeOf(bool moves, bool rated, bool forgetRatings) =>
        !moves ? ZoneChangeOutcome.Kept
        : !rated ? ZoneChangeOutcome.Moved
        : forgetRatings ? ZoneChangeOutcome.MovedRatingsForgotten
        : ZoneChangeOutcome.Refused;
}

/// <summary>What became of a tenant's time zone and of its rated charges.</summary>
public enum ZoneChangeOutcome
{
    /// <summary>Saved without moving: the same zone, or another name for it (its rules are the same), so no day moves.</summary>
    Kept,

    /// <summary>Moved to a zone with other rules; nothing had been rated, so nothing moves with it.</summary>
    Moved,

    /// <summary>Moved, and every rating made in the previous zone was forgotten: rate again.</summary>
    MovedRatingsForgotten,

    /// <summary>Not saved: charges are rated in the previous zone, and forgetting them was not allowed.</summary>
    Refused,
}
