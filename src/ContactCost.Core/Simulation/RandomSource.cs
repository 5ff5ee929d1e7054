namespace ContactCost.Simulation;

/// <summary>
/// xoshiro256** seeded through SplitMix64: small, fast, and the same sequence on every machine and
/// .NET version (System.Random's seeded sequence is an implementation detail). Doubles are fine
/// here: they shape durations, never money.
/// </summary>
internal sealed class RandomSource
{
    private ulong s0, s1, s2, s3;
    private double spareNormal;
    private bool hasSpareNormal;

    public RandomSource(ulong seed)
    {
        var x = seed;
        s0 = SplitMix(ref x);
        s1 = SplitMix(ref x);
        s2 = SplitMix(ref x);
        s3 = SplitMix(ref x);
    }

    public ulong NextULong()
    {
        // The generator's arithmetic wraps modulo 2^64 by design; the project checks overflow elsewhere.
        var result = unchecked(RotateLeft(s1 * 5, 7) * 9);
        var t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = RotateLeft(s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [0, count).</summary>
    public int Next(int count) => (int)(NextDouble() * count);

    public bool Chance(double probability) => NextDouble() < probability;

    /// <summary>Standard normal (Box-Muller, the second value kept for the next call).</summary>
    public double NextNormal()
    {
        if (hasSpareNormal)
        {
            hasSpareNormal = false;
            return spareNormal;
        }

        var u = 1.0 - NextDouble(); // (0, 1]: the log stays finite
        var v = NextDouble();
        var radius = Math.Sqrt(-2.0 * Math.Log(u));
        spareNormal = radius * Math.Sin(2.0 * Math.PI * v);
        hasSpareNormal = true;
        return radius * Math.Cos(2.0 * Math.PI * v);
    }

    /// <summary>Long-tailed positive value: <paramref name="median"/> × e^(<paramref name="sigma"/> × N(0,1)).</summary>
    public double LogNormal(double median, double sigma) => median * Math.Exp(sigma * NextNormal());

    /// <summary>Exponential with the given mean.</summary>
    public double Exponential(double mean) => -mean * Math.Log(1.0 - NextDouble());

    /// <summary>A Poisson count with mean <paramref name="lambda"/> (normal approximation above 50).</summary>
    public int Poisson(double lambda)
    {
        if (lambda <= 0)
            return 0;
        if (lambda > 50)
            return Math.Max(0, (int)Math.Round(lambda + Math.Sqrt(lambda) * NextNormal()));
        var limit = Math.Exp(-lambda);
        var count = 0;
        for (var product = NextDouble(); product > limit; product *= NextDouble())
            count++;
        return count;
    }

    private static ulong SplitMix(ref ulong x)
    {
        unchecked
        {
            var z = x += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}
