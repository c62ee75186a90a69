package org.pavilion.notifications.internal.intake;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** What a message is about, per event type (docs/notifications-api.md, the "Subject" column). */
final class SubjectRefs {

    private record Ref(String prefix, String field) {
    }

    private static final Ref APPOINTMENT = new Ref("appointment", "appointmentId");
    private static final Ref ORDER = new Ref("order", "orderId");
    private static final Map<String, Ref> BY_TYPE = Map.of(
            "AppointmentBooked", APPOINTMENT,
            "AppointmentRescheduled", APPOINTMENT,
            "AppointmentCancelled", APPOINTMENT,
            "AppointmentReminder", APPOINTMENT,
            "SlotOffered", new Ref("offer", "offerId"),
            "LabResultReleased", ORDER,
            "CriticalLabResult", ORDER,
            "InvoiceIssued", new Ref("invoice", "invoiceId"),
            "StockAlertRaised", new Ref("stock", "alertKey"),
            "PasswordResetRequested", new Ref("account", "username"));

    private SubjectRefs() {
    }

    /** {@code appointment:<id>} etc.; null for a type outside the catalogue or a payload without the field. */
    static String of(String eventType, JsonNode event) {
        Ref ref = BY_TYPE.get(eventType);
        String id = ref == null ? null : Json.text(event, ref.field());
        return id == null ? null : ref.prefix() + ":" + id;
    }
}
