package org.pavilion.core.internal.security.totp;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.ws.rs.core.Response;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.security.SeededRoles;
import org.pavilion.core.internal.CoreTestDatabase;
import org.pavilion.core.internal.TestConfigs;
import org.pavilion.core.internal.audit.AuditServiceImpl;
import org.pavilion.core.internal.security.AccountService;
import org.pavilion.core.internal.security.AuthenticatedCaller;
import org.pavilion.core.internal.security.AuthenticationFailedException;
import org.pavilion.core.internal.security.LoginResult;

/** Enrolment, login with a code, replay across two service instances, recovery codes and roles requiring it. */
public class SecondFactorsTest {

    private static final String PASSWORD = "consulting-room-3";

    @Rule
    public TemporaryFolder karafData = new TemporaryFolder();

    private CoreTestDatabase db;
    private AuditServiceImpl audit;
    private SecondFactors secondFactors;
    /** The key of "etc/pavilion-totp.key", shared by every container on the database. */
    private final TotpSecretCipher key = TotpSecretCipher.ephemeral();
    private AccountService accounts;
    /** The test's clock: a fixed instant the codes are computed for, moved on by whole steps. */
    private long nowMs = 1_780_000_000_000L;

    @Before
    public void setUp() throws Exception {
        System.setProperty("karaf.data", karafData.getRoot().getAbsolutePath());
        db = new CoreTestDatabase();
        audit = new AuditServiceImpl(db.emf, db.dataSource, null);
        secondFactors = new SecondFactors(db.emf, audit, key);
        secondFactors.useClock(() -> nowMs);
        accounts = new AccountService(db.emf, audit, null, TestConfigs.auth(3, 60), secondFactors);
        TestConfigs.declareCorePrivileges(accounts.roleStore());
        accounts.create("dora.doctor", PASSWORD, Set.of(SeededRoles.DOCTOR), null);
    }

    @After
    public void tearDown() throws Exception {
        audit.deactivate();
        db.close();
        System.clearProperty("karaf.data");
    }

    private String codeAt(String secret, long ms) {
        return Totp.code(Base32.decode(secret), Totp.step(ms));
    }

    private void nextStep() {
        nowMs += Totp.STEP_SECONDS * 1000L;
    }

    /** Enrols dora with a code computed like her app; returns the secret. */
    private String enrolDora() {
        SecondFactors.Enrolment e = secondFactors.startEnrolment("dora.doctor");
        secondFactors.confirm("dora.doctor", codeAt(e.secret(), nowMs));
        nextStep();
        return e.secret();
    }

    @Test
    public void enrolmentGivesASecretForTheAppAndTenRecoveryCodesOnceConfirmed() {
        SecondFactors.Enrolment e = secondFactors.startEnrolment("dora.doctor");
        assertEquals(32, e.secret().length());
        assertEquals("otpauth://totp/Pavilion:dora.doctor?secret=" + e.secret()
                + "&issuer=Pavilion&algorithm=SHA1&digits=6&period=30", e.otpauthUri());
        assertFalse("not enrolled before the confirmation", secondFactors.status("dora.doctor").enrolled());
        try {
            secondFactors.confirm("dora.doctor", "000000".equals(codeAt(e.secret(), nowMs)) ? "111111" : "000000");
            fail("a wrong code does not confirm");
        } catch (ProblemException expected) {
            assertEquals(ProblemException.TYPE_PREFIX + "invalid-code", expected.type());
        }
        List<String> recovery = secondFactors.confirm("dora.doctor", codeAt(e.secret(), nowMs));
        assertEquals(10, recovery.size());
        assertEquals(10, Set.copyOf(recovery).size());
        assertTrue(secondFactors.status("dora.doctor").enrolled());
        try {
            secondFactors.startEnrolment("dora.doctor");
            fail("a confirmed second factor is not replaced silently");
        } catch (ProblemException expected) {
            assertEquals(409, expected.status());
        }
    }

    @Test
    public void anEnrolledUserNeedsACodeAtLoginAndTheSameCodeIsRefusedTheSecondTime() throws Exception {
        accounts.login("dora.doctor", PASSWORD, "10.0.0.7"); // no second factor yet: the password is enough
        String secret = enrolDora();
        try {
            accounts.login("dora.doctor", PASSWORD, "10.0.0.7");
            fail("a code is required once enrolled");
        } catch (SecondFactorRequiredException expected) {
        }
        try {
            accounts.login("dora.doctor", "wrong-password-1", codeAt(secret, nowMs), "10.0.0.7");
            fail("a wrong password fails whatever the code");
        } catch (SecondFactorRequiredException wrongKind) {
            fail("a wrong password must not say that a code is needed");
        } catch (AuthenticationFailedException expected) {
        }
        String code = codeAt(secret, nowMs);
        LoginResult ok = accounts.login("dora.doctor", PASSWORD, code, "10.0.0.7");
        assertEquals("dora.doctor", ok.caller().username());
        try {
            accounts.login("dora.doctor", PASSWORD, code, "10.0.0.7");
            fail("a used code is refused within its window");
        } catch (SecondFactorRequiredException expected) {
        }
        nextStep();
        assertEquals("dora.doctor", accounts.login("dora.doctor", PASSWORD, codeAt(secret, nowMs), "10.0.0.7")
                .caller().username());
    }

    @Test
    public void wrongCodesCountTowardsTheLockout() throws Exception {
        String secret = enrolDora();
        String right = codeAt(secret, nowMs);
        String wrong = right.equals("123456") ? "654321" : "123456";
        for (int i = 0; i < 3; i++) {
            try {
                accounts.login("dora.doctor", PASSWORD, wrong, "10.0.0.7");
                fail("a wrong code is refused");
            } catch (SecondFactorRequiredException expected) {
            }
        }
        try {
            accounts.login("dora.doctor", PASSWORD, right, "10.0.0.7");
            fail("three wrong codes lock the account (maxFailedLogins 3)");
        } catch (SecondFactorRequiredException wrongKind) {
            fail("a locked account is refused before the code is looked at");
        } catch (AuthenticationFailedException expected) {
        }
    }

    @Test
    public void oneCodeSentAtOnceToTwoContainersIsAcceptedOnce() throws Exception {
        String secret = enrolDora();
        SecondFactors other = new SecondFactors(db.emf, audit, key);
        other.useClock(() -> nowMs);
        String code = codeAt(secret, nowMs);
        int attempts = 8;
        ExecutorService pool = Executors.newFixedThreadPool(attempts);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < attempts; i++) {
            SecondFactors container = i % 2 == 0 ? secondFactors : other;
            Callable<Boolean> attempt = () -> {
                start.await();
                return container.acceptCode("dora.doctor", code);
            };
            results.add(pool.submit(attempt));
        }
        start.countDown();
        int accepted = 0;
        for (Future<Boolean> r : results) {
            accepted += r.get(60, TimeUnit.SECONDS) ? 1 : 0;
        }
        pool.shutdown();
        assertEquals(1, accepted);
        assertFalse("an older code than the last accepted one is refused too",
                other.acceptCode("dora.doctor", codeAt(secret, nowMs - Totp.STEP_SECONDS * 1000L)));
    }

    @Test
    public void aRecoveryCodeSignsInOnceAndRemovalEndsTheSecondFactor() throws Exception {
        SecondFactors.Enrolment e = secondFactors.startEnrolment("dora.doctor");
        List<String> recovery = secondFactors.confirm("dora.doctor", codeAt(e.secret(), nowMs));
        accounts.login("dora.doctor", PASSWORD, recovery.get(3).toUpperCase(), "10.0.0.7");
        try {
            accounts.login("dora.doctor", PASSWORD, recovery.get(3), "10.0.0.7");
            fail("a recovery code is single-use");
        } catch (SecondFactorRequiredException expected) {
        }
        assertTrue(secondFactors.remove("dora.doctor", "REMOVE", false));
        assertFalse(secondFactors.status("dora.doctor").enrolled());
        accounts.login("dora.doctor", PASSWORD, "10.0.0.7");
        assertFalse("recovery codes go with the second factor", secondFactors.acceptCode("dora.doctor", recovery.get(4)));
    }

    @Test
    public void aRoleRequiringASecondFactorConfinesItsUnenrolledHoldersToEnrolment() throws Exception {
        SecondFactorGate gate = new SecondFactorGate(secondFactors, audit);
        AuthenticatedCaller dora = accounts.login("dora.doctor", PASSWORD, "10.0.0.7").caller();
        assertEquals(Optional.empty(), gate.refusal(dora, "Bearer x"));
        assertFalse(secondFactors.roleRequires("DOCTOR"));

        secondFactors.setRoleRequires("DOCTOR", true);
        assertTrue(secondFactors.roleRequires("DOCTOR"));
        assertTrue(secondFactors.status("dora.doctor").enrolmentPending());
        Response refused = gate.refusal(dora, "Bearer x").orElseThrow();
        assertEquals(403, refused.getStatus());
        assertEquals(ProblemException.TYPE_PREFIX + SecondFactorGate.ENROLMENT_REQUIRED,
                ((Map<?, ?>) refused.getEntity()).get("type"));
        assertEquals("HTTP Basic carries no code", 401, gate.refusal(dora, "Basic eA==").orElseThrow().getStatus());

        enrolDora();
        assertEquals(Optional.empty(), gate.refusal(dora, "Bearer x"));
        assertNotEquals(Optional.empty(), gate.refusal(dora, "Basic eA=="));
        try {
            secondFactors.setRoleRequires("NO_SUCH_ROLE", true);
            fail("unknown role");
        } catch (ProblemException expected) {
            assertEquals(404, expected.status());
        }
    }

    /** The stored column of dora's secret, read like a database dump would. */
    private String storedSecret() throws Exception {
        try (Connection c = db.dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT secret FROM core_totp WHERE username = ?")) {
            s.setString(1, "dora.doctor");
            try (ResultSet rs = s.executeQuery()) {
                assertTrue("dora has a core_totp row", rs.next());
                return rs.getString(1);
            }
        }
    }

    private static void assertRevealsNothing(String stored, String secret) {
        assertTrue(stored, stored.startsWith(TotpSecretCipher.PREFIX));
        assertFalse("the Base32 secret is not in the column", stored.toUpperCase().contains(secret));
        byte[] raw = Base32.decode(secret);
        assertFalse("nor the raw key, hex", stored.toLowerCase().contains(HexFormat.of().formatHex(raw)));
        assertFalse("nor the raw key, base64", stored.contains(Base64.getEncoder().encodeToString(raw)));
    }

    @Test
    public void aDatabaseDumpDoesNotRevealSecretsAndCodesStillVerify() throws Exception {
        String secret = enrolDora();
        String stored = storedSecret();
        assertRevealsNothing(stored, secret);
        accounts.login("dora.doctor", PASSWORD, codeAt(secret, nowMs), "10.0.0.7");

        // Without the key file's key the column is useless: another key opens nothing.
        SecondFactors elsewhere = new SecondFactors(db.emf, audit, TotpSecretCipher.ephemeral());
        elsewhere.useClock(() -> nowMs);
        nextStep();
        try {
            elsewhere.acceptCode("dora.doctor", codeAt(secret, nowMs));
            fail("a stolen column with another key makes no codes");
        } catch (RuntimeException expected) {
            assertFalse(String.valueOf(expected.getMessage()).contains(secret));
        }
        // Nor does a sealed secret copied onto another account's row (the user name is authenticated data).
        accounts.create("nina.nurse", PASSWORD, Set.of(SeededRoles.NURSE), null);
        db.execute("INSERT INTO core_totp (username, secret, confirmed, last_step, created_ms) VALUES "
                + "('nina.nurse', '" + stored + "', TRUE, 0, 0)");
        try {
            secondFactors.acceptCode("nina.nurse", codeAt(secret, nowMs));
            fail("a secret moved to another row does not open");
        } catch (RuntimeException expected) {
        }
    }

    @Test
    public void clearSecretsOfAnEarlierVersionAreEncryptedAtFirstStartOnce() throws Exception {
        // As stored before encryption: a confirmed Base32 secret in clear.
        String secret = Base32.encode("12345678901234567890".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        db.execute("INSERT INTO core_totp (username, secret, confirmed, last_step, created_ms) VALUES "
                + "('dora.doctor', '" + secret + "', TRUE, 0, 0)");
        Path keyFile = karafData.getRoot().toPath().resolve("etc").resolve("pavilion-totp.key");
        TotpConfig config = config(keyFile.toString());

        SecondFactors started = new SecondFactors(db.emf, audit, null, config);
        started.useClock(() -> nowMs);
        String sealed = storedSecret();
        assertRevealsNothing(sealed, secret);
        assertTrue(Files.exists(keyFile));
        if (keyFile.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
        }
        assertTrue("the code of the old secret still verifies", started.acceptCode("dora.doctor", codeAt(secret, nowMs)));

        // A second start (or a second container) reads the same key file and leaves sealed rows alone.
        SecondFactors restarted = new SecondFactors(db.emf, audit, null, config);
        restarted.useClock(() -> nowMs);
        assertEquals(0, restarted.sealPlaintextSecrets());
        assertEquals(sealed, storedSecret());
        nextStep();
        assertTrue(restarted.acceptCode("dora.doctor", codeAt(secret, nowMs)));
    }

    private static TotpConfig config(String keyFile) {
        return new TotpConfig() {
            @Override
            public Class<? extends java.lang.annotation.Annotation> annotationType() {
                return TotpConfig.class;
            }

            @Override
            public String keyFile() {
                return keyFile;
            }
        };
    }

    @Test
    public void anAdministratorsResetEndsEveryOneOfTheUsersSessions() throws Exception {
        String secret = enrolDora();
        LoginResult desk = accounts.login("dora.doctor", PASSWORD, codeAt(secret, nowMs), "10.0.0.7");
        nextStep();
        LoginResult ward = accounts.login("dora.doctor", PASSWORD, codeAt(secret, nowMs), "10.0.0.8");
        accounts.create("nina.nurse", PASSWORD, Set.of(SeededRoles.NURSE), null);
        LoginResult other = accounts.login("nina.nurse", PASSWORD, "10.0.0.9");
        assertTrue(accounts.authenticateToken(desk.token(), "10.0.0.7").isPresent());

        Response answer = new TotpResource(secondFactors, accounts).reset("Dora.Doctor");
        assertEquals(204, answer.getStatus());
        assertFalse(secondFactors.status("dora.doctor").enrolled());
        assertEquals(Optional.empty(), accounts.authenticateToken(desk.token(), "10.0.0.7"));
        assertEquals(Optional.empty(), accounts.authenticateToken(ward.token(), "10.0.0.8"));
        assertEquals(0, count("SELECT COUNT(*) FROM core_session WHERE username = 'dora.doctor'"));
        assertTrue("other users keep their sessions", accounts.authenticateToken(other.token(), "10.0.0.9").isPresent());
        assertEquals("the reset and its audit record commit together", 1,
                count("SELECT COUNT(*) FROM core_audit WHERE action = 'RESET' AND resource_type = 'second-factor'"));
    }

    @Test
    public void aFailedResetEndsNoSession() throws Exception {
        String secret = enrolDora();
        LoginResult desk = accounts.login("dora.doctor", PASSWORD, codeAt(secret, nowMs), "10.0.0.7");
        // The reset ends the sessions first, then fails on the recovery codes: the ended sessions must come back.
        db.execute("DROP TABLE core_totp_recovery");
        try {
            secondFactors.remove("dora.doctor", "RESET", true);
            fail("the reset cannot complete");
        } catch (RuntimeException expected) {
        }
        assertEquals(1, count("SELECT COUNT(*) FROM core_session WHERE username = 'dora.doctor'"));
        assertTrue(secondFactors.status("dora.doctor").enrolled());
        assertTrue(accounts.authenticateToken(desk.token(), "10.0.0.7").isPresent());
    }

    private long count(String sql) throws Exception {
        try (Connection c = db.dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql);
                ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
