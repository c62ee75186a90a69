package org.pavilion.notifications.internal.privacy;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.stream.Collectors;

import javax.persistence.EntityManagerFactory;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.persistence.AuditedTransaction;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.privacy.ParticipantOutcome;
import org.pavilion.core.api.privacy.PrivacyParticipant;
import org.pavilion.core.api.privacy.PrivacySubject;
import org.pavilion.notifications.internal.NotificationClock;

/**
 * Notifications' part in a patient's merge, GDPR export and erasure (docs/privacy-participants.md). The patient's
 * rows carry the MRN in {@code patient_id} ({@code nt_notification}, {@code nt_reminder}, {@code nt_preference}):
 * a merge re-points them ({@link NotificationsMerge}), the export lists preferences, messages and reminders
 * ({@link NotificationsExport}), the erasure removes the preferences and empties the messages and reminders, keeping
 * their rows for the delivery counts ({@link NotificationsErasure}). Messages and reminders are no part of the medical
 * record, so the erasure's scope does not matter. Each is found by MRN, so each is idempotent; merge and erasure are
 * one transaction each with their audit record.
 */
@Component(service = PrivacyParticipant.class)
public class NotificationsPrivacy implements PrivacyParticipant {

    static final String RESOURCE = "notification";
    private static final ObjectMapper JSON = new ObjectMapper().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private final EntityManagerFactory emf;
    private final AuditService audit;
    private final NotificationClock clock;

    @Activate
    public NotificationsPrivacy(@Reference(target = "(osgi.unit.name=pavilion-notifications)") EntityManagerFactory emf,
            @Reference AuditService audit, @Reference NotificationClock clock) {
        this.emf = emf;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "notifications";
    }

    @Override
    public String title() {
        return "Notifications: e-mail and SMS messages, appointment reminders, opt-outs per channel";
    }

    @Override
    public ParticipantOutcome merge(String survivorMrn, String duplicateMrn) {
        long now = clock.millis();
        return AuditedTransaction.run(emf, audit, em -> {
            ParticipantOutcome outcome = new NotificationsMerge(em, survivorMrn, duplicateMrn, now).run();
            return AuditedTransaction.Done.of(outcome, AuditEvent.of("MERGE", RESOURCE).patientId(survivorMrn)
                    .detail("merged " + duplicateMrn + " into " + survivorMrn + ": " + summary(outcome)).build());
        });
    }

    @Override
    public void export(PrivacySubject subject, OutputStream json) throws IOException {
        Map<String, Object> data = new JpaTransactions(emf).call(em -> NotificationsExport.of(em, subject.mrns()));
        JSON.writeValue(json, data);
    }

    @Override
    public ParticipantOutcome erase(PrivacySubject subject) {
        long now = clock.millis();
        return AuditedTransaction.run(emf, audit, em -> {
            ParticipantOutcome outcome = new NotificationsErasure(em, subject.mrns(), now).run();
            return AuditedTransaction.Done.of(outcome, AuditEvent.of("ERASE", RESOURCE).patientId(subject.mrn())
                    .detail(summary(outcome)).build());
        });
    }

    static String summary(ParticipantOutcome outcome) {
        String s = outcome.items().stream().filter(i -> i.count() == null || i.count() > 0)
                .map(i -> i.action() + " " + (i.count() == null ? "" : i.count() + " ") + i.what())
                .collect(Collectors.joining("; "));
        s = s.isEmpty() ? "nothing to do" : s;
        return s.length() <= 1000 ? s : s.substring(0, 1000);
    }
}
