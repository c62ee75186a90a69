package org.pavilion.notifications.internal.privacy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.persistence.EntityManager;

import org.pavilion.notifications.internal.queue.NotificationEntity;
import org.pavilion.notifications.internal.recipients.PreferenceEntity;
import org.pavilion.notifications.internal.recipients.PreferenceRows;
import org.pavilion.notifications.internal.reminders.ReminderEntity;

/**
 * The patient's notifications data for the GDPR export: opt-outs, messages (what, when, how it went: no address, no
 * text, so a message to the doctor about the patient gives away nobody else's address) and reminders.
 */
final class NotificationsExport {

    private NotificationsExport() {
    }

    static Map<String, Object> of(EntityManager em, Collection<String> mrns) {
        List<String> ids = List.copyOf(mrns);
        Map<String, Object> data = new LinkedHashMap<>();
        List<Map<String, Object>> preferences = new ArrayList<>();
        for (PreferenceEntity p : PreferenceRows.of(em, ids)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("channel", p.getChannel());
            m.put("optedOut", p.isOptedOut());
            m.put("updatedAt", instant(p.getUpdatedMs()));
            preferences.add(m);
        }
        data.put("preferences", preferences);
        List<Map<String, Object>> messages = new ArrayList<>();
        for (NotificationEntity n : em.createQuery("SELECT n FROM NotificationEntity n WHERE n.patientId IN :m"
                + " ORDER BY n.createdMs, n.id", NotificationEntity.class).setParameter("m", ids).getResultList()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("channel", n.getChannel());
            m.put("eventType", n.getEventType());
            m.put("recipient", n.getRecipientKind());
            m.put("status", n.getStatus());
            m.put("subject", n.getSubject());
            m.put("createdAt", instant(n.getCreatedMs()));
            m.put("sentAt", n.getSentMs() == null ? null : instant(n.getSentMs()));
            messages.add(m);
        }
        data.put("messages", messages);
        List<Map<String, Object>> reminders = new ArrayList<>();
        for (ReminderEntity r : em.createQuery("SELECT r FROM ReminderEntity r WHERE r.patientId IN :m"
                + " ORDER BY r.fireAtMs, r.id", ReminderEntity.class).setParameter("m", ids).getResultList()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("appointmentId", r.getAppointmentId());
            m.put("appointmentStart", r.getAppointmentStart());
            m.put("remindAt", instant(r.getFireAtMs()));
            m.put("status", r.getStatus());
            reminders.add(m);
        }
        data.put("reminders", reminders);
        return data;
    }

    private static String instant(long ms) {
        return Instant.ofEpochMilli(ms).toString();
    }
}
