using System.Text;
using ContactCost.Formats.Canonical;
using ContactCost.Formats.Import;
using ContactCost.Formats.Sources;
using ContactCost.Formats.Sources.Asterisk;
using ContactCost.Formats.Sources.Connect;
using ContactCost.Formats.Sources.FreeSwitch;
using ContactCost.Formats.Sources.Twilio;
using ContactCost.Formats.Sources.Zendesk;
using ContactCost.Interactions;

namespace ContactCost.Tests.Sources;

/// <summary>
/// Every reader is fed its fixture mutated many ways by a seeded mutator (byte flips, cuts,
/// dropped and doubled delimiters, JSON edits). Whatever comes in, a reader yields interactions
/// that hold together or rejections, or stops with one <see cref="InputFormatException"/>.
/// </summary>
public sealed class FuzzTests
{
    private const int Rounds = 400;

    public static TheoryData<string, string, string> Inputs => new()
    {
        { "asterisk", "asterisk", "Master.csv" },
        { "asterisk-queue-log", "asterisk", "queue_log" },
        { "freeswitch", "freeswitch", "Master.csv" },
        { "freeswitch", "freeswitch", "callcenter.csv" },
        { "connect", "connect", "ctr.json" },
        { "connect", "connect", "ctr.jsonl" },
        { "twilio", "twilio", "calls.json" },
        { "twilio", "twilio", "messages.json" },
        { "twilio", "twilio", "calls.csv" },
        { "zendesk", "zendesk", "tickets.json" },
        { "zendesk", "zendesk", "tickets.csv" },
        { "canonical", "canonical", "october-sample.csv" },
    };

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Mutated_input_never_crashes_a_reader_nor_yields_a_broken_interaction(string format, string folder, string name)
    {
        var original = folder == "canonical"
            ? File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Canonical", "Fixtures", name))
            : SourceFixtures.Bytes(folder, name);
        var random = new Random(HashCode(format + name));
        for (var round = 0; round < Rounds; round++)
        {
            var input = Mutate(original, random);
            try
            {
                foreach (var result in Read(format, input))
                    Check(result);
            }
            catch (InputFormatException)
            {
                // One clear error for a file that cannot be read: allowed.
            }
            catch (Exception e)
            {
                Assert.Fail($"round {round}: {e.GetType().Name}: {e.Message}\ninput (base64): {Convert.ToBase64String(input)}\n{e}");
            }
        }
    }

    [Fact]
    public void Mutated_input_never_crashes_detection_or_the_queue_log()
    {
        var random = new Random(7);
        var originals = Inputs.Select(row => (string)row[1] == "canonical" ? null : SourceFixtures.Bytes((string)row[1], (string)row[2])).OfType<byte[]>().ToList();
        for (var round = 0; round < Rounds; round++)
        {
            var input = Mutate(originals[round % originals.Count], random);
            try
            {
                SourceDetector.Detect(input, "file");
            }
            catch (InputFormatException)
            {
            }

            AsteriskQueueLog.Load(new StreamReader(new MemoryStream(input)));
        }
    }

    private static IEnumerable<ReadResult<Interaction>> Read(string format, byte[] input)
    {
        var stream = new MemoryStream(input);
        return format switch
        {
            "asterisk" => new AsteriskCdrReader(AsteriskQueueLog.Load(new StringReader(File.ReadAllText(SourceFixtures.Path("asterisk", "queue_log"))))).Read(stream, "in"),
            "asterisk-queue-log" => new AsteriskQueueLogReader().Read(stream, "in"),
            "freeswitch" => new FreeSwitchCdrReader().Read(stream, "in"),
            "connect" => new ConnectRecordReader().Read(stream, "in"),
            "twilio" => new TwilioReader().Read(stream, "in"),
            "zendesk" => new ZendeskTicketReader().Read(stream, "in"),
            _ => CanonicalCsvReader.Read(new StreamReader(stream, new UTF8Encoding(false, false)), "in"),
        };
    }

    private static void Check(ReadResult<Interaction> result)
    {
        if (result.Rejection is { } rejection)
        {
            Assert.False(string.IsNullOrEmpty(rejection.Reason));
            Assert.True(rejection.Line >= 0);
            return;
        }

        var item = result.Item!;
        Assert.True(item.End is null || item.End >= item.Start, $"{item.Id}: end {item.End:O} before start {item.Start:O}");
        Assert.True(item.Wait >= TimeSpan.Zero && item.Talk >= TimeSpan.Zero && item.Hold >= TimeSpan.Zero && item.Wrap >= TimeSpan.Zero, $"{item.Id}: a negative duration");
        Assert.True(item.Units is null or >= 0);
    }

    private static readonly byte[] Delimiters = [.. ",\"|\n\r{}[]:"u8];
    private static readonly string[] JsonValues = ["null", "-1", "\"\"", "{}", "[]", "\"2026-13-45T99:99:99Z\"", "1e309", "\"\\ud800\"", "true"];

    /// <summary>One to three random edits of the kinds real files suffer.</summary>
    private static byte[] Mutate(byte[] original, Random random)
    {
        var bytes = new List<byte>(original);
        var edits = random.Next(1, 4);
        for (var i = 0; i < edits && bytes.Count > 0; i++)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(8))
            {
                case 0:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 1:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                case 2:
                    bytes.RemoveRange(at, Math.Min(random.Next(1, 40), bytes.Count - at));
                    break;
                case 3:
                    bytes.Insert(at, Delimiters[random.Next(Delimiters.Length)]);
                    break;
                case 4:
                    var delimiter = bytes.FindIndex(at, b => Delimiters.Contains(b));
                    if (delimiter >= 0)
                        bytes.RemoveAt(delimiter);
                    break;
                case 5:
                    bytes.InsertRange(at, new byte[] { 0xFF, 0xFE, 0x00, 0xC3 }[..random.Next(1, 5)]);
                    break;
                case 6:
                    // Replace a JSON value (after a colon) or a CSV field (after a comma) with something wrong.
                    var colon = bytes.FindIndex(at, b => b is (byte)':' or (byte)',');
                    if (colon >= 0)
                    {
                        var end = bytes.FindIndex(colon + 1, b => b is (byte)',' or (byte)'}' or (byte)'\n');
                        if (end > colon)
                            bytes.RemoveRange(colon + 1, end - colon - 1);
                        bytes.InsertRange(colon + 1, Encoding.UTF8.GetBytes(JsonValues[random.Next(JsonValues.Length)]));
                    }

                    break;
                default:
                    var length = Math.Min(random.Next(1, 200), bytes.Count - at);
                    bytes.InsertRange(random.Next(bytes.Count), bytes.GetRange(at, length));
                    break;
            }
        }

        return [.. bytes];
    }

    private static int HashCode(string text) => text.Aggregate(17, (h, c) => unchecked((h * 31) + c));
}
