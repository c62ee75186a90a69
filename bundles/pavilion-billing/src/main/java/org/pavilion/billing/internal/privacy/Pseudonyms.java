package org.pavilion.billing.internal.privacy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.persistence.EntityManagerFactory;
import javax.persistence.PersistenceException;

import org.pavilion.core.api.persistence.JpaTransactions;

/**
 * The stable pseudonym an erased patient's retained financial records are filed under: {@code ERASED-} and the first
 * 20 hex digits of HMAC-SHA256(installation secret, survivor MRN). Stable, so a later erasure (past retention) finds
 * the rows again from the MRN; keyed, so nobody can recompute it from a list of MRNs without this database's secret.
 * The secret is one random row of {@code bl_privacy_key}, created on first use (a restore without it orphans the
 * pseudonymised rows from their MRNs, which is the point).
 */
final class Pseudonyms {

    static final String PREFIX = "ERASED-";

    private final JpaTransactions jpa;
    private volatile byte[] secret;

    Pseudonyms(EntityManagerFactory emf) {
        this.jpa = new JpaTransactions(emf);
    }

    /** The pseudonym of {@code mrn}. */
    String of(String mrn) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret(), "HmacSHA256"));
            byte[] h = mac.doFinal(mrn.getBytes(StandardCharsets.UTF_8));
            return PREFIX + HexFormat.of().formatHex(h).substring(0, 20);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private byte[] secret() {
        byte[] s = secret;
        if (s == null) {
            String hex = read();
            if (hex == null) {
                byte[] fresh = new byte[32];
                new SecureRandom().nextBytes(fresh);
                try {
                    jpa.run(em -> em.createNativeQuery("INSERT INTO bl_privacy_key (id, secret, created_ms)"
                            + " VALUES (1, ?, ?)").setParameter(1, HexFormat.of().formatHex(fresh))
                            .setParameter(2, System.currentTimeMillis()).executeUpdate());
                } catch (PersistenceException raced) {
                    // another node created it first: use theirs (read below)
                }
                hex = read();
                if (hex == null) {
                    throw new IllegalStateException("no privacy key in bl_privacy_key");
                }
            }
            s = HexFormat.of().parseHex(hex);
            secret = s;
        }
        return s;
    }

    private String read() {
        List<?> rows = jpa.call(em -> em.createNativeQuery("SELECT secret FROM bl_privacy_key WHERE id = 1")
                .getResultList());
        return rows.isEmpty() ? null : String.valueOf(rows.get(0));
    }
}
