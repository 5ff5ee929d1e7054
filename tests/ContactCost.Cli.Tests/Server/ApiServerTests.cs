using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ContactCost.Cli.Server;

namespace ContactCost.Tests.Server;

/// <summary>
/// <c>ccost serve</c> in-process on a free loopback port over a copy of the demo store: the report is
/// the CLI's JSON, wallets round-trip, and a key sees its own tenant only.
/// </summary>
[Collection(DemoStoreCollection.Name)]
public sealed class ApiServerTests(DemoStore demo) : IAsyncLifetime
{
    private const string AdminKey = ApiTestServer.AdminKey;
    private ApiTestServer server = null!;
    private HttpClient client = null!;

    private string Database => server.Database;

    public async Task InitializeAsync()
    {
        server = await ApiTestServer.StartAsync(demo.Database, s => s with { MaxRequestBytes = 64 * 1024, MaxUploadBytes = 256 * 1024 });
        client = server.Client;
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Health_AndReady_AnswerWithoutAKey()
    {
        var health = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Contains("\"ok\"", await health.Content.ReadAsStringAsync());
        var ready = await client.GetAsync("/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    [Fact]
    public async Task Report_IsTheSameJson_AsTheCommandLine()
    {
        var key = await client.TenantKeyAsync(AdminKey, "default");
        var cli = await Ccost.RunAsync("report", "--db", Database, "--period", "2026-10", "--compare", "2026-09", "--json");
        Assert.True(cli.ExitCode == 0, cli.ToString());

        using var response = await client.CallAsync(HttpMethod.Get, "/api/report?period=2026-10&compare=2026-09", key);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(cli.Out.TrimEnd(), (await response.Content.ReadAsStringAsync()).TrimEnd());
    }

    [Fact]
    public async Task Report_WithABadPeriod_IsA400ThatNamesTheField()
    {
        var key = await client.TenantKeyAsync(AdminKey, "default");
        using var response = await client.CallAsync(HttpMethod.Get, "/api/report?period=October", key);
        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("period", out _), problem.ToString());
    }

    [Fact]
    public async Task AuthorizeThenCommit_DebitsTheWallet_AndARepeatChangesNothing()
    {
        var key = await client.TenantKeyAsync(AdminKey, "acme");
        await client.CreateWalletAsync(key, "main", 100m);

        using var authorized = await client.CallAsync(HttpMethod.Post, "/api/wallets/main/authorize", key, new { operationId = "call-1", amount = 5m, ttlSeconds = 600 });
        Assert.Equal(HttpStatusCode.OK, authorized.StatusCode);
        var reservation = (await JsonAsync(authorized)).GetProperty("reservation").GetString();
        Assert.Equal("call-1", reservation);
        Assert.Equal(95m, await client.AvailableAsync(key, "main"));

        var commit = new { operationId = "call-1-end", reservation, amount = 1.32m };
        using var committed = await client.CallAsync(HttpMethod.Post, "/api/wallets/main/commit", key, commit);
        Assert.Equal(HttpStatusCode.OK, committed.StatusCode);
        Assert.Equal(98.68m, await client.AvailableAsync(key, "main"));

        using var again = await client.CallAsync(HttpMethod.Post, "/api/wallets/main/commit", key, commit);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.True((await JsonAsync(again)).GetProperty("replayed").GetBoolean());
        Assert.Equal(98.68m, await client.AvailableAsync(key, "main"));
    }

    [Fact]
    public async Task ChargeBeyondTheCredit_IsDenied_With409()
    {
        var key = await client.TenantKeyAsync(AdminKey, "acme");
        await client.CreateWalletAsync(key, "small", 1m);
        using var denied = await client.CallAsync(HttpMethod.Post, "/api/wallets/small/charge", key, new { operationId = "sms-1", amount = 2m });
        Assert.Equal(HttpStatusCode.Conflict, denied.StatusCode);
        Assert.Equal("denied", (await JsonAsync(denied)).GetProperty("status").GetString());
        Assert.Equal(1m, await client.AvailableAsync(key, "small"));
    }

    [Theory]
    [InlineData("GET", "/api/report?period=2026-10", null)]
    [InlineData("GET", "/api/wallets/main", null)]
    [InlineData("GET", "/api/wallets/main", "cc_not-a-key")]
    [InlineData("POST", "/api/tenants", "cc_not-a-key")]
    public async Task WithoutAValidKey_EveryApiRequestIs401(string method, string path, string? key)
    {
        using var response = await client.CallAsync(new HttpMethod(method), path, key, method == "POST" ? new { id = "x" } : null);
        await ProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ATenantKey_CannotManageTenants()
    {
        var key = await client.TenantKeyAsync(AdminKey, "acme");
        using var response = await client.CallAsync(HttpMethod.Post, "/api/tenants", key, new { id = "mine" });
        await ProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task OneTenant_CannotReadOrChange_AnotherTenantsData()
    {
        var owner = await client.TenantKeyAsync(AdminKey, "default");
        var other = await client.TenantKeyAsync(AdminKey, "rival");
        await client.CreateWalletAsync(owner, "shared-name", 50m);
        using var reserved = await client.CallAsync(HttpMethod.Post, "/api/wallets/shared-name/authorize", owner, new { operationId = "owner-call", amount = 5m });
        Assert.Equal(HttpStatusCode.OK, reserved.StatusCode);

        using var report = await client.CallAsync(HttpMethod.Get, "/api/report?period=2026-10", other);
        await ProblemAsync(report, HttpStatusCode.NotFound);
        using var balance = await client.CallAsync(HttpMethod.Get, "/api/wallets/shared-name", other);
        await ProblemAsync(balance, HttpStatusCode.NotFound);
        using var charge = await client.CallAsync(HttpMethod.Post, "/api/wallets/shared-name/charge", other, new { operationId = "steal", amount = 1m });
        await ProblemAsync(charge, HttpStatusCode.NotFound);
        using var topUp = await client.CallAsync(HttpMethod.Post, "/api/wallets/shared-name/topup", other, new { operationId = "gift", amount = 1m });
        await ProblemAsync(topUp, HttpStatusCode.NotFound);
        using var release = await client.CallAsync(HttpMethod.Post, "/api/wallets/shared-name/release", other, new { operationId = "r", reservation = "owner-call" });
        await ProblemAsync(release, HttpStatusCode.NotFound);

        // The rival's own wallet of the same name is another wallet, and the owner's stays as it was.
        await client.CreateWalletAsync(other, "shared-name", 7m);
        Assert.Equal(7m, await client.AvailableAsync(other, "shared-name"));
        Assert.Equal(45m, await client.AvailableAsync(owner, "shared-name"));
    }

    [Theory]
    [InlineData("{\"operationId\": \"x\", \"amount\": \"lots\"}", "amount")]
    [InlineData("{\"operationId\": \"x\"}", "amount")]
    [InlineData("{\"amount\": 1}", "operationId")]
    [InlineData("{\"operationId\": \"x\", \"amount\": 1, \"colour\": \"red\"}", "colour")]
    [InlineData("{not json", "body")]
    public async Task AMalformedBody_IsA400ProblemThatNamesTheField(string body, string field)
    {
        var key = await client.TenantKeyAsync(AdminKey, "acme");
        await client.CreateWalletAsync(key, "main", 10m);
        using var response = await SendRawAsync("/api/wallets/main/charge", key, body);
        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.DoesNotContain("ContactCost.", problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABodyOverTheLimit_IsRefused()
    {
        var key = await client.TenantKeyAsync(AdminKey, "acme");
        using var response = await SendRawAsync("/api/wallets/main/charge", key, "{\"operationId\": \"" + new string('x', 100_000) + "\", \"amount\": 1}");
        await ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task AnUpload_MayBeLargerThanTheGeneralLimit_UpToItsOwn()
    {
        // The server is built with a 64 KiB general limit and a 256 KiB upload limit.
        var key = await client.TenantKeyAsync(AdminKey, "acme");
        var header = "id,channel,direction,start,end\n";
        string Rows(int count) => header + string.Concat(Enumerable.Range(0, count).Select(i =>
            $"big-{i:D6},chat,inbound,2026-10-05T09:{i / 1000 % 60:D2}:00Z,2026-10-05T09:{i / 1000 % 60:D2}:30Z\n"));

        var accepted = Rows(2_500); // about 140 KB: over the general limit, under the upload limit
        Assert.InRange(Encoding.UTF8.GetByteCount(accepted), 64 * 1024 + 1, 256 * 1024);
        using var ok = await SendCsvAsync("/api/interactions", key, accepted);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(2_500, (await JsonAsync(ok)).GetProperty("added").GetInt64());

        using var tooLarge = await SendCsvAsync("/api/interactions", key, Rows(6_000));
        await ProblemAsync(tooLarge, HttpStatusCode.RequestEntityTooLarge);

        // A JSON batch is parsed in memory: it keeps the general limit.
        var json = "[" + string.Join(',', Enumerable.Range(0, 1_200).Select(i => $"{{\"id\": \"json-{i:D6}\", \"channel\": \"chat\", \"start\": \"2026-10-05T10:00:00Z\"}}")) + "]";
        Assert.InRange(Encoding.UTF8.GetByteCount(json), 64 * 1024 + 1, 256 * 1024);
        using var jsonTooLarge = await SendRawAsync("/api/interactions", key, json);
        await ProblemAsync(jsonTooLarge, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task KeysAreStoredHashed_NeverInClear()
    {
        var key = await client.TenantKeyAsync(AdminKey, "acme");
        // The keys are in the store itself now; its file and write-ahead log hold the hash, never the key.
        var stored = string.Concat(new[] { "", "-wal" }.Where(s => File.Exists(Database + s)).Select(s => Encoding.Latin1.GetString(File.ReadAllBytes(Database + s))));
        Assert.Contains(Encoding.Latin1.GetString(ApiKeys.Hash(key)), stored, StringComparison.Ordinal);
        Assert.DoesNotContain(key, stored, StringComparison.Ordinal);
    }

    private Task<HttpResponseMessage> SendRawAsync(string path, string key, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client.SendAsync(request);
    }

    private Task<HttpResponseMessage> SendCsvAsync(string path, string key, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "text/csv") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client.SendAsync(request);
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode} {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        return problem;
    }
}
