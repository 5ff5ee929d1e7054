using System.Globalization;

namespace ContactCost.Simulation;

/// <summary>The simulated customers: who contacts the center, their ids and their phone numbers.</summary>
internal sealed class CustomerPool(int size, ulong seed)
{
    /// <summary>A customer for a new episode. Skewed towards low indexes, so some customers come back within a month.</summary>
    public int Draw(Prng rng)
    {
        var u = rng.NextDouble();
        return (int)(size * u * Math.Sqrt(Math.Sqrt(u)));
    }

    public static string Id(int index) => string.Create(CultureInfo.InvariantCulture, $"C{index:D7}");

    /// <summary>
    /// The customer's mobile number, the same in every episode: mostly North American, some British,
    /// Mexican and German, so destination-prefix prices have something to match.
    /// </summary>
    public string Phone(int index)
    {
        var state = seed ^ unchecked((ulong)index * 0x9E3779B97F4A7C15UL);
        var hash = Prng.SplitMix64(ref state);
        var country = hash % 100;
        var digits = hash / 100;
        var inv = CultureInfo.InvariantCulture;
        return country switch
        {
            < 88 => string.Create(inv, $"+1{200 + digits % 800:D3}{200 + digits / 800 % 800:D3}{digits / 640_000 % 10_000:D4}"),
            < 93 => string.Create(inv, $"+447{digits % 1_000_000_000:D9}"),
            < 97 => string.Create(inv, $"+5255{digits % 100_000_000:D8}"),
            _ => string.Create(inv, $"+4915{digits % 1_000_000_000:D9}"),
        };
    }
}
