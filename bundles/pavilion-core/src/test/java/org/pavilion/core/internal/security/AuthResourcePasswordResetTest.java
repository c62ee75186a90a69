package org.pavilion.core.internal.security;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.core.Response;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.security.AccountMessenger.PasswordResetRequest;
import org.pavilion.core.api.security.SeededRoles;
import org.pavilion.core.internal.CoreTestDatabase;
import org.pavilion.core.internal.TestConfigs;
import org.pavilion.core.internal.audit.AuditServiceImpl;
import org.pavilion.core.internal.rest.EndpointRules;
import org.pavilion.core.internal.rest.resources.AuthResource;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The two reset endpoints as the front desk's browser calls them, signed out. */
public class AuthResourcePasswordResetTest {

    @Rule
    public TemporaryFolder karafData = new TemporaryFolder();

    private CoreTestDatabase db;
    private AuditServiceImpl audit;
    private AccountService accounts;
    private AuthResource resource;
    private final List<PasswordResetRequest> outbox = new ArrayList<>();
    private final HttpServletRequest browser = TestConfigs.requestFrom("10.2.0.14");

    @Before
    public void setUp() throws Exception {
        System.setProperty("karaf.data", karafData.getRoot().getAbsolutePath());
        db = new CoreTestDatabase();
        audit = new AuditServiceImpl(db.emf, db.dataSource, null);
        accounts = new AccountService(db.emf, audit, null, TestConfigs.auth(3, 60));
        TestConfigs.declareCorePrivileges(accounts.roleStore());
        PasswordResetService resets = new PasswordResetService(db.emf, audit, accounts);
        resets.addMessenger(outbox::add);
        resource = new AuthResource(accounts, resets);
        accounts.create("rita.reception", "front-desk-password", Set.of(SeededRoles.RECEPTIONIST), null);
    }

    @After
    public void tearDown() throws Exception {
        audit.deactivate();
        db.close();
        System.clearProperty("karaf.data");
    }

    @Test
    public void bothEndpointsAreOpenWithoutSigningIn() throws Exception {
        for (String name : List.of("requestPasswordReset", "confirmPasswordReset")) {
            java.lang.reflect.Method m = AuthResource.class.getMethod(name,
                    name.startsWith("request") ? AuthResource.PasswordResetAsk.class : AuthResource.PasswordResetConfirm.class,
                    HttpServletRequest.class);
            assertTrue(name, EndpointRules.rule(AuthResource.class, m).open());
        }
    }

    @Test
    public void aKnownAndAnUnknownUsernameGetTheSameAnswer() throws Exception {
        Response known = resource.requestPasswordReset(ask("rita.reception"), browser);
        Response unknown = resource.requestPasswordReset(ask("rita.receptoin"), browser);
        assertEquals(202, known.getStatus());
        assertEquals(202, unknown.getStatus());
        ObjectMapper json = new ObjectMapper();
        assertEquals(json.writeValueAsString(known.getEntity()), json.writeValueAsString(unknown.getEntity()));
        assertEquals(1, outbox.size());

        AuthResource.PasswordResetConfirm confirm = new AuthResource.PasswordResetConfirm();
        confirm.token = outbox.get(0).token();
        confirm.password = "rita-new-desk-password";
        assertEquals(204, resource.confirmPasswordReset(confirm, browser).getStatus());
        try {
            resource.confirmPasswordReset(confirm, browser);
            fail("a used link is refused");
        } catch (ProblemException e) {
            assertEquals(400, e.status());
            assertEquals(ProblemException.TYPE_PREFIX + "invalid-reset-token", e.type());
        }
    }

    private static AuthResource.PasswordResetAsk ask(String username) {
        AuthResource.PasswordResetAsk a = new AuthResource.PasswordResetAsk();
        a.username = username;
        return a;
    }
}
