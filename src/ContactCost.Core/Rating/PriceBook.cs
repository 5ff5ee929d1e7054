
namespace ContactCost.Rating;

/// <summary>
/// The versioned list of charges a provider applies to usage. A version takes effect at local
/// midnight of <see cref="Effective"/> and stays in force until a later version does.
/// </summary>
public sealed class PriceBook
{
    /// <summary>A price book; charge ids must be unique.</summary>
    public PriceBook(Currency currency, DateOnly effective, RoundingMode rounding, IReadOnlyList<Charge> charges)
    {
        ArgumentNullException.ThrowIfNull(currency);
        ArgumentNullException.ThrowIfNull(charges);
        var duplicate = charges.GroupBy(c => c.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"Charge id '{duplicate.Key}' appears {duplicate.Count()} times; ids must be unique.", nameof(charges));
        Currency = currency;
        Effective = effective;
        Rounding = rounding;
        Charges = [.. charges]; // a copy: the caller's list changing later must not change the book
        Version = effective.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The currency every price is in.</summary>
    public Currency Currency { get; }

    /// <summary>The first day (tenant's local calendar) this version applies to; it also names the version.</summary>
    public DateOnly Effective { get; }

    /// <summary>How each charge line is rounded to the currency's minor unit.</summary>
    public RoundingMode Rounding { get; }

    /// <summary>The charges, in file order.</summary>
    public IReadOnlyList<Charge> Charges { get; }

    /// <summary>The version's name: its effective date, <c>2026-01-01</c> (made once: every charge line carries it).</summary>
    public string Version { get; }
}
