package org.pavilion.notifications.internal.recipients;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;

import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.core.testing.TestAccounts;
import org.pavilion.notifications.internal.NotificationClock;
import org.pavilion.notifications.internal.NotificationsDatabase;
import org.pavilion.notifications.internal.queue.NotificationEntity;

/** The people and the day of the tests: Ana (with an old duplicate record), Ben, the front desk, Dr Grey. */
public final class Hospital {

    public static final String ANA = "MRN-0001";
    public static final String ANA_OLD = "MRN-0009";
    public static final String BEN = "MRN-0002";
    public static final Instant MORNING = Instant.parse("2026-12-07T08:00:00Z");
    public static final NotificationClock CLOCK = NotificationClock.of(java.time.Clock.fixed(MORNING, ZoneOffset.UTC));

    public static final Caller DESK = Caller.inContainer("reception.1",
            Set.of(Preferences.MANAGE, StaffContacts.OWN), "10.0.0.7");
    public static final Caller ADMIN = Caller.inContainer("admin", Set.of(StaffContacts.MANAGE), "10.0.0.2");
    public static final Caller NURSE = Caller.inContainer("nurse.kim", Set.of(StaffContacts.OWN), "10.0.0.9");
    public static final Caller ANA_PORTAL = TestAccounts.patientAccount("ana", ANA, Preferences.OWN);
    public static final Caller BEN_PORTAL = TestAccounts.patientAccount("ben", BEN, Preferences.OWN);

    private Hospital() {
    }

    /** The EMR with Ana (and her merged duplicate) and Ben registered. */
    public static FakeEmr emr() {
        return new FakeEmr()
                .register(ANA, "Ana", "ana@example.org", List.of("+41791110001", "+41221110001"), "fr-CH")
                .register(BEN, "Ben", null, List.of("+41791110002"), null)
                .merge(ANA_OLD, ANA);
    }

    public static <T> T as(Caller caller, Callable<T> work) throws Exception {
        return CallerContext.runAs(caller, work);
    }

    /** The problem's status, or -1 when {@code work} answered. */
    public static int status(Callable<?> work) throws Exception {
        try {
            work.call();
            return -1;
        } catch (ProblemException p) {
            return p.status();
        }
    }

    /** A message row as the queue writes it. */
    public static String message(NotificationsDatabase db, String patientId, String kind, String recipientRef,
            String eventType, String channel, String status, String address, String subject, long createdMs) {
        String id = UUID.randomUUID().toString();
        db.jpa.run(em -> {
            NotificationEntity n = new NotificationEntity();
            n.setId(id);
            n.setDedupKey("evt-" + id + "|rule|" + recipientRef + "|" + channel);
            n.setEventType(eventType);
            n.setEventId("evt-" + id);
            n.setRuleId("rule");
            n.setRecipientKind(kind);
            n.setRecipientRef(recipientRef);
            n.setPatientId(patientId);
            n.setChannel(channel);
            n.setAddress(address);
            n.setSubject(subject);
            n.setBody(subject == null ? "Your appointment" : subject + " - text");
            n.setStatus(status);
            n.setNextAttemptMs(createdMs);
            n.setCreatedMs(createdMs);
            n.setSentMs("SENT".equals(status) ? createdMs + 1000 : null);
            n.setUpdatedMs(createdMs);
            em.persist(n);
        });
        return id;
    }
}
