package org.pavilion.core.internal.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import javax.servlet.http.HttpServletRequest;

import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Exchange;
import org.apache.cxf.message.ExchangeImpl;
import org.apache.cxf.message.Message;
import org.apache.cxf.message.MessageImpl;
import org.apache.cxf.transport.http.AbstractHTTPDestination;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.pavilion.core.api.security.SeededRoles;
import org.pavilion.core.internal.CoreTestDatabase;
import org.pavilion.core.internal.TestConfigs;
import org.pavilion.core.internal.audit.AuditServiceImpl;
import org.pavilion.core.internal.security.AccountService;
import org.pavilion.core.internal.security.AuthenticatedCaller;
import org.pavilion.core.internal.security.totp.SecondFactorGate;

/**
 * SOAP takes the same credentials as REST: an integration account whose role requires a second factor cannot call
 * with HTTP Basic (a password alone), only with a bearer token from a login with the code.
 */
public class SoapSecondFactorTest {

    private static final String PASSWORD = "interface-engine-7";

    @Rule
    public TemporaryFolder karafData = new TemporaryFolder();

    private CoreTestDatabase db;
    private AuditServiceImpl audit;
    private AccountService accounts;
    private SoapAuthInterceptor interceptor;

    @Before
    public void setUp() throws Exception {
        System.setProperty("karaf.data", karafData.getRoot().getAbsolutePath());
        db = new CoreTestDatabase();
        audit = new AuditServiceImpl(db.emf, db.dataSource, null);
        accounts = new AccountService(db.emf, audit, null, TestConfigs.auth(5, 0));
        TestConfigs.declareCorePrivileges(accounts.roleStore());
        accounts.create("lab.feed", PASSWORD, Set.of(SeededRoles.INTEGRATION), null);
        interceptor = new SoapAuthInterceptor(accounts, new HttpPolicy(ProxyTrust.none(), 1024 * 1024, 0),
                new SecondFactorGate(accounts.secondFactors(), audit));
    }

    @After
    public void tearDown() throws Exception {
        audit.deactivate();
        db.close();
        System.clearProperty("karaf.data");
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Runs the interceptor on a SOAP request with this Authorization header; the caller it authenticated. */
    private AuthenticatedCaller call(String authorization) {
        Map<String, Object> attributes = new HashMap<>();
        HttpServletRequest http = (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (p, m, a) -> switch (m.getName()) {
                    case "getHeader" -> "Authorization".equalsIgnoreCase((String) a[0]) ? authorization : null;
                    case "getHeaders" -> Collections.emptyEnumeration();
                    case "getRemoteAddr" -> "127.0.0.1";
                    case "isSecure" -> false;
                    case "getAttribute" -> attributes.get((String) a[0]);
                    case "setAttribute" -> attributes.put((String) a[0], a[1]);
                    default -> null;
                });
        Message message = new MessageImpl();
        Exchange exchange = new ExchangeImpl();
        message.setExchange(exchange);
        message.put(AbstractHTTPDestination.HTTP_REQUEST, http);
        interceptor.handleMessage(message);
        return exchange.get(AuthenticatedCaller.class);
    }

    private static Fault refused(Runnable call) {
        try {
            call.run();
        } catch (Fault f) {
            return f;
        }
        fail("the SOAP call was let through");
        return null;
    }

    @Test
    public void basicStaysAllowedForAnIntegrationAccountWithoutSecondFactor() {
        assertEquals("lab.feed", call(basic("lab.feed", PASSWORD)).username());
    }

    @Test
    public void aRoleRequiringASecondFactorRefusesBasicWithAFaultNamingTheBearerToken() throws Exception {
        accounts.secondFactors().setRoleRequires(SeededRoles.INTEGRATION, true);
        Fault f = refused(() -> call(basic("lab.feed", PASSWORD)));
        assertEquals(401, f.getStatusCode());
        assertEquals(Fault.FAULT_CODE_CLIENT, f.getFaultCode());
        assertTrue(f.getMessage(), f.getMessage().contains("second-factor-required"));
        assertTrue(f.getMessage(), f.getMessage().contains("/api/v1/auth/login"));
        assertTrue(f.getMessage(), f.getMessage().contains("bearer token"));
        assertEquals("the refusal is audited", 1L, count(
                "SELECT COUNT(*) FROM core_audit WHERE action = 'LOGIN_BASIC' AND outcome = 'DENIED'"));

        // Not enrolled yet: a bearer token is confined to the enrolment, on SOAP as on REST.
        String token = accounts.login("lab.feed", PASSWORD, "127.0.0.1").token();
        Fault pending = refused(() -> call("Bearer " + token));
        assertEquals(403, pending.getStatusCode());
        assertTrue(pending.getMessage(), pending.getMessage().contains("second-factor-enrolment-required"));
    }

    @Test
    public void aWrongPasswordIsStillAnOrdinaryRefusal() {
        accounts.secondFactors().setRoleRequires(SeededRoles.INTEGRATION, true);
        Fault f = refused(() -> call(basic("lab.feed", "wrong")));
        assertEquals(401, f.getStatusCode());
        assertNotNull(f.getMessage());
        assertTrue(f.getMessage(), !f.getMessage().contains("second-factor"));
    }

    private long count(String sql) throws Exception {
        try (var c = db.dataSource.getConnection(); var s = c.createStatement(); var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
