using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ContactCost.Invoicing;

namespace ContactCost.Storage;

/// <summary>An issued invoice as the store keeps it: a JSON document with its lines, read back exactly as issued.</summary>
internal static class InvoiceDocument
{
    public static string Write(Invoice invoice)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("number", invoice.Number);
            w.WriteString("kind", invoice.Kind == InvoiceKind.Invoice ? "invoice" : "adjustment");
            w.WriteString("period", invoice.Period);
            w.WriteString("currency", invoice.Currency.Code);
            w.WriteNumber("taxRate", invoice.TaxRate);
            w.WriteNumber("subtotal", invoice.Subtotal.Amount);
            w.WriteNumber("tax", invoice.Tax.Amount);
            w.WriteNumber("total", invoice.Total.Amount);
            if (invoice.Corrects is { } corrects)
                w.WriteString("corrects", corrects);
            w.WriteString("issuedAt", invoice.IssuedAt);
            w.WriteStartArray("lines");
            foreach (var line in invoice.Lines)
            {
                w.WriteStartObject();
                w.WriteString("chargeId", line.ChargeId);
                if (line.Description is { } description)
                    w.WriteString("description", description);
                w.WriteNumber("quantity", line.Quantity);
                w.WriteNumber("amount", line.Amount.Amount);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static Invoice Read(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var currency = Currency.FromCode(root.GetProperty("currency").GetString()!);
        Money Amount(JsonElement e, string name) => new(e.GetProperty(name).GetDecimal(), currency);
        var lines = root.GetProperty("lines").EnumerateArray()
            .Select(l => new InvoiceLine(
                l.GetProperty("chargeId").GetString()!,
                l.TryGetProperty("description", out var d) ? d.GetString() : null,
                l.GetProperty("quantity").GetDecimal(),
                Amount(l, "amount")))
            .ToArray();
        return new Invoice(
            root.GetProperty("number").GetString()!,
            root.GetProperty("kind").GetString() == "invoice" ? InvoiceKind.Invoice : InvoiceKind.Adjustment,
            root.GetProperty("period").GetString()!,
            currency,
            lines,
            root.GetProperty("taxRate").GetDecimal(),
            Amount(root, "subtotal"),
            Amount(root, "tax"),
            Amount(root, "total"),
            root.TryGetProperty("corrects", out var c) ? c.GetString() : null,
            root.GetProperty("issuedAt").GetDateTimeOffset());
    }

    /// <summary>The number of the <paramref name="sequence"/>th document of a kind.</summary>
    public static string Number(InvoiceKind kind, long sequence) =>
        (kind == InvoiceKind.Invoice ? "INV-" : "ADJ-") + sequence.ToString("D6", CultureInfo.InvariantCulture);
}
