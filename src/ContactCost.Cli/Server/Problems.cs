using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace ContactCost.Cli.Server;

/// <summary>
/// Errors as RFC 7807 problem details, and request bodies read with errors that name the field.
/// </summary>
internal static class Problems
{
    /// <summary>The JSON options of request and response bodies: camelCase, numbers as JSON numbers.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>400: a field of the request is wrong; the problem names it.</summary>
    public static IResult BadField(string field, string message) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, detail: $"{field}: {message}", title: "The request is not valid.");

    /// <summary>400 with a message that names no single field.</summary>
    public static IResult Bad(string message) => Results.Problem(message, statusCode: StatusCodes.Status400BadRequest, title: "The request is not valid.");

    /// <summary>404: no such thing for this tenant (another tenant's things are not found either).</summary>
    public static IResult NotFound(string message) => Results.Problem(message, statusCode: StatusCodes.Status404NotFound, title: "Not found.");

    /// <summary>409: the request contradicts what is stored; the message says how to do it instead.</summary>
    public static IResult Conflict(string message) => Results.Problem(message, statusCode: StatusCodes.Status409Conflict, title: "Conflict.");

    /// <summary>415: the body is not of a type the route reads; <paramref name="message"/> says which it takes.</summary>
    public static IResult UnsupportedMediaType(string message) =>
        Results.Problem(message, statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type.");

    /// <summary>The time zone named in <paramref name="field"/>, or a 400 that says how to name one.</summary>
    public static (TimeZoneInfo? Zone, IResult? Error) TimeZone(string field, string name) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(name, out var zone)
            ? (zone, null)
            : (null, BadField(field, $"'{name}' is not a time zone this server knows; use an IANA name such as America/New_York."));

    /// <summary>401: no key, or a key that was never issued.</summary>
    public static IResult Unauthorized(string message) => Results.Problem(message, statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized.");

    /// <summary>
    /// The body as <typeparamref name="T"/>, or a 400 naming the field that is malformed or missing.
    /// <paramref name="required"/> lists the properties that must be present.
    /// </summary>
    public static async Task<(T? Body, IResult? Error)> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken, params (string Field, Func<T, object?> Value)[] required)
        where T : class
    {
        if (request.ContentType is not { } type || !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            return (null, Bad("Send a JSON body with Content-Type: application/json."));
        T? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<T>(request.Body, Json, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            var field = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "body" : e.Path.TrimStart('$', '.');
            return (null, BadField(field, Explain(e)));
        }

        if (body is null)
            return (null, BadField("body", "The body is empty or null; send a JSON object."));
        foreach (var (field, value) in required)
        {
            if (value(body) is null or "")
                return (null, BadField(field, "The field is required."));
        }

        return (body, null);
    }

    // The serializer's messages name our internal types; say what is wrong in the caller's terms.
    private static string Explain(JsonException e) => e.Message switch
    {
        var m when m.StartsWith("The JSON value could not be converted", StringComparison.Ordinal) => "The value has the wrong type or format (see docs/api.md).",
        var m when m.Contains("could not be mapped to any .NET member", StringComparison.Ordinal) => "Unknown field.",
        var m => m.Split(" Path:")[0].Split(" LineNumber:")[0],
    };
}
