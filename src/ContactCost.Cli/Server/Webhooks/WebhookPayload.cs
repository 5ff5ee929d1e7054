using System.Security.Cryptography;
using System.Text.Json;
using ContactCost.Storage;

namespace ContactCost.Cli.Server.Webhooks;

/// <summary>
/// The JSON a receiver gets for a low-balance delivery, the same bytes on every attempt, and its
/// signature: <c>sha256=</c> and the lower-case hex HMAC-SHA256 of the body under the tenant's secret.
/// </summary>
internal static class WebhookPayload
{
    /// <summary>The event type, in the body and the <c>X-ContactCost-Event</c> header.</summary>
    public const string EventType = "wallet.low_balance";

    /// <summary>The header that carries the signature.</summary>
    public const string SignatureHeader = "X-ContactCost-Signature";

    /// <summary>The body of <paramref name="delivery"/>.</summary>
    public static byte[] Body(WebhookDelivery delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("id", delivery.Id);
            json.WriteString("type", EventType);
            json.WriteString("tenant", delivery.Tenant.Value);
            json.WriteString("wallet", delivery.Wallet);
            json.WriteNumber("available", delivery.Available.Amount);
            json.WriteNumber("threshold", delivery.Threshold.Amount);
            json.WriteString("currency", delivery.Available.Currency.Code);
            json.WriteString("occurredAt", delivery.OccurredAt.ToUniversalTime());
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>The signature header's value for <paramref name="body"/> under <paramref name="secret"/>.</summary>
    public static string Signature(string secret, byte[] body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret), body));
}
