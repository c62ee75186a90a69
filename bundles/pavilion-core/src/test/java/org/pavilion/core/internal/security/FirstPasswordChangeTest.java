package org.pavilion.core.internal.security;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ResourceInfo;
import javax.ws.rs.core.GenericEntity;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.security.AccountMessenger.PasswordResetRequest;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.core.api.security.SeededRoles;
import org.pavilion.core.internal.CoreTestDatabase;
import org.pavilion.core.internal.TestConfigs;
import org.pavilion.core.internal.audit.AuditQuery;
import org.pavilion.core.internal.audit.AuditServiceImpl;
import org.pavilion.core.internal.rest.AuthFilter;
import org.pavilion.core.internal.rest.HttpPolicy;
import org.pavilion.core.internal.rest.ProxyTrust;
import org.pavilion.core.internal.rest.resources.AuthResource;
import org.pavilion.core.internal.rest.resources.UserResource;
import org.pavilion.core.internal.security.totp.SecondFactorGate;

/**
 * The first administrator (and any account given a temporary password) must choose a new password before anything
 * else: on the real change log, through the login, the REST filter and the password endpoints.
 */
public class FirstPasswordChangeTest {

    private static final String NEW_ADMIN_PASSWORD = "Night-Shift-Admin-7";

    @Rule
    public TemporaryFolder karafData = new TemporaryFolder();

    private CoreTestDatabase db;
    private AuditServiceImpl audit;
    private AccountService accounts;
    private PasswordResetService resets;
    private AuthResource authResource;
    private AuthFilter filter;
    private Path passwordFile;
    private String initialPassword;
    private final List<PasswordResetRequest> outbox = new ArrayList<>();
    private final HttpServletRequest browser = TestConfigs.requestFrom("10.2.0.1");

    @Before
    public void setUp() throws Exception {
        System.setProperty("karaf.data", karafData.getRoot().getAbsolutePath());
        db = new CoreTestDatabase();
        audit = new AuditServiceImpl(db.emf, db.dataSource, null);
        accounts = new AccountService(db.emf, audit, null, TestConfigs.auth(3, 60));
        TestConfigs.declareCorePrivileges(accounts.roleStore());
        resets = new PasswordResetService(db.emf, audit, accounts);
        resets.addMessenger(outbox::add);
        authResource = new AuthResource(accounts, resets);
        filter = new AuthFilter(accounts, audit, new HttpPolicy(ProxyTrust.none(), 100_000, 0),
                new SecondFactorGate(accounts.secondFactors(), audit));
        passwordFile = karafData.getRoot().toPath().resolve(AccountService.ADMIN_PASSWORD_FILE);
        initialPassword = Files.readString(passwordFile).trim();
    }

    @After
    public void tearDown() throws Exception {
        CallerContext.clear();
        audit.deactivate();
        db.close();
        System.clearProperty("karaf.data");
    }

    @Test
    public void theFirstAdministratorSignsInButMayOnlyChangeThePasswordUntilItIsDone() throws Exception {
        LoginResult login = accounts.login("admin", initialPassword, "10.2.0.1");
        assertTrue(login.caller().passwordChangeRequired());
        assertTrue(accounts.get("admin").passwordChangeRequired);

        // Any endpoint naming a privilege is refused, although admin holds the privilege ...
        Response refused = call(login.token(), UserResource.class, "list", int.class, int.class);
        assertNotNull("the user list must be refused", refused);
        assertEquals(403, refused.getStatus());
        @SuppressWarnings("unchecked")
        Map<String, Object> problem = (Map<String, Object>) (refused.getEntity() instanceof GenericEntity<?> g
                ? g.getEntity() : refused.getEntity());
        assertTrue(problem.toString(), String.valueOf(problem.get("type")).endsWith("/password-change-required")
                || String.valueOf(problem.get("type")).endsWith(":password-change-required"));
        // ... the public ones (change of the own password, who am I, sign out) are not.
        assertNull(call(login.token(), AuthResource.class, "changePassword", AuthResource.PasswordChange.class,
                String.class, String.class, HttpServletRequest.class));
        assertNull(call(login.token(), AuthResource.class, "session", String.class));
        assertTrue(authResource.session(null).passwordChangeRequired);

        // The new password must differ from the initial one.
        try {
            authResource.changePassword(change(initialPassword, initialPassword), "Bearer " + login.token(), null, browser);
            fail("the same password is not a change");
        } catch (ProblemException expected) {
            assertEquals(422, expected.status());
        }
        assertTrue(Files.exists(passwordFile));

        assertEquals(204, authResource.changePassword(change(initialPassword, NEW_ADMIN_PASSWORD),
                "Bearer " + login.token(), null, browser).getStatus());
        CallerContext.clear();

        // The same session goes on, now without the gate; the initial password and its file are gone.
        assertNull(call(login.token(), UserResource.class, "list", int.class, int.class));
        assertFalse(accounts.authenticateToken(login.token(), "10.2.0.1").orElseThrow().passwordChangeRequired());
        assertFalse(Files.exists(passwordFile));
        assertFalse(accounts.get("admin").passwordChangeRequired);
        expectLoginFailure("admin", initialPassword);
        assertFalse(accounts.login("admin", NEW_ADMIN_PASSWORD, "10.2.0.1").caller().passwordChangeRequired());

        AuditQuery changed = new AuditQuery();
        changed.action = "PASSWORD_CHANGED";
        assertEquals(1, audit.search(changed, 0, 10).getTotal());
    }

    @Test
    public void changingThePasswordEndsTheAccountsOtherSessions() throws Exception {
        LoginResult desk = accounts.login("admin", initialPassword, "10.2.0.1");
        LoginResult laptop = accounts.login("admin", initialPassword, "10.2.0.2");
        accounts.changeOwnPassword("admin", initialPassword, NEW_ADMIN_PASSWORD, "10.2.0.1", desk.token());
        assertTrue(accounts.authenticateToken(desk.token(), "10.2.0.1").isPresent());
        assertTrue(accounts.authenticateToken(laptop.token(), "10.2.0.2").isEmpty());
    }

    @Test
    public void aFileLeftBehindGoesAtTheNextStartButNotWhileTheChangeIsPending() throws Exception {
        new AccountService(db.emf, audit, null, TestConfigs.auth(3, 60));
        assertTrue("the change is pending: the file stays", Files.exists(passwordFile));

        accounts.changeOwnPassword("admin", initialPassword, NEW_ADMIN_PASSWORD, "10.2.0.1");
        assertFalse(Files.exists(passwordFile));
        // A delete that failed (here: the file put back) is done at the next start.
        AccountService.writeOwnerOnly(passwordFile, initialPassword + "\n");
        new AccountService(db.emf, audit, null, TestConfigs.auth(3, 60));
        assertFalse(Files.exists(passwordFile));
    }

    @Test
    public void anAdministratorFromBeforeTheRequiredChangeStillOnTheInitialPasswordIsAskedForIt() throws Exception {
        // As the database of an earlier version left it: the column's default, false.
        try (java.sql.Connection c = db.dataSource.getConnection();
                java.sql.Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE core_user SET password_change_required = false WHERE username = 'admin'");
        }
        new AccountService(db.emf, audit, null, TestConfigs.auth(3, 60));
        assertTrue("the file still signs in: it must not go", Files.exists(passwordFile));
        assertTrue(accounts.get("admin").passwordChangeRequired);
    }

    @Test
    public void aTemporaryPasswordFromAnAdministratorMustBeReplacedAndAResetLinkClearsIt() throws Exception {
        accounts.create("nora.nurse", "first-day-password", Set.of(SeededRoles.NURSE), null, true);
        assertTrue(accounts.login("nora.nurse", "first-day-password", "10.2.0.5").caller().passwordChangeRequired());
        accounts.create("nick.nurse", "nick-own-password", Set.of(SeededRoles.NURSE), null);
        assertFalse("the default changes nothing",
                accounts.login("nick.nurse", "nick-own-password", "10.2.0.5").caller().passwordChangeRequired());

        accounts.resetPassword("nick.nurse", "temporary-password-1", true);
        assertTrue(accounts.get("nick.nurse").passwordChangeRequired);
        resets.request("nick.nurse", "10.2.0.5");
        assertEquals(1, outbox.size());
        resets.confirm(outbox.get(0).token(), "nick-chose-this-one", "10.2.0.5");
        assertFalse("the user chose the password", accounts.get("nick.nurse").passwordChangeRequired);
        assertTrue("only the administrator's file is deleted", Files.exists(passwordFile));

        accounts.resetPassword("nora.nurse", "not-temporary-password", false);
        assertFalse(accounts.get("nora.nurse").passwordChangeRequired);
    }

    /** Runs the REST filter for {@code type.method} with the bearer token; the answer it aborted with, or null. */
    private Response call(String token, Class<?> type, String method, Class<?>... parameters) throws Exception {
        Method m = type.getMethod(method, parameters);
        ResourceInfo info = (ResourceInfo) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ResourceInfo.class},
                (proxy, called, args) -> "getResourceClass".equals(called.getName()) ? type : m);
        Field f = AuthFilter.class.getDeclaredField("resourceInfo");
        f.setAccessible(true);
        f.set(filter, info);
        AtomicReference<Response> aborted = new AtomicReference<>();
        ContainerRequestContext request = (ContainerRequestContext) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {ContainerRequestContext.class},
                (proxy, called, args) -> {
                    switch (called.getName()) {
                        case "getHeaderString":
                            return HttpHeaders.AUTHORIZATION.equals(args[0]) ? "Bearer " + token : null;
                        case "getCookies":
                            return Map.of();
                        case "getMethod":
                            return "GET";
                        case "abortWith":
                            aborted.set((Response) args[0]);
                            return null;
                        default:
                            throw new UnsupportedOperationException(called.getName());
                    }
                });
        filter.filter(request);
        return aborted.get();
    }

    private static AuthResource.PasswordChange change(String current, String next) {
        AuthResource.PasswordChange c = new AuthResource.PasswordChange();
        c.currentPassword = current;
        c.newPassword = next;
        return c;
    }

    private void expectLoginFailure(String user, String password) {
        try {
            accounts.login(user, password, "10.2.0.1");
            fail(user + " must not sign in with " + password);
        } catch (AuthenticationFailedException expected) {
            // refused
        }
    }
}
