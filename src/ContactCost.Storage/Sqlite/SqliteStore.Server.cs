using System.Globalization;
using ContactCost.Tenants;
using Microsoft.Data.Sqlite;

namespace ContactCost.Storage.Sqlite;

/// <summary>The server's half of the store: tenants it created, hashed API keys, webhooks and their outbox.</summary>
public sealed partial class SqliteStore
{
    private const string DeliveryColumns =
        "tenant_id, delivery_id, wallet_id, currency, available_minor, threshold_minor, occurred_ms, status, next_attempt_ms";

    /// <inheritdoc />
    public async Task<bool> AddTenantAsync(TenantSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        await using var command = Command(
            "INSERT INTO tenants (tenant_id, time_zone, updated_at) VALUES ($tenant, $zone, $now) ON CONFLICT (tenant_id) DO NOTHING",
            ("$tenant", settings.Tenant.Value), ("$zone", settings.TimeZone.Id), ("$now", Now()));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc />
    public async Task<bool> AddApiKeyAsync(TenantId tenant, byte[] keyHash, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ApiKeyHash.Check(keyHash);
        await using var command = Command(
            "INSERT INTO api_keys (key_hash, tenant_id, created_at) SELECT $hash, tenant_id, $now FROM tenants WHERE tenant_id = $tenant",
            ("$hash", keyHash), ("$tenant", tenant.Value), ("$now", now.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc />
    public async Task<TenantId?> FindApiKeyTenantAsync(byte[] keyHash, CancellationToken cancellationToken = default)
    {
        ApiKeyHash.Check(keyHash);
        await using var command = Command("SELECT tenant_id FROM api_keys WHERE key_hash = $hash", ("$hash", keyHash));
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string id ? TenantId.Parse(id) : null;
    }

    /// <inheritdoc />
    public async Task SaveWebhookAsync(TenantId tenant, WebhookSettings? webhook, CancellationToken cancellationToken = default)
    {
        await using var command = webhook is null
            ? Command("DELETE FROM webhooks WHERE tenant_id = $tenant", ("$tenant", tenant.Value))
            : Command(
                """
                INSERT INTO webhooks (tenant_id, url, secret, updated_at) VALUES ($tenant, $url, $secret, $now)
                ON CONFLICT (tenant_id) DO UPDATE SET url = excluded.url, secret = excluded.secret, updated_at = excluded.updated_at
                """,
                ("$tenant", tenant.Value), ("$url", webhook.Url.AbsoluteUri), ("$secret", (object?)webhook.Secret ?? DBNull.Value), ("$now", Now()));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<WebhookSettings?> GetWebhookAsync(TenantId tenant, CancellationToken cancellationToken = default)
    {
        await using var command = Command("SELECT url, secret FROM webhooks WHERE tenant_id = $tenant", ("$tenant", tenant.Value));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new WebhookSettings(new Uri(reader.GetString(0)), reader.IsDBNull(1) ? null : reader.GetString(1))
            : null;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<WebhookDelivery>> GetWebhookDeliveriesAsync(TenantId tenant, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var command = Command(
            $"SELECT {DeliveryColumns} FROM webhook_deliveries WHERE tenant_id = $tenant ORDER BY occurred_ms DESC, delivery_id DESC LIMIT $limit",
            ("$tenant", tenant.Value), ("$limit", limit));
        return await ReadDeliveriesAsync(command, null, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<DueDelivery>> ClaimWebhookDeliveriesAsync(DateTimeOffset now, DateTimeOffset leaseUntil, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        // Immediate: two processes on the file never take the same delivery.
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using var claim = Command(
            $"""
            UPDATE webhook_deliveries SET next_attempt_ms = $lease
            WHERE status = 'pending' AND (tenant_id, delivery_id) IN (
                SELECT tenant_id, delivery_id FROM webhook_deliveries
                WHERE status = 'pending' AND next_attempt_ms <= $now ORDER BY next_attempt_ms LIMIT $limit)
            RETURNING {DeliveryColumns}
            """,
            ("$lease", Ms(leaseUntil)), ("$now", Ms(now)), ("$limit", limit));
        claim.Transaction = transaction;
        var deliveries = await ReadDeliveriesAsync(claim, transaction, cancellationToken).ConfigureAwait(false);

        var due = new List<DueDelivery>(deliveries.Count);
        var webhooks = new Dictionary<TenantId, WebhookSettings?>();
        foreach (var delivery in deliveries.OrderBy(d => d.NextAttemptAt))
        {
            if (!webhooks.TryGetValue(delivery.Tenant, out var webhook))
            {
                await using var find = Command("SELECT url, secret FROM webhooks WHERE tenant_id = $tenant", ("$tenant", delivery.Tenant.Value));
                find.Transaction = transaction;
                await using var reader = await find.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                webhook = webhooks[delivery.Tenant] = await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
                    ? new WebhookSettings(new Uri(reader.GetString(0)), reader.IsDBNull(1) ? null : reader.GetString(1))
                    : null;
            }

            due.Add(new DueDelivery(delivery, webhook));
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return due;
    }

    /// <inheritdoc />
    public async Task<bool> RecordWebhookAttemptAsync(
        TenantId tenant, string deliveryId, WebhookAttempt attempt, DeliveryStatus status, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using var update = Command(
            """
            UPDATE webhook_deliveries SET status = $status, attempts = $number, next_attempt_ms = $next
            WHERE tenant_id = $tenant AND delivery_id = $id AND status = 'pending' AND attempts = $number - 1
            """,
            ("$status", StoreRows.StatusName(status)), ("$number", attempt.Number), ("$next", Ms(nextAttemptAt)),
            ("$tenant", tenant.Value), ("$id", deliveryId));
        update.Transaction = transaction;
        if (await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
            return false;

        await using var insert = Command(
            """
            INSERT INTO webhook_attempts (tenant_id, delivery_id, attempt, attempted_ms, http_status, error)
            VALUES ($tenant, $id, $number, $at, $http, $error)
            """,
            ("$tenant", tenant.Value), ("$id", deliveryId), ("$number", attempt.Number), ("$at", Ms(attempt.At)),
            ("$http", (object?)attempt.HttpStatus ?? DBNull.Value), ("$error", (object?)attempt.Error ?? DBNull.Value));
        insert.Transaction = transaction;
        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    // The deliveries a command selects, each with its attempts.
    private async Task<List<WebhookDelivery>> ReadDeliveriesAsync(SqliteCommand command, SqliteTransaction? transaction, CancellationToken cancellationToken)
    {
        var rows = await StoreRows.ListAsync(command, r => Rows.Delivery(r, []), cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < rows.Count; i++)
        {
            await using var attempts = Command(
                "SELECT delivery_id, attempt, attempted_ms, http_status, error FROM webhook_attempts WHERE tenant_id = $tenant AND delivery_id = $id ORDER BY attempt",
                ("$tenant", rows[i].Tenant.Value), ("$id", rows[i].Id));
            attempts.Transaction = transaction;
            rows[i] = rows[i] with { Attempts = await StoreRows.ListAsync(attempts, Rows.Attempt, cancellationToken).ConfigureAwait(false) };
        }

        return rows;
    }
}
