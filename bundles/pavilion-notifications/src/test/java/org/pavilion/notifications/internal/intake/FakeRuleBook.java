package org.pavilion.notifications.internal.intake;

import java.util.ArrayList;
import java.util.List;

import org.pavilion.notifications.internal.rules.RuleBook;
import org.pavilion.notifications.internal.rules.RuleView;

/** The rules helper's RuleBook, reduced to a list: the seeded rules of docs/notifications-api.md. */
public class FakeRuleBook implements RuleBook {

    public final List<RuleView> rules = new ArrayList<>();

    public static FakeRuleBook seeded() {
        FakeRuleBook b = new FakeRuleBook();
        for (String[] r : new String[][] {
                {"appointment-booked", "AppointmentBooked"}, {"appointment-rescheduled", "AppointmentRescheduled"},
                {"appointment-cancelled", "AppointmentCancelled"}, {"slot-offered", "SlotOffered"}}) {
            b.add(r[0] + "-email", r[1], RuleView.PATIENT, "EMAIL", r[0], false, false, null);
            b.add(r[0] + "-sms", r[1], RuleView.PATIENT, "SMS", r[0], false, false, null);
        }
        b.add("appointment-reminder-email", "AppointmentReminder", RuleView.PATIENT, "EMAIL", "appointment-reminder",
                false, false, 1440);
        b.add("appointment-reminder-sms", "AppointmentReminder", RuleView.PATIENT, "SMS", "appointment-reminder",
                false, false, 1440);
        b.add("lab-result-patient-email", "LabResultReleased", RuleView.PATIENT, "EMAIL", "lab-result-ready", false,
                false, null);
        b.add("lab-result-doctor-email", "LabResultReleased", RuleView.ORDERING_DOCTOR, "EMAIL", "lab-result-doctor",
                false, true, null);
        b.add("critical-result-sms", "CriticalLabResult", RuleView.NOTIFIED_USER, "SMS", "critical-result", true,
                false, null);
        b.add("invoice-issued-email", "InvoiceIssued", RuleView.PATIENT, "EMAIL", "invoice-issued", false, false,
                null);
        return b;
    }

    public void add(String id, String eventType, String recipient, String channel, String templateKey,
            boolean urgent, boolean clinical, Integer offset) {
        rules.add(new RuleView(id, eventType, recipient, List.of(), channel, templateKey, urgent, clinical, offset,
                true));
    }

    public void disable(String id) {
        rules.replaceAll(r -> r.id().equals(id) ? new RuleView(r.id(), r.eventType(), r.recipient(), r.addresses(),
                r.channel(), r.templateKey(), r.urgent(), r.clinicalDetail(), r.offsetMinutes(), false) : r);
    }

    @Override
    public List<RuleView> forEvent(String eventType) {
        return rules.stream().filter(r -> r.enabled() && r.eventType().equals(eventType)).toList();
    }
}
