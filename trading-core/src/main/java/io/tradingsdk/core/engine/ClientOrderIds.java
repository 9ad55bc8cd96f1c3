package io.tradingsdk.core.engine;

import io.tradingsdk.api.order.OrderRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Derives the client order id of an order from the intent it came from, deterministically: the same
 * strategy and signal id always give the same client order id, so a re-sent signal, a retried
 * send, or a restart can never create a second order at the broker (it answers "client_order_id
 * must be unique", or the engine recognizes the id itself).
 */
public final class ClientOrderIds {

    private ClientOrderIds() {
    }

    /**
     * {@code strategyId:signalId} when that is a valid client order id (readable in the broker's
     * console); otherwise {@code h:} and 40 hex digits of its SHA-256.
     */
    public static String derive(String strategyId, String signalId) {
        String readable = strategyId + ':' + signalId;
        if (OrderRequest.isValidClientOrderId(readable)) {
            return readable;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(readable.getBytes(StandardCharsets.UTF_8));
            return "h:" + HexFormat.of().formatHex(digest, 0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }
}
