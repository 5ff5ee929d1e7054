using System.Numerics;

namespace ContactCost.Simulation;

/// <summary>
/// xoshiro256** seeded through SplitMix64, with the few distributions the simulation draws from.
/// </summary>
/// <remarks>
/// The logarithm and exponential are computed here from additions, multiplications and divisions
/// only. Those are exactly rounded by IEEE 754 on every machine, whereas <see cref="Math.Log(double)"/>
/// and <see cref="Math.Exp"/> come from the platform's C library and may differ in the last bit,
/// which could move a rounded second and break "same seed, same rows everywhere".
/// </remarks>
internal sealed class Prng
{
    private const double Ln2 = 0.6931471805599453;
    private ulong s0, s1, s2, s3;
    private double spareNormal;
    private bool hasSpareNormal;

    public Prng(ulong seed)
    {
        var state = seed;
        s0 = SplitMix64(ref state);
        s1 = SplitMix64(ref state);
        s2 = SplitMix64(ref state);
        s3 = SplitMix64(ref state);
    }

    /// <summary>One step of SplitMix64: a good 64-bit mix of a counter, also used to hash ids.</summary>
    public static ulong SplitMix64(ref ulong state)
    {
        unchecked
        {
            state += 0x9E3779B97F4A7C15UL;
            var z = state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    public ulong NextULong()
    {
        unchecked
        {
            var result = BitOperations.RotateLeft(s1 * 5, 7) * 9;
            var t = s1 << 17;
            s2 ^= s0;
            s3 ^= s1;
            s1 ^= s2;
            s0 ^= s3;
            s2 ^= t;
            s3 = BitOperations.RotateLeft(s3, 45);
            return result;
        }
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform integer in [0, n); the bias of the multiply-shift is below 2^-32.</summary>
    public int NextInt(int n) => (int)(((NextULong() >> 32) * (ulong)n) >> 32);

    public bool Chance(double probability) => NextDouble() < probability;

    /// <summary>An exponential draw with the given mean.</summary>
    public double Exponential(double mean) => -mean * Ln(1.0 - NextDouble());

    /// <summary>A standard normal draw (Marsaglia's polar method: no sine or cosine needed).</summary>
    public double Normal()
    {
        if (hasSpareNormal)
        {
            hasSpareNormal = false;
            return spareNormal;
        }

        double u, v, s;
        do
        {
            u = 2.0 * NextDouble() - 1.0;
            v = 2.0 * NextDouble() - 1.0;
            s = u * u + v * v;
        }
        while (s >= 1.0 || s == 0.0);

        var factor = Math.Sqrt(-2.0 * Ln(s) / s);
        spareNormal = v * factor;
        hasSpareNormal = true;
        return u * factor;
    }

    /// <summary>A lognormal draw: half the values fall below <paramref name="median"/>; <paramref name="sigma"/> is the spread of its logarithm.</summary>
    public double LogNormal(double median, double sigma) => median * Exp(sigma * Normal());

    /// <summary>Natural logarithm of a positive finite number, to about 1e-15 relative error.</summary>
    internal static double Ln(double x)
    {
        // x = m * 2^e with m in [sqrt(1/2), sqrt(2)); then ln m = 2 atanh(s), s = (m-1)/(m+1), |s| < 0.172.
        var e = Math.ILogB(x);
        var m = Math.ScaleB(x, -e);
        if (m > 1.4142135623730951)
        {
            m *= 0.5;
            e++;
        }

        var s = (m - 1.0) / (m + 1.0);
        var s2 = s * s;
        var series = 1.0 / 19;
        for (var k = 17; k >= 1; k -= 2)
            series = series * s2 + 1.0 / k;
        return 2.0 * s * series + e * Ln2;
    }

    /// <summary>e raised to <paramref name="x"/>, for |x| well inside the double range, to about 1e-15 relative error.</summary>
    internal static double Exp(double x)
    {
        // e^x = 2^k e^r with |r| <= ln2/2; a Taylor polynomial of degree 13 is exact to the last bits there.
        var k = Math.Round(x / Ln2);
        var r = x - k * Ln2;
        var sum = 1.0;
        for (var n = 13; n >= 1; n--)
            sum = 1.0 + sum * r / n;
        return Math.ScaleB(sum, (int)k);
    }
}
