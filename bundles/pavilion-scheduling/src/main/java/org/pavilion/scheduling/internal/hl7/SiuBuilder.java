package org.pavilion.scheduling.internal.hl7;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.pavilion.hl7.api.Hl7Segment;
import org.pavilion.hl7.api.OutboundBuildException;
import org.pavilion.hl7.api.OutboundBuilder;
import org.pavilion.hl7.api.OutboundContext;
import org.pavilion.hl7.api.OutboundMessage;
import org.pavilion.scheduling.api.AppointmentBooked;
import org.pavilion.scheduling.api.AppointmentCancelled;
import org.pavilion.scheduling.api.AppointmentNoShow;
import org.pavilion.scheduling.api.AppointmentRescheduled;

/**
 * A feed's SIU from the department's appointment events: AppointmentBooked → S12, AppointmentRescheduled → S13,
 * AppointmentCancelled → S15, AppointmentNoShow → S26. Reads the JSON payload only (the api classes' fields, by
 * name). SCH-2 carries our appointment id (we are the filler), SCH-11 and AIS the time, SCH-25 the status; PID the
 * MRN with the feed's assigning authority, and the names while the EMR is installed. Messages are keyed by the
 * patient, so a patient's SIU follows the ADT that registered them. Built as text (no HAPI in this bundle) with the
 * segment order of SIU_S12 and the field positions of v2.3 to v2.8; TQ1 from v2.5, where SCH-11 is deprecated.
 */
@Component(service = OutboundBuilder.class)
public class SiuBuilder implements OutboundBuilder {

    static final Map<String, String> TRIGGERS = Map.of(AppointmentBooked.TYPE, "S12", AppointmentRescheduled.TYPE,
            "S13", AppointmentCancelled.TYPE, "S15", AppointmentNoShow.TYPE, "S26");
    /** SCH-25 / AIS-10 filler status, HL7 table 0278. */
    private static final Map<String, String> STATUS = Map.of("S12", "Booked", "S13", "Booked", "S15", "Cancelled",
            "S26", "Noshow");
    private static final DateTimeFormatter HL7_DATE = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** PID names while the EMR is installed; without it PID carries PID-3 only. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile PatientNames names;

    @Activate
    public SiuBuilder() {
        this(null);
    }

    SiuBuilder(PatientNames names) {
        this.names = names;
    }

    @Override
    public Set<String> eventTypes() {
        return TRIGGERS.keySet();
    }

    @Override
    public String department() {
        return "scheduling";
    }

    @Override
    public Optional<OutboundMessage> build(String eventType, String payloadJson, OutboundContext context) {
        String trigger = TRIGGERS.get(eventType);
        if (trigger == null) {
            throw new OutboundBuildException("no SIU message for event " + eventType, null);
        }
        JsonNode p;
        try {
            p = JSON.readTree(payloadJson == null ? "null" : payloadJson);
        } catch (JsonProcessingException e) {
            throw new OutboundBuildException(eventType + " payload is not JSON: " + e.getOriginalMessage(), e);
        }
        if (p == null || !p.isObject()) {
            throw new OutboundBuildException(eventType + " payload is not an object: " + p, null);
        }
        String appointmentId = required(p, "appointmentId");
        String patientId = required(p, "patientId");
        ZoneId zone = context.zone();
        Instant start = instant(p, "start", true);
        Instant end = instant(p, "end", false);
        String startTs = Hl7Times.format(start, zone);
        String endTs = end == null ? null : Hl7Times.format(end, zone);
        String minutes = end == null ? null : Long.toString((end.toEpochMilli() - start.toEpochMilli()) / 60_000L);
        String status = STATUS.get(trigger);
        boolean tq1 = !(context.version().startsWith("2.3") || context.version().startsWith("2.4"));

        List<Hl7Segment> segments = new ArrayList<>(9);
        segments.add(header(trigger, context));
        Hl7Segment sch = new Hl7Segment("SCH")
                .set(2, appointmentId, context.sendingApplication())
                .set(8, text(p, "visitType"))
                .set(9, minutes)
                .set(10, minutes == null ? null : "min")
                .set(11, null, null, null, startTs, endTs)
                .set(25, status);
        if (trigger.equals("S15")) {
            sch.set(6, null, text(p, "reason"));
        }
        segments.add(sch);
        if (tq1) {
            segments.add(new Hl7Segment("TQ1").set(1, "1").set(7, startTs).set(8, endTs));
        }
        segments.add(patient(patientId, context));
        segments.add(new Hl7Segment("RGS").set(1, "1"));
        segments.add(new Hl7Segment("AIS").set(1, "1").set(3, text(p, "serviceCode"), text(p, "serviceName"))
                .set(4, startTs).set(7, minutes).set(8, minutes == null ? null : "min").set(10, status));
        String location = text(p, "location");
        if (location != null) {
            segments.add(new Hl7Segment("AIL").set(1, "1").set(3, location).set(12, status));
        }
        String doctorId = text(p, "doctorId");
        if (doctorId != null) {
            segments.add(new Hl7Segment("AIP").set(1, "1").set(3, doctorId, text(p, "doctorName"))
                    .set(6, startTs).set(12, status));
        }
        StringBuilder text = new StringBuilder(512);
        for (Hl7Segment s : segments) {
            text.append(s.text()).append('\r');
        }
        return Optional.of(new OutboundMessage("SIU^" + trigger, text.toString(), patientId, null));
    }

    private static Hl7Segment header(String trigger, OutboundContext c) {
        Hl7Segment msh = new Hl7Segment("MSH")
                .set(3, c.sendingApplication())
                .set(4, c.sendingFacility())
                .set(5, c.receivingApplication())
                .set(6, c.receivingFacility())
                .set(7, Hl7Times.header(c.occurredAt(), c.zone()))
                // MSH-9.3 (message structure) exists from v2.3.1; every SIU trigger we send is an SIU_S12
                .set(9, "SIU", trigger, c.version().equals("2.3") ? null : "SIU_S12")
                .set(10, c.controlId())
                .set(11, c.processingId())
                .set(12, c.version());
        if (c.characterSet() != null) {
            msh.set(18, c.characterSet());
        }
        return msh;
    }

    /** PID-3 the MRN with the feed's authority (as the hub's ADT), names while the EMR answers for the MRN. */
    private Hl7Segment patient(String mrn, OutboundContext c) {
        Hl7Segment pid = new Hl7Segment("PID").set(1, "1").set(3, mrn, null, null, c.mrnAuthority(), "MR");
        PatientNames emr = names;
        if (emr != null) {
            emr.byMrn(mrn, "HL7 SIU to feed " + c.feed()).ifPresent(n -> {
                pid.set(5, n.familyName(), n.givenName());
                pid.set(7, birthDate(n.birthDate()));
                pid.set(8, n.sex());
            });
        }
        return pid;
    }

    private static String birthDate(String iso) {
        if (iso == null) {
            return null;
        }
        try {
            return HL7_DATE.format(LocalDate.parse(iso));
        } catch (DateTimeParseException e) {
            return null; // a birth date the EMR keeps in another form is left out rather than the message lost
        }
    }

    private static Instant instant(JsonNode p, String field, boolean required) {
        String v = required ? required(p, field) : text(p, field);
        if (v == null) {
            return null;
        }
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw new OutboundBuildException("payload's " + field + " is not an ISO-8601 instant: '" + v + "'", e);
        }
    }

    private static String required(JsonNode p, String field) {
        String v = text(p, field);
        if (v == null) {
            throw new OutboundBuildException("payload has no " + field, null);
        }
        return v;
    }

    private static String text(JsonNode p, String field) {
        JsonNode v = p.get(field);
        return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText().strip();
    }
}
