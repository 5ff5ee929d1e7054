using System.Globalization;

namespace ContactCost;

/// <summary>An amount of money in one currency, held as a <see cref="decimal"/> at full precision until rounded.</summary>
/// <remarks>
/// Adding or comparing two currencies throws <see cref="CurrencyMismatchException"/>. Nothing rounds
/// implicitly: call <see cref="Round(RoundingMode)"/> with a named mode when a line item is final.
/// </remarks>
public readonly struct Money : IEquatable<Money>, IComparable<Money>
{
    private readonly Currency? currency;

    /// <summary>An amount in a currency, kept exactly as given.</summary>
    public Money(decimal amount, Currency currency)
    {
        ArgumentNullException.ThrowIfNull(currency);
        Amount = amount;
        this.currency = currency;
    }

    /// <summary>The amount, at whatever precision it was computed.</summary>
    public decimal Amount { get; }

    /// <summary>The currency; a default-constructed <see cref="Money"/> has none and throws here.</summary>
    public Currency Currency => currency
        ?? throw new InvalidOperationException("This Money was never given a currency; create it with new Money(amount, currency).");

    /// <summary>Zero in <paramref name="currency"/>.</summary>
    public static Money Zero(Currency currency) => new(0m, currency);

    /// <summary>An amount given in minor units (cents for USD).</summary>
    public static Money FromMinorUnits(long minorUnits, Currency currency)
    {
        ArgumentNullException.ThrowIfNull(currency);

        // The minor units as the mantissa, the minor digits as the scale: the value and scale of
        // minorUnits * currency.MinorUnit, without a decimal multiplication.
        return new(DecimalParts.Scaled(minorUnits, currency.MinorDigits), currency);
    }

    /// <summary>True when the amount is exactly zero.</summary>
    public bool IsZero => Amount == 0m;

    /// <summary>True when the amount is below zero.</summary>
    public bool IsNegative => Amount < 0m;

    /// <summary>True when the amount has no digits beyond the currency's minor unit.</summary>
    public bool IsRounded => decimal.Round(Amount, Currency.MinorDigits) == Amount;

    /// <summary>Rounds to the currency's minor unit with a named mode.</summary>
    public Money Round(RoundingMode mode) => new(Rounding.Round(Amount, Currency.MinorDigits, mode), Currency);

    /// <summary>The amount in whole minor units; throws when it is not already rounded, so no rounding hides here.</summary>
    public long ToMinorUnits()
    {
        // Most amounts are kept at their currency's scale or less: the mantissa is then the minor units, scaled up.
        var digits = Currency.MinorDigits;
        if (DecimalParts.TryParts(Amount, out var mantissa, out var scale, out var negative) && mantissa <= long.MaxValue && scale <= digits)
        {
            var minor = (long)mantissa;
            for (var i = scale; i < digits; i++)
                minor *= 10;
            return negative ? -minor : minor;
        }

        if (!IsRounded)
            throw new InvalidOperationException($"{this} has digits beyond the minor unit of {Currency.Code}; round it first.");
        return decimal.ToInt64(Amount * Currency.Pow10(Currency.MinorDigits));
    }

    /// <summary>Sum of two amounts in the same currency.</summary>
    public static Money operator +(Money left, Money right) => new(left.Amount + right.Amount, SameCurrency(left, right));

    /// <summary>Difference of two amounts in the same currency.</summary>
    public static Money operator -(Money left, Money right) => new(left.Amount - right.Amount, SameCurrency(left, right));

    /// <summary>The amount with its sign flipped.</summary>
    public static Money operator -(Money value) => new(-value.Amount, value.Currency);

    /// <summary>The amount scaled by a factor (a quantity, a rate); not rounded.</summary>
    public static Money operator *(Money value, decimal factor) => new(value.Amount * factor, value.Currency);

    /// <summary>The amount scaled by a factor (a quantity, a rate); not rounded.</summary>
    public static Money operator *(decimal factor, Money value) => value * factor;

    /// <summary>The amount divided by a divisor; not rounded.</summary>
    public static Money operator /(Money value, decimal divisor) => new(value.Amount / divisor, value.Currency);

    /// <summary>True when the left amount is smaller; both must share a currency.</summary>
    public static bool operator <(Money left, Money right) => left.CompareTo(right) < 0;

    /// <summary>True when the left amount is larger; both must share a currency.</summary>
    public static bool operator >(Money left, Money right) => left.CompareTo(right) > 0;

    /// <summary>True when the left amount is smaller or equal; both must share a currency.</summary>
    public static bool operator <=(Money left, Money right) => left.CompareTo(right) <= 0;

    /// <summary>True when the left amount is larger or equal; both must share a currency.</summary>
    public static bool operator >=(Money left, Money right) => left.CompareTo(right) >= 0;

    /// <summary>Same currency and same value (1.5 equals 1.50).</summary>
    public static bool operator ==(Money left, Money right) => left.Equals(right);

    /// <summary>Different currency or different value.</summary>
    public static bool operator !=(Money left, Money right) => !left.Equals(right);

    /// <inheritdoc />
    public int CompareTo(Money other)
    {
        SameCurrency(this, other);
        return Amount.CompareTo(other.Amount);
    }

    /// <inheritdoc />
    public bool Equals(Money other) => currency == other.currency && Amount == other.Amount;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Money other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(currency, Amount);

    /// <summary>Invariant text such as <c>12.34 USD</c>, with at least the currency's minor digits.</summary>
    public override string ToString()
    {
        if (currency is null)
            return "(no currency)";
        var digits = Math.Max(currency.MinorDigits, Amount.Scale);
        return Amount.ToString("F" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) + " " + currency.Code;
    }

    private static Currency SameCurrency(Money left, Money right)
    {
        var l = left.Currency;
        var r = right.Currency;
        return l == r ? l : throw new CurrencyMismatchException(l, r);
    }
}

/// <summary>Sums of <see cref="Money"/>.</summary>
public static class MoneyEnumerable
{
    /// <summary>Adds amounts that must all be in <paramref name="currency"/>; an empty sequence sums to zero.</summary>
    public static Money Sum(this IEnumerable<Money> amounts, Currency currency)
    {
        ArgumentNullException.ThrowIfNull(amounts);
        var total = Money.Zero(currency);
        foreach (var amount in amounts)
            total += amount;
        return total;
    }
}
