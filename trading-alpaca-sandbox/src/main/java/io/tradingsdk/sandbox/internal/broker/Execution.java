package io.tradingsdk.sandbox.internal.broker;

import java.math.BigDecimal;
import java.time.Instant;

/** One fill of an order: what the trade update stream and the FILL activity report. */
public record Execution(String id, BigDecimal quantity, BigDecimal price, BigDecimal positionQuantity, Instant at) {
}
