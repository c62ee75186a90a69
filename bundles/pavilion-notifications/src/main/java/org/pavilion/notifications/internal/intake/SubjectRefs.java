package org.pavilion.notifications.internal.intake;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** What a message is about, per event type (docs/notifications-api.md, the "Subject" column). */
final class SubjectRefs {

    private record Ref(String prefix, String field) {
    }

    private static final Ref APPOINTMENT = new Ref("appointment", "appointmentId");
    private static final Ref ORDER = new Ref("order", "orderId");
    private static final Map<String, Ref> BY_TYPE = Map.ofEntries(
            Map.entry("AppointmentBooked", APPOINTMENT),
            Map.entry("AppointmentRescheduled", APPOINTMENT),
            Map.entry("AppointmentCancelled", APPOINTMENT),
            Map.entry("AppointmentReminder", APPOINTMENT),
            Map.entry("SlotOffered", new Ref("offer", "offerId")),
            Map.entry("LabResultReleased", ORDER),
            Map.entry("CriticalLabResult", ORDER),
            Map.entry("InvoiceIssued", new Ref("invoice", "invoiceId")),
            Map.entry("StockAlertRaised", new Ref("stock", "alertKey")),
            Map.entry("ConsultationStarted", new Ref("consultation", "consultationId")),
            Map.entry("PasswordResetRequested", new Ref("account", "username")));

    private SubjectRefs() {
    }

    /** {@code appointment:<id>} etc.; null for a type outside the catalogue or a payload without the field. */
    static String of(String eventType, JsonNode event) {
        Ref ref = BY_TYPE.get(eventType);
        String id = ref == null ? null : Json.text(event, ref.field());
        return id == null ? null : ref.prefix() + ":" + id;
    }
}
