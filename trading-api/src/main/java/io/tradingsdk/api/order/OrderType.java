package io.tradingsdk.api.order;

public enum OrderType {
    MARKET, LIMIT, STOP, STOP_LIMIT;

    public boolean needsLimitPrice() {
        return this == LIMIT || this == STOP_LIMIT;
    }

    public boolean needsStopPrice() {
        return this == STOP || this == STOP_LIMIT;
    }
}
