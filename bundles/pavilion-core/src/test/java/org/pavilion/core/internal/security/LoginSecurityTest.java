package org.pavilion.core.internal.security;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.pavilion.core.api.security.SeededRoles;
import org.pavilion.core.internal.CoreTestDatabase;
import org.pavilion.core.internal.TestConfigs;
import org.pavilion.core.internal.audit.AuditQuery;
import org.pavilion.core.internal.audit.AuditServiceImpl;

/** Login abuse: the per-address throttle, per (account, address) locks, the race-free counter, idle sessions. */
public class LoginSecurityTest {

    private static final int MAX_FAILED = 5;

    @Rule
    public TemporaryFolder karafData = new TemporaryFolder();

    private CoreTestDatabase db;
    private AuditServiceImpl audit;
    private final AtomicLong now = new AtomicLong(1_800_000_000_000L);

    @Before
    public void setUp() throws Exception {
        System.setProperty("karaf.data", karafData.getRoot().getAbsolutePath());
        db = new CoreTestDatabase();
        audit = new AuditServiceImpl(db.emf, db.dataSource, null);
    }

    @After
    public void tearDown() throws Exception {
        audit.deactivate();
        db.close();
        System.clearProperty("karaf.data");
    }

    private AccountService accounts(int attemptsPerMinute, int burst, int idleMinutes) throws Exception {
        AccountService a = new AccountService(db.emf, audit, null,
                TestConfigs.auth(MAX_FAILED, 60, 5, attemptsPerMinute, burst, idleMinutes));
        TestConfigs.declareCorePrivileges(a.roleStore());
        a.useClock(now::get);
        return a;
    }

    @Test
    public void anAddressOverItsRateIsRefusedWithoutHashingOrCounting() throws Exception {
        AccountService accounts = accounts(20, 5, 0);
        accounts.create("nina.nurse", "ward-four-nights", Set.of(SeededRoles.NURSE), null);
        long hashesBefore = PasswordHasher.derivations();
        int throttled = 0;
        long retryAfter = 0;
        for (int i = 0; i < 40; i++) {
            try {
                accounts.login("nina.nurse", "guess-" + i, "203.0.113.7");
                fail("a wrong password signed in");
            } catch (LoginThrottledException e) {
                throttled++;
                retryAfter = e.retryAfterSeconds();
            } catch (AuthenticationFailedException wrong) {
                // within the burst: checked and counted
            }
        }
        assertEquals("only the burst is checked", 35, throttled);
        assertEquals("a refused attempt runs no PBKDF2", 5, PasswordHasher.derivations() - hashesBefore);
        assertTrue(retryAfter >= 1 && retryAfter <= 3);
        assertEquals("refusals do not count towards the lock", 5, failuresOf("nina.nurse", "203.0.113.7"));

        AuditQuery q = new AuditQuery();
        q.action = "LOGIN_THROTTLED";
        assertEquals("audited once per window, not per refusal", 1, audit.search(q, 0, 10).getTotal());

        // Another address is not held back; and the first one regains checks with time.
        accounts.login("nina.nurse", "ward-four-nights", "203.0.113.8");
        now.addAndGet(60_000);
        expectWrong(accounts, "nina.nurse", "guess-again", "203.0.113.7");
    }

    @Test
    public void throttledAddressesAreForgottenOnceTheirBucketRefills() {
        LoginThrottle throttle = new LoginThrottle(20, 5, 100);
        for (int i = 0; i < 100; i++) {
            assertTrue(throttle.tryAcquire("10.1.0." + i, 0).allowed());
        }
        assertTrue(throttle.tryAcquire("10.2.0.1", 60_000).allowed());
        assertTrue("bounded in memory: refilled buckets are evicted", throttle.size() <= 100);
    }

    @Test
    public void twoHundredParallelWrongGuessesFromOneAddressVerifyNoMoreThanTheThreshold() throws Exception {
        AccountService accounts = accounts(0, 5, 0);
        accounts.create("nick.nurse", "ward-seven-nights", Set.of(SeededRoles.NURSE), null);
        long verifiedBefore = PasswordHasher.verifications();
        List<Callable<Boolean>> guesses = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String guess = "guess-" + i;
            guesses.add(() -> tryLogin(accounts, "nick.nurse", guess, "198.51.100.9"));
        }
        assertEquals(0, runParallel(guesses));
        assertEquals("the reservation lets exactly the threshold through to the hash", MAX_FAILED,
                PasswordHasher.verifications() - verifiedBefore);
        assertEquals(MAX_FAILED, failuresOf("nick.nurse", "198.51.100.9"));

        // Locked for that address, even with the right password; the nurse at her own desk signs in.
        assertFalse(tryLogin(accounts, "nick.nurse", "ward-seven-nights", "198.51.100.9"));
        assertTrue(tryLogin(accounts, "nick.nurse", "ward-seven-nights", "10.20.30.40"));
        UserView view = accounts.get("nick.nurse");
        assertTrue(view.locked);
        assertEquals("198.51.100.9", view.lockedAddresses.get(0).clientAddress);

        // The lock ends after lockMinutes (15 in the test configuration) ...
        now.addAndGet(15 * 60_000L + 1);
        assertTrue(tryLogin(accounts, "nick.nurse", "ward-seven-nights", "198.51.100.9"));
    }

    @Test
    public void anAdministratorUnlocksAnAccountAndTheUnlockIsAudited() throws Exception {
        AccountService accounts = accounts(0, 5, 0);
        accounts.create("rita.reception", "front-desk-password", Set.of(SeededRoles.RECEPTIONIST), null);
        for (int i = 0; i < MAX_FAILED; i++) {
            expectWrong(accounts, "rita.reception", "guess-" + i, "192.0.2.1");
        }
        assertFalse(tryLogin(accounts, "rita.reception", "front-desk-password", "192.0.2.1"));
        UserView unlocked = accounts.unlock("rita.reception");
        assertFalse(unlocked.locked);
        assertTrue(tryLogin(accounts, "rita.reception", "front-desk-password", "192.0.2.1"));
        AuditQuery q = new AuditQuery();
        q.action = "UNLOCK";
        assertEquals(1, audit.search(q, 0, 10).getTotal());
    }

    @Test
    public void twoContainersOnOneDatabaseShareTheThreshold() throws Exception {
        AccountService first = accounts(0, 5, 0);
        first.create("dora.doctor", "consulting-room-3", Set.of(SeededRoles.DOCTOR), null);
        AccountService second = accounts(0, 5, 0);
        long verifiedBefore = PasswordHasher.verifications();
        List<Callable<Boolean>> guesses = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            AccountService container = i % 2 == 0 ? first : second;
            String guess = "guess-" + i;
            guesses.add(() -> tryLogin(container, "dora.doctor", guess, "198.51.100.77"));
        }
        assertEquals(0, runParallel(guesses));
        assertEquals(MAX_FAILED, PasswordHasher.verifications() - verifiedBefore);
        assertFalse(tryLogin(second, "dora.doctor", "consulting-room-3", "198.51.100.77"));
        assertTrue(tryLogin(second, "dora.doctor", "consulting-room-3", "198.51.100.78"));
    }

    @Test
    public void aSessionUnusedForLongerThanTheIdleBoundIsRefusedAlsoWhenUsedInAnotherContainer() throws Exception {
        AccountService first = accounts(0, 5, 30);
        first.create("ivy.idle", "idle-session-pass", Set.of(SeededRoles.NURSE), null);
        AccountService second = accounts(0, 5, 30);
        LoginResult login = first.login("ivy.idle", "idle-session-pass", "127.0.0.1");
        String token = login.token();
        assertTrue(second.authenticateToken(token, "x").isPresent());

        now.addAndGet(20 * 60_000L);
        assertTrue(first.authenticateToken(token, "x").isPresent());
        assertEquals(login.expiresMs(), first.sessionExpiry(token));
        now.addAndGet(20 * 60_000L);
        // 40 minutes since the second container saw it, but used in the first 20 minutes ago: still open.
        assertTrue(second.authenticateToken(token, "x").isPresent());

        now.addAndGet(31 * 60_000L);
        assertTrue("idle for 31 minutes", first.authenticateToken(token, "x").isEmpty());
        assertTrue(second.authenticateToken(token, "x").isEmpty());
        try {
            first.authenticateHeader("Bearer " + token, "x");
            fail("an idle session authenticated");
        } catch (AuthenticationFailedException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("session expired"));
        }
    }

    private static boolean tryLogin(AccountService accounts, String user, String password, String address) {
        try {
            accounts.login(user, password, address);
            return true;
        } catch (AuthenticationFailedException e) {
            return false;
        }
    }

    private static void expectWrong(AccountService accounts, String user, String password, String address) {
        try {
            accounts.login(user, password, address);
            fail("a wrong password signed in");
        } catch (LoginThrottledException e) {
            fail("throttled: " + e.getMessage());
        } catch (AuthenticationFailedException expected) {
            // checked and refused
        }
    }

    /** Runs all at once; the number that returned true. */
    private static int runParallel(List<Callable<Boolean>> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(24);
        try {
            int ok = 0;
            for (Future<Boolean> f : pool.invokeAll(work)) {
                ok += f.get() ? 1 : 0;
            }
            return ok;
        } finally {
            pool.shutdownNow();
        }
    }

    private int failuresOf(String user, String address) throws Exception {
        try (java.sql.Connection c = db.dataSource.getConnection();
                java.sql.PreparedStatement ps = c.prepareStatement(
                        "SELECT failures FROM core_login_failure WHERE username = ? AND client_address = ?")) {
            ps.setString(1, user);
            ps.setString(2, address);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }
}
