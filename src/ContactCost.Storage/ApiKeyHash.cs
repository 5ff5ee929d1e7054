namespace ContactCost.Storage;

/// <summary>The form an API key reaches the store in: its SHA-256, never the key.</summary>
internal static class ApiKeyHash
{
    /// <summary>The length of a SHA-256, in bytes.</summary>
    public const int Length = 32;

    /// <summary>Throws unless <paramref name="hash"/> is a SHA-256 (32 bytes).</summary>
    public static void Check(byte[] hash)
    {
        ArgumentNullException.ThrowIfNull(hash);
        if (hash.Length != Length)
            throw new ArgumentException($"An API key reaches the store as its SHA-256 ({Length} bytes), not {hash.Length} bytes.", nameof(hash));
    }
}
