-- trading-postgres V2: the bar store (historical OHLCV bars for backtests and ingest jobs).
-- Unqualified names, as in V1: the tables go into the schema first on the search_path.
-- timeframe is the canonical text of io.tradingsdk.api.market.Timeframe (1Min, 5Min, 1Hour, 1Day).
-- Prices and volume are double precision because bars carry the feed's doubles; they round-trip exactly.
CREATE TABLE IF NOT EXISTS bars (
    symbol     text             NOT NULL,
    timeframe  text             NOT NULL,
    start_time timestamptz      NOT NULL,
    open       double precision NOT NULL,
    high       double precision NOT NULL,
    low        double precision NOT NULL,
    close      double precision NOT NULL,
    volume     double precision NOT NULL,
    PRIMARY KEY (symbol, timeframe, start_time)
);
