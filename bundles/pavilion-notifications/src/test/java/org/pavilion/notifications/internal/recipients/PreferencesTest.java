package org.pavilion.notifications.internal.recipients;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.pavilion.notifications.internal.recipients.Hospital.ANA;
import static org.pavilion.notifications.internal.recipients.Hospital.ANA_OLD;
import static org.pavilion.notifications.internal.recipients.Hospital.ANA_PORTAL;
import static org.pavilion.notifications.internal.recipients.Hospital.DESK;
import static org.pavilion.notifications.internal.recipients.Hospital.as;
import static org.pavilion.notifications.internal.recipients.Hospital.status;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditOutcome;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.notifications.internal.NotificationsDatabase;

/**
 * Ana tells the front desk she wants no more text messages; later she turns e-mail off herself in the portal. The
 * desk works by MRN (her old one too), and cannot record choices for a patient the EMR does not know; a staff account
 * has no "own" preferences; a body naming no valid channel is refused with every problem.
 */
public class PreferencesTest {

    private NotificationsDatabase db;
    private FakeEmr emr;
    private RecordingAudit audit;
    private Directory directory;
    private PatientPreferenceResource desk;
    private PortalResource portal;

    @Before
    public void open() throws Exception {
        db = new NotificationsDatabase();
        emr = Hospital.emr();
        audit = new RecordingAudit();
        withDirectory(Directory.of(db.emf, new EmrPatientLookup(emr)));
    }

    private void withDirectory(Directory d) {
        directory = d;
        Preferences preferences = new Preferences(db.emf, audit, directory, Hospital.CLOCK);
        desk = new PatientPreferenceResource(preferences);
        portal = new PortalResource(preferences, new OwnMessages(db.emf, audit));
    }

    @After
    public void close() throws Exception {
        db.close();
    }

    @Test
    public void theDeskRecordsAnasSmsOptOutAndTheDirectoryHonoursIt() throws Exception {
        PreferenceBodies.View before = as(DESK, () -> desk.get(ANA));
        assertEquals(ANA, before.patientId);
        assertEquals(Set.of("EMAIL", "SMS"), before.channels.keySet());
        assertFalse(before.channels.get("SMS").optedOut);

        PreferenceBodies.View after = as(DESK, () -> desk.put(ANA_OLD, update("SMS", true)));

        assertEquals("filed under the survivor", ANA, after.patientId);
        assertTrue(after.channels.get("SMS").optedOut);
        assertEquals("reception.1", after.channels.get("SMS").updatedBy);
        assertEquals(Hospital.MORNING.toString(), after.channels.get("SMS").updatedAt);
        assertFalse(after.channels.get("EMAIL").optedOut);
        assertTrue(as(DESK, () -> desk.get(ANA)).channels.get("SMS").optedOut);
        assertEquals(Set.of("SMS"), directory.patient(ANA, "appointment reminder").orElseThrow().optedOut());

        AuditEvent update = audit.with("UPDATE", "notification-preference", AuditOutcome.SUCCESS).get(0);
        assertEquals(ANA, update.patientId());
        assertEquals("SMS opted out", update.detail());
        assertEquals(2, audit.with("READ", "notification-preference", AuditOutcome.SUCCESS).size());
        assertEquals("the EMR read was the desk's", "reception.1", emr.reads.get(0).caller());
    }

    @Test
    public void anasOwnPortalChoiceIsHersAndBensIsHis() throws Exception {
        as(DESK, () -> desk.put(ANA, update("SMS", true)));

        PreferenceBodies.View own = as(ANA_PORTAL, () -> portal.choose(update("EMAIL", true)));

        assertEquals(ANA, own.patientId);
        assertTrue(own.channels.get("EMAIL").optedOut);
        assertTrue("the desk's choice stays", own.channels.get("SMS").optedOut);
        assertEquals("ana", own.channels.get("EMAIL").updatedBy);
        PreferenceBodies.View bens = as(Hospital.BEN_PORTAL, () -> portal.preferences());
        assertEquals(Hospital.BEN, bens.patientId);
        assertFalse(bens.channels.get("EMAIL").optedOut);
        assertFalse(bens.channels.get("SMS").optedOut);
        assertEquals(Set.of("EMAIL", "SMS"), directory.patient(ANA, "invoice issued").orElseThrow().optedOut());
    }

    @Test
    public void aStaffAccountHasNoOwnPreferencesAndAnUnknownPatientNone() throws Exception {
        assertEquals(403, status(() -> as(DESK, () -> portal.preferences())));
        assertEquals(403, status(() -> as(DESK, () -> portal.choose(update("SMS", true)))));
        assertEquals(403, status(() -> as(DESK, () -> portal.messages(0, 20))));
        assertEquals(3, audit.records.stream().filter(e -> e.outcome() == AuditOutcome.DENIED).count());

        assertEquals(404, status(() -> as(DESK, () -> desk.get("MRN-0404"))));
        assertEquals(404, status(() -> as(DESK, () -> desk.put("MRN-0404", update("SMS", true)))));
        assertEquals(2, audit.records.stream().filter(e -> e.outcome() == AuditOutcome.FAILED
                && "MRN-0404".equals(e.patientId())).count());
        assertEquals(0L, (long) db.jpa.call(em -> em.createQuery("SELECT COUNT(p) FROM PreferenceEntity p",
                Long.class).getSingleResult()));
    }

    @Test
    public void aBodyWithBadChannelsIsRefusedWithEveryProblem() throws Exception {
        Map<String, PreferenceBodies.Choice> channels = new LinkedHashMap<>();
        channels.put("email", new PreferenceBodies.Choice(true));
        channels.put("SMS", new PreferenceBodies.Choice(null));
        channels.put("WHATSAPP", null);
        try {
            as(DESK, () -> desk.put(ANA, new PreferenceBodies.Update(channels)));
            fail("accepted");
        } catch (ProblemException p) {
            assertEquals(422, p.status());
            @SuppressWarnings("unchecked")
            List<String> problems = (List<String>) p.extensions().get("problems");
            assertEquals(3, problems.size());
            assertTrue(problems.get(0), problems.get(0).startsWith("channels.email:"));
            assertTrue(problems.get(1), problems.get(1).startsWith("channels.SMS.optedOut:"));
            assertTrue(problems.get(2), problems.get(2).startsWith("channels.WHATSAPP.optedOut:"));
        }
        assertEquals(422, status(() -> as(DESK, () -> desk.put(ANA, new PreferenceBodies.Update(Map.of())))));
        assertEquals(422, status(() -> as(ANA_PORTAL, () -> portal.choose(null))));
        assertFalse(as(DESK, () -> desk.get(ANA)).channels.get("EMAIL").optedOut);
    }

    @Test
    public void withoutTheEmrTheDeskRecordsUnderTheMrnAsGivenAndAVendorChannelCounts() throws Exception {
        withDirectory(Directory.of(db.emf, null));

        PreferenceBodies.View v = as(DESK, () -> desk.put("MRN-0777", update("PAGER", true)));

        assertEquals("MRN-0777", v.patientId);
        assertEquals(Set.of("EMAIL", "PAGER", "SMS"), v.channels.keySet());
        assertTrue(v.channels.get("PAGER").optedOut);
        assertTrue(emr.reads.isEmpty());
    }

    private static PreferenceBodies.Update update(String channel, boolean optedOut) {
        return new PreferenceBodies.Update(Map.of(channel, new PreferenceBodies.Choice(optedOut)));
    }
}
