using System.Text.Json;
using ContactCost.Formats.Import;

namespace ContactCost.Formats.Sources;

/// <summary>One JSON object of a source, read by property path: <c>Agent.Username</c> is <c>Username</c> inside <c>Agent</c>.</summary>
internal sealed class JsonSourceRecord(JsonElement element, long line, string source, SourceWarnings warnings, Rejection? problem = null)
    : SourceRecord(source, warnings)
{
    private const int LongestRaw = 4_000;

    public JsonElement Element { get; } = element;

    public override long Line { get; } = line;

    public override Rejection? Problem { get; } = problem;

    public override string Raw
    {
        get
        {
            var raw = Element.ValueKind == JsonValueKind.Undefined ? "" : Element.GetRawText();
            return raw.Length <= LongestRaw ? raw : string.Concat(raw.AsSpan(0, LongestRaw), "...");
        }
    }

    public override string? Text(string field)
    {
        if (Find(field) is not { } value)
            return null;
        var text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => value.GetRawText(),
        };
        text = text?.Trim();
        return string.IsNullOrEmpty(text) ? null : text;
    }

    /// <summary>The value at a dotted path, if every step is an object that has it (names match exactly first, then ignoring case).</summary>
    public JsonElement? Find(string path)
    {
        var current = Element;
        foreach (var name in path.Split('.'))
        {
            if (current.ValueKind != JsonValueKind.Object)
                return null;
            if (current.TryGetProperty(name, out var next))
            {
                current = next;
                continue;
            }

            var found = current.EnumerateObject().FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
            if (found.Value.ValueKind == JsonValueKind.Undefined)
                return null;
            current = found.Value;
        }

        return current;
    }
}
