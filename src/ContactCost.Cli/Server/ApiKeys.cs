using System.Collections.Concurrent;
using System.Security.Cryptography;
using ContactCost.Tenants;

namespace ContactCost.Cli.Server;

/// <summary>
/// The server's API keys: 32 random bytes shown once when issued; the store (whichever holds the
/// data) keeps only their SHA-256. A key found in the store is remembered for
/// <see cref="Remembered"/>, so a request does not open the store twice.
/// </summary>
internal sealed class ApiKeys(StoreOpener stores, TimeProvider clock)
{
    /// <summary>How long a key found in the store is trusted without asking the store again.</summary>
    public static readonly TimeSpan Remembered = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, (TenantId Tenant, DateTimeOffset Until)> found = new(StringComparer.Ordinal);

    /// <summary>The SHA-256 of a key's text.</summary>
    public static byte[] Hash(string key) => SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key));

    /// <summary>Issues a new key for a saved tenant and returns its text (the only time it is seen); null when the tenant is unknown.</summary>
    public async Task<string?> IssueAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        var key = "cc_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        await using var store = await stores.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await store.AddApiKeyAsync(tenant, Hash(key), clock.GetUtcNow(), cancellationToken).ConfigureAwait(false) ? key : null;
    }

    /// <summary>The tenant of the key whose SHA-256 is <paramref name="hash"/>, or null when no such key was issued.</summary>
    public async Task<TenantId?> FindTenantAsync(byte[] hash, CancellationToken cancellationToken)
    {
        var name = Convert.ToHexString(hash);
        var now = clock.GetUtcNow();
        if (found.TryGetValue(name, out var known) && known.Until > now)
            return known.Tenant;

        await using var store = await stores.OpenAsync(cancellationToken).ConfigureAwait(false);
        var tenant = await store.FindApiKeyTenantAsync(hash, cancellationToken).ConfigureAwait(false);
        if (tenant is { } t)
            found[name] = (t, now + Remembered);
        return tenant;
    }
}
