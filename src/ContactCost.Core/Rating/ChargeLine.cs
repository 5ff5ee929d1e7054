namespace ContactCost.Rating;

/// <summary>
/// One priced line that explains itself: which charge of which price-book version, the raw and
/// billed quantity, the price and why that price (tier, window, destination, allowance), the exact
/// amount, and the amount rounded once.
/// </summary>
/// <remarks>
/// Rounding carries: a line's rounded amount is the rounded running total of its charge's exact
/// amounts in the billing month, minus what the month's earlier lines were rounded to. Each line is
/// within one minor unit of its exact amount, and a month's lines add up to its exact total rounded
/// once: 2,000 messages at 0.004 bill 8.00, not 0.00, and 3 at 0.0079 bill 0.02, not 0.03.
/// </remarks>
/// <param name="ChargeId">The charge that produced the line.</param>
/// <param name="PriceBookVersion">The version (effective date) of the price book used.</param>
/// <param name="Meter">The quantity priced; null for flat and one-time lines.</param>
/// <param name="RawQuantity">The item's usage as measured.</param>
/// <param name="BilledQuantity">The units priced on this line, after the billing increment (one tier's part, when an item spans tiers).</param>
/// <param name="UnitPrice">The price of <paramref name="Per"/> units applied.</param>
/// <param name="Per">How many units <paramref name="UnitPrice"/> buys.</param>
/// <param name="Amount">The line amount in the currency's minor unit, rounded with the month's carry.</param>
/// <param name="Basis">Why this price: <c>tier 2 (1000-100000)</c>, <c>peak (08:00-18:00)</c>, <c>destination +44</c>, <c>allowance</c>; null for the plain price.</param>
public readonly record struct ChargeLine(
    string ChargeId,
    string PriceBookVersion,
    Meter? Meter,
    decimal RawQuantity,
    decimal BilledQuantity,
    decimal UnitPrice,
    decimal Per,
    Money Amount,
    string? Basis = null)
{
    /// <summary>The amount before rounding, at full precision: billed / per × unit price (+ connect fee).</summary>
    public decimal ExactAmount { get; init; } = Amount.Amount;
}
