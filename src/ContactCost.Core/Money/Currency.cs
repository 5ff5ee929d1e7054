using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace ContactCost;

/// <summary>An ISO 4217 currency: its three-letter code and how many minor-unit digits it has.</summary>
/// <remarks>
/// A reference type with one shared instance per code, so a <see cref="Currency"/> can never be a
/// half-initialised default value; compare with <c>==</c>.
/// </remarks>
public sealed class Currency : IEquatable<Currency>
{
    // 10^0 to 10^28, made once: amounts are turned into minor units for every line and contact of a report.
    // First, since the known currencies below are made with it.
    private static readonly decimal[] Powers = [.. Enumerable.Range(0, 29).Select(d => Enumerable.Repeat(10m, d).Aggregate(1m, (p, ten) => p * ten))];

    private static readonly FrozenDictionary<string, Currency> Known = new Currency[]
    {
        // Minor units from ISO 4217. Only codes a contact center is likely to bill in are listed;
        // add more here (code, digits) when a user needs one.
        new("USD", 2), new("EUR", 2), new("GBP", 2), new("CHF", 2), new("CAD", 2), new("AUD", 2),
        new("NZD", 2), new("JPY", 0), new("CNY", 2), new("HKD", 2), new("SGD", 2), new("INR", 2),
        new("KRW", 0), new("SEK", 2), new("NOK", 2), new("DKK", 2), new("PLN", 2), new("CZK", 2),
        new("HUF", 2), new("RON", 2), new("BGN", 2), new("TRY", 2), new("ILS", 2), new("AED", 2),
        new("SAR", 2), new("QAR", 2), new("KWD", 3), new("BHD", 3), new("OMR", 3), new("JOD", 3),
        new("TND", 3), new("ZAR", 2), new("EGP", 2), new("NGN", 2), new("KES", 2), new("MAD", 2),
        new("BRL", 2), new("MXN", 2), new("ARS", 2), new("CLP", 0), new("COP", 2), new("PEN", 2),
        new("UYU", 2), new("PHP", 2), new("IDR", 2), new("MYR", 2), new("THB", 2), new("VND", 0),
        new("TWD", 2), new("PKR", 2), new("BDT", 2), new("UAH", 2), new("ISK", 0), new("XAF", 0),
        new("XOF", 0),
    }.ToFrozenDictionary(c => c.Code, StringComparer.Ordinal);

    private readonly decimal minorUnit;

    private Currency(string code, int minorDigits)
    {
        Code = code;
        MinorDigits = minorDigits;
        minorUnit = 1m / Pow10(minorDigits);
    }

    /// <summary>The three-letter ISO 4217 code, upper case (for example <c>USD</c>).</summary>
    public string Code { get; }

    /// <summary>Digits after the decimal point in the currency's minor unit (2 for USD, 0 for JPY, 3 for KWD).</summary>
    public int MinorDigits { get; }

    /// <summary>The smallest amount the currency can be paid in (0.01 for USD).</summary>
    public decimal MinorUnit => minorUnit;

    /// <summary>US dollar.</summary>
    public static Currency USD { get; } = Known["USD"];

    /// <summary>Euro.</summary>
    public static Currency EUR { get; } = Known["EUR"];

    /// <summary>The currency for an ISO 4217 code; throws with the code and examples when it is not known.</summary>
    public static Currency FromCode(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return TryFromCode(code, out var currency)
            ? currency
            : throw new ArgumentException(
                $"Unknown currency code '{code}'. Use an ISO 4217 code such as USD, EUR or GBP.", nameof(code));
    }

    /// <summary>Looks up an ISO 4217 code (case-insensitive, surrounding spaces ignored).</summary>
    public static bool TryFromCode(string? code, [NotNullWhen(true)] out Currency? currency)
    {
        currency = null;
        if (code is null)
            return false;
        var trimmed = code.Trim();
        if (trimmed.Length != 3)
            return false;
        return Known.TryGetValue(trimmed.ToUpperInvariant(), out currency);
    }

    /// <summary>The codes this build knows, in alphabetical order.</summary>
    public static IEnumerable<string> KnownCodes => Known.Keys.Order(StringComparer.Ordinal);

    internal static decimal Pow10(int digits)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(digits);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(digits, 28);
        return Powers[digits];
    }


    /// <inheritdoc />
    public bool Equals(Currency? other) => ReferenceEquals(this, other);

    /// <inheritdoc />
    public override bool Equals(object? obj) => ReferenceEquals(this, obj);

    /// <inheritdoc />
    public override int GetHashCode() => Code.GetHashCode(StringComparison.Ordinal);

    /// <summary>The ISO code.</summary>
    public override string ToString() => Code;
}
