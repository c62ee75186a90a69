package org.pavilion.pharmacy.internal.hl7;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.osgi.service.component.annotations.Component;
import org.pavilion.hl7.api.Hl7Segment;
import org.pavilion.hl7.api.OutboundBuildException;
import org.pavilion.hl7.api.OutboundBuilder;
import org.pavilion.hl7.api.OutboundContext;
import org.pavilion.hl7.api.OutboundMessage;

/**
 * A feed's RDS^O13 from {@link RdsDispense} (published only while {@code sendDispenses} is on): PID with the MRN,
 * PV1 with the encounter, ORC RE naming the placer's order number (ORC-2, when the prescription came as RDE^O11) and
 * our prescription id (ORC-3, filler), RXD with the give code, amount, units, time, prescription number and the
 * batches' lot numbers and expiry dates (RXD-18, RXD-19, one repetition per batch), RXR with the route. Keyed by the
 * patient, like the other departments' messages.
 */
@Component(service = OutboundBuilder.class)
public class RdsBuilder implements OutboundBuilder {

    /** The coding system of the catalogue's own codes (HL7 table 0396: local). */
    static final String LOCAL = "L";
    /** Fields a newer payload adds are left aside: the message is built from those it knows. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    @Override
    public Set<String> eventTypes() {
        return Set.of(RdsDispense.TYPE);
    }

    @Override
    public String department() {
        return "pharmacy";
    }

    @Override
    public Optional<OutboundMessage> build(String eventType, String payloadJson, OutboundContext c) {
        if (!RdsDispense.TYPE.equals(eventType)) {
            throw new OutboundBuildException("no RDS^O13 for event " + eventType, null);
        }
        RdsDispense d;
        try {
            d = JSON.readValue(payloadJson, RdsDispense.class);
        } catch (JsonProcessingException e) {
            throw new OutboundBuildException(eventType + " payload cannot be read: " + e.getOriginalMessage(), e);
        }
        if (d == null || d.patientId == null || d.prescriptionId == null || d.itemCode == null || d.quantity == null) {
            throw new OutboundBuildException(eventType + " payload lacks the patient, prescription, item or quantity",
                    null);
        }
        String app = c.sendingApplication();
        boolean fromHl7 = d.placerOrderNumber != null;
        List<String> segments = new ArrayList<>(6);
        Hl7Segment msh = new Hl7Segment("MSH")
                .set(3, app)
                .set(4, c.sendingFacility())
                .set(5, c.receivingApplication())
                .set(6, c.receivingFacility())
                .set(7, Hl7Time.header(c.occurredAt(), c.zone()))
                .set(9, "RDS", "O13", "RDS_O13")
                .set(10, c.controlId())
                .set(11, c.processingId())
                .set(12, c.version());
        if (c.characterSet() != null) {
            msh.set(18, c.characterSet());
        }
        segments.add(msh.text());
        segments.add(new Hl7Segment("PID").set(1, "1").set(3, d.patientId, null, null, c.mrnAuthority(), "MR")
                .text());
        if (d.encounterId != null) {
            segments.add(new Hl7Segment("PV1").set(1, "1").set(2, "U").set(19, d.encounterId).text());
        }
        segments.add(new Hl7Segment("ORC")
                .set(1, "RE")
                .set(2, fromHl7 ? d.placerOrderNumber : null, fromHl7 ? d.placerApplication : null)
                .set(3, d.prescriptionId, app)
                .set(5, d.complete ? "CM" : "IP")
                .set(12, d.prescriber)
                .text());
        segments.add(rxd(d, c));
        if (d.route != null) {
            segments.add(new Hl7Segment("RXR").set(1, d.route).text());
        }
        return Optional.of(new OutboundMessage("RDS^O13", String.join("\r", segments) + "\r", d.patientId, null));
    }

    /**
     * RXD; RXD-18 and RXD-19 repeat (a lot and its expiry per batch), which {@link Hl7Segment} does not write, so they
     * are appended to its text with the repetition separator, each value escaped.
     */
    private static String rxd(RdsDispense d, OutboundContext c) {
        String rxd = new Hl7Segment("RXD")
                .set(1, "1")
                .set(2, d.itemCode, d.itemName, LOCAL)
                .set(3, Hl7Time.format(instant(d.dispensedAt), c.zone()))
                .set(4, d.quantity)
                .set(5, d.unit)
                .set(7, d.prescriptionId)
                .set(10, d.dispensedBy)
                .text();
        List<RdsDispense.Batch> batches = d.batches == null ? List.of() : d.batches;
        if (batches.isEmpty()) {
            return rxd;
        }
        StringBuilder b = new StringBuilder(rxd);
        long fields = rxd.chars().filter(ch -> ch == '|').count(); // escaped values hold no '|'
        b.append("|".repeat((int) (17 - fields)));
        List<String> lots = new ArrayList<>(batches.size());
        List<String> expiries = new ArrayList<>(batches.size());
        for (RdsDispense.Batch batch : batches) {
            lots.add(Hl7Segment.escape(batch.batchNumber));
            expiries.add(expiry(batch.expiryDate));
        }
        b.append('|').append(String.join("~", lots));
        if (expiries.stream().anyMatch(e -> !e.isEmpty())) {
            b.append('|').append(String.join("~", expiries));
        }
        return b.toString();
    }

    private static String expiry(String iso) {
        try {
            return iso == null ? "" : Hl7Time.date(iso);
        } catch (DateTimeParseException e) {
            throw new OutboundBuildException("batch expiry '" + iso + "' is not an ISO date", e);
        }
    }

    private static Instant instant(String iso) {
        try {
            return iso == null ? null : Instant.parse(iso);
        } catch (DateTimeParseException e) {
            throw new OutboundBuildException("dispensedAt '" + iso + "' is not an ISO-8601 instant", e);
        }
    }
}
