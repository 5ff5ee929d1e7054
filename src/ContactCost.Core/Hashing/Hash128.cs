using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace ContactCost.Hashing;

/// <summary>
/// A 128-bit hash of a text, kept as a key instead of the text: a million of them keep no strings alive and
/// compare in two instructions. Two different texts among a month's ten million share one with a probability
/// below 10^-24. Two longs rather than a <see cref="UInt128"/>, which is aligned to 16 and pads what holds it.
/// </summary>
public readonly record struct Hash128(ulong Low, ulong High)
{
    // Seeded afresh in each process, so that a file cannot be made to pile its ids into one run of a table's
    // slots (XxHash is fast, not cryptographic): hashes are compared within a process only, never stored.
    private static readonly long Seed = Random.Shared.NextInt64();

    /// <summary>
    /// The XxHash128 of the text's UTF-16 code units, with this process's seed; never all zeros, which
    /// <see cref="Hash128Table{TValue}"/> keeps for an empty slot. Compare hashes made in the same process only.
    /// </summary>
    public static Hash128 Of(ReadOnlySpan<char> text)
    {
        var hash = XxHash128.HashToUInt128(MemoryMarshal.AsBytes(text), Seed);
        var low = unchecked((ulong)hash);
        var high = (ulong)(hash >> 64);
        return new Hash128(low == 0 && high == 0 ? 1 : low, high);
    }

    /// <summary>Whether this is the all-zero value, which no text hashes to.</summary>
    public bool IsEmpty => (Low | High) == 0;

    /// <inheritdoc/>
    public override int GetHashCode() => unchecked((int)Low);
}
