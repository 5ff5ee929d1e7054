using System.Globalization;

namespace ContactCost.Formats.Reports;

/// <summary>How a report writes its figures for people, the same in a terminal table and on the HTML page.</summary>
public static class Figures
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>An amount with thousands separators and the currency's minor digits: <c>143,645.66</c>.</summary>
    public static string Amount(decimal amount, int minorDigits) => amount.ToString("N" + minorDigits.ToString(Inv), Inv);

    /// <summary>An amount of money as <see cref="Amount(decimal, int)"/> writes it, in its currency's minor digits.</summary>
    public static string Amount(Money money) => Amount(money.Amount, money.Currency.MinorDigits);

    /// <summary>A whole count with thousands separators.</summary>
    public static string Count(long value) => value.ToString("N0", Inv);

    /// <summary>A share (0.0688) as a percentage with one decimal: <c>6.9%</c>.</summary>
    public static string Percent(decimal share) => (share * 100m).ToString("0.0", Inv) + "%";

    /// <summary>Seconds as <c>7m03s</c>, or <c>1h05m</c> from an hour up.</summary>
    public static string Duration(decimal seconds)
    {
        var whole = (long)decimal.Round(seconds, MidpointRounding.AwayFromZero);
        return whole >= 3600
            ? string.Create(Inv, $"{whole / 3600}h{whole % 3600 / 60:D2}m")
            : string.Create(Inv, $"{whole / 60}m{whole % 60:D2}s");
    }
}
