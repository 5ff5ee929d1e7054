using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ContactCost.Cli.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace ContactCost.Tests.Server;

/// <summary>
/// <c>ccost serve</c> in-process on a free loopback port over a store of its own (empty, or a copy),
/// with the calls the endpoint tests share: keys, requests, JSON and problem checks.
/// </summary>
internal sealed class ApiTestServer : IAsyncDisposable
{
    public const string AdminKey = "test-admin-key";

    private ApiTestServer(TempFolder folder, WebApplication app, string address)
    {
        Folder = folder;
        App = app;
        Address = address;
        Client = new HttpClient { BaseAddress = new Uri(address) };
    }

    public TempFolder Folder { get; }

    public WebApplication App { get; }

    public HttpClient Client { get; }

    /// <summary>Where the server listens, e.g. <c>http://127.0.0.1:41234</c> (no trailing slash).</summary>
    public string Address { get; }

    /// <summary>The store the server serves.</summary>
    public string Database => Folder.File("served.db");

    /// <summary>Starts a server over an empty store, or over a copy of <paramref name="copyOf"/>, with the settings <paramref name="adjust"/> makes.</summary>
    public static async Task<ApiTestServer> StartAsync(string? copyOf = null, Func<ServerSettings, ServerSettings>? adjust = null)
    {
        var folder = new TempFolder();
        var database = folder.File("served.db");
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            if (copyOf is not null && File.Exists(copyOf + suffix))
                File.Copy(copyOf + suffix, database + suffix);
        }

        var settings = new ServerSettings("http://127.0.0.1:0", database, null, AdminKey);
        var app = await ApiServer.BuildAsync(adjust?.Invoke(settings) ?? settings, TimeProvider.System, CancellationToken.None);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new ApiTestServer(folder, app, address);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        Folder.Dispose();
    }

    /// <summary>Creates <paramref name="tenant"/> (once) and issues a key for it.</summary>
    public Task<string> KeyAsync(string tenant) => Client.TenantKeyAsync(AdminKey, tenant);

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? key, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        if (key is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return Client.SendAsync(request);
    }

    /// <summary>Sends and expects 200 or 201; returns the body's text.</summary>
    public async Task<string> OkAsync(HttpMethod method, string path, string key, HttpContent? content = null)
    {
        using var response = await SendAsync(method, path, key, content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Created, $"{(int)response.StatusCode} {text}");
        return text;
    }

    public static HttpContent Csv(string text) => new StringContent(text, Encoding.UTF8, "text/csv");

    public static HttpContent JsonText(string text) => new StringContent(text, Encoding.UTF8, "application/json");

    public static HttpContent FileBody(string path) => new ByteArrayContent(File.ReadAllBytes(path));

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    public static JsonElement Parse(string text) => JsonDocument.Parse(text).RootElement.Clone();

    /// <summary>Checks the status and that the body is a problem; returns it.</summary>
    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode} {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.DoesNotContain("ContactCost.", text, StringComparison.Ordinal);
        return problem;
    }

    /// <summary>Checks for a 400 whose <c>errors</c> name <paramref name="field"/>; returns that field's messages.</summary>
    public static async Task<string> BadFieldAsync(HttpResponseMessage response, string field)
    {
        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        var messages = problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out var found) ? found : default;
        Assert.True(messages.ValueKind == JsonValueKind.Array, problem.ToString());
        return string.Join(" ", messages.EnumerateArray().Select(m => m.GetString()));
    }
}
