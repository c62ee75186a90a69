package org.pavilion.hl7.internal.outbound;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.pavilion.hl7.api.OutboundBuildException;
import org.pavilion.hl7.api.OutboundBuilder;
import org.pavilion.hl7.api.OutboundContext;
import org.pavilion.hl7.api.OutboundMessage;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.Version;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.util.Terser;
import ca.uhn.hl7v2.util.idgenerator.InMemoryIDGenerator;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;

/**
 * Builds a feed's ADT message from an EMR event's JSON payload with HAPI, in the feed's version: PatientRegistered
 * → ADT^A04, PatientUpdated → ADT^A08, PatientsMerged → ADT^A40. Reads only the payload (the fields of
 * {@code org.pavilion.emr.api} event classes, by name), so this bundle never loads an EMR class. Fields are set
 * with HAPI's Terser, whose paths mean the same in v2.3 to v2.8. Registered by the hub as the
 * {@link OutboundBuilder} of these events: it stays in the hub because it builds with HAPI, which the hub has and
 * the EMR does not.
 */
@Component(service = OutboundBuilder.class)
public class AdtBuilder implements OutboundBuilder {

    public static final String PATIENT_REGISTERED = "PatientRegistered";
    public static final String PATIENT_UPDATED = "PatientUpdated";
    public static final String PATIENTS_MERGED = "PatientsMerged";

    private static final DateTimeFormatter HL7_DATE = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final DateTimeFormatter HL7_TS = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** For {@link #build(String, String, Instant)}: the feed and zone of a builder made for one feed (tests). */
    private final FeedSettings feed;
    private final ZoneId zone;
    private final HapiContext hapi;

    @Activate
    public AdtBuilder() {
        this(null, ZoneId.systemDefault());
    }

    public AdtBuilder(FeedSettings feed, ZoneId zone) {
        this.feed = feed;
        this.zone = zone;
        this.hapi = new DefaultHapiContext();
        hapi.setValidationContext(ValidationContextFactory.noValidation());
        // MSH-10 is ours; HAPI's default generator would keep a counter file in the working directory.
        hapi.getParserConfiguration().setIdGenerator(new InMemoryIDGenerator());
    }

    /** A message ready to queue; {@code patientKey} and {@code relatedKey} (merges) order it per patient. */
    public record Built(String messageType, String controlId, String version, String patientKey, String relatedKey,
            String text) {
    }

    @Override
    public Set<String> eventTypes() {
        return FeedSettings.TRIGGERS.keySet();
    }

    @Override
    public String department() {
        return "EMR (ADT built by the HL7 hub)";
    }

    /** The payload cannot make a message (e.g. no MRN): the row is stored FAILED with this reason. */
    public static class UnbuildableException extends OutboundBuildException {
        private static final long serialVersionUID = 1L;

        UnbuildableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** For the feed this builder was made for: a new control id, its settings. */
    public Built build(String eventType, String payloadJson, Instant occurredAt) {
        FeedContext context = new FeedContext(feed, newControlId(), occurredAt, zone);
        OutboundMessage m = build(eventType, payloadJson, context).orElseThrow();
        return new Built(m.messageType(), context.controlId(), feed.version(), m.subjectKey(), m.relatedKey(),
                m.text());
    }

    @Override
    public Optional<OutboundMessage> build(String eventType, String payloadJson, OutboundContext context) {
        JsonNode p;
        try {
            p = JSON.readTree(payloadJson == null ? "null" : payloadJson);
        } catch (JsonProcessingException e) {
            throw new UnbuildableException(eventType + " payload is not JSON: " + e.getOriginalMessage(), e);
        }
        String trigger = FeedSettings.TRIGGERS.get(eventType);
        if (trigger == null || p == null || !p.isObject()) {
            throw new UnbuildableException("no ADT message for event " + eventType + " with payload " + p, null);
        }
        String version = context.version();
        Thread t = Thread.currentThread();
        ClassLoader previous = t.getContextClassLoader();
        // HAPI finds the structures of each version on pavilion-camel's class path
        t.setContextClassLoader(HapiContext.class.getClassLoader());
        try {
            Message m = hapi.newMessage("ADT", trigger, Version.versionOf(version));
            Terser terser = new Terser(m);
            header(terser, m, trigger, context);
            String patientKey;
            String relatedKey = null;
            if (PATIENTS_MERGED.equals(eventType)) {
                patientKey = required(p, "survivorMrn");
                relatedKey = required(p, "duplicateMrn");
                // The survivor's demographics (EMR 1.3 payloads; older ones have only the MRNs): strict receivers
                // require PID-5 on A40. MRG-7 is the duplicate's name as it was.
                demographics(terser, p, patientKey, context.mrnAuthority());
                identifier(terser, "MRG", 1, relatedKey, context.mrnAuthority());
                set(terser, "/.MRG-7-1", text(p, "duplicateFamilyName"));
                set(terser, "/.MRG-7-2", text(p, "duplicateGivenName"));
            } else {
                patientKey = required(p, "mrn");
                demographics(terser, p, patientKey, context.mrnAuthority());
                terser.set("/.PV1-1", "1");
                // no visit: the event is about the person (PV1-2 N, not applicable)
                terser.set("/.PV1-2", "N");
            }
            return Optional.of(new OutboundMessage("ADT^" + trigger, hapi.getPipeParser().encode(m), patientKey,
                    relatedKey));
        } catch (HL7Exception e) {
            throw new UnbuildableException("HAPI cannot build ADT^" + trigger + " v" + version + ": "
                    + e.getMessage(), e);
        } finally {
            t.setContextClassLoader(previous);
        }
    }

    private static void header(Terser t, Message m, String trigger, OutboundContext c) throws HL7Exception {
        String controlId = c.controlId();
        ZoneId zone = c.zone();
        Instant occurredAt = c.occurredAt();
        t.set("MSH-3-1", c.sendingApplication());
        t.set("MSH-4-1", c.sendingFacility());
        t.set("MSH-5-1", c.receivingApplication());
        t.set("MSH-6-1", c.receivingFacility());
        t.set("MSH-7-1", HL7_TS.format(occurredAt.atZone(zone)));
        t.set("MSH-9-1", "ADT");
        t.set("MSH-9-2", trigger);
        if (!c.version().equals("2.3")) {
            // MSH-9.3 (message structure) exists from v2.3.1; v2.3 receivers map the event themselves
            t.set("MSH-9-3", m.getName());
        }
        t.set("MSH-10", controlId);
        t.set("MSH-11-1", c.processingId());
        t.set("MSH-12-1", c.version());
        String msh18 = c.characterSet();
        if (msh18 != null) {
            t.set("MSH-18", msh18);
        }
        t.set("/.EVN-2-1", HL7_TS.format(occurredAt.atZone(zone)));
    }

    private static void demographics(Terser t, JsonNode p, String mrn, String authority) throws HL7Exception {
        identifier(t, "PID", 3, mrn, authority);
        t.set("/.PID-1", "1");
        set(t, "/.PID-5-1", text(p, "familyName"));
        set(t, "/.PID-5-2", text(p, "givenName"));
        set(t, "/.PID-7-1", birthDate(text(p, "birthDate")));
        set(t, "/.PID-8", sex(text(p, "sex")));
        set(t, "/.PID-15-1", text(p, "preferredLanguage"));
    }

    /** An MRN with its assigning authority and type MR: PID-3 or MRG-1. */
    private static void identifier(Terser t, String segment, int field, String mrn, String authority)
            throws HL7Exception {
        String path = "/." + segment + "-" + field + "-";
        t.set(path + "1", mrn);
        t.set(path + "4", authority);
        t.set(path + "5", "MR");
    }

    private static void set(Terser t, String path, String value) throws HL7Exception {
        if (value != null) {
            t.set(path, value);
        }
    }

    static String birthDate(String iso) {
        if (iso == null) {
            return null;
        }
        try {
            return HL7_DATE.format(LocalDate.parse(iso));
        } catch (DateTimeParseException e) {
            throw new UnbuildableException("birthDate is not an ISO date: '" + iso + "'", e);
        }
    }

    /** HL7 table 0001 from the EMR's FEMALE, MALE, OTHER, UNKNOWN. */
    static String sex(String emr) {
        if (emr == null) {
            return null;
        }
        return switch (emr.toUpperCase(Locale.ROOT)) {
            case "FEMALE" -> "F";
            case "MALE" -> "M";
            case "OTHER" -> "O";
            default -> "U";
        };
    }

    /** MSH-18 for the character sets HL7 table 0211 names; null (field empty) for others. */
    static String msh18(String javaCharset) {
        return switch (javaCharset) {
            case "UTF-8" -> "UNICODE UTF-8";
            case "ISO-8859-1" -> "8859/1";
            case "US-ASCII" -> "ASCII";
            default -> null;
        };
    }

    /** 20 characters (the v2.3 length of MSH-10), random: unique without a counter shared across restarts. */
    static String newControlId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 20).toUpperCase(Locale.ROOT);
    }

    private static String required(JsonNode p, String field) {
        String v = text(p, field);
        if (v == null) {
            throw new UnbuildableException("payload has no " + field, null);
        }
        return v;
    }

    private static String text(JsonNode p, String field) {
        JsonNode v = p.get(field);
        return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText().strip();
    }
}
