package org.pavilion.notifications.internal.queue;

/**
 * A message to queue: one recipient, one channel, already rendered.
 *
 * @param dedupKey         unique per message: the same key queued twice queues once (an event delivered again, two
 *                         containers); {@code <eventId>|<ruleId>|<recipientRef>|<channel>} for an event's message
 * @param eventType        e.g. {@code AppointmentBooked}, {@code AppointmentReminder}
 * @param eventId          the bus's event id (or the reminder's occurrence id); null for none
 * @param ruleId           the rule that asked for it; null for none
 * @param subjectRef       what it is about: {@code appointment:<id>}, {@code order:<id>}, {@code invoice:<id>}, ...
 * @param recipientKind    PATIENT, STAFF or ADDRESS
 * @param recipientRef     the patient's MRN, the staff member's username, or the address itself
 * @param patientId        the MRN when the message is to or about a patient (privacy operations find it), else null
 * @param channel          EMAIL, SMS or a vendor's channel name
 * @param address          where to send; null when there is none (then {@code suppressedReason} says so)
 * @param language         the text's language (BCP 47)
 * @param subject          null for channels without a subject
 * @param body             the text
 * @param urgent           an urgent staff alert: ignores quiet hours
 * @param suppressedReason null to send; else why it is logged but not sent ({@code OPTED_OUT}, {@code NO_ADDRESS},
 *                         {@code ERASED}, {@code NO_TEMPLATE}, {@code NO_PATIENT_DIRECTORY})
 */
public record NewNotification(String dedupKey, String eventType, String eventId, String ruleId, String subjectRef,
        String recipientKind, String recipientRef, String patientId, String channel, String address, String language,
        String subject, String body, boolean urgent, String suppressedReason) {
}
