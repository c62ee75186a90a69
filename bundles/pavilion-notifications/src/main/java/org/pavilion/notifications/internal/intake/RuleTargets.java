package org.pavilion.notifications.internal.intake;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import org.pavilion.notifications.internal.recipients.Recipient;
import org.pavilion.notifications.internal.recipients.RecipientDirectory;
import org.pavilion.notifications.internal.rules.RuleView;

/**
 * Whom one event's rules notify. Lookups are remembered for the event, so an e-mail and an SMS rule read the patient
 * once (one EMR read, one audit record).
 */
final class RuleTargets {

    /**
     * One recipient of a rule.
     *
     * @param kind      PATIENT, STAFF or ADDRESS
     * @param ref       as the event names them (MRN, username, address): stable across deliveries, so the dedup key
     * @param found     what the directory knows now; empty when nothing
     */
    record Target(String kind, String ref, Optional<Recipient> found) {
    }

    private final RecipientDirectory directory;
    private final String eventType;
    private final JsonNode event;
    private final Map<String, Optional<Recipient>> seen = new HashMap<>();

    RuleTargets(RecipientDirectory directory, String eventType, JsonNode event) {
        this.directory = directory;
        this.eventType = eventType;
        this.event = event;
    }

    /** The rule's recipients; empty when the event lacks the field naming them. */
    List<Target> of(RuleView rule) {
        List<Target> out = new ArrayList<>();
        switch (rule.recipient()) {
            case RuleView.PATIENT -> patient(Json.text(event, "patientId"), out);
            case RuleView.ORDERING_DOCTOR -> staff(Json.text(event, "orderingDoctor"), out);
            case RuleView.NOTIFIED_USER -> staff(Json.text(event, "notify"), out);
            case RuleView.ACCOUNT -> {
                String patientId = Json.text(event, "patientId");
                if (patientId != null) {
                    patient(patientId, out);
                } else {
                    staff(Json.text(event, "username"), out);
                }
            }
            case RuleView.ADDRESSES -> {
                for (String a : rule.addresses()) {
                    if (a != null && !a.isBlank()) {
                        out.add(new Target(Recipient.ADDRESS, a.trim(), Optional.of(directory.address(a.trim()))));
                    }
                }
            }
            default -> throw new IllegalArgumentException("rule " + rule.id() + ": unknown recipient " + rule.recipient());
        }
        return out;
    }

    private void patient(String mrn, List<Target> out) {
        if (mrn != null) {
            out.add(new Target(Recipient.PATIENT, mrn, seen.computeIfAbsent("patient:" + mrn,
                    k -> directory.patient(mrn, "notification: " + eventType))));
        }
    }

    private void staff(String username, List<Target> out) {
        if (username != null) {
            out.add(new Target(Recipient.STAFF, username, seen.computeIfAbsent("staff:" + username,
                    k -> directory.staff(username))));
        }
    }
}
