package org.pavilion.notifications.internal.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The event types notifications understands (docs/notifications-api.md, "Events and their fields"): their JSON fields,
 * which of them are clinical, the fields derived for templates, and whom their rules may notify. Samples feed previews
 * and the check that every template renders.
 */
public final class EventCatalogue {

    /** A field of an event's JSON or a derived one; {@code clinical}: only for rules with clinical detail. */
    public record Field(String name, boolean clinical, String description, String sample) {
    }

    /** One event type as the REST answers it. */
    public record EventType(String name, String publisher, String subject, String description, List<Field> fields,
            List<Field> derived, List<String> recipients) {

        /** Every name a template of this event type may use (fields and derived), clinical ones included. */
        public Set<String> names() {
            Set<String> names = new LinkedHashSet<>();
            fields.forEach(f -> names.add(f.name()));
            derived.forEach(f -> names.add(f.name()));
            return names;
        }

        public Set<String> clinicalNames() {
            Set<String> names = new LinkedHashSet<>();
            fields.stream().filter(Field::clinical).forEach(f -> names.add(f.name()));
            return names;
        }

        /** The event as a sample payload (the JSON fields, not the derived ones). */
        public ObjectNode sample() {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            fields.forEach(f -> o.put(f.name(), f.sample()));
            return o;
        }
    }

    public static final String APPOINTMENT_REMINDER = "AppointmentReminder";
    public static final String CONSULTATION_STARTED = "ConsultationStarted";

    private EventCatalogue() {
    }

    public static List<EventType> all() {
        return List.copyOf(TYPES.values());
    }

    public static Optional<EventType> type(String name) {
        return Optional.ofNullable(name == null ? null : TYPES.get(name));
    }

    public static Set<String> allNames() {
        Set<String> names = new LinkedHashSet<>();
        TYPES.values().forEach(t -> names.addAll(t.names()));
        return names;
    }

    private static Field f(String name, String description, String sample) {
        return new Field(name, false, description, sample);
    }

    private static Field c(String name, String description, String sample) {
        return new Field(name, true, description, sample);
    }

    private static List<Field> appointment(boolean booked) {
        List<Field> l = new ArrayList<>(List.of(
                f("appointmentId", "The appointment's id", "a1b2c3d4-0000-4000-8000-000000000001"),
                f("patientId", "The patient's MRN", "MRN-000123"),
                f("doctorName", "The doctor seen", "Dr Amélie Martin"),
                c("specialty", "The doctor's specialty", "Cardiology"),
                c("serviceCode", "The service's code", "CONS-CARD"),
                c("serviceName", "The service booked", "Cardiology consultation"),
                f("visitType", "IN_PERSON or VIDEO", "IN_PERSON"),
                f("location", "Where to come", "Building B, room 214"),
                f("start", "Start (ISO-8601 instant)", "2026-12-07T08:30:00Z"),
                f("end", "End (ISO-8601 instant)", "2026-12-07T08:50:00Z"),
                f("localStart", "Start in the hospital's wall-clock time", "2026-12-07T09:30"),
                f("zone", "The hospital's time zone", "Europe/Paris"),
                f("channel", "Who acted: DESK, PORTAL, HL7, SYSTEM", "PORTAL")));
        if (booked) {
            l.add(f("bookingCode", "The code the patient quotes at the desk", "BK-7Q4M2"));
            l.add(f("estimatedCost", "The estimated cost of the visit", "60.00"));
            l.add(f("currency", "The currency of the estimate", "EUR"));
        }
        return l;
    }

    private static final Field DATE = f("date", "The start's date in the recipient's language", "lundi 7 décembre 2026");
    private static final Field TIME = f("time", "The start's time (HH:mm)", "09:30");
    private static final Field RECIPIENT_NAME = f("recipientName", "How the recipient is greeted", "Claire Dubois");
    private static final Field VIDEO_LINK = f("videoLink",
            "The portal page where the patient joins a video consultation (signed in; VIDEO visits only)",
            "https://pavilion.example/portal/video");

    // after the shared fields above: build() reads them
    private static final Map<String, EventType> TYPES = build();

    private static Map<String, EventType> build() {
        Map<String, EventType> m = new LinkedHashMap<>();
        String appt = "appointment:<appointmentId>";
        List<String> patient = List.of(RuleView.PATIENT);

        add(m, new EventType("AppointmentBooked", "scheduling", appt, "An appointment was booked",
                appointment(true), List.of(DATE, TIME, VIDEO_LINK, RECIPIENT_NAME), patient));

        List<Field> rescheduled = new ArrayList<>(appointment(false));
        rescheduled.add(f("previousLocalStart", "The former start, wall-clock time", "2026-12-04T14:00"));
        add(m, new EventType("AppointmentRescheduled", "scheduling", appt, "An appointment was moved", rescheduled,
                List.of(DATE, TIME, f("previousDate", "The former date in the recipient's language", "vendredi 4 décembre 2026"),
                        f("previousTime", "The former time (HH:mm)", "14:00"), RECIPIENT_NAME), patient));

        List<Field> cancelled = new ArrayList<>(appointment(false));
        cancelled.add(f("reason", "Why it was cancelled", "The doctor is unavailable"));
        add(m, new EventType("AppointmentCancelled", "scheduling", appt, "An appointment was cancelled", cancelled,
                List.of(DATE, TIME, RECIPIENT_NAME), patient));

        // the reminder carries the appointment's latest event: a booking's fields, or a reschedule's
        List<Field> reminder = new ArrayList<>(appointment(true));
        reminder.add(f("previousLocalStart", "The former start when the appointment was moved", "2026-12-04T14:00"));
        add(m, new EventType(APPOINTMENT_REMINDER, "notifications", appt,
                "An appointment is coming (the rule's offsetMinutes before its start)", reminder,
                List.of(DATE, TIME, VIDEO_LINK, RECIPIENT_NAME), patient));

        add(m, new EventType("SlotOffered", "scheduling", "offer:<offerId>",
                "A freed slot is offered to a patient on the waiting list", List.of(
                        f("offerId", "The offer's id", "0f1e2d3c-0000-4000-8000-000000000002"),
                        f("waitingId", "The waiting list entry", "w-000045"),
                        f("patientId", "The patient's MRN", "MRN-000123"),
                        f("doctorName", "The doctor", "Dr Amélie Martin"),
                        c("serviceName", "The service offered", "Cardiology consultation"),
                        f("visitType", "IN_PERSON or VIDEO", "IN_PERSON"),
                        f("location", "Where to come", "Building B, room 214"),
                        f("start", "Start (ISO-8601 instant)", "2026-12-07T08:30:00Z"),
                        f("localStart", "Start in the hospital's wall-clock time", "2026-12-07T09:30"),
                        f("zone", "The hospital's time zone", "Europe/Paris"),
                        f("offerExpiresAt", "When the offer lapses (ISO-8601 instant)", "2026-12-05T17:00:00Z")),
                List.of(DATE, TIME, f("expiresDate", "The offer's last day in the recipient's language", "samedi 5 décembre 2026"),
                        f("expiresTime", "The offer's last time (HH:mm)", "18:00"), RECIPIENT_NAME), patient));

        add(m, new EventType(CONSULTATION_STARTED, "telemedicine", "consultation:<consultationId>",
                "The doctor admitted the patient from the video waiting room: the consultation begins", List.of(
                        f("consultationId", "The consultation's id", "7d6c5b4a-0000-4000-8000-000000000006"),
                        f("appointmentId", "The appointment's id", "a1b2c3d4-0000-4000-8000-000000000001"),
                        f("patientId", "The patient's MRN", "MRN-000123"),
                        f("doctorId", "Scheduling's doctor id", "d-000017"),
                        f("host", "The username of the doctor hosting the call", "dr.martin"),
                        f("arrivedAt", "When the patient entered the waiting room (ISO-8601 instant)", "2026-12-07T08:27:00Z"),
                        f("startedAt", "When the doctor admitted them (ISO-8601 instant)", "2026-12-07T08:31:00Z")),
                List.of(VIDEO_LINK, RECIPIENT_NAME), patient));

        add(m, new EventType("LabResultReleased", "lab", "order:<orderId>", "A lab order's results were released",
                List.of(f("orderId", "The order's id", "5a6b7c8d-0000-4000-8000-000000000003"),
                        f("orderNumber", "The order's number", "LAB-2026-004512"),
                        f("patientId", "The patient's MRN", "MRN-000123"),
                        f("orderingDoctor", "The ordering doctor's username", "dr.martin"),
                        f("priority", "ROUTINE, URGENT or STAT", "ROUTINE"),
                        f("status", "The order's status", "RELEASED"),
                        f("releasedAt", "When it was released (ISO-8601 instant)", "2026-12-05T10:12:00Z"),
                        c("testCode", "The test's code", "GLU"),
                        c("testName", "The test's name", "Glucose, fasting"),
                        c("loinc", "The test's LOINC code", "1558-6"),
                        c("value", "The result's value", "5.4"),
                        c("unit", "The value's unit", "mmol/L"),
                        c("referenceRange", "The reference range", "3.9-5.5"),
                        c("flag", "N, H, L, HH, LL", "N"),
                        c("critical", "Whether the value is critical", "false")),
                List.of(RECIPIENT_NAME), List.of(RuleView.PATIENT, RuleView.ORDERING_DOCTOR)));

        add(m, new EventType("CriticalLabResult", "lab", "order:<orderId>",
                "A critical value was found and must be acknowledged", List.of(
                        f("alertId", "The alert's id", "9e8d7c6b-0000-4000-8000-000000000004"),
                        f("orderId", "The order's id", "5a6b7c8d-0000-4000-8000-000000000003"),
                        f("orderNumber", "The order's number", "LAB-2026-004512"),
                        f("patientId", "The patient's MRN", "MRN-000123"),
                        f("orderingDoctor", "The ordering doctor's username", "dr.martin"),
                        f("level", "The escalation level", "1"),
                        f("notify", "The username to notify", "dr.martin"),
                        f("raisedAt", "When the alert was raised (ISO-8601 instant)", "2026-12-05T10:12:00Z"),
                        c("testCode", "The test's code", "K"),
                        c("testName", "The test's name", "Potassium"),
                        c("value", "The result's value", "6.9"),
                        c("unit", "The value's unit", "mmol/L"),
                        c("flag", "HH or LL", "HH")),
                List.of(RECIPIENT_NAME), List.of(RuleView.NOTIFIED_USER, RuleView.ORDERING_DOCTOR)));

        add(m, new EventType("InvoiceIssued", "billing", "invoice:<invoiceId>", "An invoice or credit note was issued",
                List.of(f("invoiceId", "The invoice's id", "3c4d5e6f-0000-4000-8000-000000000005"),
                        f("invoiceNumber", "The invoice's number", "INV-2026-000318"),
                        f("kind", "INVOICE or CREDIT_NOTE", "INVOICE"),
                        f("patientId", "The patient's MRN", "MRN-000123"),
                        f("currency", "The invoice's currency", "EUR"),
                        f("grossTotal", "The total", "120.00"),
                        f("insuranceShare", "What the insurer pays", "84.00"),
                        f("patientShare", "What the patient pays", "36.00"),
                        f("patientBalance", "What the patient still owes", "36.00"),
                        f("dueDate", "The due date (ISO-8601 date)", "2026-12-31"),
                        f("issuedAt", "When it was issued (ISO-8601 instant)", "2026-12-05T09:00:00Z")),
                List.of(f("dueDateText", "The due date in the recipient's language", "jeudi 31 décembre 2026"),
                        RECIPIENT_NAME), patient));

        add(m, new EventType("StockAlertRaised", "pharmacy", "stock:<alertKey>",
                "A store's stock of an item is low, out or expiring", List.of(
                        f("alertKey", "The alert's key", "LOW:MAIN:AMOX500"),
                        f("kind", "LOW_STOCK, OUT_OF_STOCK or EXPIRING", "LOW_STOCK"),
                        f("storeCode", "The store", "MAIN"),
                        f("itemCode", "The item's code", "AMOX500"),
                        f("itemName", "The item", "Amoxicillin 500 mg capsules"),
                        f("quantity", "The quantity on hand", "40"),
                        f("unit", "The unit of issue", "capsule"),
                        f("reorderLevel", "The reorder level", "200"),
                        f("suggestedQuantity", "How many to order", "500"),
                        f("batchNumber", "The batch (expiry alerts)", "B2026-11"),
                        f("expiryDate", "The batch's expiry date", "2027-01-31"),
                        f("raisedAt", "When it was raised (ISO-8601 instant)", "2026-12-05T07:45:00Z")),
                List.of(RECIPIENT_NAME), List.of(RuleView.ADDRESSES)));

        add(m, new EventType("PasswordResetRequested", "core", "account:<username>",
                "A user asked to reset their password", List.of(
                        f("username", "The account", "c.dubois"),
                        f("resetLink", "The one-time link that sets a new password", "https://pavilion.example/reset?token=sample"),
                        f("expiresAt", "When the link lapses (ISO-8601 instant)", "2026-12-05T11:00:00Z"),
                        f("expiresMinutes", "How many minutes the link is valid", "30")),
                List.of(RECIPIENT_NAME), List.of(RuleView.ACCOUNT)));
        return m;
    }

    private static void add(Map<String, EventType> m, EventType t) {
        m.put(t.name(), t);
    }
}
