-- trading-postgres V3: reconciliations of the broker, the journal and the engine's ledger.
-- Unqualified names, as in V1: the table goes into the schema first on the search_path.
-- Written asynchronously like the other records, with INSERT ... ON CONFLICT DO NOTHING on the natural
-- key (account, kind, time), so a batch written twice or a spill file replayed after a crash adds nothing.
-- kind is recovery, end-of-day or on-demand; differences is a JSON array of strings, one line per
-- difference found (empty when the three agreed).
CREATE TABLE IF NOT EXISTS reconciliations (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id          text        NOT NULL,
    kind                text        NOT NULL,
    reconciliation_time timestamptz NOT NULL,
    differences         json        NOT NULL,
    summary             text        NOT NULL,
    recorded_at         timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT reconciliations_natural_key UNIQUE (account_id, kind, reconciliation_time)
);
