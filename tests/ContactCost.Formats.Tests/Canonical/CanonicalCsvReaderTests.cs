using System.Text;
using ContactCost.Formats.Csv;
using ContactCost.Formats.Canonical;
using ContactCost.Formats.Import;
using ContactCost.Interactions;

namespace ContactCost.Tests.Canonical;

public class CanonicalCsvReaderTests
{
    private const string Accepted = "voice, sms, mms, chat, email, social, selfservice, video, ai";

    public class BadRows
    {
        private const string Header = "id,channel,direction,start,end,wait_s,talk_s,units,resolved";
        private const string GoodRow = "ok-1,voice,inbound,2026-10-01T09:00:00Z,2026-10-01T09:05:00Z,10,290,,true";

        public static TheoryData<string, string, string, string> Cases => new()
        {
            { "c1,fax,,2026-10-01T09:00:00Z,,,,,", "channel", "fax", $"unknown channel 'fax'; accepted: {Accepted}" },
            { "c1,,,2026-10-01T09:00:00Z,,,,,", "channel", "", $"channel is required; accepted: {Accepted}" },
            { "c1,voice,sideways,2026-10-01T09:00:00Z,,,,,", "direction", "sideways", "unknown direction 'sideways'; accepted: inbound, outbound (or in, out; empty means inbound)" },
            { ",voice,,2026-10-01T09:00:00Z,,,,,", "id", "", "id is required" },
            { "  ,voice,,2026-10-01T09:00:00Z,,,,,", "id", "", "id is required" },
            { $"{new string('x', 201)},voice,,2026-10-01T09:00:00Z,,,,,", "id", new string('x', 201), "id is 201 characters long; at most 200 are allowed" },
            { "c1,voice,,,,,,,", "start", "", "start is required; write it like 2026-10-01T09:15:00-04:00 or 2026-10-01T13:15:00Z" },
            {
                "c1,voice,,2026-10-01T09:15:00,,,,,", "start", "2026-10-01T09:15:00",
                "start 2026-10-01T09:15:00 has no UTC offset; add its time zone's offset, like 2026-10-01T09:15:00-04:00, or Z if it is UTC: 2026-10-01T09:15:00Z"
            },
            {
                "c1,voice,,2026-10-01T09:00:00Z,2026-10-01 09:15,,,,", "end", "2026-10-01 09:15",
                "end 2026-10-01 09:15 has no UTC offset; add its time zone's offset, like 2026-10-01 09:15-04:00, or Z if it is UTC: 2026-10-01 09:15Z"
            },
            { "c1,voice,,yesterday,,,,,", "start", "yesterday", "start 'yesterday' is not an ISO 8601 timestamp; write it like 2026-10-01T09:15:00-04:00 or 2026-10-01T13:15:00Z" },
            { "c1,voice,,2026-10-01,,,,,", "start", "2026-10-01", "start '2026-10-01' is not an ISO 8601 timestamp; write it like 2026-10-01T09:15:00-04:00 or 2026-10-01T13:15:00Z" },
            { "c1,voice,,2026-02-30T09:00:00Z,,,,,", "start", "2026-02-30T09:00:00Z", "start '2026-02-30T09:00:00Z' is not an ISO 8601 timestamp; write it like 2026-10-01T09:15:00-04:00 or 2026-10-01T13:15:00Z" },
            { "c1,voice,,2026-10-01T09:00:00+15:00,,,,,", "start", "2026-10-01T09:00:00+15:00", "start '2026-10-01T09:00:00+15:00' is not an ISO 8601 timestamp; write it like 2026-10-01T09:15:00-04:00 or 2026-10-01T13:15:00Z" },
            { "c1,voice,,2026-10-01T09:00:00Z,2026-10-01T08:00:00Z,,,,", "end", "2026-10-01T08:00:00Z", "end 2026-10-01T08:00:00Z is before start 2026-10-01T09:00:00Z" },
            { "c1,voice,,2026-10-01T09:00:00-04:00,2026-10-01T12:59:59Z,,,,", "end", "2026-10-01T12:59:59Z", "end 2026-10-01T12:59:59Z is before start 2026-10-01T09:00:00-04:00" },
            { "c1,voice,,2026-10-01T09:00:00Z,,-5,,,", "wait_s", "-5", "wait_s -5 is negative; durations are 0 or more seconds" },
            { "c1,voice,,2026-10-01T09:00:00Z,,,abc,,", "talk_s", "abc", "talk_s 'abc' is not a number of seconds; write it like 42 or 42.5" },
            { "c1,voice,,2026-10-01T09:00:00Z,,,1:30,,", "talk_s", "1:30", "talk_s '1:30' is not a number of seconds; write it like 42 or 42.5" },
            { "c1,voice,,2026-10-01T09:00:00Z,,,1.2345,,", "talk_s", "1.2345", "talk_s 1.2345 has more than 3 decimals; durations are kept to the millisecond" },
            { "c1,voice,,2026-10-01T09:00:00Z,,,12345678901,,", "talk_s", "12345678901", "talk_s 12345678901 is too large; at most 9999999999 seconds" },
            { "c1,sms,,2026-10-01T09:00:00Z,,,,two,", "units", "two", "units 'two' is not a whole number" },
            { "c1,sms,,2026-10-01T09:00:00Z,,,,2.5,", "units", "2.5", "units '2.5' is not a whole number" },
            { "c1,sms,,2026-10-01T09:00:00Z,,,,-1,", "units", "-1", "units -1 is negative; units are 0 or more" },
            { "c1,sms,,2026-10-01T09:00:00Z,,,,3000000000,", "units", "3000000000", "units 3000000000 is too large; at most 2147483647" },
            { "c1,voice,,2026-10-01T09:00:00Z,,,,,maybe", "resolved", "maybe", "resolved 'maybe' is not one of true, false, yes, no, 1, 0 (or empty)" },
            { "c1,voice,,2026-10-01T09:00:00Z", "", "", "the record has 4 fields but the header has 9" },
            { "c1,voice,,2026-10-01T09:00:00Z,,,,,,", "", "", "the record has 10 fields but the header has 9" },
            {
                "c1,\"voice\"x,,2026-10-01T09:00:00Z,,,,,", "channel", "\"voice\"x",
                "a quoted value must be followed by a comma or the end of the line; write a quote inside a quoted value as two quotes (\"\")"
            },
        };

        [Theory]
        [MemberData(nameof(Cases))]
        public void Rejects_the_row_naming_field_value_and_reason_and_reads_on(string row, string field, string value, string reason)
        {
            var results = CanonicalCsv.Read($"{Header}\n{GoodRow}\n{row}\n{GoodRow}\n");

            Assert.Equal(3, results.Count);
            Assert.NotNull(results[0].Item);
            Assert.NotNull(results[2].Item);
            var rejection = Assert.IsType<Rejection>(results[1].Rejection);
            Assert.Equal(new Rejection(CanonicalCsv.Source, 3, field, value, reason, row), rejection);
        }

        [Fact]
        public void A_quote_never_closed_rejects_the_rest_of_the_file_as_one_record()
        {
            var results = CanonicalCsv.Read($"{Header}\n{GoodRow}\nc1,voice,\"in,2026-10-01T09:00:00Z,,,,,\n{GoodRow}\n");

            var rejection = Assert.IsType<Rejection>(results[^1].Rejection);
            Assert.Equal(2, results.Count);
            Assert.Equal((3, "direction", "a quoted value is never closed; end it with a quote (\")"), (rejection.Line, rejection.Field, rejection.Reason));
            Assert.StartsWith("\"in,2026", rejection.Value, StringComparison.Ordinal);
        }

        [Fact]
        public void A_record_longer_than_the_limit_stops_the_import_with_its_line()
        {
            var text = $"{Header}\n{GoodRow}\nc1,voice,\"{new string('x', CsvRecordScanner.MaxRecordLength + 10)}\n";

            var error = Assert.Throws<InputFormatException>(() => CanonicalCsv.Read(text));

            Assert.Equal(3, error.Line);
            Assert.Equal($"calls.csv:3: the record starting here is longer than {CsvRecordScanner.MaxRecordLength} characters; is a quote left open?", error.Message);
        }
    }

    public class GoodRows
    {
        [Theory]
        [InlineData("id,channel,direction,customer,start,end,wait_s,talk_s,hold_s,wrap_s,queue,agent,units,destination,resolved",
            "c-1,sms,outbound,cust-9,2026-10-01T09:15:00-04:00,2026-10-01T09:20:00.5-04:00,1.5,120,0.125,30,billing,ana,3,+15551234567,yes")]
        [InlineData("resolved,destination,units,agent,queue,wrap_s,hold_s,talk_s,wait_s,end,start,customer,direction,channel,id",
            "yes,+15551234567,3,ana,billing,30,0.125,120,1.5,2026-10-01T13:20:00.500Z,2026-10-01T13:15:00Z,cust-9,outbound,sms,c-1")]
        [InlineData(" START , Channel,ID,End,Wait_S,Talk_S,Hold_S,Wrap_S,Queue,Agent,Units,Destination,Resolved,Direction,Customer",
            "2026-10-01 13:15:00+0000, SMS ,c-1,2026-10-01T13:20:00.5+00,1.500,120.0,.125,30.000,billing,ana,3,+15551234567,1,Out,cust-9")]
        public void Reads_every_field_whatever_the_column_order(string header, string row)
        {
            var interaction = Assert.Single(CanonicalCsv.Read($"{header}\n{row}\n")).Item;

            var start = new DateTimeOffset(2026, 10, 1, 13, 15, 0, TimeSpan.Zero);
            var expected = new Interaction("c-1", Channel.Sms, start)
            {
                Direction = Direction.Outbound,
                Customer = "cust-9",
                End = start.AddMinutes(5).AddMilliseconds(500),
                Wait = TimeSpan.FromMilliseconds(1500),
                Talk = TimeSpan.FromSeconds(120),
                Hold = TimeSpan.FromMilliseconds(125),
                Wrap = TimeSpan.FromSeconds(30),
                Queue = "billing",
                Agent = "ana",
                Units = 3,
                Destination = "+15551234567",
                Resolved = true,
            };
            Assert.Equal(expected with { Extra = interaction!.Extra }, interaction);
            Assert.Empty(interaction.Extra);
        }

        [Fact]
        public void Only_id_channel_and_start_are_needed_and_the_rest_takes_its_default()
        {
            var interaction = Assert.Single(CanonicalCsv.Read("id,channel,start\nc-1,chat,2026-10-01T09:15:00Z\n")).Item;

            Assert.Equal(new Interaction("c-1", Channel.Chat, new DateTimeOffset(2026, 10, 1, 9, 15, 0, TimeSpan.Zero)), interaction);
        }

        [Fact]
        public void Empty_optional_fields_mean_inbound_zero_and_unset()
        {
            var header = "id,channel,direction,customer,start,end,wait_s,talk_s,hold_s,wrap_s,queue,agent,units,destination,resolved";
            var interaction = Assert.Single(CanonicalCsv.Read($"{header}\nc-1,voice,,,2026-10-01T09:15:00Z,,,,,,,,,,\n")).Item!;

            Assert.Equal(
                (Direction.Inbound, (string?)null, (DateTimeOffset?)null, TimeSpan.Zero, TimeSpan.Zero, (string?)null, (int?)null, (bool?)null),
                (interaction.Direction, interaction.Customer, interaction.End, interaction.Wait, interaction.HandleTime, interaction.Queue, interaction.Units, interaction.Resolved));
        }

        [Theory]
        [InlineData("true", true)]
        [InlineData("FALSE", false)]
        [InlineData("Yes", true)]
        [InlineData("no", false)]
        [InlineData("1", true)]
        [InlineData("0", false)]
        [InlineData("", null)]
        public void Resolved_accepts_the_usual_spellings(string text, bool? expected)
        {
            var interaction = Assert.Single(CanonicalCsv.Read($"id,channel,start,resolved\nc-1,voice,2026-10-01T09:15:00Z,{text}\n")).Item!;

            Assert.Equal(expected, interaction.Resolved);
        }

        [Fact]
        public void Extra_columns_are_kept_in_header_order_with_their_names()
        {
            var text = "Region,id,channel, Team Name ,start,note\neast,c-1,voice,blue,2026-10-01T09:15:00Z, keep  spaces \n";

            var interaction = Assert.Single(CanonicalCsv.Read(text)).Item!;

            Assert.Equal(
                [KeyValuePair.Create("Region", "east"), KeyValuePair.Create("Team Name", "blue"), KeyValuePair.Create("note", " keep  spaces ")],
                interaction.Extra);
        }

        [Fact]
        public void Repeated_queue_and_agent_values_share_one_string()
        {
            var text = "id,channel,start,queue,agent\nc-1,voice,2026-10-01T09:15:00Z,billing,ana\nc-2,voice,2026-10-01T09:16:00Z,billing,ana\n";

            var results = CanonicalCsv.Read(text);

            Assert.Same(results[0].Item!.Queue, results[1].Item!.Queue);
            Assert.Same(results[0].Item!.Agent, results[1].Item!.Agent);
        }

        [Fact]
        public void A_file_with_only_a_header_yields_nothing()
        {
            Assert.Empty(CanonicalCsv.Read("id,channel,start\n"));
            Assert.Empty(CanonicalCsv.Read("id,channel,start"));
        }
    }

    public class Layout
    {
        [Theory]
        [InlineData("\n", 0)]
        [InlineData("\r\n", 0)]
        [InlineData("\r", 0)]
        [InlineData("\n", 1)]
        [InlineData("\r\n", 1)]
        [InlineData("\r\n", 2)]
        [InlineData("\r", 3)]
        public void Line_numbers_are_physical_lines_across_quoted_newlines_and_blank_lines(string newLine, int chunk)
        {
            var lines = new[]
            {
                "id,channel,start,customer,note",
                "c-1,voice,2026-10-01T09:15:00Z,\"Smith, \"\"JJ\"\"\"," + "\"first" + newLine + "second" + newLine + "third\"",
                "",
                "   ",
                "c-2,fax,2026-10-01T09:16:00Z,,",
                "c-3,chat,2026-10-01T09:17:00Z,,\"a,b\"",
                "",
            };
            var text = string.Join(newLine, lines);
            var results = chunk == 0 ? CanonicalCsv.Read(text) : CanonicalCsv.ReadInChunks(text, chunk);

            Assert.Equal(3, results.Count);
            var first = results[0].Item!;
            Assert.Equal(("Smith, \"JJ\"", $"first{newLine}second{newLine}third"), (first.Customer, first.Extra[0].Value));
            Assert.Equal(7, results[1].Rejection!.Line);
            Assert.Equal("c-2,fax,2026-10-01T09:16:00Z,,", results[1].Rejection!.Record);
            Assert.Equal("a,b", results[2].Item!.Extra[0].Value);
        }

        [Fact]
        public void A_record_larger_than_the_read_buffer_is_read_whole()
        {
            var note = string.Join("\n", Enumerable.Repeat(new string('n', 999), 200));
            var text = $"id,channel,start,note\nc-1,voice,2026-10-01T09:15:00Z,\"{note}\"\nc-2,fax,2026-10-01T09:16:00Z,\n";

            var results = CanonicalCsv.Read(text);

            Assert.Equal(note, results[0].Item!.Extra[0].Value);
            Assert.Equal(202, results[1].Rejection!.Line);
        }

        [Fact]
        public void Many_records_across_many_buffer_fills_keep_their_line_numbers()
        {
            var rows = Enumerable.Range(1, 20_000).Select(i => i % 1000 == 0 ? $"c-{i},fax,2026-10-01T09:15:00Z" : $"c-{i},voice,2026-10-01T09:15:00Z");
            var results = CanonicalCsv.Read("id,channel,start\n" + string.Join("\r\n", rows));

            Assert.Equal(20_000, results.Count);
            Assert.Equal(Enumerable.Range(1, 20).Select(i => (i * 1000) + 1L), results.Where(r => r.Rejection is not null).Select(r => r.Rejection!.Line));
        }

        [Fact]
        public void Blank_lines_before_the_header_are_skipped()
        {
            var results = CanonicalCsv.Read("\n\nid,channel,start\nc-1,fax,2026-10-01T09:15:00Z\n");

            Assert.Equal(4, Assert.Single(results).Rejection!.Line);
        }

        [Fact]
        public void A_byte_order_mark_in_the_text_is_not_part_of_the_first_column_name()
        {
            var interaction = Assert.Single(CanonicalCsv.Read("\uFEFFid,channel,start\nc-1,voice,2026-10-01T09:15:00Z\n")).Item;

            Assert.Equal("c-1", interaction!.Id);
        }

        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public void ReadFile_reads_utf8_with_or_without_a_byte_order_mark(bool byteOrderMark)
        {
            using var folder = new TempFolder();
            var path = folder.File("calls.csv");
            File.WriteAllText(path, "id,channel,start,agent\r\nc-1,voice,2026-10-01T09:15:00Z,Zoë\r\n", new UTF8Encoding(byteOrderMark));

            var interaction = Assert.Single(CanonicalCsvReader.ReadFile(path)).Item!;

            Assert.Equal(("c-1", "Zoë"), (interaction.Id, interaction.Agent));
        }

        [Fact]
        public void ReadFile_with_extra_columns_keeps_only_those_and_still_checks_the_others()
        {
            using var folder = new TempFolder();
            var path = folder.File("calls.csv");
            File.WriteAllText(path,
                "id,channel,start,episode,Initial_Contact_Id,note\n" +
                "c-1,voice,2026-10-01T09:15:00Z,e-1,,first\n" +
                "c-2,voice,2026-10-01T09:16:00Z,e-1,c-1,\"a, b\"\n" +
                "c-3,voice,2026-10-01T09:17:00Z,e-2,c-1\n");

            var results = CanonicalCsvReader.ReadFile(path, ["initial_contact_id"]).ToList();

            Assert.Equal([KeyValuePair.Create("Initial_Contact_Id", "")], results[0].Item!.Extra);
            Assert.Equal([KeyValuePair.Create("Initial_Contact_Id", "c-1")], results[1].Item!.Extra);
            Assert.Equal("the record has 5 fields but the header has 6", results[2].Rejection!.Reason);
            Assert.Equal(
                CanonicalCsvReader.ReadFile(path).Select(r => r.Item?.Extra.Count ?? -1),
                [3, 3, -1]);
        }

        [Theory]
        [InlineData("id,channel,start,initial_contact_id\n", true)]
        [InlineData("\uFEFFID , Initial_Contact_ID ,channel,start\n", true)]
        [InlineData("id,channel,start,initial_contact\n", false)]
        [InlineData("", false)]
        public void NamesColumn_reads_the_header_row_only(string header, bool names)
        {
            using var folder = new TempFolder();
            var path = folder.File("calls.csv");
            File.WriteAllText(path, header + "c-1,voice,2026-10-01T09:15:00Z,x\n");
            if (header.Length == 0)
                File.WriteAllText(path, "");

            Assert.Equal(names, CanonicalCsvReader.NamesColumn(path, "initial_contact_id"));
        }

        [Fact]
        public void ReadFile_names_the_path_in_rejections()
        {
            using var folder = new TempFolder();
            var path = folder.File("calls.csv");
            File.WriteAllText(path, "id,channel,start\nc-1,fax,2026-10-01T09:15:00Z\n");

            Assert.Equal(path, Assert.Single(CanonicalCsvReader.ReadFile(path)).Rejection!.File);
        }

        [Fact]
        public void ReadFile_quarantines_a_record_that_is_not_utf8_and_reads_on()
        {
            using var folder = new TempFolder();
            var path = folder.File("latin1.csv");
            File.WriteAllBytes(path, [.. "id,channel,start,agent\nc-1,voice,2026-10-01T09:15:00Z,Zo"u8, 0xEB, .. "\nc-2,voice,2026-10-01T09:16:00Z,Ann\n"u8]);

            var results = CanonicalCsvReader.ReadFile(path).ToList();

            var rejection = results[0].Rejection!;
            Assert.Equal((2L, "agent", "Zo\uFFFD", "the record holds bytes that are not UTF-8; save the file as UTF-8"), (rejection.Line, rejection.Field, rejection.Value, rejection.Reason));
            Assert.Equal("c-2", results[1].Item!.Id);
        }

        [Fact]
        public void ReadFile_refuses_a_header_that_is_not_utf8()
        {
            using var folder = new TempFolder();
            var path = folder.File("latin1.csv");
            File.WriteAllBytes(path, [.. "id,channel,start,agent"u8, 0xEB, .. "\nc-1,voice,2026-10-01T09:15:00Z,Zoe\n"u8]);

            var error = Assert.Throws<InputFormatException>(() => CanonicalCsvReader.ReadFile(path).ToList());

            Assert.Equal($"{path}:1: the header row is not valid CSV: the record holds bytes that are not UTF-8; save the file as UTF-8", error.Message);
        }

        [Fact]
        public void Reads_a_sample_file_with_good_and_bad_rows()
        {
            var results = CanonicalCsvReader.ReadFile(CanonicalCsv.Fixture("october-sample.csv")).ToList();

            Assert.Equal(["c-1001", "c-1002", "c-1004", "c-1006"], results.Where(r => r.Item is not null).Select(r => r.Item!.Id));
            Assert.Equal(
                [(4L, "start"), (8L, "end")],
                results.Where(r => r.Rejection is not null).Select(r => (r.Rejection!.Line, r.Rejection.Field)));
        }
    }

    public class HeaderErrors
    {
        [Theory]
        [InlineData("", "calls.csv: the file is empty; its first line must be a header naming the columns, e.g. id,channel,direction,customer,start,end,wait_s,talk_s,hold_s,wrap_s,queue,agent,units,destination,resolved")]
        [InlineData("\n  \r\n", "calls.csv: the file is empty; its first line must be a header naming the columns, e.g. id,channel,direction,customer,start,end,wait_s,talk_s,hold_s,wrap_s,queue,agent,units,destination,resolved")]
        [InlineData("id,queue\nc-1,billing\n", "calls.csv:1: missing required columns channel, start; columns found: id, queue")]
        [InlineData("ID,Channel,begin\n", "calls.csv:1: missing required column start; columns found: ID, Channel, begin")]
        [InlineData("id,channel,start,Queue,queue\n", "calls.csv:1: column 'queue' appears twice (columns 4 and 5); column names ignore case")]
        [InlineData("id,channel,start,,queue\n", "calls.csv:1: column 4 has no name; every column needs one in the header row")]
        [InlineData("id,\"channel\"s,start\n", "calls.csv:1: the header row is not valid CSV: a quoted value must be followed by a comma or the end of the line; write a quote inside a quoted value as two quotes (\"\")")]
        public void Stop_the_import_before_any_record_with_a_clear_message(string text, string message)
        {
            var error = Assert.Throws<InputFormatException>(() => CanonicalCsv.Read(text));

            Assert.Equal(message, error.Message);
        }

        [Fact]
        public void Arguments_are_checked_when_called_not_when_enumerated()
        {
            Assert.Throws<ArgumentNullException>(() => CanonicalCsvReader.Read(null!, "x"));
            Assert.Throws<ArgumentException>(() => CanonicalCsvReader.Read(new StringReader(""), ""));
            Assert.Throws<ArgumentException>(() => CanonicalCsvReader.ReadFile(""));
        }
    }
}
