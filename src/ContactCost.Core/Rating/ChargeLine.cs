
namespace ContactCost.Rating;

/// <summary>
/// One priced line that explains itself: which charge of which price-book version, the raw and
/// billed quantity, the price applied, and the amount rounded once.
/// </summary>
/// <param name="ChargeId">The charge that produced the line.</param>
/// <param name="PriceBookVersion">The version (effective date) of the price book used.</param>
/// <param name="Meter">The quantity priced.</param>
/// <param name="RawQuantity">The usage as measured.</param>
/// <param name="BilledQuantity">The usage after the billing increment and minimum.</param>
/// <param name="UnitPrice">The price of <paramref name="Per"/> units.</param>
/// <param name="Per">How many units <paramref name="UnitPrice"/> buys.</param>
/// <param name="Amount">The line amount, rounded once to the currency's minor unit.</param>
public readonly record struct ChargeLine(
    string ChargeId,
    string PriceBookVersion,
    Meter Meter,
    decimal RawQuantity,
    decimal BilledQuantity,
    decimal UnitPrice,
    decimal Per,
    Money Amount);
