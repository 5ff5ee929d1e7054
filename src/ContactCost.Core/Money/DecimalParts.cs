namespace ContactCost;

/// <summary>
/// A decimal as an integer mantissa and a scale, both ways, without decimal arithmetic: costing and rating turn
/// amounts into minor units and handle times into seconds for every contact, and a decimal multiplication or
/// division there cost more than everything else around it.
/// </summary>
internal static class DecimalParts
{
    /// <summary><paramref name="units"/> × 10^-<paramref name="scale"/>, kept at that scale (the value and scale of <c>units / 10^scale</c> written out).</summary>
    public static decimal Scaled(long units, int scale)
    {
        var magnitude = units == long.MinValue ? 1UL << 63 : (ulong)Math.Abs(units);
        return new decimal(unchecked((int)magnitude), unchecked((int)(magnitude >> 32)), 0, units < 0, (byte)scale);
    }

    /// <summary>The mantissa, scale and sign of <paramref name="value"/>, when the mantissa fits in 64 bits.</summary>
    public static bool TryParts(decimal value, out ulong mantissa, out int scale, out bool negative)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        mantissa = unchecked(((ulong)(uint)bits[1] << 32) | (uint)bits[0]);
        scale = (bits[3] >> 16) & 0xFF;
        negative = bits[3] < 0;
        return bits[2] == 0;
    }
}
