package org.pavilion.telemedicine.internal;

import static org.junit.Assert.assertEquals;
import static org.pavilion.telemedicine.internal.ConsultationDayTest.as;
import static org.pavilion.telemedicine.internal.ConsultationDayTest.booking;

import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.servlet.http.HttpServletRequest;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditOutcome;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.internal.rest.HttpPolicy;
import org.pavilion.core.internal.rest.ProxyTrust;
import org.pavilion.core.testing.TestAccounts;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * An interpreter joins a call from home, through the hospital's reverse proxy (10.20.0.2, listed in core's
 * {@code trustedProxies}). Her link's redemption and her signalling join are audited with her own address, as core
 * resolves it, not the proxy's; a forwarded header from a peer that is not a trusted proxy is ignored.
 */
public class GuestAddressTest {

    private static final String PROXY = "10.20.0.2";
    private static final String INTERPRETER_AT_HOME = "198.51.100.23";

    private final Caller drHouse = Caller.inContainer("dr.house", Set.of(ConsultationResource.HOST), "10.1.1.7");
    private final Caller ana = TestAccounts.patientAccount("ana", "MRN-ANA", MyConsultationResource.JOIN);
    /** Core's own resolution, configured as etc/org.pavilion.core.http.cfg would: trustedProxies = 10.20.0.0/24. */
    private final HttpPolicy http = new HttpPolicy(ProxyTrust.of("10.20.0.0/24"), 1024 * 1024, 0);

    private TelemedicineDatabase db;
    private String room;

    @Before
    public void open() throws Exception {
        db = new TelemedicineDatabase();
        db.service.onAppointmentEvent(UUID.randomUUID().toString(), "AppointmentBooked", new ObjectMapper()
                .writeValueAsString(booking("APPT-1", "MRN-ANA", "VIDEO", "2026-12-07T09:30:00Z")));
        room = db.service.list(null, 0, 1).getItems().get(0).id;
        as(ana, () -> db.service.arrive(room));
        as(drHouse, () -> db.service.admit(room));
    }

    @After
    public void close() throws Exception {
        db.close();
    }

    @Test
    public void theInterpreterBehindTheHospitalProxyIsAuditedWithHerOwnAddress() throws Exception {
        GuestResource guests = new GuestResource(db.service, http);
        guests.request = request(PROXY, INTERPRETER_AT_HOME);
        GuestRedemption redeemed = guests.redeem(redemption(link("Interpreter")));
        AuditEvent redemption = db.audit.of("REDEEM").get(0);
        assertEquals(AuditOutcome.SUCCESS, redemption.outcome());
        assertEquals("her address, not the proxy's", INTERPRETER_AT_HOME, redemption.caller().clientAddress());

        guests.request = request(PROXY, INTERPRETER_AT_HOME);
        SignalAccess access = guests.signal(redeemed.guestSession);
        SignallingTest.FakeSession socket = new SignallingTest.FakeSession(access.ticket);
        new SignallingEndpoint(db.service, db.tickets, db.rooms, new TelemedicineSettings(
                TelemedicineSettings.defaults())).open(socket.session, room);
        assertEquals("welcome", socket.last().path("type").asText());
        AuditEvent join = db.audit.of("JOIN").get(0);
        assertEquals(AuditOutcome.SUCCESS, join.outcome());
        assertEquals("guest:Interpreter", join.caller().username());
        assertEquals(INTERPRETER_AT_HOME, join.caller().clientAddress());
        assertEquals(true, join.detail().endsWith("from " + INTERPRETER_AT_HOME));
    }

    @Test
    public void aForwardedHeaderFromAnUntrustedPeerIsIgnored() throws Exception {
        GuestResource guests = new GuestResource(db.service, http);
        guests.request = request("203.0.113.66", "10.1.1.7");
        guests.redeem(redemption(link("Daughter")));
        assertEquals("the direct peer: anyone can write X-Forwarded-For", "203.0.113.66",
                db.audit.of("REDEEM").get(0).caller().clientAddress());
    }

    private String link(String label) throws Exception {
        GuestLinkRequest in = new GuestLinkRequest();
        in.guestLabel = label;
        return as(drHouse, () -> db.service.createGuestLink(room, in)).token;
    }

    private static GuestRedemption redemption(String token) {
        GuestRedemption in = new GuestRedemption();
        in.token = token;
        return in;
    }

    /** A request as Jetty hands it over: from {@code peer}, saying it forwards {@code forwardedFor}. */
    private static HttpServletRequest request(String peer, String forwardedFor) {
        Map<String, Object> attributes = new HashMap<>();
        return (HttpServletRequest) Proxy.newProxyInstance(GuestAddressTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (p, m, args) -> switch (m.getName()) {
                    case "getRemoteAddr" -> peer;
                    case "getHeaders" -> "X-Forwarded-For".equalsIgnoreCase((String) args[0])
                            ? Collections.enumeration(List.of(forwardedFor)) : Collections.emptyEnumeration();
                    case "getHeader" -> null;
                    case "isSecure" -> false;
                    case "getAttribute" -> attributes.get(args[0]);
                    case "setAttribute" -> attributes.put((String) args[0], args[1]);
                    case "removeAttribute" -> attributes.remove(args[0]);
                    default -> null;
                });
    }
}
