using ContactCost.Tenants;

namespace ContactCost.Storage;

/// <summary>Where a tenant's low-balance notifications are posted, and the secret that signs them.</summary>
/// <param name="Url">An absolute http or https URL.</param>
/// <param name="Secret">The HMAC-SHA256 key of the signature header, or null to send unsigned.</param>
public sealed record WebhookSettings(Uri Url, string? Secret);

/// <summary>Where a webhook delivery stands.</summary>
public enum DeliveryStatus
{
    /// <summary>Not delivered yet; it is sent again at its next attempt time.</summary>
    Pending,

    /// <summary>The receiver answered 2xx; it is never sent again.</summary>
    Delivered,

    /// <summary>Every attempt failed; it is not sent again.</summary>
    Failed,
}

/// <summary>One try at posting a delivery.</summary>
/// <param name="Number">1 for the first attempt.</param>
/// <param name="At">When it was sent.</param>
/// <param name="HttpStatus">The receiver's status code, or null when no answer came.</param>
/// <param name="Error">Why no answer came (timeout, refused connection), or null.</param>
public sealed record WebhookAttempt(int Number, DateTimeOffset At, int? HttpStatus, string? Error);

/// <summary>
/// A low-balance notification in the outbox: written in the transaction that recorded the wallet's
/// crossing, so none is lost, and posted by the server until the receiver takes it.
/// </summary>
/// <param name="Id">The event's id, the same on every attempt, for the receiver to drop repeats.</param>
/// <param name="Tenant">The wallet's tenant.</param>
/// <param name="Wallet">The wallet that crossed its threshold.</param>
/// <param name="Available">Its available credit right after the crossing.</param>
/// <param name="Threshold">Its low-balance threshold.</param>
/// <param name="OccurredAt">When the wallet crossed it.</param>
/// <param name="Status">Pending, delivered or failed.</param>
/// <param name="NextAttemptAt">When a pending delivery is due.</param>
/// <param name="Attempts">Every attempt so far, in order.</param>
public sealed record WebhookDelivery(
    string Id, TenantId Tenant, string Wallet, Money Available, Money Threshold, DateTimeOffset OccurredAt,
    DeliveryStatus Status, DateTimeOffset NextAttemptAt, IReadOnlyList<WebhookAttempt> Attempts)
{
    /// <summary>A new delivery id: a version 7 UUID, so ids sort by the time they were made.</summary>
    internal static string NewId(DateTimeOffset at) => Guid.CreateVersion7(at).ToString();
}

/// <summary>A delivery taken to be sent, with the tenant's webhook as it is now (null when it was removed).</summary>
/// <param name="Delivery">The delivery.</param>
/// <param name="Webhook">Where to post it.</param>
public sealed record DueDelivery(WebhookDelivery Delivery, WebhookSettings? Webhook);
