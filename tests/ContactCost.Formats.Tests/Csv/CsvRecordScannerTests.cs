using CsCheck;
using ContactCost.Formats.Csv;
using ContactCost.Tests.Canonical;

namespace ContactCost.Tests.Csv;

public class CsvRecordScannerTests
{
    // What the scanner cares about: delimiters, quotes, both line endings, U+FFFD, blanks, short and long text.
    private static readonly string[] Parts = [",", ",", ",", "\"", "\r", "\n", "\r\n", "\uFFFD", " ", "a", "bc", "defghijklmnopqrstu", "0123456789"];

    private static readonly Gen<string> Text = Gen.Int[0, Parts.Length - 1].Select(i => Parts[i]).Array[0, 400].Select(parts => string.Concat(parts));

    [Fact]
    public void Scanning_SixteenCharactersAtATime_FindsWhatTheCharacterScanFinds() =>
        Gen.Select(Text, Gen.Int[1, 64]).Sample((text, chunk) =>
            Assert.Equal(Records(text, chunk, vectorized: false), Records(text, chunk, vectorized: true)));

    [Theory]
    [InlineData("id,channel\nc1,voice\n")]
    [InlineData("a,b\r\nc,\"d,e\"\r\n\r\nf\rg,h")]
    [InlineData("x,\"never closed\n1,2\n")]
    [InlineData("a,b\uFFFD,c\nd,e,f\n")]
    public void Scanning_SixteenCharactersAtATime_AgreesOnKnownCases(string text) =>
        Assert.Equal(Records(text, 3, vectorized: false), Records(text, 3, vectorized: true));

    // Every record as line, fields, problem and raw text, read chunk characters at a time so records cross the buffer's end.
    private static List<string> Records(string text, int chunk, bool vectorized)
    {
        var scanner = new CsvRecordScanner(new TrickleReader(text, chunk), "t.csv", vectorized);
        var records = new List<string>();
        while (scanner.MoveNext())
        {
            var fields = Enumerable.Range(0, scanner.FieldCount).Select(f => scanner[f].ToString());
            records.Add($"{scanner.Line}|{string.Join("¦", fields)}|{scanner.Problem}|{scanner.RawRecord.ToString()}");
        }

        return records;
    }
}
