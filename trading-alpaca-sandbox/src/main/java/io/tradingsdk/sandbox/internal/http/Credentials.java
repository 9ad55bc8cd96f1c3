package io.tradingsdk.sandbox.internal.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Which API keys the sandbox accepts: the configured pair, or any pair of non-empty keys when none
 * is configured. Never prints the secret.
 */
public final class Credentials {
    private final String keyId;
    private final byte[] secret;

    /** Both null: any non-empty keys. */
    public Credentials(String keyId, String secret) {
        this.keyId = keyId;
        this.secret = secret == null ? null : secret.getBytes(StandardCharsets.UTF_8);
    }

    public boolean accepts(String key, String secretKey) {
        if (key == null || key.isEmpty() || secretKey == null || secretKey.isEmpty()) {
            return false;
        }
        if (keyId == null) {
            return true;
        }
        return MessageDigest.isEqual(keyId.getBytes(StandardCharsets.UTF_8), key.getBytes(StandardCharsets.UTF_8))
                & MessageDigest.isEqual(secret, secretKey.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return keyId == null ? "Credentials[any non-empty keys]" : "Credentials[keyId=" + keyId + ", secret=****]";
    }
}
