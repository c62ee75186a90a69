package org.pavilion.notifications.internal.recipients;

import java.time.Instant;
import java.util.List;

import javax.persistence.EntityManagerFactory;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.persistence.AuditedTransaction;
import org.pavilion.core.api.rest.Page;
import org.pavilion.notifications.internal.queue.NotificationEntity;

/**
 * The portal's "my messages": what was sent to the signed-in patient, newest first. Only messages addressed to the
 * patient (recipient kind PATIENT): a doctor's notice about the patient's result is the doctor's message. No address
 * and no text, so a list never carries more than the patient needs to recognise a message. Audited READ
 * {@value #RESOURCE}.
 */
@Component(service = OwnMessages.class)
public class OwnMessages {

    static final String RESOURCE = "notification";

    private final EntityManagerFactory emf;
    private final AuditService audit;

    @Activate
    public OwnMessages(@Reference(target = "(osgi.unit.name=pavilion-notifications)") EntityManagerFactory emf,
            @Reference AuditService audit) {
        this.emf = emf;
        this.audit = audit;
    }

    /** One message in the portal's list. */
    public static class Message {
        public String id;
        public String channel;
        public String eventType;
        public String subject;
        public String status;
        public String createdAt;
        public String sentAt;
    }

    /** The signed-in patient's messages; 403 for an account that is no patient's. */
    public Page<Message> own(int page, int size) {
        Page.validate(page, size);
        String mrn = Preferences.ownPatient(audit, "READ", RESOURCE);
        return AuditedTransaction.run(emf, audit, em -> {
            List<Message> items = em.createQuery("SELECT n FROM NotificationEntity n WHERE n.patientId = :p"
                    + " AND n.recipientKind = 'PATIENT' ORDER BY n.createdMs DESC, n.id", NotificationEntity.class)
                    .setParameter("p", mrn).setFirstResult(page * size).setMaxResults(size).getResultList()
                    .stream().map(OwnMessages::message).toList();
            Page<Message> found = Page.of(items, page, size, () -> em.createQuery("SELECT COUNT(n) FROM"
                    + " NotificationEntity n WHERE n.patientId = :p AND n.recipientKind = 'PATIENT'", Long.class)
                    .setParameter("p", mrn).getSingleResult());
            return AuditedTransaction.Done.of(found, AuditEvent.of("READ", RESOURCE)
                    .patientId(mrn).detail("portal: own messages, page " + page).build());
        });
    }

    private static Message message(NotificationEntity n) {
        Message m = new Message();
        m.id = n.getId();
        m.channel = n.getChannel();
        m.eventType = n.getEventType();
        m.subject = n.getSubject();
        m.status = n.getStatus();
        m.createdAt = Instant.ofEpochMilli(n.getCreatedMs()).toString();
        m.sentAt = n.getSentMs() == null ? null : Instant.ofEpochMilli(n.getSentMs()).toString();
        return m;
    }
}
