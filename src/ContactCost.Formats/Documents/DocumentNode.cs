using System.Globalization;
using System.Text.Json;

namespace ContactCost.Formats.Documents;

/// <summary>
/// A value in a JSON document together with its path, so that every validation error can say
/// exactly where it is: <c>charges[2].unitPrice must be a decimal, as a number or a string</c>.
/// </summary>
internal readonly struct DocumentNode
{
    private readonly JsonElement element;

    private DocumentNode(JsonElement element, string file, string path)
    {
        this.element = element;
        File = file;
        Path = path;
    }

    public string File { get; }

    public string Path { get; }

    public JsonValueKind Kind => element.ValueKind;

    /// <summary>Parses a whole document; a syntax error names its line.</summary>
    public static DocumentNode Parse(string json, string file, out JsonDocument document)
    {
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $"line {line + 1}: " : "";
            throw new DocumentException(file, "", $"is not valid JSON: {where}{FirstSentence(e.Message)}", e);
        }

        return new DocumentNode(document.RootElement, file, "");
    }

    public DocumentException Error(string problem) => new(File, Path, problem);

    /// <summary>A property that must be there.</summary>
    public DocumentNode Required(string name) =>
        Optional(name) ?? throw new DocumentException(File, Child(name), "is required");

    /// <summary>A property that may be missing (or null).</summary>
    public DocumentNode? Optional(string name)
    {
        ExpectObject();
        return element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? new DocumentNode(value, File, Child(name))
            : null;
    }

    /// <summary>Fails on a property not in <paramref name="allowed"/>, suggesting the one meant when only case differs.</summary>
    public void OnlyProperties(params string[] allowed)
    {
        ExpectObject();
        foreach (var property in element.EnumerateObject())
        {
            if (Array.IndexOf(allowed, property.Name) >= 0)
                continue;
            var meant = allowed.FirstOrDefault(a => string.Equals(a, property.Name, StringComparison.OrdinalIgnoreCase));
            var hint = meant is null ? $"; expected one of: {string.Join(", ", allowed)}" : $"; did you mean '{meant}'?";
            throw new DocumentException(File, Child(property.Name), $"is not a known property{hint}");
        }
    }

    public IEnumerable<DocumentNode> Items()
    {
        if (element.ValueKind != JsonValueKind.Array)
            throw Error($"must be an array, not {Describe(element.ValueKind)}");
        var file = File;
        var path = Path;
        return element.EnumerateArray().Select((item, i) => new DocumentNode(item, file, $"{path}[{i}]"));
    }

    public IEnumerable<(string Name, DocumentNode Value)> Properties()
    {
        ExpectObject();
        var file = File;
        var path = Path;
        return element.EnumerateObject().Select(p => (p.Name, new DocumentNode(p.Value, file, Join(path, p.Name))));
    }

    public string String()
    {
        if (element.ValueKind != JsonValueKind.String)
            throw Error($"must be a string, not {Describe(element.ValueKind)}");
        return element.GetString()!;
    }

    /// <summary>A decimal written as a JSON number or a string ("0.0125"), read exactly, never through double.</summary>
    public decimal Decimal()
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Number when element.TryGetDecimal(out var number):
                return number;
            case JsonValueKind.String when decimal.TryParse(element.GetString(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var parsed):
                return parsed;
            default:
                throw Error($"must be a decimal number such as 0.0125 (a JSON number or a string), not {Describe(element)}");
        }
    }

    public decimal NonNegativeDecimal()
    {
        var value = Decimal();
        return value >= 0m ? value : throw Error($"must not be negative (found {Invariant(value)})");
    }

    public decimal PositiveDecimal()
    {
        var value = Decimal();
        return value > 0m ? value : throw Error($"must be greater than 0 (found {Invariant(value)})");
    }

    public DateOnly Date()
    {
        var text = String();
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw Error($"must be a date written yyyy-MM-dd, not '{text}'");
    }

    /// <summary>One of a fixed set of names, with the set in the error.</summary>
    public T Choice<T>(TryParseName<T> parse, string allNames)
    {
        var text = String();
        return parse(text, out var value) ? value : throw Error($"is '{text}'; expected one of: {allNames}");
    }

    public delegate bool TryParseName<T>(string text, out T value);

    public static string Invariant(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private void ExpectObject()
    {
        if (element.ValueKind != JsonValueKind.Object)
            throw Error($"must be an object, not {Describe(element.ValueKind)}");
    }

    private string Child(string name) => Join(Path, name);

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{value.GetString()}\"",
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        _ => Describe(value.ValueKind),
    };

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
