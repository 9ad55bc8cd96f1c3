package io.tradingsdk.sandbox.internal.broker;

/**
 * A request the broker refuses, with the HTTP status and Alpaca error code it answers with. Nothing
 * changed when this is thrown.
 */
public final class BrokerRejection extends RuntimeException {
    private final int status;
    private final int code;

    public BrokerRejection(int status, int code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public static BrokerRejection invalid(String message) {
        return new BrokerRejection(422, 40010001, message);
    }

    public static BrokerRejection unprocessable(String message) {
        return new BrokerRejection(422, 42210000, message);
    }

    public static BrokerRejection forbidden(String message) {
        return new BrokerRejection(403, 40310000, message);
    }

    public static BrokerRejection notFound(String message) {
        return new BrokerRejection(404, 40410000, message);
    }

    public int status() {
        return status;
    }

    public int code() {
        return code;
    }
}
