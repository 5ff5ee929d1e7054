namespace ContactCost.Rating;

/// <summary>
/// One priced line that explains itself: which charge of which price-book version, the raw and
/// billed quantity, the price and why that price (tier, window, destination, allowance), and the
/// amount rounded once.
/// </summary>
/// <param name="ChargeId">The charge that produced the line.</param>
/// <param name="PriceBookVersion">The version (effective date) of the price book used.</param>
/// <param name="Meter">The quantity priced; null for flat and one-time lines.</param>
/// <param name="RawQuantity">The item's usage as measured.</param>
/// <param name="BilledQuantity">The units priced on this line, after the billing increment (one tier's part, when an item spans tiers).</param>
/// <param name="UnitPrice">The price of <paramref name="Per"/> units applied.</param>
/// <param name="Per">How many units <paramref name="UnitPrice"/> buys.</param>
/// <param name="Amount">The line amount, rounded once to the currency's minor unit.</param>
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
    string? Basis = null);
