using System.Text.Json;
using ContactCost.Interactions;
using ContactCost.Storage.Sqlite;
using ContactCost.Tenants;

namespace ContactCost.Tests;

/// <summary>Every source format through <c>ccost import</c>, with and without <c>--format</c>, checked in the store.</summary>
public sealed class ImportFormatsTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    public static TheoryData<string, string, string, int, string> Files => new()
    {
        { "asterisk", "Master.csv", "asterisk", 4, "Asterisk Master.csv call records" },
        { "asterisk", "queue_log", "asterisk-queue-log", 3, "an Asterisk queue_log" },
        { "freeswitch", "Master.csv", "freeswitch", 3, "FreeSWITCH cdr_csv call records" },
        { "freeswitch", "callcenter.csv", "freeswitch", 2, "FreeSWITCH cdr_csv call records" },
        { "connect", "ctr.json", "connect", 4, "Amazon Connect contact records" },
        { "connect", "ctr.jsonl", "connect", 2, "Amazon Connect contact records" },
        { "twilio", "calls.json", "twilio", 2, "Twilio calls and messages" },
        { "twilio", "messages.json", "twilio", 3, "Twilio calls and messages" },
        { "twilio", "calls.csv", "twilio", 3, "Twilio calls and messages" },
        { "zendesk", "tickets.json", "zendesk", 4, "Zendesk tickets" },
        { "zendesk", "tickets.csv", "zendesk", 3, "Zendesk tickets" },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Each_format_imports_with_and_without_format(string folderName, string name, string format, int count, string description)
    {
        var file = Copy(folderName, name);

        var detected = await Ccost.RunAsync("import", file, "--db", folder.File("detected.db"), "--json");
        var named = await Ccost.RunAsync("import", file, "--db", folder.File("named.db"), "--format", format, "--json");

        Assert.True(detected.ExitCode == 0, detected.ToString());
        Assert.Contains($"{name}: reading {description} (chosen from its content; --format overrides)", detected.Error);
        Assert.True(named.ExitCode == 0, named.ToString());
        Assert.DoesNotContain("chosen from", named.Error);
        foreach (var result in new[] { detected, named })
        {
            using var json = JsonDocument.Parse(result.Out);
            Assert.Equal(count, json.RootElement.GetProperty("added").GetInt64());
        }
    }

    [Fact]
    public async Task Asterisk_with_a_queue_log_and_a_time_zone_stores_what_the_source_says()
    {
        var db = folder.File("c.db");
        var result = await Ccost.RunAsync("import", Copy("asterisk", "Master.csv"), "--queue-log", Copy("asterisk", "queue_log"), "--time-zone", "America/New_York", "--db", db);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("queue_log: 3 queued calls", result.Error);
        Assert.DoesNotContain("read as UTC", result.Error);
        var calls = await StoredAsync(db);
        var answered = calls["1790859600.11"];
        Assert.Equal((Channel.Voice, "support", "SIP/2001", 25d, 274d), (answered.Channel, answered.Queue, answered.Agent, answered.Wait.TotalSeconds, answered.Talk.TotalSeconds));
        Assert.Equal(new DateTimeOffset(2026, 10, 1, 13, 0, 0, TimeSpan.Zero), answered.Start);
        Assert.True(calls["1790859720.12"].IsAbandoned);
    }

    [Fact]
    public async Task Connect_contacts_keep_durations_queue_agent_and_their_link()
    {
        var db = folder.File("c.db");
        await Ccost.RunAsync("import", Copy("connect", "ctr.json"), "--db", db);

        var contacts = await StoredAsync(db);
        var call = contacts["11111111-aaaa-4bbb-8ccc-000000000001"];
        Assert.Equal((42d, 300d, 30d, 60d, "Support", "ann.lee"), (call.Wait.TotalSeconds, call.Talk.TotalSeconds, call.Hold.TotalSeconds, call.Wrap.TotalSeconds, call.Queue, call.Agent));
        Assert.Contains(KeyValuePair.Create("initial_contact_id", "11111111-aaaa-4bbb-8ccc-000000000001"), contacts["11111111-aaaa-4bbb-8ccc-000000000003"].Extra);
        Assert.Equal(Channel.Chat, contacts["11111111-aaaa-4bbb-8ccc-000000000002"].Channel);
    }

    [Fact]
    public async Task Twilio_prices_and_zendesk_channels_are_stored()
    {
        var db = folder.File("c.db");
        await Ccost.RunAsync("import", Copy("twilio", "messages.json"), Copy("zendesk", "tickets.json"), "--db", db);

        var stored = await StoredAsync(db);
        Assert.Contains(KeyValuePair.Create("price", "-0.00790"), stored["SM00000000000000000000000000000001"].Extra);
        Assert.Equal((int?)2, stored["SM00000000000000000000000000000001"].Units);
        Assert.Equal((Channel.Social, Channel.Email), (stored["zd-35438"].Channel, stored["zd-35436"].Channel));
    }

    [Fact]
    public async Task A_bad_row_is_quarantined_with_its_line_and_the_rest_imported()
    {
        var file = folder.File("Master.csv");
        var lines = File.ReadAllLines(Fixture("asterisk", "Master.csv"));
        lines[2] = lines[2].Replace("\"2026-10-01 09:10:00\"", "\"2/10/2026 09:10\"", StringComparison.Ordinal);
        File.WriteAllLines(file, lines);

        var result = await Ccost.RunAsync("import", file, "--db", folder.File("c.db"), "--json");

        Assert.Equal(3, result.ExitCode);
        var quarantine = File.ReadAllLines(file + ".rejected.csv");
        Assert.StartsWith($"{file},3,start,2/10/2026 09:10,\"start '2/10/2026 09:10' looks re-saved by a spreadsheet", quarantine[1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ctr.json", "[{\"ContactId\": \"c1\", \"Channel\": \"VOICE\", \"Initiation", "connect", "the JSON ends in the middle of a value")]
    [InlineData("blob.bin", "PK\u0003\u0004\u0000\u0000binary", null, "it is not a text file")]
    [InlineData("notes.txt", "hello\nworld\n", null, "its format could not be told from its content")]
    public async Task A_file_that_cannot_be_read_is_one_clear_error_exit_3(string name, string text, string? format, string message)
    {
        var file = folder.File(name);
        File.WriteAllText(file, text);
        string[] args = format is null ? ["import", file, "--db", folder.File("c.db")] : ["import", file, "--format", format, "--db", folder.File("c.db")];

        var result = await Ccost.RunAsync(args);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains(message, result.Error);
        Assert.DoesNotContain("   at ", result.Error);
    }

    [Fact]
    public async Task A_byte_that_is_not_utf8_late_in_a_canonical_file_costs_one_record()
    {
        var file = folder.File("calls.csv");
        var rows = Enumerable.Range(1, 6000).Select(i => $"c{i},voice,2026-10-01T09:00:00Z,A{i}\n");
        var text = System.Text.Encoding.UTF8.GetBytes("id,channel,start,agent\n" + string.Concat(rows));
        var bad = Array.LastIndexOf(text, (byte)'A');
        text[bad] = 0xE9;
        File.WriteAllBytes(file, text);

        var result = await Ccost.RunAsync("import", file, "--db", folder.File("c.db"), "--json");

        Assert.Equal(3, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal(5999, json.RootElement.GetProperty("added").GetInt64());
        Assert.Contains($"{file},6001,agent,", File.ReadAllText(file + ".rejected.csv"));
    }

    [Fact]
    public async Task An_unknown_time_zone_is_refused()
    {
        var result = await Ccost.RunAsync("import", Copy("asterisk", "Master.csv"), "--time-zone", "Mars/Olympus", "--db", folder.File("c.db"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("'Mars/Olympus' is not a time zone", result.Error);
    }

    private static string Fixture(string format, string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", format, name);

    // A copy, so quarantine files land in the test's folder.
    private string Copy(string format, string name)
    {
        var target = folder.File(name);
        File.Copy(Fixture(format, name), target, overwrite: true);
        return target;
    }

    private static async Task<Dictionary<string, Interaction>> StoredAsync(string db)
    {
        await using var store = await SqliteStore.OpenAsync(db);
        var stored = new Dictionary<string, Interaction>();
        await foreach (var interaction in store.ReadInteractionsAsync(TenantId.Default, DateTimeOffset.MinValue, DateTimeOffset.MaxValue))
            stored[interaction.Id] = interaction;
        return stored;
    }
}
