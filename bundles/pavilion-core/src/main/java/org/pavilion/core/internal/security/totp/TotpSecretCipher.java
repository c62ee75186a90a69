package org.pavilion.core.internal.security.totp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.pavilion.core.internal.keys.KeyFile;

/**
 * Encrypts TOTP secrets for {@code core_totp.secret} with AES-256-GCM under a key kept outside the database (by
 * default {@code etc/pavilion-totp.key}, read through {@link KeyFile} like the audit keys), so a database dump or
 * backup alone cannot make codes. Stored form: {@value #PREFIX}{@code <key id>:<base64 of iv, ciphertext, tag>};
 * the user name is authenticated data, so a sealed secret copied onto another account's row does not open. A value
 * without the prefix is a Base32 secret written before encryption (RFC 4648 Base32 has no ':').
 */
final class TotpSecretCipher {

    static final String PREFIX = "aesgcm:";
    static final int KEY_BYTES = 32;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String COMMENT = "Pavilion key encrypting the TOTP (two-step sign-in) secrets stored in the "
            + "database.\nKeep it off the database host's backups; without it every enrolled user must be reset.\n"
            + "To rotate, add <id>=<32 random bytes, base64> and point current at it; keep the old line.";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, SecretKeySpec> keys;
    private final String currentId;

    private TotpSecretCipher(KeyFile.Keys k) {
        Map<String, SecretKeySpec> specs = new LinkedHashMap<>();
        k.keys().forEach((id, bytes) -> specs.put(id, new SecretKeySpec(bytes, "AES")));
        this.keys = Map.copyOf(specs);
        this.currentId = k.currentId();
    }

    /** Reads the key file, creating it (one random key, owner read/write only) when missing. */
    static TotpSecretCipher loadOrCreate(Path file, boolean[] created) throws IOException {
        KeyFile.Keys k = KeyFile.loadOrCreate(file, "TOTP secret key", COMMENT, KEY_BYTES, created);
        for (Map.Entry<String, byte[]> e : k.keys().entrySet()) {
            int n = e.getValue().length;
            if (n != 16 && n != 24 && n != 32) {
                throw new IOException("TOTP secret key " + e.getKey() + " in " + file + " is " + n
                        + " bytes; AES needs 16, 24 or 32");
            }
        }
        return new TotpSecretCipher(k);
    }

    /** A key in memory only: secrets sealed with it are lost with the process (tests, throw-away containers). */
    static TotpSecretCipher ephemeral() {
        return new TotpSecretCipher(KeyFile.Keys.ephemeral(KEY_BYTES));
    }

    static boolean isSealed(String stored) {
        return stored.startsWith(PREFIX);
    }

    /** The stored form of {@code secret} (Base32) for the row of {@code username}. */
    String seal(String username, String secret) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, keys.get(currentId), new GCMParameterSpec(TAG_BITS, iv));
            c.updateAAD(username.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = c.doFinal(secret.getBytes(StandardCharsets.US_ASCII));
            byte[] out = ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
            return PREFIX + currentId + ":" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /**
     * The Base32 secret of a stored value of the row of {@code username}: opened with the key it names, or as is when
     * it predates encryption. An exception when the key is missing or the value was altered or moved to another row.
     */
    String open(String username, String stored) {
        if (!isSealed(stored)) {
            return stored;
        }
        int colon = stored.indexOf(':', PREFIX.length());
        if (colon < 0) {
            throw new IllegalStateException("malformed encrypted TOTP secret of " + username);
        }
        String keyId = stored.substring(PREFIX.length(), colon);
        SecretKeySpec key = keys.get(keyId);
        if (key == null) {
            throw new IllegalStateException("the TOTP secret of " + username + " was encrypted with key " + keyId
                    + ", which is not in the key file");
        }
        try {
            byte[] in = Base64.getDecoder().decode(stored.substring(colon + 1));
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
            c.updateAAD(username.getBytes(StandardCharsets.UTF_8));
            return new String(c.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("the TOTP secret of " + username + " does not decrypt with key " + keyId
                    + " (altered, or copied from another account)", e);
        }
    }

    @Override
    public String toString() {
        return "TotpSecretCipher[current=" + currentId + ", ids=" + keys.keySet() + "]";
    }
}
