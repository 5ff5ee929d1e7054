using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace ContactCost.Hashing;

/// <summary>
/// Asks the processor to start loading a place in memory that will be read soon. A loop over a million-key
/// table misses the cache on nearly every lookup; asking a few items ahead lets those misses overlap instead
/// of being waited for one by one. Only a hint: it changes no value, and does nothing where not supported.
/// </summary>
public static class Prefetch
{
    /// <summary>Starts loading the cache line holding <paramref name="place"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Of<T>(ref T place)
    {
        if (Sse.IsSupported)
            Sse.Prefetch0(Unsafe.AsPointer(ref place));
    }
}
