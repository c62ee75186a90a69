package org.pavilion.notifications.internal.privacy;

import java.util.List;

import javax.persistence.EntityManager;

import org.pavilion.core.api.privacy.ParticipantOutcome;
import org.pavilion.notifications.internal.recipients.PreferenceEntity;
import org.pavilion.notifications.internal.recipients.PreferenceRows;

/**
 * One merge in one transaction: messages (and the recipient of those sent to the patient) and reminders re-pointed
 * to the survivor; the duplicate's opt-outs moved over, a channel chosen on both records opted out when either was
 * (the stricter choice: nobody asked to be messaged again by merging).
 */
final class NotificationsMerge {

    private final EntityManager em;
    private final String survivor;
    private final String duplicate;
    private final long now;

    NotificationsMerge(EntityManager em, String survivor, String duplicate, long now) {
        this.em = em;
        this.survivor = survivor;
        this.duplicate = duplicate;
        this.now = now;
    }

    ParticipantOutcome run() {
        String why = "of " + duplicate + " now belong to " + survivor;
        // recipient_ref first: the second statement changes the patient_id it selects by
        em.createQuery("UPDATE NotificationEntity n SET n.recipientRef = :s WHERE n.patientId = :d"
                + " AND n.recipientKind = 'PATIENT' AND n.recipientRef = :d")
                .setParameter("s", survivor).setParameter("d", duplicate).executeUpdate();
        int messages = em.createQuery("UPDATE NotificationEntity n SET n.patientId = :s, n.updatedMs = :now,"
                + " n.version = n.version + 1 WHERE n.patientId = :d")
                .setParameter("s", survivor).setParameter("d", duplicate).setParameter("now", now).executeUpdate();
        int reminders = em.createQuery("UPDATE ReminderEntity r SET r.patientId = :s, r.updatedMs = :now,"
                + " r.version = r.version + 1 WHERE r.patientId = :d")
                .setParameter("s", survivor).setParameter("d", duplicate).setParameter("now", now).executeUpdate();
        int preferences = preferences();
        return ParticipantOutcome.builder()
                .repointed("messages", messages, "messages " + why)
                .repointed("appointment reminders", reminders, "reminders " + why)
                .repointed("opt-outs per channel", preferences, "opt-outs " + why
                        + "; a channel chosen on both records stays opted out when either was")
                .build();
    }

    private int preferences() {
        List<PreferenceEntity> moved = PreferenceRows.of(em, List.of(duplicate));
        for (PreferenceEntity dup : moved) {
            PreferenceEntity kept = em.find(PreferenceEntity.class, new PreferenceEntity.Key(survivor, dup.getChannel()));
            if (kept == null) {
                kept = new PreferenceEntity();
                kept.setPatientId(survivor);
                kept.setChannel(dup.getChannel());
                kept.setOptedOut(dup.isOptedOut());
                kept.setUpdatedMs(dup.getUpdatedMs());
                kept.setUpdatedBy(dup.getUpdatedBy());
                em.persist(kept);
            } else if (dup.isOptedOut() && !kept.isOptedOut()) {
                kept.setOptedOut(true);
                kept.setUpdatedMs(now);
                kept.setUpdatedBy("merge:" + duplicate);
            }
            em.remove(dup);
        }
        em.flush();
        return moved.size();
    }
}
