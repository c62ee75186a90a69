package org.pavilion.core.internal.keys;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * A file of secret keys kept outside the database (the audit chain's HMAC keys, the key that encrypts TOTP secrets):
 * {@code current=<id>} and one {@code <id>=<base64 key>} line per key, so a rotated-out key stays readable for what
 * it protected. Created at first start with one random key {@code k1}, readable and writable by its owner only.
 * Key bytes are never logged; {@link Keys#toString()} names the ids only.
 */
public final class KeyFile {

    static final String CURRENT = "current";
    private static final int MIN_KEY_BYTES = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private KeyFile() {
    }

    /** The keys of a file by id, and the id new data is protected with. */
    public record Keys(Map<String, byte[]> keys, String currentId) {

        public Keys {
            keys = Map.copyOf(keys);
            if (!keys.containsKey(currentId)) {
                throw new IllegalArgumentException("the current key " + currentId + " is not in the key file");
            }
        }

        /** Keys living in memory only, one random key {@code k1}: for tests and throw-away containers. */
        public static Keys ephemeral(int keyBytes) {
            return new Keys(Map.of("k1", random(keyBytes)), "k1");
        }

        @Override
        public String toString() {
            return "Keys[current=" + currentId + ", ids=" + keys.keySet() + "]";
        }
    }

    /**
     * Reads {@code file}, first creating it with one random key of {@code keyBytes} (owner read/write only) under
     * {@code comment} (lines telling an operator what the file protects) when it does not exist; reports whether it
     * was created through {@code created[0]} when given. {@code what} names the keys in error messages.
     */
    public static Keys loadOrCreate(Path file, String what, String comment, int keyBytes, boolean[] created)
            throws IOException {
        if (!Files.exists(file)) {
            try {
                create(file, comment, keyBytes);
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
                    throw new IOException(what + " " + id + " in " + file + " is not base64");
                }
                if (key.length < MIN_KEY_BYTES) {
                    throw new IOException(what + " " + id + " in " + file + " is shorter than " + MIN_KEY_BYTES + " bytes");
                }
                keys.put(id, key);
            }
        }
        if (current.isEmpty()) {
            throw new IOException(file + " names no current " + what + " (current=<id>)");
        }
        try {
            return new Keys(keys, current);
        } catch (IllegalArgumentException e) {
            throw new IOException(what + ": " + e.getMessage() + " (" + file + ")");
        }
    }

    private static void create(Path file, String comment, int keyBytes) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        StringBuilder text = new StringBuilder();
        for (String line : comment.split("\n")) {
            text.append("# ").append(line).append('\n');
        }
        text.append(CURRENT).append("=k1\n").append("k1=").append(Base64.getEncoder().encodeToString(random(keyBytes)))
                .append('\n');
        boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (posix) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.ISO_8859_1, StandardOpenOption.WRITE)) {
            w.write(text.toString());
        }
    }

    static byte[] random(int n) {
        byte[] k = new byte[n];
        RANDOM.nextBytes(k);
        return k;
    }
}
