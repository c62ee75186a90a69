package org.pavilion.core.internal.audit;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HMAC keys of the audit chain, read from a file outside the database. The file holds {@code current=<id>} and
 * one {@code <id>=<base64 key>} line per key; a rotated-out key stays in the file so the records it signed still
 * verify. Key bytes never leave this class (no toString, no logging).
 */
public final class AuditKeyring {

    static final String CURRENT = "current";
    private static final int KEY_BYTES = 32;

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
        return new AuditKeyring(Map.of("k1", random()), "k1");
    }

    /**
     * Reads the key file, first creating it with one random key {@code k1} (owner read/write only) when it does not
     * exist; returns whether it was created through {@code created[0]} when given.
     */
    public static AuditKeyring loadOrCreate(Path file, boolean[] created) throws IOException {
        if (!Files.exists(file)) {
            try {
                create(file);
                if (created != null) {
                    created[0] = true;
                }
            } catch (FileAlreadyExistsException raced) {
                // another start created it first: read theirs
            }
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            p.load(r);
        }
        String current = p.getProperty(CURRENT, "").trim();
        Map<String, byte[]> keys = new LinkedHashMap<>();
        for (String id : p.stringPropertyNames()) {
            if (!id.equals(CURRENT)) {
                byte[] key;
                try {
                    key = Base64.getDecoder().decode(p.getProperty(id).trim());
                } catch (IllegalArgumentException e) {
                    throw new IOException("audit key " + id + " in " + file + " is not base64");
                }
                if (key.length < 16) {
                    throw new IOException("audit key " + id + " in " + file + " is shorter than 16 bytes");
                }
                keys.put(id, key);
            }
        }
        if (current.isEmpty()) {
            throw new IOException(file + " names no current audit key (current=<id>)");
        }
        try {
            return new AuditKeyring(keys, current);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage() + " (" + file + ")");
        }
    }

    private static void create(Path file) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        String text = "# Pavilion audit chain HMAC keys. Keep a copy off the database host: without it the audit trail\n"
                + "# cannot be verified. To rotate, add a new line <id>=<32 random bytes, base64> and point current at it;\n"
                + "# keep the old line so records signed with it still verify.\n"
                + CURRENT + "=k1\n"
                + "k1=" + Base64.getEncoder().encodeToString(random()) + "\n";
        boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (posix) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.ISO_8859_1, StandardOpenOption.WRITE)) {
            w.write(text);
        }
    }

    private static byte[] random() {
        byte[] k = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(k);
        return k;
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
