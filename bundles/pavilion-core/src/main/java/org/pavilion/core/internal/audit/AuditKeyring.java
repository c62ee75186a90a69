package org.pavilion.core.internal.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.pavilion.core.internal.keys.KeyFile;

/**
 * The HMAC keys of the audit chain, read from a file outside the database. The file holds {@code current=<id>} and
 * one {@code <id>=<base64 key>} line per key; a rotated-out key stays in the file so the records it signed still
 * verify. Key bytes never leave this class (no toString, no logging).
 */
public final class AuditKeyring {

    private static final int KEY_BYTES = 32;
    private static final String COMMENT = "Pavilion audit chain HMAC keys. Keep a copy off the database host: without "
            + "it the audit trail\ncannot be verified. To rotate, add a new line <id>=<32 random bytes, base64> and "
            + "point current at it;\nkeep the old line so records signed with it still verify.";

    private final Map<String, SecretKeySpec> keys;
    private final String currentId;

    AuditKeyring(Map<String, byte[]> keys, String currentId) {
        if (!keys.containsKey(currentId)) {
            throw new IllegalArgumentException("the current audit key " + currentId + " is not in the key file");
        }
        Map<String, SecretKeySpec> specs = new LinkedHashMap<>();
        keys.forEach((id, k) -> specs.put(id, new SecretKeySpec(k, "HmacSHA256")));
        this.keys = Map.copyOf(specs);
        this.currentId = currentId;
    }

    /** A keyring with one random key that lives in memory only: for tests and throw-away containers. */
    public static AuditKeyring ephemeral() {
        KeyFile.Keys k = KeyFile.Keys.ephemeral(KEY_BYTES);
        return new AuditKeyring(k.keys(), k.currentId());
    }

    /**
     * Reads the key file, first creating it with one random key {@code k1} (owner read/write only) when it does not
     * exist; returns whether it was created through {@code created[0]} when given.
     */
    public static AuditKeyring loadOrCreate(Path file, boolean[] created) throws IOException {
        KeyFile.Keys k = KeyFile.loadOrCreate(file, "audit key", COMMENT, KEY_BYTES, created);
        return new AuditKeyring(k.keys(), k.currentId());
    }

    public String currentId() {
        return currentId;
    }

    public boolean has(String keyId) {
        return keys.containsKey(keyId);
    }

    /** HMAC-SHA256 of {@code text} with key {@code keyId}, lower-case hex. */
    public String mac(String keyId, String text) {
        SecretKeySpec key = keys.get(keyId);
        if (key == null) {
            throw new IllegalStateException("audit key " + keyId + " is not available");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    @Override
    public String toString() {
        return "AuditKeyring[current=" + currentId + ", ids=" + keys.keySet() + "]";
    }
}
