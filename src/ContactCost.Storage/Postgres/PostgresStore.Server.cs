using ContactCost.Tenants;
using Npgsql;

namespace ContactCost.Storage.Postgres;

/// <summary>The server's half of the store: tenants it created, hashed API keys, webhooks and their outbox.</summary>
public sealed partial class PostgresStore
{
    private const string DeliveryColumns =
        "tenant_id, delivery_id, wallet_id, currency, available_minor, threshold_minor, occurred_at, status, next_attempt_at";

    /// <inheritdoc />
    public async Task<bool> AddTenantAsync(TenantSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(
            connection,
            "INSERT INTO tenants (tenant_id, time_zone, updated_at) VALUES (@tenant, @zone, now()) ON CONFLICT (tenant_id) DO NOTHING",
            ("tenant", settings.Tenant.Value), ("zone", settings.TimeZone.Id));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc />
    public async Task<bool> AddApiKeyAsync(TenantId tenant, byte[] keyHash, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ApiKeyHash.Check(keyHash);
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(
            connection,
            "INSERT INTO api_keys (key_hash, tenant_id, created_at) SELECT @hash, tenant_id, @now FROM tenants WHERE tenant_id = @tenant",
            ("hash", keyHash), ("tenant", tenant.Value), ("now", At(now)));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc />
    public async Task<TenantId?> FindApiKeyTenantAsync(byte[] keyHash, CancellationToken cancellationToken = default)
    {
        ApiKeyHash.Check(keyHash);
        return await ScalarAsync<string>("SELECT tenant_id FROM api_keys WHERE key_hash = @hash", cancellationToken, ("hash", keyHash)).ConfigureAwait(false) is { } id
            ? TenantId.Parse(id)
            : null;
    }

    /// <inheritdoc />
    public Task SaveWebhookAsync(TenantId tenant, WebhookSettings? webhook, CancellationToken cancellationToken = default) => webhook is null
        ? ExecuteAsync("DELETE FROM webhooks WHERE tenant_id = @tenant", cancellationToken, ("tenant", tenant.Value))
        : ExecuteAsync(
            """
            INSERT INTO webhooks (tenant_id, url, secret, updated_at) VALUES (@tenant, @url, @secret::text, now())
            ON CONFLICT (tenant_id) DO UPDATE SET url = excluded.url, secret = excluded.secret, updated_at = excluded.updated_at
            """,
            cancellationToken, ("tenant", tenant.Value), ("url", webhook.Url.AbsoluteUri), ("secret", webhook.Secret));

    /// <inheritdoc />
    public async Task<WebhookSettings?> GetWebhookAsync(TenantId tenant, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, "SELECT url, secret FROM webhooks WHERE tenant_id = @tenant", ("tenant", tenant.Value));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new WebhookSettings(new Uri(reader.GetString(0)), reader.IsDBNull(1) ? null : reader.GetString(1))
            : null;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<WebhookDelivery>> GetWebhookDeliveriesAsync(TenantId tenant, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(
            connection,
            $"SELECT {DeliveryColumns} FROM webhook_deliveries WHERE tenant_id = @tenant ORDER BY occurred_at DESC, delivery_id DESC LIMIT @limit",
            ("tenant", tenant.Value), ("limit", limit));
        var deliveries = await StoreRows.ListAsync(command, r => Rows.Delivery(r, []), cancellationToken).ConfigureAwait(false);
        return await WithAttemptsAsync(connection, deliveries, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<DueDelivery>> ClaimWebhookDeliveriesAsync(DateTimeOffset now, DateTimeOffset leaseUntil, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        // SKIP LOCKED: senders in several processes each take other deliveries instead of waiting.
        // The one query that spans tenants; under Citus it fans out to every shard's few pending rows.
        await using var command = Command(
            connection,
            $"""
            UPDATE webhook_deliveries AS d SET next_attempt_at = @lease
            FROM (SELECT tenant_id, delivery_id FROM webhook_deliveries
                  WHERE status = 'pending' AND next_attempt_at <= @now
                  ORDER BY next_attempt_at LIMIT @limit
                  FOR UPDATE SKIP LOCKED) AS due
            WHERE d.tenant_id = due.tenant_id AND d.delivery_id = due.delivery_id
            RETURNING d.tenant_id, d.delivery_id, d.wallet_id, d.currency, d.available_minor, d.threshold_minor, d.occurred_at, d.status, d.next_attempt_at,
                      (SELECT url FROM webhooks AS w WHERE w.tenant_id = d.tenant_id),
                      (SELECT secret FROM webhooks AS w WHERE w.tenant_id = d.tenant_id)
            """,
            ("lease", At(leaseUntil)), ("now", At(now)), ("limit", limit));
        var claimed = await StoreRows.ListAsync(command, r => (Delivery: Rows.Delivery(r, []),
            Webhook: r.IsDBNull(9) ? null : new WebhookSettings(new Uri(r.GetString(9)), r.IsDBNull(10) ? null : r.GetString(10))), cancellationToken).ConfigureAwait(false);
        var deliveries = await WithAttemptsAsync(connection, claimed.Select(c => c.Delivery).ToList(), cancellationToken).ConfigureAwait(false);
        return deliveries.Select((d, i) => new DueDelivery(d, claimed[i].Webhook)).ToArray();
    }

    /// <inheritdoc />
    public async Task<bool> RecordWebhookAttemptAsync(
        TenantId tenant, string deliveryId, WebhookAttempt attempt, DeliveryStatus status, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        // One statement: the attempt is inserted only when the delivery was still pending at the expected count.
        await using var command = Command(
            connection,
            """
            WITH updated AS (
                UPDATE webhook_deliveries SET status = @status, attempts = @number, next_attempt_at = @next
                WHERE tenant_id = @tenant AND delivery_id = @id AND status = 'pending' AND attempts = @number - 1
                RETURNING tenant_id, delivery_id)
            INSERT INTO webhook_attempts (tenant_id, delivery_id, attempt, attempted_at, http_status, error)
            SELECT tenant_id, delivery_id, @number, @at, @http::integer, @error::text FROM updated
            """,
            ("status", StoreRows.StatusName(status)), ("number", attempt.Number), ("next", At(nextAttemptAt)), ("tenant", tenant.Value),
            ("id", deliveryId), ("at", At(attempt.At)), ("http", attempt.HttpStatus), ("error", attempt.Error));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    // The deliveries, each with its attempts, read in one query.
    private static async Task<List<WebhookDelivery>> WithAttemptsAsync(NpgsqlConnection connection, List<WebhookDelivery> deliveries, CancellationToken cancellationToken)
    {
        if (deliveries.Count == 0)
            return deliveries;
        await using var command = Command(
            connection,
            """
            SELECT a.delivery_id, a.attempt::bigint, a.attempted_at, a.http_status::bigint, a.error
            FROM webhook_attempts AS a JOIN unnest(@tenants, @ids) AS d (tenant_id, delivery_id)
              ON a.tenant_id = d.tenant_id AND a.delivery_id = d.delivery_id
            ORDER BY a.delivery_id, a.attempt
            """,
            ("tenants", deliveries.Select(d => d.Tenant.Value).ToArray()), ("ids", deliveries.Select(d => d.Id).ToArray()));
        var attempts = (await StoreRows.ListAsync(command, r => (Id: r.GetString(0), Attempt: Rows.Attempt(r)), cancellationToken).ConfigureAwait(false))
            .ToLookup(a => a.Id, a => a.Attempt, StringComparer.Ordinal);
        return deliveries.Select(d => d with { Attempts = attempts[d.Id].ToArray() }).ToList();
    }
}
