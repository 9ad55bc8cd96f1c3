-- trading-postgres V1: the trade journal.
--
-- Names are unqualified: the tables go into the schema that is first on the search_path while this
-- script runs. The built-in migrator (io.tradingsdk.postgres.SchemaMigrator) sets it to the configured
-- schema; with Flyway set `schemas`/`defaultSchema`, with Liquibase `defaultSchemaName`.
--
-- Every asynchronously written table has a natural key with a UNIQUE constraint; the journal writes
-- with INSERT ... ON CONFLICT DO NOTHING on it, so a batch that is written twice (a retry after a lost
-- commit acknowledgement, a spill file replayed after a crash) adds nothing. There are no foreign keys
-- between tables: records arrive from different threads and batches, and none may be refused for
-- arriving before its parent. Money is numeric (exact, unconstrained scale); statistics and bar prices
-- are double precision; times are timestamptz (microseconds).

-- Signals, one per (strategy, signal id).
CREATE TABLE IF NOT EXISTS signals (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    strategy_id     text             NOT NULL,
    signal_id       text             NOT NULL,
    symbol          text             NOT NULL,
    action          text             NOT NULL,
    confidence      double precision NOT NULL,
    expected_return double precision NOT NULL,
    expected_loss   double precision NOT NULL,
    reference_price numeric          NOT NULL,
    quantity        numeric,
    signal_time     timestamptz      NOT NULL,
    recorded_at     timestamptz      NOT NULL DEFAULT now(),
    CONSTRAINT signals_natural_key UNIQUE (strategy_id, signal_id)
);

-- Risk decisions on signals. record_id is assigned by the journal when the decision is recorded.
CREATE TABLE IF NOT EXISTS risk_decisions (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    record_id     uuid        NOT NULL,
    signal_id     text        NOT NULL,
    strategy_id   text        NOT NULL,
    symbol        text        NOT NULL,
    approved      boolean     NOT NULL,
    reason_code   text,
    message       text,
    quantity      numeric,
    decision_time timestamptz NOT NULL,
    recorded_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT risk_decisions_natural_key UNIQUE (record_id),
    CONSTRAINT risk_decisions_reason CHECK (approved = (reason_code IS NULL))
);
CREATE INDEX IF NOT EXISTS risk_decisions_denials ON risk_decisions (decision_time, reason_code) WHERE NOT approved;

-- Order intents: committed before the order is sent (journal-first execution).
CREATE TABLE IF NOT EXISTS order_intents (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    client_order_id text             NOT NULL,
    signal_id       text             NOT NULL,
    strategy_id     text             NOT NULL,
    symbol          text             NOT NULL,
    side            text             NOT NULL,
    order_type      text             NOT NULL,
    time_in_force   text             NOT NULL,
    quantity        numeric,
    notional        numeric,
    limit_price     numeric,
    stop_price      numeric,
    reference_price numeric          NOT NULL,
    risk_fraction   double precision NOT NULL,
    created_at      timestamptz      NOT NULL,
    recorded_at     timestamptz      NOT NULL DEFAULT now(),
    CONSTRAINT order_intents_client_order_id UNIQUE (client_order_id),
    CONSTRAINT order_intents_size CHECK ((quantity IS NULL) <> (notional IS NULL))
);

-- One row per order: created with its intent (status CREATED), then kept up to date from its events.
-- A summary for queries and restarts; order_events is the record. Events may arrive late or twice,
-- so the status comes from the event that ranks highest by (terminal, filled quantity, arrival):
-- a terminal status sticks and a late NEW does not undo a fill. status_filled and status_event_id
-- keep the rank of the event that set the status.
CREATE TABLE IF NOT EXISTS orders (
    client_order_id    text        PRIMARY KEY,
    strategy_id        text,
    symbol             text        NOT NULL,
    side               text        NOT NULL,
    broker_order_id    text,
    status             text        NOT NULL,
    terminal           boolean     NOT NULL DEFAULT false,
    status_filled      numeric     NOT NULL DEFAULT 0,
    status_event_id    bigint      NOT NULL DEFAULT 0,
    filled_quantity    numeric     NOT NULL DEFAULT 0,
    average_fill_price numeric,
    last_event_id      bigint,
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS orders_open ON orders (created_at) WHERE NOT terminal;

-- Order events as the broker reported them, one per event key
-- (client order id | type | cumulative filled quantity [| fill id]).
CREATE TABLE IF NOT EXISTS order_events (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_key          text        NOT NULL,
    client_order_id    text        NOT NULL,
    event_type         text        NOT NULL,
    status             text,
    terminal           boolean     NOT NULL,
    broker_order_id    text,
    symbol             text        NOT NULL,
    side               text        NOT NULL,
    filled_quantity    numeric     NOT NULL,
    average_fill_price numeric,
    fill_id            text,
    fill_symbol        text,
    fill_side          text,
    fill_quantity      numeric,
    fill_price         numeric,
    fill_fee           numeric,
    fill_time          timestamptz,
    event_time         timestamptz NOT NULL,
    reason             text,
    recorded_at        timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT order_events_natural_key UNIQUE (event_key)
);
CREATE INDEX IF NOT EXISTS order_events_by_order ON order_events (client_order_id, id);

-- Executions, one per fill (execution) id.
CREATE TABLE IF NOT EXISTS fills (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    fill_id         text        NOT NULL,
    client_order_id text        NOT NULL,
    symbol          text        NOT NULL,
    side            text        NOT NULL,
    quantity        numeric     NOT NULL,
    price           numeric     NOT NULL,
    fee             numeric     NOT NULL,
    fill_time       timestamptz NOT NULL,
    recorded_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT fills_natural_key UNIQUE (fill_id)
);
CREATE INDEX IF NOT EXISTS fills_by_time ON fills (fill_time);
CREATE INDEX IF NOT EXISTS fills_by_order ON fills (client_order_id);

-- Configuration versions: one row per (target, version), e.g. (strategies.sma-aapl, 3), with the
-- changed keys' values before and after as JSON (secrets already masked by the caller).
CREATE TABLE IF NOT EXISTS config_versions (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    target          text        NOT NULL,
    version         bigint      NOT NULL,
    origin          text        NOT NULL,
    previous_values json        NOT NULL,
    current_values  json        NOT NULL,
    changed_at      timestamptz NOT NULL,
    recorded_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT config_versions_natural_key UNIQUE (target, version)
);

-- Metric samples a host chooses to keep (counters, gauges); record_id is assigned by the journal.
CREATE TABLE IF NOT EXISTS metric_samples (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    record_id   uuid             NOT NULL,
    name        text             NOT NULL,
    strategy_id text,
    value       double precision NOT NULL,
    sample_time timestamptz      NOT NULL,
    recorded_at timestamptz      NOT NULL DEFAULT now(),
    CONSTRAINT metric_samples_natural_key UNIQUE (record_id)
);
CREATE INDEX IF NOT EXISTS metric_samples_by_name ON metric_samples (name, sample_time);

-- The equity at the start of each trading day: the daily P&L baseline a restart needs.
-- The first record of a day wins.
CREATE TABLE IF NOT EXISTS day_baselines (
    trading_day  date        PRIMARY KEY,
    start_equity numeric     NOT NULL,
    recorded_at  timestamptz NOT NULL DEFAULT now()
);
