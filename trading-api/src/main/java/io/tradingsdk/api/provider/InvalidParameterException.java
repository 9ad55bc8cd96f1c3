package io.tradingsdk.api.provider;

/**
 * A provider parameter is unknown, missing, of the wrong type, or out of range. The message names
 * the parameter and the rejected value (masked for secrets). Nothing was created or changed.
 */
public class InvalidParameterException extends IllegalArgumentException {
    private final String parameter;
    private final transient Object rejectedValue;

    public InvalidParameterException(String parameter, Object rejectedValue, String message) {
        super(message);
        this.parameter = parameter;
        this.rejectedValue = rejectedValue;
    }

    /** The parameter's name (a dotted path when nested in configuration). */
    public String parameter() {
        return parameter;
    }

    /** The value that was refused; {@code null} when the parameter was missing. */
    public Object rejectedValue() {
        return rejectedValue;
    }
}
