using ContactCost.Formats.Csv;
using System.Text;
using ContactCost.Interactions;

namespace ContactCost.Formats.Canonical;

/// <summary>
/// Writes interactions as canonical CSV (UTF-8 without byte order mark, LF line endings): the
/// fifteen canonical columns, then the extra columns named at construction.
/// </summary>
/// <remarks>
/// Timestamps are written in the given time zone with its offset, or in UTC with <c>Z</c>;
/// durations as seconds rounded to the millisecond, the precision the format keeps.
/// </remarks>
public sealed class CanonicalCsvWriter : IDisposable
{
    private const int FileBufferSize = 1 << 16;

    private readonly TextWriter writer;
    private readonly bool leaveOpen;
    private readonly TimeZoneInfo? timeZone;
    private readonly string[] extraColumns;
    private readonly CsvLineBuilder line = new();
    private bool disposed;

    /// <summary>Writes to <paramref name="writer"/>; extras of an interaction not named in <paramref name="extraColumns"/> are left out.</summary>
    public CanonicalCsvWriter(TextWriter writer, IEnumerable<string>? extraColumns = null, TimeZoneInfo? timeZone = null, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(writer);
        this.writer = writer;
        this.leaveOpen = leaveOpen;
        this.timeZone = timeZone;
        try
        {
            this.extraColumns = CheckExtraColumns(extraColumns);
            WriteHeader();
        }
        catch
        {
            if (!leaveOpen)
                writer.Dispose();
            throw;
        }
    }

    /// <summary>Creates (or replaces) the file at <paramref name="path"/> and writes to it.</summary>
    public CanonicalCsvWriter(string path, IEnumerable<string>? extraColumns = null, TimeZoneInfo? timeZone = null)
        : this(new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), FileBufferSize), extraColumns, timeZone)
    {
    }

    /// <summary>The interaction as one canonical CSV record (no header; its extra fields after the standard columns), for messages and quarantine files.</summary>
    public static string RecordOf(Interaction interaction)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        using var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        using (var writer = new CanonicalCsvWriter(text, interaction.Extra.Select(e => e.Key).Distinct(StringComparer.Ordinal), leaveOpen: true))
            writer.Write(interaction);
        var all = text.ToString();
        return all[(all.IndexOf('\n', StringComparison.Ordinal) + 1)..].TrimEnd('\n');
    }

    /// <summary>Writes one interaction as one record.</summary>
    public void Write(Interaction interaction)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        ObjectDisposedException.ThrowIf(disposed, this);

        line.Add(interaction.Id);
        line.Add(interaction.Channel.Name());
        line.Add(interaction.Direction.Name());
        line.Add(interaction.Customer);
        AddTimestamp(interaction.Start);
        AddTimestamp(interaction.End);
        AddDuration(interaction.Wait);
        AddDuration(interaction.Talk);
        AddDuration(interaction.Hold);
        AddDuration(interaction.Wrap);
        line.Add(interaction.Queue);
        line.Add(interaction.Agent);
        if (interaction.Units is { } units)
            line.Add(units);
        else
            line.Add([]);
        line.Add(interaction.Destination);
        line.Add(interaction.Resolved switch { true => "true", false => "false", null => "" });
        for (var i = 0; i < extraColumns.Length; i++)
            line.Add(ExtraValue(interaction.Extra, extraColumns[i], i));
        line.WriteLine(writer);
    }

    /// <summary>Pushes buffered text to the underlying writer.</summary>
    public void Flush()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        writer.Flush();
    }

    /// <summary>Flushes, and closes the underlying writer unless it was to be left open.</summary>
    public void Dispose()
    {
        if (disposed)
            return;
        disposed = true;
        writer.Flush();
        if (!leaveOpen)
            writer.Dispose();
    }

    private void WriteHeader()
    {
        foreach (var name in CanonicalColumns.All)
            line.Add(name);
        foreach (var name in extraColumns)
            line.Add(name);
        line.WriteLine(writer);
    }

    private void AddTimestamp(DateTimeOffset? value)
    {
        if (value is not { } instant)
        {
            line.Add([]);
            return;
        }

        var clock = timeZone is null ? instant.ToUniversalTime() : TimeZoneInfo.ConvertTime(instant, timeZone);
        line.Commit(IsoTimestamp.Format(clock, line.Reserve(IsoTimestamp.MaxLength), zeroAsZ: timeZone is null));
    }

    private void AddDuration(TimeSpan value) =>
        line.Commit(DurationSeconds.Format(value, line.Reserve(DurationSeconds.MaxLength)));

    /// <summary>The value of an extra column; interactions read from the same layout have it at the same position.</summary>
    private static string ExtraValue(IReadOnlyList<KeyValuePair<string, string>> extra, string column, int position)
    {
        if (position < extra.Count && string.Equals(extra[position].Key, column, StringComparison.OrdinalIgnoreCase))
            return extra[position].Value;
        foreach (var pair in extra)
        {
            if (string.Equals(pair.Key, column, StringComparison.OrdinalIgnoreCase))
                return pair.Value;
        }

        return "";
    }

    /// <summary>Extra names must be non-empty and distinct from each other and the canonical names, or the file could not be read back.</summary>
    private static string[] CheckExtraColumns(IEnumerable<string>? extraColumns)
    {
        var names = extraColumns?.ToArray() ?? [];
        var seen = new HashSet<string>(CanonicalColumns.All, StringComparer.OrdinalIgnoreCase);
        foreach (var name in names)
        {
            if (string.IsNullOrWhiteSpace(name) || name.Trim().Length != name.Length)
                throw new ArgumentException($"Extra column name '{name}' must be non-empty without surrounding spaces.", nameof(extraColumns));
            if (!seen.Add(name))
                throw new ArgumentException($"Extra column name '{name}' repeats a canonical or earlier extra column (names ignore case).", nameof(extraColumns));
        }

        return names;
    }
}
