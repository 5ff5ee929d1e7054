using System.Globalization;
using System.Text.Json;
using ContactCost.Cli.Commands;
using ContactCost.Staffing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ContactCost.Cli.Server;

/// <summary>
/// <c>GET|POST /api/staffing</c>: agents needed for a volume, as <c>ccost staff --json</c> answers it (Erlang C, or
/// Erlang A with <c>patience</c>). The inputs are the command's options in camelCase, from the query or a JSON
/// object; durations are written <c>180s</c>, <c>3m</c>, <c>1h</c> or given as seconds.
/// </summary>
internal static class StaffingEndpoints
{
    /// <summary>The fields a staffing request may have.</summary>
    private static readonly string[] Fields = ["volume", "interval", "aht", "target", "answerWithin", "maxOccupancy", "shrinkage", "patience", "maxAbandon"];

    /// <summary>The JSON body of <c>POST /api/staffing</c>, for the OpenAPI document.</summary>
    private sealed record Body(double Volume, string? Interval, string Aht, double Target, string AnswerWithin, double? MaxOccupancy, decimal? Shrinkage, string? Patience, double? MaxAbandon);

    /// <summary>Adds the staffing routes to <paramref name="app"/>.</summary>
    public static void Map(WebApplication app)
    {
        app.MapGet("/api/staffing", (HttpContext context) => Answer(context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString())))
            .WithSummary("Agents needed for a volume to a service-level goal (ccost staff --json); the inputs in the query.")
            .Produces<StaffCommand.Json>()
            .ProducesValidationProblem();
        app.MapPost("/api/staffing", PostAsync)
            .WithSummary("Agents needed for a volume to a service-level goal (ccost staff --json); the inputs in a JSON object.")
            .Accepts<Body>("application/json")
            .Produces<StaffCommand.Json>()
            .ProducesValidationProblem();
    }

    private static async Task<IResult> PostAsync(HttpContext context, CancellationToken cancellationToken)
    {
        if (context.Request.ContentType is not { } type || !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            return Problems.Bad("Send a JSON body with Content-Type: application/json.");
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            return Problems.BadField("body", $"line {e.LineNumber + 1}: the body is not valid JSON.");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                return Problems.BadField("body", "Send a JSON object of the staffing inputs.");
            var fields = new Dictionary<string, string>();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Value.ValueKind is not (JsonValueKind.Number or JsonValueKind.String or JsonValueKind.Null))
                    return Problems.BadField(property.Name, "Give a number, or a duration such as \"180s\".");
                if (property.Value.ValueKind != JsonValueKind.Null)
                    fields[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
            }

            return Answer(fields);
        }
    }

    // One validation for the query and the body: the option rules of ccost staff, each error naming its field.
    private static IResult Answer(Dictionary<string, string> fields)
    {
        if (fields.Keys.FirstOrDefault(k => !Fields.Contains(k, StringComparer.Ordinal)) is { } unknown)
            return Problems.BadField(unknown, $"Unknown field; the fields are {string.Join(", ", Fields)}.");
        var errors = new List<(string Field, string Message)>();

        double? Number(string field, double low, double high, bool includeLow, bool includeHigh, string what)
        {
            if (!fields.TryGetValue(field, out var text))
                return null;
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                && (includeLow ? value >= low : value > low) && (includeHigh ? value <= high : value < high))
                return value;
            errors.Add((field, $"{field} is {what}, not '{text}'."));
            return null;
        }

        double? Fraction(string field, bool includeLow = false, bool includeHigh = false) =>
            Number(field, 0, 1, includeLow, includeHigh, $"a fraction {(includeLow ? "from" : "above")} 0 {(includeHigh ? "up to" : "below")} 1 (0.8 is 80%)");

        TimeSpan? Duration(string field)
        {
            if (!fields.TryGetValue(field, out var text))
                return null;
            if (CommonOptions.TryParseDuration(text, out var duration))
                return duration;
            errors.Add((field, $"{field} '{text}' is not a duration: write 20s, 30m or 1h, or give seconds."));
            return null;
        }

        void Require(string field)
        {
            if (!fields.ContainsKey(field))
                errors.Add((field, "The field is required."));
        }

        foreach (var field in new[] { "volume", "aht", "target", "answerWithin" })
            Require(field);
        var volume = Number("volume", 0, 1e9, includeLow: true, includeHigh: true, "a number of contacts from 0 to 1,000,000,000");
        var interval = Duration("interval") ?? TimeSpan.FromMinutes(30);
        var aht = Duration("aht");
        var target = Fraction("target");
        var within = Duration("answerWithin");
        var maxOccupancy = Fraction("maxOccupancy", includeHigh: true);
        var shrinkage = Fraction("shrinkage", includeLow: true);
        var patience = Duration("patience");
        var maxAbandon = Fraction("maxAbandon");
        if (fields.ContainsKey("maxAbandon") && !fields.ContainsKey("patience"))
            errors.Add(("maxAbandon", "maxAbandon needs patience: without it nobody abandons (Erlang C)."));
        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
                detail: string.Join(" ", errors.Select(e => $"{e.Field}: {e.Message}")), title: "The request is not valid.");
        }

        var request = new StaffingRequest(new Traffic(volume!.Value, interval, aht!.Value), new ServiceLevelTarget(target!.Value, within!.Value))
        {
            MaxOccupancy = maxOccupancy,
            Shrinkage = shrinkage is null ? null : decimal.Parse(fields["shrinkage"], NumberStyles.Float, CultureInfo.InvariantCulture),
            Patience = patience,
            MaxAbandon = maxAbandon,
        };
        return Results.Text(DocumentEndpoints.Serialize(StaffCommand.ToJson(StaffingResult.Solve(request))), "application/json");
    }
}
