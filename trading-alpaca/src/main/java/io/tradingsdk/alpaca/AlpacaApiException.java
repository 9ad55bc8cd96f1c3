package io.tradingsdk.alpaca;

/**
 * Alpaca answered with an error status. Alpaca's error body is {@code {"code": <int>, "message":
 * <string>}}; both are kept (the code may be absent, e.g. for 401).
 */
public class AlpacaApiException extends AlpacaException {
    private final int httpStatus;
    private final Integer apiCode;
    private final String apiMessage;

    public AlpacaApiException(AlpacaEndpointGroup group, String endpoint, int httpStatus, Integer apiCode,
                              String apiMessage) {
        super(group, endpoint + " answered HTTP " + httpStatus + (apiCode != null ? " code " + apiCode : "")
                + (apiMessage != null ? ": " + apiMessage : ""), null);
        this.httpStatus = httpStatus;
        this.apiCode = apiCode;
        this.apiMessage = apiMessage;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** Alpaca's numeric error code (e.g. 40310000), or {@code null} if the body had none. */
    public Integer apiCode() {
        return apiCode;
    }

    /** Alpaca's error message, or {@code null} if the body had none. */
    public String apiMessage() {
        return apiMessage;
    }

    /** Whether this is a server-side failure (5xx), which says nothing definitive about the request. */
    public boolean isServerError() {
        return httpStatus >= 500;
    }
}
