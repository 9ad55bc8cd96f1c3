package io.tradingsdk.sandbox.internal.broker;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * An account activity of type FILL, as {@code GET /v2/account/activities/FILL} returns it.
 *
 * @param id       {@code <yyyyMMddHHmmssSSS>::<uuid>}, Alpaca's shape; unique and ordered by time
 * @param symbol   as positions spell it ({@code BTCUSD} for crypto)
 */
public record FillActivity(String id, Instant transactionTime, String type, BigDecimal price, BigDecimal quantity,
                           String side, String symbol, BigDecimal leavesQuantity, String orderId,
                           BigDecimal cumulativeQuantity, String orderStatus) {
}
