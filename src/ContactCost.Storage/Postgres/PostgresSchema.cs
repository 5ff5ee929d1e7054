namespace ContactCost.Storage.Postgres;

/// <summary>
/// The PostgreSQL schema as an ordered list of migrations, applied on open under an advisory lock
/// so that two processes starting at once apply each one once. Never edit a shipped migration: add
/// a new one.
/// </summary>
/// <remarks>
/// The tenant id leads every primary key and index, so every table can later be distributed by
/// tenant_id (Citus) and every query the store runs stays on one shard. Ids are compared
/// byte-wise (COLLATE "C"), as SQLite does, so (start, id) order is the same in both stores.
/// Instants are timestamptz at millisecond precision, durations whole milliseconds, money bigint
/// minor units, quantities and prices numeric.
/// </remarks>
internal static class PostgresSchema
{
    /// <summary>The advisory lock key that serialises migrations (any fixed number; this one spells "ccost").</summary>
    public const long MigrationLock = 0x6363_6F73_74;

    public static readonly string[] Migrations =
    [
        // 1: tenants, interactions, usage, rating, documents, invoices.
        """
        CREATE TABLE tenants (
            tenant_id  text COLLATE "C" NOT NULL PRIMARY KEY,
            time_zone  text NOT NULL,
            updated_at timestamptz NOT NULL
        );

        CREATE TABLE interactions (
            tenant_id     text COLLATE "C" NOT NULL,
            id            text COLLATE "C" NOT NULL,
            channel       text NOT NULL,
            direction     text NOT NULL,
            customer      text,
            start_at      timestamptz NOT NULL,
            end_at        timestamptz,
            wait_ms       bigint NOT NULL,
            talk_ms       bigint NOT NULL,
            hold_ms       bigint NOT NULL,
            wrap_ms       bigint NOT NULL,
            queue         text,
            agent         text,
            units         integer,
            destination   text,
            resolved      boolean,
            extra         jsonb,
            handled       boolean NOT NULL,
            abandoned     boolean NOT NULL,
            content_hash  bigint NOT NULL,
            rated_version text,
            usage_minor   bigint,
            PRIMARY KEY (tenant_id, id)
        );

        CREATE INDEX ix_interactions_start ON interactions (tenant_id, start_at);
        CREATE INDEX ix_interactions_unrated ON interactions (tenant_id, start_at, id) WHERE rated_version IS NULL;

        CREATE TABLE usage_records (
            tenant_id     text COLLATE "C" NOT NULL,
            id            text COLLATE "C" NOT NULL,
            meter         text NOT NULL,
            quantity      numeric NOT NULL,
            start_at      timestamptz NOT NULL,
            channel       text,
            direction     text,
            queue         text,
            destination   text,
            extra         jsonb,
            content_hash  bigint NOT NULL,
            rated_version text,
            usage_minor   bigint,
            PRIMARY KEY (tenant_id, id)
        );

        CREATE INDEX ix_usage_start ON usage_records (tenant_id, start_at);
        CREATE INDEX ix_usage_unrated ON usage_records (tenant_id, start_at, id) WHERE rated_version IS NULL;

        -- One row per priced line. source is 'interaction', 'usage' or 'month' (flat and one-time
        -- charges of a billing month, source_id '2026-10'); start_at is the item's start, so a
        -- period's lines are one index range.
        CREATE TABLE charge_lines (
            tenant_id         text COLLATE "C" NOT NULL,
            source            text NOT NULL,
            source_id         text COLLATE "C" NOT NULL,
            line_no           integer NOT NULL,
            start_at          timestamptz NOT NULL,
            charge_id         text COLLATE "C" NOT NULL,
            pricebook_version text NOT NULL,
            meter             text,
            raw_quantity      numeric NOT NULL,
            billed_quantity   numeric NOT NULL,
            unit_price        numeric NOT NULL,
            per               numeric NOT NULL,
            amount_minor      bigint NOT NULL,
            exact_amount      numeric NOT NULL,
            basis             text,
            PRIMARY KEY (tenant_id, source, source_id, line_no)
        );

        CREATE INDEX ix_charge_lines_start ON charge_lines (tenant_id, start_at);

        CREATE TABLE price_books (
            tenant_id text COLLATE "C" NOT NULL,
            version   text COLLATE "C" NOT NULL,
            document  text NOT NULL,
            loaded_at timestamptz NOT NULL,
            PRIMARY KEY (tenant_id, version)
        );

        CREATE TABLE cost_models (
            tenant_id text COLLATE "C" NOT NULL,
            revision  integer NOT NULL,
            document  text NOT NULL,
            loaded_at timestamptz NOT NULL,
            PRIMARY KEY (tenant_id, revision)
        );

        -- Issued invoices and adjustments: numbers are per tenant and never reused; one invoice per
        -- billing month, any number of adjustments after it. The document keeps the lines as issued.
        CREATE TABLE invoices (
            tenant_id text COLLATE "C" NOT NULL,
            number    text COLLATE "C" NOT NULL,
            kind      text NOT NULL,
            period    text NOT NULL,
            issued_at timestamptz NOT NULL,
            document  text NOT NULL,
            PRIMARY KEY (tenant_id, number)
        );

        CREATE UNIQUE INDEX ix_invoices_one_per_period ON invoices (tenant_id, period) WHERE kind = 'invoice';

        -- The last number of each kind a tenant issued; its row lock hands out the next one.
        CREATE TABLE invoice_numbers (
            tenant_id text COLLATE "C" NOT NULL,
            kind      text NOT NULL,
            last      bigint NOT NULL,
            PRIMARY KEY (tenant_id, kind)
        );
        """,

        // 2: prepaid wallets: live state (wallet, lots, open reservations), the append-only ledger,
        // low-balance events, and every accepted operation's result under its caller's id.
        """
        CREATE TABLE wallets (
            tenant_id          text COLLATE "C" NOT NULL,
            wallet_id          text COLLATE "C" NOT NULL,
            currency           text NOT NULL,
            credit_limit_minor bigint NOT NULL,
            low_balance_minor  bigint,
            debt_minor         bigint NOT NULL,
            is_low             boolean NOT NULL,
            next_sequence      bigint NOT NULL,
            created_at         timestamptz NOT NULL,
            PRIMARY KEY (tenant_id, wallet_id)
        );

        CREATE TABLE wallet_lots (
            tenant_id       text COLLATE "C" NOT NULL,
            wallet_id       text COLLATE "C" NOT NULL,
            lot_id          text COLLATE "C" NOT NULL,
            expires_at      timestamptz,
            remaining_minor bigint NOT NULL,
            added_at        timestamptz NOT NULL,
            PRIMARY KEY (tenant_id, wallet_id, lot_id)
        );

        CREATE TABLE wallet_reservations (
            tenant_id      text COLLATE "C" NOT NULL,
            reservation_id text COLLATE "C" NOT NULL,
            wallet_id      text COLLATE "C" NOT NULL,
            amount_minor   bigint NOT NULL,
            expires_at     timestamptz NOT NULL,
            allocations    text NOT NULL,
            status         text NOT NULL,
            PRIMARY KEY (tenant_id, reservation_id)
        );

        CREATE INDEX ix_wallet_reservations_open ON wallet_reservations (tenant_id, wallet_id) WHERE status = 'open';

        CREATE TABLE wallet_entries (
            tenant_id    text COLLATE "C" NOT NULL,
            wallet_id    text COLLATE "C" NOT NULL,
            sequence     bigint NOT NULL,
            operation_id text NOT NULL,
            kind         text NOT NULL,
            from_account text NOT NULL,
            to_account   text NOT NULL,
            amount_minor bigint NOT NULL,
            occurred_at  timestamptz NOT NULL,
            reference    text,
            PRIMARY KEY (tenant_id, wallet_id, sequence)
        );

        CREATE TABLE wallet_events (
            tenant_id       text COLLATE "C" NOT NULL,
            wallet_id       text COLLATE "C" NOT NULL,
            event_id        bigint NOT NULL,
            low             boolean NOT NULL,
            available_minor bigint NOT NULL,
            threshold_minor bigint NOT NULL,
            operation_id    text NOT NULL,
            occurred_at     timestamptz NOT NULL,
            PRIMARY KEY (tenant_id, wallet_id, event_id)
        );

        CREATE TABLE wallet_operations (
            tenant_id    text COLLATE "C" NOT NULL,
            operation_id text COLLATE "C" NOT NULL,
            wallet_id    text COLLATE "C",
            kind         text NOT NULL,
            request      text NOT NULL,
            result       text NOT NULL,
            executed_at  timestamptz NOT NULL,
            PRIMARY KEY (tenant_id, operation_id)
        );
        """,

        // 3: the server's API keys (SHA-256 only; looked up by hash, across tenants: the one table
        // not keyed by tenant, a reference table under Citus), each tenant's webhook, and the outbox
        // of low-balance deliveries with every attempt.
        """
        CREATE TABLE api_keys (
            key_hash   bytea NOT NULL PRIMARY KEY,
            tenant_id  text COLLATE "C" NOT NULL,
            created_at timestamptz NOT NULL
        );

        CREATE TABLE webhooks (
            tenant_id  text COLLATE "C" NOT NULL PRIMARY KEY,
            url        text NOT NULL,
            secret     text,
            updated_at timestamptz NOT NULL
        );

        CREATE TABLE webhook_deliveries (
            tenant_id       text COLLATE "C" NOT NULL,
            delivery_id     text COLLATE "C" NOT NULL,
            wallet_id       text COLLATE "C" NOT NULL,
            event_id        bigint NOT NULL,
            currency        text NOT NULL,
            available_minor bigint NOT NULL,
            threshold_minor bigint NOT NULL,
            occurred_at     timestamptz NOT NULL,
            status          text NOT NULL,
            attempts        integer NOT NULL,
            next_attempt_at timestamptz NOT NULL,
            PRIMARY KEY (tenant_id, delivery_id)
        );

        CREATE INDEX ix_webhook_deliveries_due ON webhook_deliveries (tenant_id, next_attempt_at) WHERE status = 'pending';

        CREATE TABLE webhook_attempts (
            tenant_id    text COLLATE "C" NOT NULL,
            delivery_id  text COLLATE "C" NOT NULL,
            attempt      integer NOT NULL,
            attempted_at timestamptz NOT NULL,
            http_status  integer,
            error        text,
            PRIMARY KEY (tenant_id, delivery_id, attempt)
        );
        """,

        // 4: each tenant's rating basis (see RatingBasis): bumped by a price book saved or a zone moved, checked by
        // every save of ratings under a shared row lock, so a bump waits for the saves in flight. No row reads as basis 0.
        """
        CREATE TABLE rating_bases (
            tenant_id text COLLATE "C" NOT NULL PRIMARY KEY,
            basis     bigint NOT NULL
        );
        """,
    ];
}
