using System.Text.Json;

namespace ContactCost.Tests;

public sealed class ImportCommandTests : IDisposable
{
    private const string Calls = """
        id,channel,direction,customer,start,end,wait_s,talk_s,hold_s,wrap_s,queue,agent,units,destination,resolved,crm_case
        c1,voice,inbound,C1,2026-10-01T09:00:00-04:00,2026-10-01T09:05:20-04:00,20,280,20,45,billing,A001,,+18005550100,true,CASE-1
        c2,voice,inbound,C2,2026-10-01T09:01:00-04:00,2026-10-01T09:02:30-04:00,90,0,0,0,billing,,,+18005550100,,
        c3,fax,inbound,C3,2026-10-01T09:02:00-04:00,,,,,,,,,,,
        c4,chat,inbound,C4,2026-10-01T09:03:00-04:00,2026-10-01T08:00:00-04:00,,,,,chat,A014,,,,
        c5,sms,outbound,C5,2026-10-01T09:04:00-04:00,,,,,,sms,,3,+447700900123,,
        """;

    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task BadRows_AreQuarantined_GoodRowsKept_ExitCode3()
    {
        var csv = folder.File("calls.csv");
        await File.WriteAllTextAsync(csv, Calls);
        var db = folder.File("c.db");

        var result = await Ccost.RunAsync("import", csv, "--db", db, "--json");
        Assert.Equal(3, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal(5, json.RootElement.GetProperty("read").GetInt64());
        Assert.Equal(3, json.RootElement.GetProperty("added").GetInt64());
        Assert.Equal(2, json.RootElement.GetProperty("rejected").GetInt64());
        Assert.Contains("2 records of calls.csv were refused; see " + csv + ".rejected.csv", result.Error);

        var quarantine = await File.ReadAllLinesAsync(csv + ".rejected.csv");
        Assert.Equal("file,line,field,value,reason,record", quarantine[0]);
        Assert.StartsWith($"{csv},4,channel,fax,\"unknown channel 'fax'; accepted: voice, sms,", quarantine[1]);
        Assert.StartsWith($"{csv},5,end,2026-10-01T08:00:00-04:00,end 2026-10-01T08:00:00-04:00 is before start 2026-10-01T09:03:00-04:00", quarantine[2]);
    }

    [Fact]
    public async Task ImportingTheSameFileTwice_ChangesNothing()
    {
        var csv = folder.File("calls.csv");
        await File.WriteAllTextAsync(csv, Calls);
        var db = folder.File("c.db");
        await Ccost.RunAsync("import", csv, "--db", db);

        var again = await Ccost.RunAsync("import", csv, "--db", db, "--json");
        using var json = JsonDocument.Parse(again.Out);
        Assert.Equal(0, json.RootElement.GetProperty("added").GetInt64());
        Assert.Equal(3, json.RootElement.GetProperty("duplicates").GetInt64());
        var tenant = await Ccost.RunAsync("tenant", "show", "--db", db, "--json");
        Assert.Contains("\"interactions\": 3", tenant.Out);
    }

    [Fact]
    public async Task ChangedContentUnderAKnownId_IsAConflict_Quarantined()
    {
        var db = folder.File("c.db");
        var first = folder.File("first.csv");
        var second = folder.File("second.csv");
        await File.WriteAllTextAsync(first, "id,channel,start,talk_s\nc1,voice,2026-10-01T09:00:00Z,100\n");
        await File.WriteAllTextAsync(second, "id,channel,start,talk_s\nc1,voice,2026-10-01T09:00:00Z,120\n");
        await Ccost.RunAsync("import", first, "--db", db);

        var result = await Ccost.RunAsync("import", second, "--db", db, "--json");
        Assert.Equal(3, result.ExitCode);
        Assert.Contains("\"conflicts\": 1", result.Out);
        var quarantine = await File.ReadAllTextAsync(second + ".rejected.csv");
        Assert.Contains($"{second},2,id,c1,a record with this id is already stored with different content; the stored one was kept", quarantine);
        Assert.Contains("c1,voice,inbound,,2026-10-01T09:00:00Z", quarantine); // the refused record itself, to fix and import again
        Assert.Contains(",120,", quarantine);
    }

    [Fact]
    public async Task AFileOfSeveralBatches_QuarantinesBadRowsInFileOrder_AndAReimportAddsNothing()
    {
        // 12,000 generated rows span three batches; a bad row in each lands in the quarantine with its line.
        var csv = folder.File("many.csv");
        await Ccost.RunAsync("generate", "--rows", "12000", "--seed", "7", "--out", csv);
        var lines = await File.ReadAllLinesAsync(csv);
        int[] bad = [3, 6_001, 11_999];
        foreach (var line in bad)
            lines[line - 1] = lines[line - 1].Replace(",voice,", ",fax,").Replace(",chat,", ",fax,").Replace(",email,", ",fax,")
                .Replace(",sms,", ",fax,").Replace(",social,", ",fax,").Replace(",selfservice,", ",fax,");
        await File.WriteAllLinesAsync(csv, lines);
        var db = folder.File("many.db");

        var first = await Ccost.RunAsync("import", csv, "--db", db, "--json");
        Assert.Equal(3, first.ExitCode);
        using (var json = JsonDocument.Parse(first.Out))
        {
            Assert.Equal(12_000, json.RootElement.GetProperty("read").GetInt64());
            Assert.Equal(11_997, json.RootElement.GetProperty("added").GetInt64());
            Assert.Equal(3, json.RootElement.GetProperty("rejected").GetInt64());
        }

        var quarantined = (await File.ReadAllLinesAsync(csv + ".rejected.csv")).Skip(1).Select(l => int.Parse(l[(csv.Length + 1)..l.IndexOf(",channel,", StringComparison.Ordinal)])).ToArray();
        Assert.Equal(bad, quarantined);

        var again = await Ccost.RunAsync("import", csv, "--db", db, "--json");
        using var second = JsonDocument.Parse(again.Out);
        Assert.Equal(0, second.RootElement.GetProperty("added").GetInt64());
        Assert.Equal(11_997, second.RootElement.GetProperty("duplicates").GetInt64());
        Assert.Equal(3, second.RootElement.GetProperty("rejected").GetInt64());
    }

    [Fact]
    public async Task MissingRequiredColumn_IsOneClearError_ExitCode3()
    {
        var csv = folder.File("nostart.csv");
        await File.WriteAllTextAsync(csv, "id,channel\nc1,voice\n");
        var result = await Ccost.RunAsync("import", csv, "--db", folder.File("c.db"));
        Assert.Equal(3, result.ExitCode);
        Assert.Contains("nostart.csv:1: missing required column start", result.Error);
        Assert.DoesNotContain("   at ", result.Error); // no stack trace
    }

    [Fact]
    public async Task MissingFile_IsAFailure_NamingIt()
    {
        var result = await Ccost.RunAsync("import", folder.File("nope.csv"), "--db", folder.File("c.db"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("nope.csv does not exist", result.Error);
    }
}
