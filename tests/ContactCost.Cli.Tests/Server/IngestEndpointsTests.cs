using System.Net;
using System.Text.Json;
using ContactCost.Formats.Canonical;
using ContactCost.Storage.Sqlite;
using ContactCost.Tenants;
using Microsoft.VisualBasic.FileIO;
using static ContactCost.Tests.Server.ApiTestServer;

namespace ContactCost.Tests.Server;

/// <summary>
/// <c>POST /api/interactions</c>, <c>/api/usage</c> and <c>/api/import</c> against <c>ccost import</c> on the same input:
/// the same counts, the same refused records (line, field, value, reason), and a re-post adds nothing.
/// </summary>
public sealed class IngestEndpointsTests : IAsyncLifetime
{
    // Two good calls, a bad direction (line 4), an end before its start (line 5), a good chat.
    private const string Calls = """
        id,channel,direction,start,end,talk_s,queue
        c1,voice,inbound,2026-10-01T09:00:00-04:00,2026-10-01T09:05:00-04:00,280,sales
        c2,voice,outbound,2026-10-01T09:01:00-04:00,2026-10-01T09:03:00-04:00,110,sales
        c3,voice,sideways,2026-10-01T09:02:00-04:00,,,sales
        c4,voice,inbound,2026-10-01T09:03:00-04:00,2026-10-01T08:00:00-04:00,,support
        c5,chat,inbound,2026-10-01T09:04:00-04:00,2026-10-01T09:14:00-04:00,600,support

        """;

    // A good record, an unknown meter (line 3), a negative quantity (line 4).
    private const string Usage = """
        id,meter,quantity,start
        u1,storage.gb-month,12.5,2026-10-01T00:00:00Z
        u2,warp.drive,1,2026-10-01T00:00:00Z
        u3,egress.gb,-4,2026-10-02T00:00:00Z

        """;

    private ApiTestServer server = null!;
    private string key = null!;

    public async Task InitializeAsync()
    {
        server = await StartAsync();
        key = await server.KeyAsync("default");
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Theory]
    [InlineData("/api/interactions", Calls, "calls.csv")]
    [InlineData("/api/usage", Usage, "usage.csv")]
    public async Task ACsvBatch_LandsAsCcostImportLandsTheSameFile(string path, string csv, string name)
    {
        var (cli, quarantine) = await CliImportAsync(name, csv);

        var api = Parse(await server.OkAsync(HttpMethod.Post, path, key, Csv(csv)));

        AssertSameCounts(cli, api);
        Assert.Equal(quarantine, Refused(api));
        Assert.All(api.GetProperty("refused").EnumerateArray(), r => Assert.Equal(JsonValueKind.Null, r.GetProperty("index").ValueKind));
    }

    [Theory]
    [InlineData("/api/interactions", "text/csv", Calls, 3, 2)]
    [InlineData("/api/usage", "text/csv", Usage, 1, 2)]
    [InlineData("/api/interactions", "application/json", "[{\"id\": \"j1\", \"channel\": \"sms\", \"start\": \"2026-10-01T09:00:00Z\"}, {\"id\": \"j2\", \"channel\": \"fax\", \"start\": \"2026-10-01T09:00:00Z\"}]", 1, 1)]
    [InlineData("/api/usage", "application/json", "[{\"id\": \"u9\", \"meter\": \"seats\", \"quantity\": 3, \"start\": \"2026-10-01T00:00:00Z\"}]", 1, 0)]
    public async Task RepostingTheSameBatch_AddsNothing(string path, string type, string body, long added, long rejected)
    {
        var first = Parse(await server.OkAsync(HttpMethod.Post, path, key, new StringContent(body, System.Text.Encoding.UTF8, type)));
        var again = Parse(await server.OkAsync(HttpMethod.Post, path, key, new StringContent(body, System.Text.Encoding.UTF8, type)));

        Assert.Equal((added, rejected), (first.GetProperty("added").GetInt64(), first.GetProperty("rejected").GetInt64()));
        Assert.Equal((0L, added, 0L, rejected), (again.GetProperty("added").GetInt64(), again.GetProperty("duplicates").GetInt64(),
            again.GetProperty("conflicts").GetInt64(), again.GetProperty("rejected").GetInt64()));
    }

    [Fact]
    public async Task AChangedRecordWithAKnownId_IsAConflict_ReportedWithItsLine_AndTheStoredOneKept()
    {
        await server.OkAsync(HttpMethod.Post, "/api/interactions", key, Csv("id,channel,start,talk_s\nc1,voice,2026-10-01T09:00:00Z,100\n"));
        var changed = "id,channel,start,talk_s\nc0,voice,2026-10-01T08:00:00Z,50\nc1,voice,2026-10-01T09:00:00Z,120\n";

        var result = Parse(await server.OkAsync(HttpMethod.Post, "/api/interactions", key, Csv(changed)));

        Assert.Equal(1, result.GetProperty("added").GetInt64());
        Assert.Equal(1, result.GetProperty("conflicts").GetInt64());
        var conflict = Assert.Single(result.GetProperty("refused").EnumerateArray());
        Assert.Equal(3, conflict.GetProperty("line").GetInt64());
        Assert.Equal("id", conflict.GetProperty("field").GetString());
        Assert.Equal("c1", conflict.GetProperty("value").GetString());
        Assert.Contains("already stored with different content", conflict.GetProperty("reason").GetString());
        Assert.StartsWith("c1,voice,inbound,,2026-10-01T09:00:00Z,", conflict.GetProperty("record").GetString());
        Assert.Contains(",120,", conflict.GetProperty("record").GetString());
    }

    [Fact]
    public async Task AJsonArray_IsTheSameBatchAsItsCsv_WithRefusalsAtTheItemsLines()
    {
        const string json = """
            [
              {"id": "c1", "channel": "voice", "direction": "inbound", "start": "2026-10-01T09:00:00-04:00", "end": "2026-10-01T09:05:00-04:00", "talk_s": 280, "queue": "sales"},
              {"id": "c2", "channel": "voice", "direction": "outbound", "start": "2026-10-01T09:01:00-04:00", "end": "2026-10-01T09:03:00-04:00", "talk_s": 110, "queue": "sales"},
              {"id": "c3", "channel": "voice", "direction": "sideways", "start": "2026-10-01T09:02:00-04:00", "queue": "sales"},
              {"id": "c4", "channel": "voice", "direction": "inbound", "start": "2026-10-01T09:03:00-04:00",
               "end": "2026-10-01T08:00:00-04:00", "queue": "support"},
              {"id": "c5", "channel": "chat", "direction": "inbound", "start": "2026-10-01T09:04:00-04:00", "end": "2026-10-01T09:14:00-04:00", "talk_s": 600, "queue": "support"},
              7,
              {"id": "c6", "channel": {"name": "voice"}, "start": "2026-10-01T09:05:00-04:00"}
            ]
            """;
        var (cli, _) = await CliImportAsync("calls.csv", Calls);

        var api = Parse(await server.OkAsync(HttpMethod.Post, "/api/interactions", key, JsonText(json)));

        Assert.Equal(cli.GetProperty("added").GetInt64(), api.GetProperty("added").GetInt64());
        Assert.Equal(cli.GetProperty("rejected").GetInt64() + 2, api.GetProperty("rejected").GetInt64());
        var refused = api.GetProperty("refused").EnumerateArray()
            .Select(r => (r.GetProperty("line").GetInt64(), r.GetProperty("index").GetInt32(), r.GetProperty("field").GetString()))
            .ToArray();
        Assert.Equal([(4L, 2, "direction"), (5L, 3, "end"), (8L, 5, ""), (9L, 6, "channel")], refused);
        var third = api.GetProperty("refused")[0];
        Assert.Equal("sideways", third.GetProperty("value").GetString());
        Assert.StartsWith("{\"id\": \"c3\"", third.GetProperty("record").GetString());

        // The same records as CSV are duplicates of what the JSON stored.
        var csv = Parse(await server.OkAsync(HttpMethod.Post, "/api/interactions", key, Csv(Calls)));
        Assert.Equal(0, csv.GetProperty("added").GetInt64());
        Assert.Equal(3, csv.GetProperty("duplicates").GetInt64());
    }

    [Fact]
    public async Task UsageAsAJsonArray_IsChecked_ByTheUsageRules()
    {
        const string json = """[{"id": "u1", "meter": "storage.gb-month", "quantity": 12.5, "start": "2026-10-01T00:00:00Z"}, {"id": "u2", "meter": "warp.drive", "quantity": 1, "start": "2026-10-01T00:00:00Z"}]""";
        var (cli, _) = await CliImportAsync("usage.csv", Usage);

        var api = Parse(await server.OkAsync(HttpMethod.Post, "/api/usage", key, JsonText(json)));

        Assert.Equal("usage", api.GetProperty("format").GetString());
        Assert.Equal(1, api.GetProperty("added").GetInt64());
        var refused = Assert.Single(api.GetProperty("refused").EnumerateArray());
        Assert.Equal(("meter", 1), (refused.GetProperty("field").GetString(), refused.GetProperty("index").GetInt32()));
        Assert.Equal(Refused(cli.GetProperty("refused"))[0].Reason, refused.GetProperty("reason").GetString());
    }

    [Theory]
    [InlineData("/api/interactions", "text/csv", "id,channel\nc1,voice\n", "body", "missing required column start")]
    [InlineData("/api/interactions", "text/csv", "", "body", "the file is empty")]
    [InlineData("/api/interactions", "application/json", "[{\"id\": \"c1\",", "body", "line 1")]
    [InlineData("/api/interactions", "application/json", "{\"id\": \"c1\"}", "body", "JSON array")]
    [InlineData("/api/usage", "text/csv", "id,meter\nu1,seats\n", "body", "missing required columns quantity, start")]
    public async Task ABatchThatCannotBeRead_IsA400ThatSaysWhy(string path, string type, string body, string field, string message)
    {
        using var response = await server.SendAsync(HttpMethod.Post, path, key, new StringContent(body, System.Text.Encoding.UTF8, type));
        Assert.Contains(message, await BadFieldAsync(response, field), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABatchInAnotherMediaType_Is415()
    {
        using var response = await server.SendAsync(HttpMethod.Post, "/api/interactions", key, new StringContent(Calls, System.Text.Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    public static TheoryData<string, string, string?, string?> Sources => new()
    {
        { "asterisk", "Master.csv", "asterisk", "America/New_York" },
        { "asterisk", "queue_log", null, null },
        { "freeswitch", "callcenter.csv", "freeswitch", "Europe/Paris" },
        { "connect", "ctr.json", null, null },
        { "twilio", "calls.json", "twilio", null },
        { "twilio", "calls.csv", null, null },
        { "zendesk", "tickets.json", "zendesk", null },
    };

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task ImportingASourceFile_StoresWhatCcostImportStores(string folder, string name, string? format, string? zone)
    {
        var file = Path.Combine(AppContext.BaseDirectory, "Fixtures", folder, name);
        var cliDatabase = server.Folder.File("cli.db");
        var args = new List<string> { "import", file, "--db", cliDatabase, "--json", "--quarantine", server.Folder.File("q.csv") };
        if (format is not null)
            args.AddRange(["--format", format]);
        if (zone is not null)
            args.AddRange(["--time-zone", zone]);
        var cli = await Ccost.RunAsync([.. args]);
        Assert.True(cli.ExitCode is 0 or 3, cli.ToString());

        var query = string.Join("&", new[] { format is null ? null : $"format={format}", zone is null ? null : $"timeZone={zone}" }.Where(q => q is not null));
        var api = Parse(await server.OkAsync(HttpMethod.Post, "/api/import?" + query, key, FileBody(file)));

        AssertSameCounts(Parse(cli.Out), api);
        Assert.True(api.GetProperty("added").GetInt64() > 0);
        Assert.Equal(await StoredAsync(cliDatabase), await StoredAsync(server.Database));
    }

    [Theory]
    [InlineData("format=fax", "format")]
    [InlineData("timeZone=Mars/Olympus_Mons", "timeZone")]
    [InlineData("", "format")] // a body whose format cannot be told
    public async Task AnImportWithABadFormatOrZone_IsA400NamingIt(string query, string field)
    {
        using var response = await server.SendAsync(HttpMethod.Post, "/api/import?" + query, key, Csv("hello there\n"));
        await BadFieldAsync(response, field);
    }

    [Fact]
    public async Task AnAsteriskFileWithoutAZone_SaysItsTimesWereReadAsUtc()
    {
        var file = Path.Combine(AppContext.BaseDirectory, "Fixtures", "asterisk", "Master.csv");
        var api = Parse(await server.OkAsync(HttpMethod.Post, "/api/import?format=asterisk", key, FileBody(file)));
        Assert.Contains(api.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.Contains("read as UTC", StringComparison.Ordinal));
    }

    // ccost import of the same text into a store of its own: its --json, and its quarantine rows.
    private async Task<(JsonElement Json, (long Line, string Field, string Value, string Reason)[] Quarantine)> CliImportAsync(string name, string csv)
    {
        var file = server.Folder.File(name);
        await File.WriteAllTextAsync(file, csv);
        var result = await Ccost.RunAsync("import", file, "--db", server.Folder.File("cli-" + name + ".db"), "--json");
        Assert.True(result.ExitCode is 0 or 3, result.ToString());
        var rows = new List<(long, string, string, string)>();
        if (File.Exists(file + ".rejected.csv"))
        {
            using var parser = new TextFieldParser(file + ".rejected.csv") { HasFieldsEnclosedInQuotes = true };
            parser.SetDelimiters(",");
            parser.ReadFields(); // header
            while (parser.ReadFields() is { } fields)
                rows.Add((long.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture), fields[2], fields[3], fields[4]));
        }

        var json = Parse(result.Out);
        var refused = JsonSerializer.SerializeToElement(rows.Select(r => new { line = r.Item1, field = r.Item2, value = r.Item3, reason = r.Item4 }));
        var withRefused = JsonSerializer.SerializeToElement(new
        {
            read = json.GetProperty("read").GetInt64(),
            added = json.GetProperty("added").GetInt64(),
            duplicates = json.GetProperty("duplicates").GetInt64(),
            conflicts = json.GetProperty("conflicts").GetInt64(),
            rejected = json.GetProperty("rejected").GetInt64(),
            refused,
        });
        return (withRefused, [.. rows]);
    }

    // Every stored interaction of the default tenant as canonical CSV, in id order.
    private static async Task<string[]> StoredAsync(string database)
    {
        await using var store = await SqliteStore.OpenAsync(database);
        var records = new List<string>();
        await foreach (var interaction in store.ReadInteractionsAsync(TenantId.Default, DateTimeOffset.MinValue, DateTimeOffset.MaxValue))
            records.Add(CanonicalCsvWriter.RecordOf(interaction));
        return [.. records.Order(StringComparer.Ordinal)];
    }

    private static void AssertSameCounts(JsonElement cli, JsonElement api)
    {
        foreach (var count in new[] { "read", "added", "duplicates", "conflicts", "rejected" })
            Assert.True(cli.GetProperty(count).GetInt64() == api.GetProperty(count).GetInt64(), $"{count}: ccost import {cli}, the API {api}");
    }

    private static (long Line, string Field, string Value, string Reason)[] Refused(JsonElement result)
    {
        var list = result.ValueKind == JsonValueKind.Array ? result : result.GetProperty("refused");
        return [.. list.EnumerateArray().Select(r => (r.GetProperty("line").GetInt64(), r.GetProperty("field").GetString()!, r.GetProperty("value").GetString()!, r.GetProperty("reason").GetString()!))];
    }
}
