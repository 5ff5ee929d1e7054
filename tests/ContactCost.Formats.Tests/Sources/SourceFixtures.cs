using System.Text;
using ContactCost.Formats.Import;
using ContactCost.Interactions;

namespace ContactCost.Tests.Sources;

/// <summary>The fixture files written for each source format, and helpers to read them.</summary>
internal static class SourceFixtures
{
    public static string Path(string format, string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", format, name);

    public static byte[] Bytes(string format, string name) => File.ReadAllBytes(Path(format, name));

    public static MemoryStream Stream(string text, bool byteOrderMark = false) => new([.. (byteOrderMark ? "\uFEFF"u8.ToArray() : []), .. Encoding.UTF8.GetBytes(text)]);

    /// <summary>The interactions read, by id; fails on any rejection.</summary>
    public static Dictionary<string, Interaction> Accepted(IEnumerable<ReadResult<Interaction>> results)
    {
        var list = results.ToList();
        var rejected = list.Where(r => r.Rejection is not null).Select(r => r.Rejection!.ToString()).ToList();
        Assert.True(rejected.Count == 0, string.Join('\n', rejected));
        return list.ToDictionary(r => r.Item!.Id, r => r.Item!);
    }

    public static Rejection SingleRejection(IEnumerable<ReadResult<Interaction>> results) =>
        Assert.Single(results, r => r.Rejection is not null).Rejection!;

    public static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    public static DateTimeOffset Utc(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture).ToUniversalTime();

    public static TimeZoneInfo NewYork => TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
}
