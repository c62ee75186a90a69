package org.pavilion.notifications.internal.reminders;

/** A reminder as {@code GET /api/v1/notifications/reminders} shows it; {@code fireAt} ISO-8601. */
public record ReminderDto(String id, String appointmentId, String ruleId, String fireAt, String appointmentStart,
        String status) {

    static ReminderDto of(ReminderEntity r) {
        return new ReminderDto(r.getId(), r.getAppointmentId(), r.getRuleId(),
                java.time.Instant.ofEpochMilli(r.getFireAtMs()).toString(), r.getAppointmentStart(), r.getStatus());
    }
}
