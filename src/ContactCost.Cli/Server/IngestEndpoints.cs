using System.Text;
using System.Text.Json;
using ContactCost.Cli.Workflows;
using ContactCost.Formats.Import;
using ContactCost.Formats.Sources;
using ContactCost.Formats.Usage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace ContactCost.Cli.Server;

/// <summary>
/// Usage ingest and file import: <c>POST /api/interactions</c>, <c>/api/usage</c> and <c>/api/import</c>.
/// The body is spooled to a temporary file and read by the very readers and import workflow
/// <c>ccost import</c> uses, so a batch lands exactly as the same file would from the command line:
/// idempotent by id, a changed record with a known id refused as a conflict, a bad record refused
/// with its line and field. Refused records come back in the response, which is their quarantine.
/// </summary>
internal static class IngestEndpoints
{
    /// <summary>A refused record: where it is in the body, the field at fault, the value, why, and the record itself.</summary>
    /// <param name="Line">The 1-based line of the body where the record starts.</param>
    /// <param name="Index">In a JSON array, the item's 0-based position; null for a file.</param>
    /// <param name="Field">The column or JSON field at fault; empty when the whole record is.</param>
    /// <param name="Value">The value as sent.</param>
    /// <param name="Reason">What is wrong and what was expected.</param>
    /// <param name="Record">The record as sent (a CSV record, or the item's JSON), to fix and send again.</param>
    public sealed record RefusedJson(long Line, int? Index, string Field, string Value, string Reason, string Record);

    /// <summary>What a batch did; <c>read</c> = added + duplicates + conflicts + rejected.</summary>
    public sealed record ResultJson(
        string Format, long Read, long Added, long Duplicates, long Conflicts, long Rejected, IReadOnlyList<RefusedJson> Refused, IReadOnlyList<string> Warnings);

    /// <summary>The body limit of the upload routes, which a CDR export easily takes past the server's general limit.</summary>
    private sealed record UploadLimit(long? MaxRequestBodySize) : IRequestSizeLimitMetadata;

    /// <summary>
    /// Adds the ingest routes to <paramref name="app"/>: files (CSV, imports) up to the settings' upload
    /// limit, spooled to disk; JSON batches, parsed in memory, up to the general request limit.
    /// </summary>
    public static void Map(WebApplication app, ServerSettings settings)
    {
        var limit = new UploadLimit(settings.MaxUploadBytes);
        var jsonLimit = settings.MaxRequestBytes;
        app.MapPost("/api/interactions", (HttpContext c, StoreOpener s, CancellationToken ct) => BatchAsync(c, s, SourceFormat.Canonical, jsonLimit, ct))
            .WithSummary("Add a batch of canonical interactions (CSV or a JSON array); idempotent by id.")
            .Accepts<IReadOnlyList<Dictionary<string, JsonElement>>>("application/json", "text/csv")
            .Produces<ResultJson>()
            .ProducesValidationProblem()
            .WithMetadata(limit);
        app.MapPost("/api/usage", (HttpContext c, StoreOpener s, CancellationToken ct) => BatchAsync(c, s, SourceFormat.Usage, jsonLimit, ct))
            .WithSummary("Add a batch of usage records (CSV or a JSON array); idempotent by id.")
            .Accepts<IReadOnlyList<Dictionary<string, JsonElement>>>("application/json", "text/csv")
            .Produces<ResultJson>()
            .ProducesValidationProblem()
            .WithMetadata(limit);
        app.MapPost("/api/import", Import)
            .WithSummary("Import a source file (Asterisk, FreeSWITCH, Amazon Connect, Twilio, Zendesk, canonical or usage) as ccost import does.")
            .Accepts<string>("*/*")
            .Produces<ResultJson>()
            .ProducesValidationProblem()
            .WithMetadata(limit);
    }

    // A batch of canonical interactions or usage records, as CSV or as a JSON array of objects whose fields are the CSV's columns.
    private static async Task<IResult> BatchAsync(HttpContext context, StoreOpener stores, SourceFormat format, long jsonLimit, CancellationToken cancellationToken)
    {
        var type = context.Request.ContentType ?? "";
        using var spool = new Spool(format == SourceFormat.Usage ? "usage.csv" : "interactions.csv");
        if (type.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase))
        {
            await spool.FillAsync(context.Request.Body, cancellationToken).ConfigureAwait(false);
            return await ImportAsync(context, stores, spool, format, SourceOptions.Default, null, cancellationToken).ConfigureAwait(false);
        }

        if (!type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return Problems.UnsupportedMediaType("Send the batch as canonical CSV (Content-Type: text/csv) or as a JSON array (Content-Type: application/json).");
        }

        // A JSON batch is held in memory while it is turned into CSV, so it keeps the general limit.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit)
            bodyLimit.MaxRequestBodySize = jsonLimit;
        var (batch, error) = await JsonBatch.ReadAsync(context.Request.Body, cancellationToken).ConfigureAwait(false);
        if (error is not null)
            return error;
        batch!.WriteCsv(spool.Path);
        return await ImportAsync(context, stores, spool, format, SourceOptions.Default, batch, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IResult> Import(HttpContext context, StoreOpener stores, string? format, string? timeZone, string? columns, CancellationToken cancellationToken)
    {
        SourceFormat? named = null;
        if (format is not null)
            named = SourceFormatNames.TryParse(format, out var f) ? f : null;
        if (format is not null && named is null)
            return Problems.BadField("format", $"'{format}' is not a format ccost reads; use one of {string.Join(", ", SourceFormatNames.All)}.");
        TimeZoneInfo? zone = null;
        if (timeZone is not null)
        {
            (zone, var wrongZone) = Problems.TimeZone("timeZone", timeZone);
            if (wrongZone is not null)
                return wrongZone;
        }

        using var spool = new Spool("upload");
        await spool.FillAsync(context.Request.Body, cancellationToken).ConfigureAwait(false);
        SourceFormat kind;
        try
        {
            kind = named ?? SourceDetector.Detect(spool.Path)
                ?? throw new InputFormatException(spool.Path, 1, $"its format could not be told from its content; name it with ?format= ({string.Join(", ", SourceFormatNames.All)}), see docs/formats.md");
        }
        catch (InputFormatException e)
        {
            return Problems.BadField("format", spool.Plain(e.Message));
        }

        var warnings = new List<string>();
        if (kind.HasLocalTimes() && zone is null)
            warnings.Add("times without an offset are read as UTC; ?timeZone= names their zone");
        var options = new SourceOptions
        {
            TimeZone = zone ?? TimeZoneInfo.Utc,
            Columns = columns?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
            Warn = w => warnings.Add(spool.Plain(w)),
        };
        return await ImportAsync(context, stores, spool, kind, options, null, cancellationToken, warnings).ConfigureAwait(false);
    }

    // RecordImport over the spooled file, as ccost import runs it; refused records are collected instead of written to a quarantine file.
    private static async Task<IResult> ImportAsync(
        HttpContext context, StoreOpener stores, Spool spool, SourceFormat format, SourceOptions options, JsonBatch? batch, CancellationToken cancellationToken,
        List<string>? warnings = null)
    {
        var refused = new List<RefusedJson>();
        void Quarantine(Rejection r)
        {
            var item = batch?.ItemAt(r.Line);
            refused.Add(new RefusedJson(item?.Line ?? r.Line, item?.Index, r.Field, r.Value, spool.Plain(r.Reason), item?.Raw ?? r.Record));
        }

        var counts = RecordImport.Counts.None;
        foreach (var early in batch?.Refused ?? [])
        {
            refused.Add(early);
            counts += new RecordImport.Counts(1, 0, 0, 0, 1);
        }

        if (batch is null || batch.HasRows)
        {
            var tenant = ApiServer.Tenant(context);
            await using var store = await stores.OpenAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                counts += format == SourceFormat.Usage
                    ? await RecordImport.ImportAsync(store, tenant, spool.Path, UsageCsvReader.ReadFile(spool.Path), Quarantine, null, cancellationToken).ConfigureAwait(false)
                    : await RecordImport.ImportAsync(store, tenant, spool.Path, InteractionFiles.ReadFile(format, spool.Path, options), Quarantine, null, cancellationToken).ConfigureAwait(false);
            }
            catch (InputFormatException e)
            {
                return Problems.BadField("body", spool.Plain(e.Message));
            }
        }

        var ordered = refused.OrderBy(r => r.Line).ThenBy(r => r.Index).ToArray();
        return Results.Ok(new ResultJson(format.Name(), counts.Read, counts.Added, counts.Duplicates, counts.Conflicts, counts.Rejected, ordered, warnings ?? []));
    }

    /// <summary>A request body in a temporary file of its own (the readers read files), deleted with its folder afterwards.</summary>
    private sealed class Spool : IDisposable
    {
        private readonly string folder = Directory.CreateTempSubdirectory("ccost-api-").FullName;

        public Spool(string name) => Path = System.IO.Path.Combine(folder, name);

        public string Path { get; }

        public async Task FillAsync(Stream body, CancellationToken cancellationToken)
        {
            await using var file = new FileStream(Path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
            await body.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
        }

        // Messages name the spooled file; the caller knows it as the request body.
        public string Plain(string message) => message.Replace(Path, "body", StringComparison.Ordinal);

        public void Dispose() => Directory.Delete(folder, recursive: true);
    }

    /// <summary>
    /// A JSON array of flat objects turned into CSV whose columns are the objects' field names, so the
    /// CSV reader applies its rules; remembers which CSV line each item became, to report the item.
    /// </summary>
    private sealed class JsonBatch
    {
        private readonly List<string> columns = [];
        private readonly List<Item> items = [];
        private readonly Dictionary<long, Item> byCsvLine = [];

        /// <summary>An item of the array: its position, the body line it starts on, its JSON text and its fields as text.</summary>
        public sealed record Item(int Index, long Line, string Raw, Dictionary<string, string> Fields);

        /// <summary>Items refused before any reader saw them (not an object, a nested value, a field given twice).</summary>
        public List<RefusedJson> Refused { get; } = [];

        /// <summary>Whether any item goes on to the reader.</summary>
        public bool HasRows => items.Count > 0;

        /// <summary>The item written at CSV line <paramref name="csvLine"/>.</summary>
        public Item? ItemAt(long csvLine) => byCsvLine.GetValueOrDefault(csvLine);

        public static async Task<(JsonBatch? Batch, IResult? Error)> ReadAsync(Stream body, CancellationToken cancellationToken)
        {
            using var buffer = new MemoryStream();
            await body.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            try
            {
                return Parse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
            }
            catch (JsonException e)
            {
                return (null, Problems.BadField("body", $"line {e.LineNumber + 1}: the body is not valid JSON; send an array of objects."));
            }
        }

        public void WriteCsv(string path)
        {
            using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            writer.Write(string.Join(',', columns.Select(Quote)) + "\n");
            long line = 2;
            foreach (var item in items)
            {
                var record = string.Join(',', columns.Select(c => Quote(item.Fields.GetValueOrDefault(c, ""))));
                writer.Write(record + "\n");
                byCsvLine[line] = item;
                line += 1 + record.Count(ch => ch == '\n');
            }
        }

        private static (JsonBatch?, IResult?) Parse(ReadOnlySpan<byte> json)
        {
            var batch = new JsonBatch();
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
                return (null, Problems.BadField("body", "Send a JSON array of objects, one per record."));
            long line = 1, counted = 0;
            for (var index = 0; reader.Read() && reader.TokenType != JsonTokenType.EndArray; index++)
            {
                var start = (int)reader.TokenStartIndex;
                line += json[(int)counted..start].Count((byte)'\n');
                counted = start;
                using var item = JsonDocument.ParseValue(ref reader);
                batch.Add(index, line, item.RootElement);
            }

            reader.Read(); // past the end of the array: anything after it is an error
            return (batch, null);
        }

        private void Add(int index, long line, JsonElement element)
        {
            var raw = element.GetRawText();
            void Refuse(string field, string value, string reason) => Refused.Add(new RefusedJson(line, index, field, value, reason, raw));

            if (element.ValueKind != JsonValueKind.Object)
            {
                Refuse("", raw, "each item of the array must be a JSON object of fields");
                return;
            }

            var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var property in element.EnumerateObject())
            {
                string? text = property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString(),
                    JsonValueKind.Number => property.Value.GetRawText(),
                    JsonValueKind.True => "true",
                    JsonValueKind.False => "false",
                    JsonValueKind.Null => "",
                    _ => null,
                };
                if (text is null)
                {
                    Refuse(property.Name, property.Value.GetRawText(), "give text, a number, true, false or null here, not an object or an array");
                    return;
                }

                if (!fields.TryAdd(property.Name, text))
                {
                    Refuse(property.Name, text, "the field appears twice in the item (field names ignore case)");
                    return;
                }

                if (!columns.Contains(property.Name, StringComparer.OrdinalIgnoreCase))
                    columns.Add(property.Name);
            }

            items.Add(new Item(index, line, raw, fields));
        }

        private static string Quote(string value) =>
            value.Length == 0 ? "" : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
