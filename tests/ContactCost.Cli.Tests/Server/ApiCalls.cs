using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace ContactCost.Tests.Server;

/// <summary>The calls the server tests make again and again, each asserting the answer it needs.</summary>
internal static class ApiCalls
{
    /// <summary>Sends <paramref name="body"/> (as JSON, when given) with <paramref name="key"/> (when given) as the bearer key.</summary>
    public static Task<HttpResponseMessage> CallAsync(this HttpClient client, HttpMethod method, string path, string? key, object? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (key is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        if (body is not null)
            request.Content = JsonContent.Create(body);
        return client.SendAsync(request);
    }

    /// <summary>Creates <paramref name="tenant"/> (or finds it) with the admin key and issues it a key.</summary>
    public static async Task<string> TenantKeyAsync(this HttpClient client, string adminKey, string tenant)
    {
        using var created = await client.CallAsync(HttpMethod.Post, "/api/tenants", adminKey, new { id = tenant });
        Assert.True(created.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, await created.Content.ReadAsStringAsync());
        using var issued = await client.CallAsync(HttpMethod.Post, $"/api/tenants/{tenant}/keys", adminKey);
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        return (await ApiTestServer.JsonAsync(issued)).GetProperty("key").GetString()!;
    }

    /// <summary>Creates a USD wallet and tops it up with <paramref name="credit"/>.</summary>
    public static async Task CreateWalletAsync(this HttpClient client, string key, string wallet, decimal credit)
    {
        using var created = await client.CallAsync(HttpMethod.Post, "/api/wallets", key, new { id = wallet, currency = "USD" });
        Assert.True(created.StatusCode == HttpStatusCode.OK, await created.Content.ReadAsStringAsync());
        using var topUp = await client.CallAsync(HttpMethod.Post, $"/api/wallets/{wallet}/topup", key, new { operationId = "pay:" + wallet, amount = credit });
        Assert.True(topUp.StatusCode == HttpStatusCode.OK, await topUp.Content.ReadAsStringAsync());
    }

    /// <summary>What a wallet has available now.</summary>
    public static async Task<decimal> AvailableAsync(this HttpClient client, string key, string wallet)
    {
        using var response = await client.CallAsync(HttpMethod.Get, $"/api/wallets/{wallet}", key);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await ApiTestServer.JsonAsync(response)).GetProperty("available").GetDecimal();
    }
}
