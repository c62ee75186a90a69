package org.pavilion.notifications.internal.rules;

import java.util.List;

/**
 * A rule as the intake reads it.
 *
 * @param recipient      PATIENT, ORDERING_DOCTOR (lab events' {@code orderingDoctor}), NOTIFIED_USER (a critical
 *                       result's {@code notify}), ACCOUNT (the user of a password reset) or ADDRESSES
 * @param addresses      the fixed addresses of an ADDRESSES rule, else empty
 * @param offsetMinutes  for {@code AppointmentReminder}: how long before the start; else null
 * @param clinicalDetail the template may use the event's clinical fields
 */
public record RuleView(String id, String eventType, String recipient, List<String> addresses, String channel,
        String templateKey, boolean urgent, boolean clinicalDetail, Integer offsetMinutes, boolean enabled) {

    public static final String PATIENT = "PATIENT", ORDERING_DOCTOR = "ORDERING_DOCTOR",
            NOTIFIED_USER = "NOTIFIED_USER", ACCOUNT = "ACCOUNT", ADDRESSES = "ADDRESSES";

    public RuleView {
        addresses = addresses == null ? List.of() : List.copyOf(addresses);
    }
}
