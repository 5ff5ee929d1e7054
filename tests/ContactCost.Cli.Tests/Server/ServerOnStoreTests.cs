using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ContactCost.Cli.Server;
using ContactCost.Cli.Server.Webhooks;
using ContactCost.Cli.Workflows;
using ContactCost.Formats.Import;
using ContactCost.Periods;
using ContactCost.Simulation;
using ContactCost.Storage;
using ContactCost.Storage.Sqlite;
using ContactCost.Tenants;
using ContactCost.Tests.Contract;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace ContactCost.Tests.Server;

/// <summary>
/// The server tests that matter, written once and run on each store (SQLite, PostgreSQL): keys
/// kept in the store, missing and unknown keys refused, tenants kept apart, authorize and commit,
/// the report equal to the CLI's, and low-balance webhooks posted to a real receiver, retried,
/// recorded, and listed to their tenant only.
/// </summary>
public abstract class ServerOnStoreTests : IAsyncLifetime
{
    private const string AdminKey = "test-admin-key";

    // Small waits so that retries take milliseconds; a receiver that answers is given 5 s.
    private static readonly WebhookOptions Fast = new(
        Timeout: TimeSpan.FromSeconds(5), MaxAttempts: 4, FirstRetry: TimeSpan.FromMilliseconds(20), MaxRetry: TimeSpan.FromMilliseconds(100),
        PollInterval: TimeSpan.FromMilliseconds(20), Concurrency: 4, Lease: TimeSpan.FromSeconds(10));

    private WebApplication? app;
    private HttpClient client = null!;

    protected TempFolder Folder { get; } = new();

    /// <summary>Settings for a server on a new, empty store of this kind.</summary>
    private protected abstract Task<ServerSettings> NewStoreAsync();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        client?.Dispose();
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        Folder.Dispose();
    }

    private async Task<ServerSettings> StartAsync(ServerSettings? settings = null, WebhookOptions? webhooks = null)
    {
        settings ??= await NewStoreAsync();
        settings = settings with { AdminKey = AdminKey, Webhooks = webhooks ?? Fast };
        app = await ApiServer.BuildAsync(settings, TimeProvider.System, CancellationToken.None);
        await app.StartAsync();
        client = new HttpClient { BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single()) };
        return settings;
    }

    private static async Task<IStore> OpenAsync(ServerSettings settings) => settings.Postgres is { } connection
        ? await Storage.Postgres.PostgresStore.OpenAsync(connection)
        : await SqliteStore.OpenAsync(settings.Database);

    [StoreFact]
    public async Task IssuedKeys_AreKeptInTheStore_AsTheirHashOnly()
    {
        var settings = await StartAsync();
        var key = await client.TenantKeyAsync(AdminKey, "acme");
        await using var store = await OpenAsync(settings);
        Assert.Equal(TenantId.Parse("acme"), await store.FindApiKeyTenantAsync(SHA256.HashData(Encoding.UTF8.GetBytes(key))));
        Assert.Null(await store.FindApiKeyTenantAsync(SHA256.HashData(Encoding.UTF8.GetBytes(key + "x"))));
    }

    [StoreFact]
    public async Task AKeyIssuedByOneServer_IsAcceptedByAnotherOnTheSameStore()
    {
        var settings = await StartAsync();
        var key = await client.TenantKeyAsync(AdminKey, "acme");
        await using var second = await ApiServer.BuildAsync(settings with { Urls = "http://127.0.0.1:0" }, TimeProvider.System, CancellationToken.None);
        await second.StartAsync();
        using var other = new HttpClient { BaseAddress = new Uri(second.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single()) };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/wallets/none");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await other.SendAsync(request);
        await ProblemAsync(response, HttpStatusCode.NotFound); // past authentication: the key is known there too
        await second.StopAsync();
    }

    [StoreFact]
    public async Task WithoutAValidKey_EveryApiRequestIs401()
    {
        await StartAsync();
        await client.TenantKeyAsync(AdminKey, "acme");
        (string Method, string Path, string? Key)[] requests =
        [
            ("GET", "/api/report?period=2026-10", null),
            ("GET", "/api/wallets/main", null),
            ("GET", "/api/wallets/main", "cc_not-a-key"),
            ("GET", "/api/webhook/deliveries", "cc_not-a-key"),
            ("PUT", "/api/webhook", null),
            ("POST", "/api/tenants", "cc_not-a-key"),
        ];
        foreach (var (method, path, key) in requests)
            await ProblemAsync(await client.CallAsync(new HttpMethod(method), path, key, method == "GET" ? null : new { id = "x", url = "http://127.0.0.1:9/" }), HttpStatusCode.Unauthorized);
    }

    [StoreFact]
    public async Task AuthorizeThenCommit_DebitsTheWallet_AndARepeatChangesNothing()
    {
        await StartAsync();
        var key = await client.TenantKeyAsync(AdminKey, "acme");
        await client.CreateWalletAsync(key, "main", 100m);
        using var authorized = await client.CallAsync(HttpMethod.Post, "/api/wallets/main/authorize", key, new { operationId = "call-1", amount = 5m, ttlSeconds = 600 });
        Assert.Equal(HttpStatusCode.OK, authorized.StatusCode);
        Assert.Equal(95m, await client.AvailableAsync(key, "main"));

        var commit = new { operationId = "call-1-end", reservation = "call-1", amount = 1.32m };
        using var committed = await client.CallAsync(HttpMethod.Post, "/api/wallets/main/commit", key, commit);
        Assert.Equal(HttpStatusCode.OK, committed.StatusCode);
        using var again = await client.CallAsync(HttpMethod.Post, "/api/wallets/main/commit", key, commit);
        Assert.True((await JsonAsync(again)).GetProperty("replayed").GetBoolean());
        Assert.Equal(98.68m, await client.AvailableAsync(key, "main"));
    }

    [StoreFact]
    public async Task OneTenant_CannotReadOrChange_AnotherTenantsWallet()
    {
        await StartAsync();
        var owner = await client.TenantKeyAsync(AdminKey, "acme");
        var rival = await client.TenantKeyAsync(AdminKey, "rival");
        await client.CreateWalletAsync(owner, "shared-name", 50m);
        using var reserved = await client.CallAsync(HttpMethod.Post, "/api/wallets/shared-name/authorize", owner, new { operationId = "owner-call", amount = 5m });
        Assert.Equal(HttpStatusCode.OK, reserved.StatusCode);

        await ProblemAsync(await client.CallAsync(HttpMethod.Get, "/api/wallets/shared-name", rival), HttpStatusCode.NotFound);
        await ProblemAsync(await client.CallAsync(HttpMethod.Post, "/api/wallets/shared-name/charge", rival, new { operationId = "steal", amount = 1m }), HttpStatusCode.NotFound);
        await ProblemAsync(await client.CallAsync(HttpMethod.Post, "/api/wallets/shared-name/release", rival, new { operationId = "r", reservation = "owner-call" }), HttpStatusCode.NotFound);
        await ProblemAsync(await client.CallAsync(HttpMethod.Get, "/api/report", rival), HttpStatusCode.NotFound);
        Assert.Equal(45m, await client.AvailableAsync(owner, "shared-name"));
    }

    [StoreFact]
    public async Task Report_IsTheSameJson_AsTheCommandLineOnTheSameData()
    {
        var settings = await NewStoreAsync();
        await using (var store = await OpenAsync(settings))
            await LoadThreeDaysAsync(store);
        var twin = Folder.File("twin.db");
        await using (var store = await SqliteStore.OpenAsync(twin))
            await LoadThreeDaysAsync(store);

        await StartAsync(settings);
        var key = await client.TenantKeyAsync(AdminKey, "default");
        var cli = await Ccost.RunAsync("report", "--db", twin, "--period", "2026-10", "--json");
        Assert.True(cli.ExitCode == 0, cli.ToString());
        using var response = await client.CallAsync(HttpMethod.Get, "/api/report?period=2026-10", key);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(cli.Out.TrimEnd(), (await response.Content.ReadAsStringAsync()).TrimEnd());
    }

    [StoreFact]
    public async Task ATenantsZone_MovesThroughTheApi_OnlyWhileNothingIsRated()
    {
        var settings = await NewStoreAsync();
        await using (var store = await OpenAsync(settings))
            await LoadThreeDaysAsync(store); // the default tenant, rated in the demo center's zone
        await StartAsync(settings);

        // As ccost tenant without --rerate: rated charges pin the calendar, and the zone stays.
        using var refused = await client.CallAsync(HttpMethod.Post, "/api/tenants", AdminKey, new { id = "default", timeZone = "Asia/Tokyo" });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var problem = (await JsonAsync(refused)).GetProperty("detail").GetString();
        Assert.Contains($"has usage rated in {CenterProfile.SmallOmnichannel.TimeZone.Id}", problem);
        Assert.Contains("ccost tenant set --tenant default --time-zone Asia/Tokyo --rerate", problem);
        using var same = await client.CallAsync(HttpMethod.Post, "/api/tenants", AdminKey, new { id = "default", timeZone = CenterProfile.SmallOmnichannel.TimeZone.Id });
        Assert.Equal(HttpStatusCode.OK, same.StatusCode);
        Assert.Equal(CenterProfile.SmallOmnichannel.TimeZone.Id, (await JsonAsync(same)).GetProperty("timeZone").GetString());

        // A tenant with nothing rated moves freely.
        using var created = await client.CallAsync(HttpMethod.Post, "/api/tenants", AdminKey, new { id = "fresh", timeZone = "Europe/Paris" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var moved = await client.CallAsync(HttpMethod.Post, "/api/tenants", AdminKey, new { id = "fresh", timeZone = "Asia/Tokyo" });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal("Asia/Tokyo", (await JsonAsync(moved)).GetProperty("timeZone").GetString());
    }

    [StoreFact]
    public async Task AWebhookThatFailsTwice_GetsThreeAttempts_AndIsDeliveredOnce()
    {
        await using var receiver = await WebhookReceiver.StartAsync(n => n <= 2 ? 500 : 200);
        await StartAsync();
        var key = await client.TenantKeyAsync(AdminKey, "acme");
        await CrossBelowTheThresholdAsync(key, receiver.Url, "s3cret");

        var delivery = await WaitForDeliveryAsync(key, "delivered");
        var attempts = delivery.GetProperty("attempts").EnumerateArray().ToArray();
        Assert.Equal([500, 500, 200], attempts.Select(a => a.GetProperty("httpStatus").GetInt32()));
        Assert.Equal([1, 2, 3], attempts.Select(a => a.GetProperty("number").GetInt32()));
        Assert.Equal(3, receiver.Requests.Count);

        // Every attempt carried the same body, signed, with the event id the listing shows.
        var id = delivery.GetProperty("id").GetString()!;
        foreach (var request in receiver.Requests)
        {
            Assert.Equal(receiver.Requests.First().Body, request.Body);
            Assert.Equal(id, request.Headers["X-ContactCost-Delivery"]);
            Assert.Equal("sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData("s3cret"u8.ToArray(), request.Body)), request.Headers["X-ContactCost-Signature"]);
        }

        var payload = JsonDocument.Parse(receiver.Requests.First().Body).RootElement;
        Assert.Equal(id, payload.GetProperty("id").GetString());
        Assert.Equal("wallet.low_balance", payload.GetProperty("type").GetString());
        Assert.Equal(("acme", "main", 4.00m, 5.00m, "USD"), (payload.GetProperty("tenant").GetString(), payload.GetProperty("wallet").GetString(),
            payload.GetProperty("available").GetDecimal(), payload.GetProperty("threshold").GetDecimal(), payload.GetProperty("currency").GetString()));
        Assert.True(payload.GetProperty("occurredAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5));
    }

    [StoreFact]
    public async Task AWebhookThatNeverAnswers2xx_IsMarkedFailed_AfterTheLastAttempt()
    {
        await using var receiver = await WebhookReceiver.StartAsync(_ => 503);
        await StartAsync(webhooks: Fast with { MaxAttempts = 3 });
        var key = await client.TenantKeyAsync(AdminKey, "acme");
        await CrossBelowTheThresholdAsync(key, receiver.Url, null);

        var delivery = await WaitForDeliveryAsync(key, "failed");
        Assert.Equal([503, 503, 503], delivery.GetProperty("attempts").EnumerateArray().Select(a => a.GetProperty("httpStatus").GetInt32()));
        Assert.Equal(3, receiver.Requests.Count);
        Assert.False(receiver.Requests.First().Headers.ContainsKey("X-ContactCost-Signature")); // no secret, no signature
    }

    [StoreFact]
    public async Task AReceiverThatDoesNotAnswerInTime_IsRecordedAsATimeout_AndTriedAgain()
    {
        await using var receiver = await WebhookReceiver.StartAsync(n => n == 1 ? WebhookReceiver.NoAnswer : 204);
        await StartAsync(webhooks: Fast with { Timeout = TimeSpan.FromMilliseconds(300) });
        var key = await client.TenantKeyAsync(AdminKey, "acme");
        await CrossBelowTheThresholdAsync(key, receiver.Url, null);

        var attempts = (await WaitForDeliveryAsync(key, "delivered")).GetProperty("attempts").EnumerateArray().ToArray();
        Assert.Equal(JsonValueKind.Null, attempts[0].GetProperty("httpStatus").ValueKind);
        Assert.Equal("No answer within 0.3 s.", attempts[0].GetProperty("error").GetString());
        Assert.Equal(204, attempts[1].GetProperty("httpStatus").GetInt32());
    }

    [StoreFact]
    public async Task ADeliveryNotDeliveredBeforeTheServerStops_IsDeliveredByTheNextServer()
    {
        var answer = 503;
        await using var receiver = await WebhookReceiver.StartAsync(_ => answer);
        // A post the stop cuts off is taken again when its lease ends: 2 s here.
        var webhooks = Fast with { MaxAttempts = 1000, MaxRetry = TimeSpan.FromMilliseconds(50), Timeout = TimeSpan.FromSeconds(1), Lease = TimeSpan.FromSeconds(2) };
        var settings = await StartAsync(webhooks: webhooks);
        var key = await client.TenantKeyAsync(AdminKey, "acme");
        await CrossBelowTheThresholdAsync(key, receiver.Url, null);
        await WaitForAttemptsAsync(key, 2);
        await app!.StopAsync();
        await app.DisposeAsync();
        app = null;

        answer = 200;
        await StartAsync(settings, webhooks);
        var delivery = await WaitForDeliveryAsync(key, "delivered");
        var attempts = delivery.GetProperty("attempts").EnumerateArray().ToArray();
        Assert.Equal(200, attempts[^1].GetProperty("httpStatus").GetInt32());
        Assert.All(attempts[..^1], a => Assert.Equal(503, a.GetProperty("httpStatus").GetInt32()));
        // Every post was recorded, except at most one the stop cut off (posted again, with the same id).
        Assert.InRange(receiver.Requests.Count, attempts.Length, attempts.Length + 1);
        Assert.All(receiver.Requests, r => Assert.Equal(delivery.GetProperty("id").GetString(), r.Headers["X-ContactCost-Delivery"]));
    }

    [StoreFact]
    public async Task ATenant_NeverSeesAnotherTenantsWebhookOrDeliveries()
    {
        await using var receiver = await WebhookReceiver.StartAsync(_ => 200);
        await StartAsync();
        var owner = await client.TenantKeyAsync(AdminKey, "acme");
        var rival = await client.TenantKeyAsync(AdminKey, "rival");
        await CrossBelowTheThresholdAsync(owner, receiver.Url, "s3cret");
        await WaitForDeliveryAsync(owner, "delivered");

        using var hook = await client.CallAsync(HttpMethod.Get, "/api/webhook", owner);
        var shown = await hook.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, hook.StatusCode);
        Assert.True(JsonDocument.Parse(shown).RootElement.GetProperty("signed").GetBoolean());
        Assert.DoesNotContain("s3cret", shown, StringComparison.Ordinal);

        await ProblemAsync(await client.CallAsync(HttpMethod.Get, "/api/webhook", rival), HttpStatusCode.NotFound);
        using var listed = await client.CallAsync(HttpMethod.Get, "/api/webhook/deliveries", rival);
        Assert.Equal(0, (await JsonAsync(listed)).GetProperty("deliveries").GetArrayLength());
    }

    [StoreFact]
    public async Task ABadWebhook_IsA400ThatNamesTheField()
    {
        await StartAsync();
        var key = await client.TenantKeyAsync(AdminKey, "acme");
        (string Body, string Field)[] cases =
        [
            ("{\"url\": \"ftp://hooks.example.com/x\"}", "url"),
            ("{\"url\": \"/relative\"}", "url"),
            ("{\"secret\": \"s\"}", "url"),
            ("{\"url\": \"https://hooks.example.com/x\", \"secret\": \"\"}", "secret"),
        ];
        foreach (var (body, field) in cases)
        {
            using var request = new HttpRequestMessage(HttpMethod.Put, "/api/webhook") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            var problem = await ProblemAsync(await client.SendAsync(request), HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{body}: {problem}");
        }
    }

    // Three days of the demo center, loaded, imported and rated as `ccost demo` does.
    private static async Task LoadThreeDaysAsync(IStore store)
    {
        var profile = CenterProfile.SmallOmnichannel;
        var samples = Path.Combine(AppContext.BaseDirectory, "samples");
        var tenant = TenantId.Default;
        await store.SaveTenantAsync(new TenantSettings(tenant, profile.TimeZone), forgetRatings: false);
        await DocumentLoading.LoadPriceBookAsync(store, tenant, Path.Combine(samples, "pricebook.json"), CancellationToken.None);
        await DocumentLoading.LoadCostModelAsync(store, tenant, Path.Combine(samples, "costmodel.json"), CancellationToken.None);
        var first = ReportingPeriod.Month(2026, 10).FirstDay;
        var interactions = new SyntheticCenter(profile, 42).Generate(first, first.AddDays(3)).Select(i => ReadResult.Accepted(i));
        await RecordImport.ImportAsync(store, tenant, "demo", interactions, _ => { }, null, CancellationToken.None);
        await StoreRating.RateAsync(store, tenant, null, CancellationToken.None);
    }

    // A wallet with a threshold of 5.00 and 20.00 of credit, then the webhook, then a charge of 16.00 that crosses below it.
    private async Task CrossBelowTheThresholdAsync(string key, Uri url, string? secret)
    {
        using var created = await client.CallAsync(HttpMethod.Post, "/api/wallets", key, new { id = "main", currency = "USD", lowBalance = 5m });
        Assert.True(created.StatusCode == HttpStatusCode.OK, await created.Content.ReadAsStringAsync());
        using var topUp = await client.CallAsync(HttpMethod.Post, "/api/wallets/main/topup", key, new { operationId = "pay", amount = 20m });
        Assert.Equal(HttpStatusCode.OK, topUp.StatusCode);
        using var set = await client.CallAsync(HttpMethod.Put, "/api/webhook", key, secret is null ? new { url = url.AbsoluteUri } : new { url = url.AbsoluteUri, secret });
        Assert.True(set.StatusCode == HttpStatusCode.OK, await set.Content.ReadAsStringAsync());
        using var charged = await client.CallAsync(HttpMethod.Post, "/api/wallets/main/charge", key, new { operationId = "big", amount = 16m });
        Assert.Equal(HttpStatusCode.OK, charged.StatusCode);
    }

    // The tenant's only delivery once it has the status; polls the API, for at most 30 s.
    private async Task<JsonElement> WaitForDeliveryAsync(string key, string status)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (true)
        {
            using var response = await client.CallAsync(HttpMethod.Get, "/api/webhook/deliveries", key);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var delivery = Assert.Single((await JsonAsync(response)).GetProperty("deliveries").EnumerateArray());
            if (delivery.GetProperty("status").GetString() == status)
                return delivery;
            Assert.True(DateTimeOffset.UtcNow < deadline, $"No '{status}' delivery within 30 s: {delivery}");
            await Task.Delay(20);
        }
    }

    // Waits until the tenant's only delivery has at least this many attempts.
    private async Task WaitForAttemptsAsync(string key, int count)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (true)
        {
            using var response = await client.CallAsync(HttpMethod.Get, "/api/webhook/deliveries", key);
            var delivery = Assert.Single((await JsonAsync(response)).GetProperty("deliveries").EnumerateArray());
            if (delivery.GetProperty("attempts").GetArrayLength() >= count)
                return;
            Assert.True(DateTimeOffset.UtcNow < deadline, $"Fewer than {count} attempts within 30 s: {delivery}");
            await Task.Delay(20);
        }
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == status, $"{(int)response.StatusCode} {text}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            return JsonDocument.Parse(text).RootElement.Clone();
        }
    }
}

/// <summary>The server tests on the embedded SQLite store, a new file per test.</summary>
public sealed class ServerOnSqliteTests : ServerOnStoreTests
{
    private protected override Task<ServerSettings> NewStoreAsync() =>
        Task.FromResult(new ServerSettings("http://127.0.0.1:0", Folder.File($"store-{Guid.NewGuid():N}.db"), null, null));
}

/// <summary>The server tests on PostgreSQL, a new database of the shared throwaway server per test; skipped, with the reason, where none is installed.</summary>
[Collection(Postgres.PostgresCollection.Name)]
[Postgres.RequiresPostgres]
public sealed class ServerOnPostgresTests(Postgres.PostgresServer server) : ServerOnStoreTests
{
    private protected override async Task<ServerSettings> NewStoreAsync() =>
        new("http://127.0.0.1:0", Folder.File("unused.db"), await server.CreateDatabaseAsync(), null);
}
