package org.pavilion.notifications.internal.recipients;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.pavilion.notifications.internal.recipients.Hospital.ANA;
import static org.pavilion.notifications.internal.recipients.Hospital.ANA_OLD;
import static org.pavilion.notifications.internal.recipients.Hospital.BEN;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.core.api.security.Caller;
import org.pavilion.notifications.api.NotificationChannel.AddressKind;
import org.pavilion.notifications.internal.NotificationsDatabase;

/**
 * Whom a message goes to: Ana's reminder found through the EMR by her old, merged MRN, with the SMS opt-out she gave
 * at the desk; staff through their contact entries; a pharmacy's fixed address. Without the EMR no patient is found
 * and everything else still works.
 */
public class DirectoryTest {

    private NotificationsDatabase db;
    private FakeEmr emr;

    @Before
    public void open() throws Exception {
        db = new NotificationsDatabase();
        emr = Hospital.emr();
    }

    @After
    public void close() throws Exception {
        db.close();
    }

    @Test
    public void aTimersReminderFindsAnaByHerMergedMrnWithHerOptOutAsTheNotificationsSystemCaller() {
        optOut(ANA, "SMS", true);
        optOut(ANA, "EMAIL", false);
        Directory directory = Directory.of(db.emf, new EmrPatientLookup(emr));

        Recipient ana = directory.patient(ANA_OLD, "appointment reminder").orElseThrow();

        assertEquals(Recipient.PATIENT, ana.kind());
        assertEquals("the survivor answers", ANA, ana.ref());
        assertEquals(ANA, ana.patientId());
        assertEquals("Ana", ana.name());
        assertEquals("ana@example.org", ana.address(AddressKind.EMAIL));
        assertEquals("the first registered phone", "+41791110001", ana.address(AddressKind.PHONE));
        assertEquals("fr-CH", ana.language());
        assertEquals(Set.of("SMS"), ana.optedOut());
        assertFalse(ana.erased());
        assertEquals(List.of(new FakeEmr.Read("notifications", ANA_OLD, "appointment reminder")), emr.reads);
    }

    @Test
    public void aSubscriberOnTheBusReadsUnderItsOwnCaller() throws Exception {
        Directory directory = Directory.of(db.emf, new EmrPatientLookup(emr));
        Caller subscriber = Caller.inContainer("events:notifications-lab", Set.of(), "local");

        Recipient ben = Hospital.as(subscriber, () -> directory.patient(BEN, "lab result ready")).orElseThrow();

        assertNull("Ben gave no e-mail address", ben.email());
        assertEquals("+41791110002", ben.phone());
        assertEquals(Set.of(), ben.optedOut());
        assertEquals("events:notifications-lab", emr.reads.get(0).caller());
    }

    @Test
    public void anOptOutLeftUnderTheDuplicateBeforeTheMergeReachedUsStillCounts() {
        optOut(ANA_OLD, "EMAIL", true);
        Directory directory = Directory.of(db.emf, new EmrPatientLookup(emr));
        assertEquals(Set.of("EMAIL"), directory.patient(ANA_OLD, "invoice issued").orElseThrow().optedOut());
        assertEquals(Set.of(), directory.patient(ANA, "invoice issued").orElseThrow().optedOut());
    }

    @Test
    public void unknownErasedAndMalformedPatients() {
        emr.erased("MRN-0005");
        Directory directory = Directory.of(db.emf, new EmrPatientLookup(emr));

        assertEquals(Optional.empty(), directory.patient("MRN-0404", "appointment booked"));
        assertEquals("not an MRN names nobody", Optional.empty(), directory.patient("12345", "appointment booked"));
        Recipient erased = directory.patient("MRN-0005", "appointment booked").orElseThrow();
        assertTrue(erased.erased());
        assertNull(erased.email());
        assertNull(erased.phone());
        assertNull(erased.name());
    }

    @Test
    public void withoutTheEmrNoPatientButStaffAndFixedAddressesStillWork() {
        Directory directory = Directory.of(db.emf, null);
        new StaffContacts(db.emf, new RecordingAudit(), Hospital.CLOCK)
                .put("dr.grey", new StaffContactBodies.Update("grey@hospital.example", "+41 79 555 01 02", "en"));

        assertFalse(directory.patientDirectoryInstalled());
        assertEquals(Optional.empty(), directory.patient(ANA, "appointment booked"));
        assertTrue(emr.reads.isEmpty());

        Recipient grey = directory.staff("dr.grey").orElseThrow();
        assertEquals(Recipient.STAFF, grey.kind());
        assertEquals("dr.grey", grey.ref());
        assertEquals("grey@hospital.example", grey.address(AddressKind.EMAIL));
        assertEquals("+41795550102", grey.address(AddressKind.PHONE));
        assertEquals("en", grey.language());
        assertEquals(Optional.empty(), directory.staff("dr.nobody"));

        Recipient pharmacy = directory.address("pharmacy@hospital.example");
        assertEquals(Recipient.ADDRESS, pharmacy.kind());
        assertEquals("pharmacy@hospital.example", pharmacy.email());
        assertNull(pharmacy.phone());
        Recipient pager = directory.address("+41221234567");
        assertEquals("+41221234567", pager.address(AddressKind.PHONE));
        assertNull(pager.email());
    }

    private void optOut(String mrn, String channel, boolean out) {
        db.jpa.run(em -> {
            PreferenceEntity p = new PreferenceEntity();
            p.setPatientId(mrn);
            p.setChannel(channel);
            p.setOptedOut(out);
            p.setUpdatedMs(1);
            p.setUpdatedBy("reception.1");
            em.persist(p);
        });
    }
}
