package org.pavilion.core.internal.security.totp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import javax.persistence.EntityManagerFactory;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditOutcome;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.schema.SchemaMigrator;
import org.pavilion.core.api.security.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The optional TOTP second factor of staff accounts (table {@code core_totp}, recovery codes in
 * {@code core_totp_recovery}) and the roles that make it compulsory ({@code core_role.require_second_factor}).
 * A code is accepted once: the last accepted step is stored and only a later step passes a conditional UPDATE, so
 * two requests with the same code, in one container or in two on the same database, cannot both succeed.
 */
@Component(service = SecondFactors.class, configurationPid = SecondFactors.PID)
@Designate(ocd = TotpConfig.class)
public class SecondFactors {

    public static final String PID = "org.pavilion.core.totp";
    private static final Logger LOG = LoggerFactory.getLogger(SecondFactors.class);

    static final int RECOVERY_CODES = 10;
    static final String ISSUER = "Pavilion";
    /** How long whether an account needs or has a second factor is cached for the request filter. */
    static final long STATUS_CACHE_MS = 5_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JpaTransactions jpa;
    private final AuditService audit;
    private final TotpSecretCipher secrets;
    private volatile LongSupplier clock = System::currentTimeMillis;
    private final Map<String, Status> statusCache = new ConcurrentHashMap<>();

    /** Whether an account must have a second factor (one of its roles says so) and whether it has one. */
    public record Status(boolean required, boolean enrolled, long loadedMs) {
        public boolean enrolmentPending() {
            return required && !enrolled;
        }
    }

    /** A started enrolment: shown once to the user for their authenticator app. */
    public record Enrolment(String secret, String otpauthUri) {
    }

    /** In the container: secrets encrypted with the key file's key; plaintext ones left by earlier versions sealed. */
    @Activate
    public SecondFactors(@Reference(target = "(osgi.unit.name=pavilion-core)") EntityManagerFactory emf,
            @Reference AuditService audit, @Reference SchemaMigrator schemaReady, TotpConfig config) throws IOException {
        this(emf, audit, keyFile(config));
        int sealed = sealPlaintextSecrets();
        if (sealed > 0) {
            LOG.info("Encrypted {} TOTP secret(s) stored in clear by an earlier version", sealed);
        }
    }

    /** Outside the container (tests): secrets encrypted with a key that lives in memory only. */
    public SecondFactors(EntityManagerFactory emf, AuditService audit, SchemaMigrator schemaReady) {
        this(emf, audit, TotpSecretCipher.ephemeral());
    }

    SecondFactors(EntityManagerFactory emf, AuditService audit, TotpSecretCipher secrets) {
        this.jpa = new JpaTransactions(emf);
        this.audit = audit;
        this.secrets = secrets;
    }

    static TotpSecretCipher keyFile(TotpConfig config) throws IOException {
        Path file = config.keyFile().isBlank()
                ? Paths.get(System.getProperty("karaf.etc", "etc"), "pavilion-totp.key")
                : Paths.get(config.keyFile().trim());
        boolean[] created = {false};
        TotpSecretCipher cipher = TotpSecretCipher.loadOrCreate(file, created);
        if (created[0]) {
            LOG.warn("Created the TOTP secret key file {} with a new random key; back it up apart from the database: "
                    + "without it every enrolled user's two-step sign-in must be reset", file);
        }
        return cipher;
    }

    /**
     * Encrypts every secret still stored in clear. Idempotent and safe with another container doing the same: a row
     * is rewritten only while it still holds the clear value read. Returns how many rows it encrypted.
     */
    int sealPlaintextSecrets() {
        return sql(c -> {
            Map<String, String> clear = new java.util.LinkedHashMap<>();
            try (PreparedStatement s = c.prepareStatement("SELECT username, secret FROM core_totp");
                    ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    if (!TotpSecretCipher.isSealed(rs.getString(2))) {
                        clear.put(rs.getString(1), rs.getString(2));
                    }
                }
            }
            int n = 0;
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE core_totp SET secret = ? WHERE username = ? AND secret = ?")) {
                for (Map.Entry<String, String> e : clear.entrySet()) {
                    s.setString(1, secrets.seal(e.getKey(), e.getValue()));
                    s.setString(2, e.getKey());
                    s.setString(3, e.getValue());
                    n += s.executeUpdate();
                }
            }
            return n;
        });
    }

    /** For tests: the clock that decides the current time step. */
    void useClock(LongSupplier testClock) {
        this.clock = testClock;
    }

    // ---- login ------------------------------------------------------------------------------------------

    /**
     * Called by the login after the password was verified: nothing happens for an account without a confirmed
     * second factor; otherwise {@code code} must be a current TOTP code not used before or an unused recovery code.
     * A wrong code runs {@code countFailure} (the lockout's failure counter) and is audited.
     */
    public void verifyAtLogin(Caller caller, String code, Runnable countFailure) throws SecondFactorRequiredException {
        String username = caller.username();
        if (!status(username).enrolled()) {
            return;
        }
        if (code == null || code.isBlank()) {
            throw new SecondFactorRequiredException("Enter the code from your authenticator app");
        }
        if (!acceptCode(username, code.trim())) {
            countFailure.run();
            auditAs(caller, AuditEvent.of("LOGIN_SECOND_FACTOR", "session").resourceId(username)
                    .outcome(AuditOutcome.DENIED).detail("wrong or reused code").build());
            throw new SecondFactorRequiredException("The code is wrong or was already used; enter the current code");
        }
    }

    /** Whether {@code code} is a fresh TOTP code or an unused recovery code of a confirmed second factor; uses it. */
    public boolean acceptCode(String username, String code) {
        String name = normalise(username);
        String digits = code.replace(" ", "");
        if (digits.length() == Totp.DIGITS && digits.chars().allMatch(Character::isDigit)) {
            return sql(c -> acceptTotp(c, name, digits, true));
        }
        String hash = sha256(normaliseRecovery(code));
        return sql(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE core_totp_recovery SET used_ms = ? WHERE username = ? "
                    + "AND code_hash = ? AND used_ms IS NULL AND EXISTS (SELECT 1 FROM core_totp t "
                    + "WHERE t.username = core_totp_recovery.username AND t.confirmed = ?)")) {
                s.setLong(1, clock.getAsLong());
                s.setString(2, name);
                s.setString(3, hash);
                s.setBoolean(4, true);
                return s.executeUpdate() == 1;
            }
        });
    }

    /** Checks a TOTP code of the row of {@code name} (confirmed or not as asked) and stores its step as used. */
    private boolean acceptTotp(Connection c, String name, String code, boolean confirmed) throws SQLException {
        String secret;
        try (PreparedStatement s = c.prepareStatement("SELECT secret FROM core_totp WHERE username = ? AND confirmed = ?")) {
            s.setString(1, name);
            s.setBoolean(2, confirmed);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
                secret = secrets.open(name, rs.getString(1));
            }
        }
        long step = Totp.matchingStep(Base32.decode(secret), code, Totp.step(clock.getAsLong()));
        if (step < 0) {
            return false;
        }
        // Only a step later than the last accepted one passes: a code (or an older one) is never accepted twice.
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE core_totp SET last_step = ? WHERE username = ? AND last_step < ?")) {
            s.setLong(1, step);
            s.setString(2, name);
            s.setLong(3, step);
            return s.executeUpdate() == 1;
        }
    }

    // ---- enrolment --------------------------------------------------------------------------------------

    /** Starts (or restarts) the signed-in user's enrolment with a new secret; 409 when one is already confirmed. */
    public Enrolment startEnrolment(String username) {
        String name = normalise(username);
        byte[] key = new byte[20];
        RANDOM.nextBytes(key);
        String secret = Base32.encode(key);
        long now = clock.getAsLong();
        sql(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT confirmed FROM core_totp WHERE username = ?")) {
                s.setString(1, name);
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next() && rs.getBoolean(1)) {
                        throw ProblemException.conflict("Two-step sign-in is already set up; remove it first to "
                                + "set up a new authenticator");
                    }
                }
            }
            execute(c, "DELETE FROM core_totp WHERE username = ?", name);
            try (PreparedStatement s = c.prepareStatement("INSERT INTO core_totp (username, secret, confirmed, "
                    + "last_step, created_ms) VALUES (?, ?, ?, ?, ?)")) {
                s.setString(1, name);
                s.setString(2, secrets.seal(name, secret));
                s.setBoolean(3, false);
                s.setLong(4, 0);
                s.setLong(5, now);
                s.executeUpdate();
            }
            return null;
        });
        audit.record(AuditEvent.of("ENROL_START", "second-factor").resourceId(name).build());
        String label = ISSUER + ":" + name;
        return new Enrolment(secret, "otpauth://totp/" + label + "?secret=" + secret + "&issuer=" + ISSUER
                + "&algorithm=SHA1&digits=" + Totp.DIGITS + "&period=" + Totp.STEP_SECONDS);
    }

    /**
     * Confirms the enrolment with a current code from the app; from then on the account needs a code at login.
     * Returns the recovery codes, shown this once (only their hashes are stored). 400 for a wrong code.
     */
    public List<String> confirm(String username, String code) {
        String name = normalise(username);
        String digits = code == null ? "" : code.replace(" ", "");
        List<String> recovery = new ArrayList<>();
        for (int i = 0; i < RECOVERY_CODES; i++) {
            byte[] r = new byte[5];
            RANDOM.nextBytes(r);
            String text = Base32.encode(r).toLowerCase(Locale.ROOT);
            recovery.add(text.substring(0, 4) + "-" + text.substring(4));
        }
        boolean confirmed = sql(c -> {
            if (!acceptTotp(c, name, digits, false)) {
                return false;
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE core_totp SET confirmed = ? WHERE username = ?")) {
                s.setBoolean(1, true);
                s.setString(2, name);
                s.executeUpdate();
            }
            execute(c, "DELETE FROM core_totp_recovery WHERE username = ?", name);
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO core_totp_recovery (username, code_hash) VALUES (?, ?)")) {
                for (String r : recovery) {
                    s.setString(1, name);
                    s.setString(2, sha256(normaliseRecovery(r)));
                    s.addBatch();
                }
                s.executeBatch();
            }
            return true;
        });
        audit.record(AuditEvent.of("ENROL_CONFIRM", "second-factor").resourceId(name)
                .outcome(confirmed ? AuditOutcome.SUCCESS : AuditOutcome.DENIED).build());
        if (!confirmed) {
            throw new ProblemException(400, "invalid-code", "Code not accepted",
                    "Start the enrolment first, then enter the current code shown by your authenticator app");
        }
        statusCache.remove(name);
        return recovery;
    }

    /**
     * Removes the account's second factor: the caller has proved who they are (own removal) or is an administrator.
     * {@code endSessions}: the account's sessions end in the same transaction (an administrator's reset: whoever held
     * the lost phone, or a session opened with it, must sign in again). The audit record commits with the change.
     * The caller forgets what its container cached of the ended sessions.
     */
    public boolean remove(String username, String auditAction, boolean endSessions) {
        String name = normalise(username);
        int[] ended = {0};
        boolean had = jpa.callAudited(audit, em -> {
            try (Connection c = JpaTransactions.connection(em)) {
                if (endSessions) {
                    ended[0] = execute(c, "DELETE FROM core_session WHERE username = ?", name);
                }
                execute(c, "DELETE FROM core_totp_recovery WHERE username = ?", name);
                return execute(c, "DELETE FROM core_totp WHERE username = ?", name) > 0;
            } catch (SQLException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }, existed -> AuditEvent.of(auditAction, "second-factor").resourceId(name)
                .detail(detail(existed, endSessions, ended[0])).build());
        statusCache.remove(name);
        return had;
    }

    private static String detail(boolean existed, boolean endSessions, int ended) {
        String what = existed ? null : "no second factor was set up";
        if (!endSessions) {
            return what;
        }
        String sessions = ended + " session(s) ended";
        return what == null ? sessions : what + "; " + sessions;
    }

    // ---- roles ---------------------------------------------------------------------------------------------

    /** Whether the role named {@code roleName} makes a second factor compulsory; 404 for an unknown role. */
    public boolean roleRequires(String roleName) {
        return sql(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT require_second_factor FROM core_role WHERE name = ?")) {
                s.setString(1, roleName);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        throw ProblemException.notFound("Role", roleName);
                    }
                    return rs.getBoolean(1);
                }
            }
        });
    }

    /** Makes a second factor compulsory (or not) for every holder of the role; audited as a role change. */
    public void setRoleRequires(String roleName, boolean required) {
        int updated = sql(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE core_role SET require_second_factor = ? WHERE name = ?")) {
                s.setBoolean(1, required);
                s.setString(2, roleName);
                return s.executeUpdate();
            }
        });
        if (updated == 0) {
            throw ProblemException.notFound("Role", roleName);
        }
        statusCache.clear();
        audit.record(AuditEvent.of("UPDATE", "role").resourceId(roleName)
                .detail("requireSecondFactor " + required).build());
    }

    // ---- what the request filter asks ---------------------------------------------------------------------

    /** Whether {@code username} must have a second factor and has one; cached for a few seconds. */
    public Status status(String username) {
        String name = normalise(username);
        long now = clock.getAsLong();
        Status cached = statusCache.get(name);
        if (cached != null && now - cached.loadedMs() < STATUS_CACHE_MS) {
            return cached;
        }
        Status fresh = sql(c -> {
            boolean required;
            try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM core_user_role ur JOIN core_role r "
                    + "ON r.id = ur.role_id WHERE ur.username = ? AND r.require_second_factor = ?")) {
                s.setString(1, name);
                s.setBoolean(2, true);
                try (ResultSet rs = s.executeQuery()) {
                    required = rs.next();
                }
            }
            boolean enrolled;
            try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM core_totp WHERE username = ? AND confirmed = ?")) {
                s.setString(1, name);
                s.setBoolean(2, true);
                try (ResultSet rs = s.executeQuery()) {
                    enrolled = rs.next();
                }
            }
            return new Status(required, enrolled, now);
        });
        statusCache.put(name, fresh);
        return fresh;
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private interface SqlWork<R> {
        R run(Connection c) throws SQLException;
    }

    private <R> R sql(SqlWork<R> work) {
        return jpa.call(em -> {
            try (Connection c = JpaTransactions.connection(em)) {
                return work.run(c);
            } catch (SQLException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        });
    }

    private static int execute(Connection c, String statement, String username) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(statement)) {
            s.setString(1, username);
            return s.executeUpdate();
        }
    }

    private void auditAs(Caller caller, AuditEvent event) {
        audit.record(event.as(caller));
    }

    private static String normalise(String username) {
        return username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
    }

    private static String normaliseRecovery(String code) {
        return code.replace("-", "").replace(" ", "").toLowerCase(Locale.ROOT);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
