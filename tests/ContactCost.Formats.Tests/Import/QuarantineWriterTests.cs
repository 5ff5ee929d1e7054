using ContactCost.Formats.Canonical;
using ContactCost.Formats.Import;
using ContactCost.Tests.Canonical;
using Sylvan.Data.Csv;

namespace ContactCost.Tests.Import;

public class QuarantineWriterTests
{
    private const string Header = "id,channel,start,customer";

    private static long Import(string text, QuarantineWriter quarantine)
    {
        long accepted = 0;
        foreach (var result in CanonicalCsv.Read(text))
        {
            if (result.Rejection is { } rejection)
                quarantine.Write(rejection);
            else
                accepted++;
        }

        return accepted;
    }

    /// <summary>Reads the quarantine file back with another CSV parser, as a spreadsheet user would.</summary>
    private static List<string[]> ReadBack(string path)
    {
        using var csv = CsvDataReader.Create(path, new CsvDataReaderOptions { Delimiter = ',', HasHeaders = false, Comment = '\0' });
        var rows = new List<string[]>();
        while (csv.Read())
            rows.Add([.. Enumerable.Range(0, csv.RowFieldCount).Select(csv.GetString)]);
        return rows;
    }

    [Fact]
    public void A_clean_import_leaves_no_file()
    {
        using var folder = new TempFolder();
        using (var quarantine = new QuarantineWriter(folder.File("rejected.csv")))
        {
            Assert.Equal(1, Import($"{Header}\nc-1,voice,2026-10-01T09:15:00Z,\n", quarantine));
            Assert.Equal(0, quarantine.Count);
        }

        Assert.False(File.Exists(folder.File("rejected.csv")));
    }

    [Fact]
    public void Holds_exactly_the_rejected_records_with_their_reasons()
    {
        using var folder = new TempFolder();
        var path = folder.File("rejected.csv");
        var text = $"{Header}\nc-1,voice,2026-10-01T09:15:00Z,\nc-2,fax,2026-10-01T09:16:00Z,\"Smith, \"\"JJ\"\"\nJr\"\nc-3,voice,2026-10-01T09:17:00,x\nc-4,chat,2026-10-01T09:18:00Z,\n";

        using (var quarantine = new QuarantineWriter(path))
        {
            Assert.Equal(2, Import(text, quarantine));
            Assert.Equal((2L, path), (quarantine.Count, quarantine.Path));
        }

        Assert.Equal(
            [
                ["file", "line", "field", "value", "reason", "record"],
                ["calls.csv", "3", "channel", "fax", "unknown channel 'fax'; accepted: voice, sms, mms, chat, email, social, selfservice, video, ai", "c-2,fax,2026-10-01T09:16:00Z,\"Smith, \"\"JJ\"\"\nJr\""],
                ["calls.csv", "5", "start", "2026-10-01T09:17:00", "start 2026-10-01T09:17:00 has no UTC offset; add its time zone's offset, like 2026-10-01T09:17:00-04:00, or Z if it is UTC: 2026-10-01T09:17:00Z", "c-3,voice,2026-10-01T09:17:00,x"],
            ],
            ReadBack(path));
    }

    [Fact]
    public void Replaces_a_file_left_by_an_earlier_run_on_the_first_rejection()
    {
        using var folder = new TempFolder();
        var path = folder.File("rejected.csv");
        File.WriteAllText(path, "old content\n");

        using (var quarantine = new QuarantineWriter(path))
            Import($"{Header}\nc-1,fax,2026-10-01T09:15:00Z,\n", quarantine);

        Assert.Equal(2, ReadBack(path).Count);
    }

    [Fact]
    public void Refuses_writes_after_dispose()
    {
        using var folder = new TempFolder();
        var quarantine = new QuarantineWriter(folder.File("rejected.csv"));
        quarantine.Dispose();

        Assert.Throws<ObjectDisposedException>(() => quarantine.Write(new Rejection("f", 1, "", "", "r", "x")));
    }
}
