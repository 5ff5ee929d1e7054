namespace ContactCost;

/// <summary>How an amount is rounded to a currency's minor unit. Named, so that no rounding happens by accident.</summary>
public enum RoundingMode
{
    /// <summary>Nearest; halves away from zero (2.345 → 2.35, -2.345 → -2.35). The default.</summary>
    HalfUp,

    /// <summary>Nearest; halves to the even digit, "banker's rounding" (2.345 → 2.34, 2.355 → 2.36).</summary>
    HalfEven,

    /// <summary>Nearest; halves toward zero (2.345 → 2.34).</summary>
    HalfDown,

    /// <summary>Away from zero whenever anything is left over (2.341 → 2.35).</summary>
    Up,

    /// <summary>Toward zero, dropping what is left over (2.349 → 2.34).</summary>
    Down,

    /// <summary>Toward positive infinity (2.341 → 2.35, -2.349 → -2.34).</summary>
    Ceiling,

    /// <summary>Toward negative infinity (2.349 → 2.34, -2.341 → -2.35).</summary>
    Floor,
}

/// <summary>Rounds decimals by a <see cref="RoundingMode"/> and names the modes in files.</summary>
public static class Rounding
{
    /// <summary>Rounds <paramref name="value"/> to <paramref name="decimals"/> digits with <paramref name="mode"/>.</summary>
    public static decimal Round(decimal value, int decimals, RoundingMode mode) => mode switch
    {
        RoundingMode.HalfUp => decimal.Round(value, decimals, MidpointRounding.AwayFromZero),
        RoundingMode.HalfEven => decimal.Round(value, decimals, MidpointRounding.ToEven),
        RoundingMode.HalfDown => RoundHalfDown(value, decimals),
        RoundingMode.Up => decimal.Round(value, decimals,
            value >= 0 ? MidpointRounding.ToPositiveInfinity : MidpointRounding.ToNegativeInfinity),
        RoundingMode.Down => decimal.Round(value, decimals, MidpointRounding.ToZero),
        RoundingMode.Ceiling => decimal.Round(value, decimals, MidpointRounding.ToPositiveInfinity),
        RoundingMode.Floor => decimal.Round(value, decimals, MidpointRounding.ToNegativeInfinity),
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown rounding mode."),
    };

    /// <summary>The name a file uses for a mode: <c>half-up</c>, <c>half-even</c>, <c>half-down</c>, <c>up</c>, <c>down</c>, <c>ceiling</c>, <c>floor</c>.</summary>
    public static string Name(RoundingMode mode) => mode switch
    {
        RoundingMode.HalfUp => "half-up",
        RoundingMode.HalfEven => "half-even",
        RoundingMode.HalfDown => "half-down",
        RoundingMode.Up => "up",
        RoundingMode.Down => "down",
        RoundingMode.Ceiling => "ceiling",
        RoundingMode.Floor => "floor",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown rounding mode."),
    };

    /// <summary>Reads a mode by its file name (see <see cref="Name"/>); false for anything else.</summary>
    public static bool TryParse(string? text, out RoundingMode mode)
    {
        foreach (var candidate in Enum.GetValues<RoundingMode>())
        {
            if (string.Equals(Name(candidate), text?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                mode = candidate;
                return true;
            }
        }

        mode = default;
        return false;
    }

    /// <summary>The file names of every mode, for error messages.</summary>
    public static string AllNames => string.Join(", ", Enum.GetValues<RoundingMode>().Select(Name));

    private static decimal RoundHalfDown(decimal value, int decimals)
    {
        var truncated = decimal.Round(value, decimals, MidpointRounding.ToZero);
        var remainder = Math.Abs(value - truncated) * Currency.Pow10(decimals);
        return remainder == 0.5m ? truncated : decimal.Round(value, decimals, MidpointRounding.AwayFromZero);
    }
}
