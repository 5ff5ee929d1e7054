using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace ContactCost.Load;

/// <summary>The few calls the load makes, each checking that the answer is a success.</summary>
internal sealed class Api(HttpClient http)
{
    /// <summary>A client of <paramref name="address"/> that keeps up to <paramref name="connections"/> connections open.</summary>
    public static Api For(Uri address, int connections, string key) => new(new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections })
    {
        BaseAddress = address,
        Timeout = TimeSpan.FromSeconds(60),
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", key) },
    });

    /// <summary>POSTs <paramref name="body"/> as JSON and returns the answer's JSON; throws unless it is 2xx.</summary>
    public async Task<JsonElement> PostAsync(string path, object body)
    {
        using var response = await http.PostAsJsonAsync(path, body).ConfigureAwait(false);
        return await JsonOf(response, path).ConfigureAwait(false);
    }

    /// <summary>GETs <paramref name="path"/> and returns the answer's JSON; throws unless it is 2xx.</summary>
    public async Task<JsonElement> GetAsync(string path)
    {
        using var response = await http.GetAsync(path).ConfigureAwait(false);
        return await JsonOf(response, path).ConfigureAwait(false);
    }

    private static async Task<JsonElement> JsonOf(HttpResponseMessage response, string path)
    {
        var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw new LoadCheckException($"{path}: {(int)response.StatusCode} {text}");
        using var json = JsonDocument.Parse(text);
        return json.RootElement.Clone();
    }
}
