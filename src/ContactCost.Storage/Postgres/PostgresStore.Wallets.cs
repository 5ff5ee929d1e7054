using System.Globalization;
using ContactCost.Tenants;
using ContactCost.Wallets;
using Npgsql;

namespace ContactCost.Storage.Postgres;

/// <summary>
/// The wallet half of the store: each batch is one transaction that first locks the rows of the
/// wallets it names, in id order, so two processes never spend the same credit and never deadlock
/// on each other.
/// </summary>
public sealed partial class PostgresStore
{
    // A batch that collides with another writer (the same new wallet or operation id at the same
    // moment) is run again from the start: by then the other one is committed and visible.
    private const int WalletAttempts = 10;

    /// <inheritdoc />
    public async Task<IReadOnlyList<WalletResult>> ExecuteWalletOperationsAsync(
        TenantId tenant, IReadOnlyList<WalletOperation> operations, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operations);
        if (operations.Count == 0)
            return [];

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TryWalletOperationsAsync(tenant, operations, now, cancellationToken).ConfigureAwait(false);
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected)
            {
                if (attempt == WalletAttempts)
                {
                    throw new StoreException(
                        $"Wallet operations collided with other writers {attempt} times in a row ({e.MessageText}); nothing of the batch was applied. Send it again.", e);
                }
            }
        }
    }

    private async Task<IReadOnlyList<WalletResult>> TryWalletOperationsAsync(
        TenantId tenant, IReadOnlyList<WalletOperation> operations, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var batch = new WalletBatch(connection, tenant, now);
        await batch.LockWalletsAsync(operations, cancellationToken).ConfigureAwait(false);
        await batch.LoadFirstResultsAsync(operations.Select(o => o.OperationId), cancellationToken).ConfigureAwait(false);
        var results = new WalletResult[operations.Count];
        for (var i = 0; i < operations.Count; i++)
            results[i] = await batch.ExecuteAsync(operations[i], cancellationToken).ConfigureAwait(false);
        await batch.SaveAsync(cancellationToken).ConfigureAwait(false);
        await batch.FlushAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return results;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<UnchargedUsage>> ReadUnchargedUsageAsync(TenantId tenant, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(
            connection,
            $"SELECT source, id, start_at, usage_minor FROM ({UnchargedSql}) AS uncharged ORDER BY start_at, source, id LIMIT @limit",
            ("tenant", tenant.Value), ("limit", limit));
        return await StoreRows.ListAsync(command, Rows.Uncharged, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<(long Count, long AmountMinorUnits)> SumUnchargedUsageAsync(TenantId tenant, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(
            connection, $"SELECT COUNT(*), COALESCE(SUM(usage_minor), 0)::bigint FROM ({UnchargedSql}) AS uncharged", ("tenant", tenant.Value));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    // Rated items with an amount that no wallet operation 'usage:{source}:{id}' has charged yet.
    private const string UnchargedSql =
        """
        SELECT 'interaction' AS source, id, start_at, usage_minor FROM interactions AS item
        WHERE tenant_id = @tenant AND usage_minor > 0
          AND NOT EXISTS (SELECT 1 FROM wallet_operations AS o WHERE o.tenant_id = @tenant AND o.operation_id = 'usage:interaction:' || item.id)
        UNION ALL
        SELECT 'usage', id, start_at, usage_minor FROM usage_records AS item
        WHERE tenant_id = @tenant AND usage_minor > 0
          AND NOT EXISTS (SELECT 1 FROM wallet_operations AS o WHERE o.tenant_id = @tenant AND o.operation_id = 'usage:usage:' || item.id)
        """;

    /// <inheritdoc />
    public Task<string?> GetReservationWalletAsync(TenantId tenant, string reservation, CancellationToken cancellationToken = default) =>
        ScalarAsync<string>(
            "SELECT wallet_id FROM wallet_reservations WHERE tenant_id = @tenant AND reservation_id = @id",
            cancellationToken, ("tenant", tenant.Value), ("id", reservation));

    /// <inheritdoc />
    public async Task<Currency?> GetWalletCurrencyAsync(TenantId tenant, string wallet, CancellationToken cancellationToken = default) =>
        await ScalarAsync<string>(
            "SELECT currency FROM wallets WHERE tenant_id = @tenant AND wallet_id = @wallet",
            cancellationToken, ("tenant", tenant.Value), ("wallet", wallet)).ConfigureAwait(false) is { } code
            ? Currency.FromCode(code)
            : null;

    /// <inheritdoc />
    public async Task<WalletBalance?> GetWalletBalanceAsync(TenantId tenant, string wallet, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var batch = new WalletBatch(connection, tenant, now);
        var book = await batch.BookAsync(wallet, cancellationToken).ConfigureAwait(false);
        if (book is null)
            return null;
        book.Settle(now, "settle@" + now.ToString("O", CultureInfo.InvariantCulture));
        await batch.SaveAsync(cancellationToken).ConfigureAwait(false);
        await batch.FlushAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return book.Balance;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<LedgerEntry>?> GetWalletHistoryAsync(TenantId tenant, string wallet, CancellationToken cancellationToken = default)
    {
        if (await GetWalletCurrencyAsync(tenant, wallet, cancellationToken).ConfigureAwait(false) is not { } currency)
            return null;
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(
            connection,
            """
            SELECT sequence, operation_id, kind, from_account, to_account, amount_minor, occurred_at, reference
            FROM wallet_entries WHERE tenant_id = @tenant AND wallet_id = @wallet ORDER BY sequence
            """,
            ("tenant", tenant.Value), ("wallet", wallet));
        return await StoreRows.ListAsync(command, r => Rows.Entry(r, wallet, currency), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<LowBalanceEvent>> GetWalletEventsAsync(TenantId tenant, string wallet, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(
            connection,
            """
            SELECT e.low, e.available_minor, e.threshold_minor, e.operation_id, e.occurred_at, w.currency
            FROM wallet_events AS e JOIN wallets AS w ON w.tenant_id = e.tenant_id AND w.wallet_id = e.wallet_id
            WHERE e.tenant_id = @tenant AND e.wallet_id = @wallet
            ORDER BY e.event_id
            """,
            ("tenant", tenant.Value), ("wallet", wallet));
        return await StoreRows.ListAsync(command, r => Rows.Event(r, wallet), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<WalletSummary>> ListWalletsAsync(TenantId tenant, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        // The rows are locked in id order, as a wallet batch locks them, so settling here never deadlocks with one.
        var ids = new List<string>();
        await using (var list = Command(connection, "SELECT wallet_id FROM wallets WHERE tenant_id = @tenant ORDER BY wallet_id FOR UPDATE", ("tenant", tenant.Value)))
        {
            await using var reader = await list.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                ids.Add(reader.GetString(0));
        }

        var batch = new WalletBatch(connection, tenant, now);
        var summaries = await batch.SettleAsync(ids, cancellationToken).ConfigureAwait(false);

        await batch.SaveAsync(cancellationToken).ConfigureAwait(false);
        await batch.FlushAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return summaries;
    }

    /// <inheritdoc />
    public async Task<(DateTimeOffset First, DateTimeOffset Last)?> GetInteractionSpanAsync(TenantId tenant, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, "SELECT MIN(start_at), MAX(start_at) FROM interactions WHERE tenant_id = @tenant", ("tenant", tenant.Value));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) && !reader.IsDBNull(0)
            ? (reader.GetFieldValue<DateTimeOffset>(0), reader.GetFieldValue<DateTimeOffset>(1))
            : null;
    }

    /// <summary>
    /// The wallet batch on PostgreSQL: it reads with row locks held to the end of the transaction,
    /// and gathers every write into one round trip (an <see cref="NpgsqlBatch"/>) sent before commit.
    /// </summary>
    private sealed class WalletBatch(NpgsqlConnection connection, TenantId tenant, DateTimeOffset now) : Storage.WalletBatch(now)
    {
        private readonly NpgsqlBatch writes = new(connection);

        /// <summary>Locks the rows of every stored wallet the operations name, directly or by reservation, in id order.</summary>
        public async Task LockWalletsAsync(IReadOnlyList<WalletOperation> operations, CancellationToken cancellationToken)
        {
            await using var command = Command(
                connection,
                """
                SELECT wallet_id FROM wallets
                WHERE tenant_id = @tenant
                  AND (wallet_id = ANY(@wallets)
                       OR wallet_id IN (SELECT wallet_id FROM wallet_reservations WHERE tenant_id = @tenant AND reservation_id = ANY(@reservations)))
                ORDER BY wallet_id
                FOR UPDATE
                """,
                ("tenant", tenant.Value),
                ("wallets", operations.Where(o => o is not CreateWallet).Select(o => o.WalletId).OfType<string>().Distinct().ToArray()),
                ("reservations", operations.Select(ReservationOf).Where(r => r.Length > 0).Distinct().ToArray()));
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        /// <summary>The stored results of the batch's operation ids, in one query rather than one per operation.</summary>
        public async Task LoadFirstResultsAsync(IEnumerable<string> operationIds, CancellationToken cancellationToken)
        {
            await using var command = Command(
                connection,
                "SELECT operation_id, request, result FROM wallet_operations WHERE tenant_id = @tenant AND operation_id = ANY(@ids)",
                ("tenant", tenant.Value), ("ids", operationIds.Distinct().ToArray()));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                RememberStored(reader.GetString(0), reader.GetString(1), reader.GetString(2));
        }

        /// <summary>Sends the gathered writes.</summary>
        public async Task FlushAsync(CancellationToken cancellationToken)
        {
            if (writes.BatchCommands.Count > 0)
                await writes.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            await writes.DisposeAsync().ConfigureAwait(false);
        }

        protected override async Task<WalletBook?> LoadBookAsync(string wallet, CancellationToken cancellationToken)
        {
            // FOR UPDATE again: a wallet created by another process after LockWalletsAsync is locked here.
            await using var command = Command(
                connection,
                """
                SELECT currency, credit_limit_minor, low_balance_minor, debt_minor, is_low, next_sequence FROM wallets
                WHERE tenant_id = @tenant AND wallet_id = @wallet
                FOR UPDATE;

                SELECT lot_id, expires_at, remaining_minor, added_at FROM wallet_lots
                WHERE tenant_id = @tenant AND wallet_id = @wallet;

                SELECT reservation_id, amount_minor, expires_at, allocations FROM wallet_reservations
                WHERE tenant_id = @tenant AND wallet_id = @wallet AND status = 'open';
                """,
                ("tenant", tenant.Value), ("wallet", wallet));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                return null;
            var (currency, limit, low, debt, isLow, next) = (Currency.FromCode(reader.GetString(0)), reader.GetInt64(1),
                reader.IsDBNull(2) ? (long?)null : reader.GetInt64(2), reader.GetInt64(3), reader.GetBoolean(4), reader.GetInt64(5));

            var lots = new List<CreditLot>();
            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                lots.Add(new CreditLot(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1),
                    reader.GetInt64(2), reader.GetFieldValue<DateTimeOffset>(3)));
            }

            var reservations = new List<Reservation>();
            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                reservations.Add(new Reservation(reader.GetString(0), reader.GetInt64(1),
                    reader.GetFieldValue<DateTimeOffset>(2), WalletDocuments.ReadAllocations(reader.GetString(3))));
            }

            return new WalletBook(wallet, currency, limit, low, debt, isLow, next, lots, reservations);
        }

        protected override async Task<string?> FindReservationWalletAsync(string reservation, CancellationToken cancellationToken)
        {
            await using var command = Command(
                connection,
                "SELECT wallet_id FROM wallet_reservations WHERE tenant_id = @tenant AND reservation_id = @id",
                ("tenant", tenant.Value), ("id", reservation));
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
        }

        protected override Task SaveBookAsync(WalletBook book, CancellationToken cancellationToken)
        {
            Write(
                """
                INSERT INTO wallets (tenant_id, wallet_id, currency, credit_limit_minor, low_balance_minor, debt_minor, is_low, next_sequence, created_at)
                VALUES (@tenant, @wallet, @currency, @limit, @low::bigint, @debt, @isLow, @next, @now)
                ON CONFLICT (tenant_id, wallet_id) DO UPDATE
                SET debt_minor = excluded.debt_minor, is_low = excluded.is_low, next_sequence = excluded.next_sequence
                """,
                ("wallet", book.Id), ("currency", book.Currency.Code), ("limit", book.CreditLimitMinor), ("low", book.LowBalanceMinor),
                ("debt", book.DebtMinor), ("isLow", book.IsLow), ("next", book.NextSequence), ("now", At(Now)));

            // A wallet has a handful of live lots: replacing them is simpler than tracking each change.
            Write("DELETE FROM wallet_lots WHERE tenant_id = @tenant AND wallet_id = @wallet", ("wallet", book.Id));
            foreach (var lot in book.Lots)
            {
                Write(
                    """
                    INSERT INTO wallet_lots (tenant_id, wallet_id, lot_id, expires_at, remaining_minor, added_at)
                    VALUES (@tenant, @wallet, @lot, @expires::timestamptz, @remaining, @added)
                    """,
                    ("wallet", book.Id), ("lot", lot.Id), ("expires", lot.ExpiresAt is { } e ? At(e) : null),
                    ("remaining", lot.RemainingMinor), ("added", At(lot.AddedAt)));
            }

            foreach (var reservation in book.OpenedReservations)
            {
                Write(
                    """
                    INSERT INTO wallet_reservations (tenant_id, reservation_id, wallet_id, amount_minor, expires_at, allocations, status)
                    VALUES (@tenant, @id, @wallet, @amount, @expires, @allocations, 'open')
                    """,
                    ("id", reservation.Id), ("wallet", book.Id), ("amount", reservation.AmountMinor), ("expires", At(reservation.ExpiresAt)),
                    ("allocations", WalletDocuments.WriteAllocations(reservation.Allocations)));
            }

            foreach (var (id, end) in book.ClosedReservations)
            {
                Write(
                    "UPDATE wallet_reservations SET status = @status WHERE tenant_id = @tenant AND reservation_id = @id",
                    ("id", id), ("status", end.ToString().ToLowerInvariant()));
            }

            foreach (var entry in book.NewEntries)
            {
                Write(
                    """
                    INSERT INTO wallet_entries (tenant_id, wallet_id, sequence, operation_id, kind, from_account, to_account, amount_minor, occurred_at, reference)
                    VALUES (@tenant, @wallet, @sequence, @operation, @kind, @from, @to, @amount, @at, @reference::text)
                    """,
                    ("wallet", book.Id), ("sequence", entry.Sequence), ("operation", entry.OperationId), ("kind", entry.Kind.ToString()),
                    ("from", entry.From.ToString()), ("to", entry.To.ToString()), ("amount", entry.Amount.ToMinorUnits()), ("at", At(entry.At)),
                    ("reference", entry.Reference));
            }

            foreach (var e in book.NewEvents)
            {
                Write(
                    """
                    INSERT INTO wallet_events (tenant_id, wallet_id, event_id, low, available_minor, threshold_minor, operation_id, occurred_at)
                    SELECT @tenant, @wallet, COALESCE(MAX(event_id), 0) + 1, @low, @available, @threshold, @operation, @at
                    FROM wallet_events WHERE tenant_id = @tenant AND wallet_id = @wallet
                    """,
                    ("wallet", book.Id), ("low", e.Low), ("available", e.Available.ToMinorUnits()), ("threshold", e.Threshold.ToMinorUnits()),
                    ("operation", e.OperationId), ("at", At(e.At)));

                // The outbox row of a crossing below the threshold, in the same transaction as the
                // event, when the tenant has a webhook; the event just inserted has the wallet's highest id.
                if (e.Low)
                {
                    Write(
                        """
                        INSERT INTO webhook_deliveries
                            (tenant_id, delivery_id, wallet_id, event_id, currency, available_minor, threshold_minor, occurred_at, status, attempts, next_attempt_at)
                        SELECT @tenant, @delivery, @wallet, (SELECT MAX(event_id) FROM wallet_events WHERE tenant_id = @tenant AND wallet_id = @wallet),
                               @currency, @available, @threshold, @at, 'pending', 0, @at
                        FROM webhooks WHERE tenant_id = @tenant
                        """,
                        ("delivery", WebhookDelivery.NewId(e.At)), ("wallet", book.Id), ("currency", book.Currency.Code),
                        ("available", e.Available.ToMinorUnits()), ("threshold", e.Threshold.ToMinorUnits()), ("at", At(e.At)));
                }
            }

            return Task.CompletedTask;
        }

        protected override Task SaveOperationAsync(string operationId, string request, WalletResult result, CancellationToken cancellationToken)
        {
            Write(
                """
                INSERT INTO wallet_operations (tenant_id, operation_id, wallet_id, kind, request, result, executed_at)
                VALUES (@tenant, @operation, @wallet::text, @kind, @request, @result, @at)
                """,
                ("operation", operationId), ("wallet", result.Wallet), ("kind", result.Kind), ("request", request),
                ("result", WalletDocuments.WriteResult(result)), ("at", At(Now)));
            return Task.CompletedTask;
        }

        // Queues one write of the batch; the tenant is always bound.
        private void Write(string sql, params (string Name, object? Value)[] parameters)
        {
            var command = new NpgsqlBatchCommand(sql);
            command.Parameters.AddWithValue("tenant", tenant.Value);
            foreach (var (name, value) in parameters)
                command.Parameters.AddWithValue(name, value ?? DBNull.Value);
            writes.BatchCommands.Add(command);
        }
    }
}
