package io.tradingsdk.api.provider;

/**
 * A provider parameter is unknown, missing, of the wrong type, or out of range. The message names
 * the parameter and the rejected value (masked for secrets). Nothing was created or changed.
 *
 * <p>Whoever builds the message shows values with {@link SafeText}; as a backstop the constructor
 * masks what {@link SafeText#redact} finds and cuts the message to {@value #MAX_MESSAGE} characters.
 */
public class InvalidParameterException extends IllegalArgumentException {
    /** The longest message kept. */
    public static final int MAX_MESSAGE = 1000;

    private final String parameter;
    private final transient Object rejectedValue;

    public InvalidParameterException(String parameter, Object rejectedValue, String message) {
        super(bounded(message));
        this.parameter = parameter;
        this.rejectedValue = rejectedValue;
    }

    private static String bounded(String message) {
        if (message == null) {
            return null;
        }
        String m = SafeText.redact(message);
        return m.length() <= MAX_MESSAGE ? m : m.substring(0, MAX_MESSAGE) + "... (" + m.length() + " chars)";
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
