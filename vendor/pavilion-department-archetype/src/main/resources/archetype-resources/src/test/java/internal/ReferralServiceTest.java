package ${package}.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.persistence.EntityManager;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.privacy.ParticipantOutcome.Action;
import org.pavilion.core.api.privacy.PrivacySubject;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.testing.TestConstraints;
import org.pavilion.events.api.EventPublisher;
import ${package}.api.ReferralOpened;

/**
 * ${departmentTitle} on its real change log: Dr Okafor refers María López (0000004269) and Pedro Ruiz (0000004463).
 * Each referral is stored with its ReferralOpened event and audit record, or none of them when the event cannot be
 * written; a referral missing its reason is refused with every missing field named; the EMR's PatientRegistered gives
 * the referrals a name, once however often it is delivered; a merge, an export and an erasure reach her rows only.
 */
public class ReferralServiceTest {

    private static final String MARIA = "0000004269";
    private static final String MARIA_DUPLICATE = "0000004366";
    private static final String PEDRO = "0000004463";

    private DepartmentDatabase db;
    private final List<AuditEvent> trail = new ArrayList<>();
    private final AuditService audit = trail::add;
    private final Outbox outbox = new Outbox();
    private ReferralService referrals;

    @Before
    public void setUp() throws Exception {
        db = new DepartmentDatabase();
        referrals = new ReferralService(db.emf, audit, outbox, TestConstraints.platform());
    }

    @After
    public void tearDown() throws Exception {
        db.close();
    }

    @Test
    public void aReferralIsStoredWithItsEventAndItsAuditRecord() {
        Referral r = referrals.open(referral(MARIA, "Knee rehabilitation after surgery"));

        assertEquals(r.id, referrals.get(r.id).id);
        assertEquals(1, outbox.events.size());
        assertEquals(ReferralOpened.TYPE, outbox.events.get(0).eventType());
        assertEquals("patient:" + MARIA, outbox.events.get(0).subjectKey());
        assertEquals(r.id, ((ReferralOpened) outbox.events.get(0).payload()).referralId);
        assertEquals("CREATE", trail.get(0).action());
        assertEquals(MARIA, trail.get(0).patientId());
    }

    @Test
    public void whenTheEventCannotBeWrittenNoReferralIsLeft() {
        outbox.failing = true;
        try {
            referrals.open(referral(MARIA, "Knee rehabilitation after surgery"));
            fail("the event's failure must fail the referral");
        } catch (IllegalStateException expected) {
            // the outbox's own error
        }
        assertEquals(0, referrals.list(null, 0, 20).getTotal());
        assertTrue("no CREATE record for a referral that is not there",
                trail.stream().noneMatch(e -> e.action().equals("CREATE")));
    }

    @Test
    public void aReferralWithoutReasonOrReferrerIsRefusedNamingBoth() {
        NewReferral in = referral(MARIA, " ");
        in.referredBy = null;
        try {
            referrals.open(in);
            fail("expected 400");
        } catch (ProblemException e) {
            assertEquals(400, e.status());
            assertEquals(List.of(Map.of("field", "reason", "message", "must not be blank"),
                    Map.of("field", "referredBy", "message", "must not be blank")), e.extensions().get("violations"));
        }
        assertTrue(outbox.events.isEmpty());
    }

    @Test
    public void theEmrsRegistrationNamesThePatientOnceHoweverOftenItComes() throws Exception {
        Referral before = referrals.open(referral(MARIA, "Back pain"));
        assertNull(before.patientName);

        String registered = "{\"mrn\":\"" + MARIA + "\",\"givenName\":\"María\",\"familyName\":\"López\","
                + "\"sex\":\"FEMALE\",\"birthDate\":\"1984-03-01\",\"aFieldOfANewerEmr\":true}";
        assertTrue(referrals.patientRegistered("e-1", registered));
        assertFalse("a redelivery changes nothing", referrals.patientRegistered("e-1", registered));
        assertFalse(referrals.patientRegistered("e-9", "{\"redacted\":true,\"reason\":\"erased\"}"));

        assertEquals("María López", referrals.get(before.id).patientName);
        assertEquals(1, referrals.list(MARIA, 0, 20).getTotal());
    }

    @Test
    public void mergeExportAndErasureReachHerReferralsOnlyAndRunAgainHarmlessly() throws Exception {
        referrals.open(referral(MARIA, "Knee rehabilitation"));
        referrals.open(referral(MARIA_DUPLICATE, "Shoulder mobility"));
        referrals.open(referral(PEDRO, "Gait training"));
        ReferralPrivacy privacy = new ReferralPrivacy(db.emf);

        assertEquals(Long.valueOf(1), privacy.merge(MARIA, MARIA_DUPLICATE).items(Action.REPOINTED).get(0).count());
        assertEquals(Long.valueOf(0), privacy.merge(MARIA, MARIA_DUPLICATE).items(Action.REPOINTED).get(0).count());
        assertEquals(2, referrals.list(MARIA, 0, 20).getTotal());

        PrivacySubject maria = new PrivacySubject(List.of(MARIA, MARIA_DUPLICATE), List.of(),
                List.of(new PrivacySubject.Name("María", "López")), List.of("1984-03-01"), "FULL", Instant.now());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        privacy.export(maria, out);
        JsonNode exported = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8)).get("referrals");
        assertEquals(2, exported.size());

        assertEquals(Long.valueOf(2), privacy.erase(maria).items(Action.REMOVED).get(0).count());
        assertEquals(Long.valueOf(0), privacy.erase(maria).items(Action.REMOVED).get(0).count());
        assertEquals(0, referrals.list(MARIA, 0, 20).getTotal());
        assertEquals(1, referrals.list(PEDRO, 0, 20).getTotal());
    }

    private static NewReferral referral(String mrn, String reason) {
        NewReferral in = new NewReferral();
        in.patientId = mrn;
        in.reason = reason;
        in.referredBy = "Dr Okafor, orthopaedics";
        return in;
    }

    /**
     * The bus's outbox as the department sees it: it keeps what was published in the caller's transaction, or fails
     * the way the real one does when it cannot write the event (and the caller's transaction then rolls back).
     */
    private static final class Outbox implements EventPublisher {
        final List<Event> events = new ArrayList<>();
        boolean failing;

        @Override
        public String publish(EntityManager em, String eventType, Object payload) {
            return publish(em, eventType, null, payload);
        }

        @Override
        public String publish(EntityManager em, String eventType, String subjectKey, Object payload) {
            if (!em.getTransaction().isActive()) {
                throw new IllegalStateException("not in a transaction");
            }
            if (failing) {
                throw new IllegalStateException("the outbox table is not there");
            }
            events.add(new Event(eventType, subjectKey, payload));
            return "event-" + events.size();
        }
    }
}
