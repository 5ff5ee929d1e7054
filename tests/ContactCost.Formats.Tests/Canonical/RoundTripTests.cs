using ContactCost.Formats.Canonical;
using ContactCost.Interactions;
using CsCheck;

namespace ContactCost.Tests.Canonical;

public class RoundTripTests
{
    private static readonly string[] ExtraColumns = ["region", "Case Note"];

    // Identifiers: the reader trims them, so they start and end with a visible character.
    private const string Visible = "abcXYZ019-_.é€,\"";
    private const string Inner = Visible + " ";

    private static readonly Gen<string> Identifier =
        Gen.Select(Gen.Char[Visible], Gen.String[Gen.Char[Inner], 0, 20], Gen.Char[Visible], (first, middle, last) => first + middle + last);

    // Free text may also hold tabs and span lines.
    private static readonly Gen<string> FreeText =
        Gen.Select(Gen.Char[Visible], Gen.String[Gen.Char[Inner + "\t\r\n"], 0, 20], Gen.Char[Visible], (first, middle, last) => first + middle + last);

    // Extras are kept verbatim: empty, blank, any line breaks.
    private static readonly Gen<string> ExtraValue = Gen.String[Gen.Char[Inner + "\t\r\n"], 0, 12];

    private static readonly Gen<TimeSpan> Duration = Gen.Long[0, 100_000_000].Select(TimeSpan.FromMilliseconds);

    private static readonly Gen<DateTimeOffset> Instant =
        Gen.Long[new DateTime(1990, 1, 1).Ticks, new DateTime(2100, 1, 1).Ticks].Select(ticks => new DateTimeOffset(ticks, TimeSpan.Zero));

    private static readonly Gen<Interaction> AnyInteraction =
        Gen.Select(Identifier, Gen.Enum<Channel>(), Instant, Gen.Long[0, TimeSpan.TicksPerDay].Nullable(), (id, channel, start, elapsed) =>
            new Interaction(id, channel, start) { End = elapsed is { } ticks ? start.AddTicks(ticks) : null })
        .Select(
            Gen.Enum<Direction>(), FreeText.Null(), Gen.Select(Duration, Duration, Duration, Duration),
            (interaction, direction, customer, durations) => interaction with
            {
                Direction = direction,
                Customer = customer,
                Wait = durations.Item1,
                Talk = durations.Item2,
                Hold = durations.Item3,
                Wrap = durations.Item4,
            })
        .Select(
            Identifier.Null(), Identifier.Null(), Gen.Int[0, int.MaxValue].Nullable(), FreeText.Null(), Gen.Bool.Nullable(), ExtraValue.Array[2],
            (interaction, queue, agent, units, destination, resolved, extras) => interaction with
            {
                Queue = queue,
                Agent = agent,
                Units = units,
                Destination = destination,
                Resolved = resolved,
                Extra = [KeyValuePair.Create(ExtraColumns[0], extras[0]), KeyValuePair.Create(ExtraColumns[1], extras[1])],
            });

    private static readonly Gen<TimeZoneInfo?> AnyTimeZone = Gen.OneOf<TimeZoneInfo?>(
        null,
        TimeZoneInfo.Utc,
        TimeZoneInfo.CreateCustomTimeZone("Test/Minus4", TimeSpan.FromHours(-4), "UTC-4", "UTC-4"),
        TimeZoneInfo.CreateCustomTimeZone("Test/Kathmandu", new TimeSpan(5, 45, 0), "UTC+5:45", "UTC+5:45"),
        TimeZoneInfo.TryFindSystemTimeZoneById("America/New_York", out var newYork) ? newYork : null);

    [Fact]
    public void Any_valid_interaction_written_reads_back_equal_field_by_field()
    {
        Gen.Select(AnyInteraction.Array[0, 8], AnyTimeZone, Gen.Int[0, 5]).Sample((interactions, timeZone, chunk) =>
        {
            var text = new StringWriter();
            using (var writer = new CanonicalCsvWriter(text, ExtraColumns, timeZone))
            {
                foreach (var interaction in interactions)
                    writer.Write(interaction);
            }

            // Chunk 0 reads whole; small chunks make records straddle the reader's buffer edges.
            var results = chunk == 0 ? CanonicalCsv.Read(text.ToString()) : CanonicalCsv.ReadInChunks(text.ToString(), chunk);

            Assert.Equal(interactions.Length, results.Count);
            foreach (var (expected, result) in interactions.Zip(results))
            {
                var actual = result.Item ?? throw new InvalidOperationException(result.Rejection!.ToString());
                Assert.Equal(expected.Extra, actual.Extra);
                Assert.Equal(expected with { Extra = actual.Extra }, actual);
            }
        });
    }
}
