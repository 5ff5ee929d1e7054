using ContactCost.Formats.Canonical;
using ContactCost.Formats.Import;
using ContactCost.Interactions;

namespace ContactCost.Tests.Canonical;

/// <summary>Small helpers shared by the canonical CSV tests.</summary>
internal static class CanonicalCsv
{
    public const string Source = "calls.csv";

    public static List<ReadResult<Interaction>> Read(string text) => [.. CanonicalCsvReader.Read(new StringReader(text), Source)];

    /// <summary>Reads through a reader that hands out at most <paramref name="chunk"/> characters per call, so records straddle every buffer edge.</summary>
    public static List<ReadResult<Interaction>> ReadInChunks(string text, int chunk) => [.. CanonicalCsvReader.Read(new TrickleReader(text, chunk), Source)];

    public static Rejection SingleRejection(string text) => Assert.Single(Read(text)).Rejection ?? throw new InvalidOperationException("The record was accepted.");

    // Copied next to the test assembly by the project file: source paths are not real paths in a
    // deterministic CI build (they map to /_/), so [CallerFilePath] cannot find them.
    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Canonical", "Fixtures", name);
}

/// <summary>A folder under the temp directory that is deleted with everything in it.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(FullPath);

    public string FullPath { get; } = Path.Combine(Path.GetTempPath(), "contactcost-tests-" + Guid.NewGuid().ToString("N"));

    public string File(string name) => Path.Combine(FullPath, name);

    public void Dispose() => Directory.Delete(FullPath, recursive: true);
}

/// <summary>A text reader that returns few characters per read, as a slow stream or pipe does.</summary>
internal sealed class TrickleReader(string text, int chunk) : TextReader
{
    private int position;

    public override int Read(char[] buffer, int index, int count)
    {
        var length = Math.Min(Math.Min(count, chunk), text.Length - position);
        text.CopyTo(position, buffer, index, length);
        position += length;
        return length;
    }
}
