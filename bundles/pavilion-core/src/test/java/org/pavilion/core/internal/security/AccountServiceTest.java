package org.pavilion.core.internal.security;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.security.SeededRoles;
import org.pavilion.core.internal.CoreTestDatabase;
import org.pavilion.core.internal.TestConfigs;
import org.pavilion.core.internal.audit.AuditQuery;
import org.pavilion.core.internal.audit.AuditServiceImpl;

public class AccountServiceTest {

    @Rule
    public TemporaryFolder karafData = new TemporaryFolder();

    private CoreTestDatabase db;
    private AuditServiceImpl audit;
    private AccountService accounts;
    private String adminPassword;

    @Before
    public void setUp() throws Exception {
        System.setProperty("karaf.data", karafData.getRoot().getAbsolutePath());
        db = new CoreTestDatabase();
        audit = new AuditServiceImpl(db.emf, db.dataSource, null);
        accounts = new AccountService(db.emf, audit, null, TestConfigs.auth(3, 60));
        TestConfigs.declareCorePrivileges(accounts.roleStore());
        adminPassword = Files.readString(karafData.getRoot().toPath().resolve(AccountService.ADMIN_PASSWORD_FILE)).trim();
    }

    @After
    public void tearDown() throws Exception {
        audit.deactivate();
        db.close();
        System.clearProperty("karaf.data");
    }

    @Test
    public void theFirstStartCreatesAnAdministratorWithASecretOnlyItsOwnerCanRead() throws Exception {
        Path file = karafData.getRoot().toPath().resolve(AccountService.ADMIN_PASSWORD_FILE);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertTrue(adminPassword.length() >= 20);
        LoginResult login = accounts.login("admin", adminPassword, "127.0.0.1");
        assertEquals(Set.of(SeededRoles.ADMIN), login.caller().roles());

        // A second start finds users and makes no new administrator.
        Files.delete(file);
        new AccountService(db.emf, audit, null, TestConfigs.auth(3, 60));
        assertFalse(Files.exists(file));
    }

    @Test
    public void aReceptionistLogsInAndHerTokenIdentifiesHerUntilLogout() throws Exception {
        accounts.create("rita.reception", "front-desk-password", Set.of(SeededRoles.RECEPTIONIST), null);
        LoginResult login = accounts.login("Rita.Reception", "front-desk-password", "10.0.0.9");
        AuthenticatedCaller caller = accounts.authenticateToken(login.token(), "10.0.0.9").orElseThrow();
        assertEquals("rita.reception", caller.username());
        assertTrue(caller.roles().contains(SeededRoles.RECEPTIONIST));
        accounts.logout(login.token());
        assertTrue(accounts.authenticateToken(login.token(), "10.0.0.9").isEmpty());
        assertTrue(accounts.authenticateToken("made-up-token", "10.0.0.9").isEmpty());
    }

    @Test
    public void aUserChangesHerOwnPasswordOnlyWithTheCurrentOne() throws Exception {
        accounts.create("dora.doctor", "consulting-room-3", Set.of(SeededRoles.DOCTOR), null);
        try {
            accounts.changeOwnPassword("dora.doctor", "not-the-password", "a-brand-new-secret", "127.0.0.1");
            fail("a wrong current password changes nothing");
        } catch (AuthenticationFailedException expected) {
            // refused like a failed login
        }
        try {
            accounts.changeOwnPassword("dora.doctor", "consulting-room-3", "short", "127.0.0.1");
            fail("the password rules apply");
        } catch (ProblemException expected) {
            assertEquals(400, expected.status());
        }
        accounts.login("dora.doctor", "consulting-room-3", "127.0.0.1");
        accounts.changeOwnPassword("dora.doctor", "consulting-room-3", "a-brand-new-secret", "127.0.0.1");
        accounts.login("dora.doctor", "a-brand-new-secret", "127.0.0.1");
        try {
            accounts.login("dora.doctor", "consulting-room-3", "127.0.0.1");
            fail("the old password no longer signs in");
        } catch (AuthenticationFailedException expected) {
            // changed
        }
    }

    @Test
    public void repeatedWrongPasswordsLockTheAccountEvenAgainstTheRightOne() throws Exception {
        accounts.create("nick.nurse", "ward-seven-nights", Set.of(SeededRoles.NURSE), null);
        for (int i = 0; i < 3; i++) {
            expectLoginFailure("nick.nurse", "guess-" + i);
        }
        expectLoginFailure("nick.nurse", "ward-seven-nights");
        assertTrue(accounts.get("nick.nurse").locked);

        accounts.resetPassword("nick.nurse", "a-brand-new-password");
        assertEquals("nick.nurse", accounts.login("nick.nurse", "a-brand-new-password", "x").caller().username());

        AuditQuery denied = new AuditQuery();
        denied.action = "LOGIN";
        denied.outcome = "DENIED";
        assertEquals(4, audit.search(denied, 0, 50).getTotal());
    }

    @Test
    public void disablingAUserEndsTheirSessions() throws Exception {
        accounts.create("dr.locum", "temporary-contract", Set.of(SeededRoles.DOCTOR), null);
        LoginResult login = accounts.login("dr.locum", "temporary-contract", "x");
        accounts.setEnabled("dr.locum", false);
        assertTrue(accounts.authenticateToken(login.token(), "x").isEmpty());
        expectLoginFailure("dr.locum", "temporary-contract");
    }

    @Test
    public void httpBasicIsForIntegrationAccountsOnly() throws Exception {
        accounts.create("lab-analyser", "analyser-secret-42", Set.of(SeededRoles.INTEGRATION), null);
        accounts.create("dr.who", "tardis-password-1", Set.of(SeededRoles.DOCTOR), null);
        assertEquals("lab-analyser", accounts.authenticateBasic("lab-analyser", "analyser-secret-42", "x").username());
        try {
            accounts.authenticateBasic("dr.who", "tardis-password-1", "x");
            fail("a person must log in for a token");
        } catch (AuthenticationFailedException expected) {
            assertTrue(expected.getMessage().contains("integration"));
        }
        try {
            accounts.authenticateBasic("lab-analyser", "wrong", "x");
            fail("wrong password accepted");
        } catch (AuthenticationFailedException expected) {
            // the cached good credential must not make a wrong one pass
        }
    }

    @Test
    public void theAuthorizationHeaderIsReadForTokensAndIntegrationCredentials() throws Exception {
        accounts.create("pharmacy-robot", "robot-secret-pass", Set.of(SeededRoles.INTEGRATION), null);
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString("pharmacy-robot:robot-secret-pass".getBytes());
        assertEquals("pharmacy-robot", accounts.authenticateHeader(basic, "x").orElseThrow().username());
        LoginResult login = accounts.login("admin", adminPassword, "x");
        assertEquals("admin", accounts.authenticateHeader("bearer " + login.token(), "x").orElseThrow().username());
        assertTrue(accounts.authenticateHeader(null, "x").isEmpty());
        for (String bad : new String[] {"Bearer nope", "Basic !!!", "Basic " + java.util.Base64.getEncoder()
                .encodeToString("no-colon".getBytes()), "Digest abc"}) {
            try {
                accounts.authenticateHeader(bad, "x");
                fail(bad + " accepted");
            } catch (AuthenticationFailedException expected) {
                // each says what is wrong
            }
        }
    }

    @Test
    public void badAccountsAreRefusedWithAClearReason() {
        expectProblem(400, () -> accounts.create("A B", "long-enough-password", Set.of(SeededRoles.DOCTOR), null));
        expectProblem(400, () -> accounts.create("short.pw", "short", Set.of(SeededRoles.DOCTOR), null));
        expectProblem(400, () -> accounts.create("no.roles", "long-enough-password", Set.of(), null));
        expectProblem(400, () -> accounts.create("pat", "long-enough-password", Set.of(SeededRoles.PATIENT), null));
        expectProblem(400, () -> accounts.create("pat", "long-enough-password", Set.of(SeededRoles.PATIENT, SeededRoles.DOCTOR), "P-1"));
        accounts.create("pat", "long-enough-password", Set.of(SeededRoles.PATIENT), "P-1");
        expectProblem(409, () -> accounts.create("pat", "long-enough-password", Set.of(SeededRoles.PATIENT), "P-1"));
        expectProblem(404, () -> accounts.get("nobody"));
    }

    private void expectLoginFailure(String user, String password) {
        try {
            accounts.login(user, password, "10.0.0.66");
            fail("login should have failed");
        } catch (AuthenticationFailedException expected) {
            // one message for every cause
        }
    }

    private static void expectProblem(int status, Runnable r) {
        try {
            r.run();
            fail("expected HTTP " + status);
        } catch (ProblemException e) {
            assertEquals(e.getMessage(), status, e.status());
        }
    }
}
