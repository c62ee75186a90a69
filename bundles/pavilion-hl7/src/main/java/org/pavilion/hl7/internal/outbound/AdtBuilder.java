package org.pavilion.hl7.internal.outbound;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

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
 * with HAPI's Terser, whose paths mean the same in v2.3 to v2.8.
 */
public class AdtBuilder {

    public static final String PATIENT_REGISTERED = "PatientRegistered";
    public static final String PATIENT_UPDATED = "PatientUpdated";
    public static final String PATIENTS_MERGED = "PatientsMerged";

    private static final DateTimeFormatter HL7_DATE = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final DateTimeFormatter HL7_TS = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FeedSettings feed;
    private final ZoneId zone;
    private final HapiContext hapi;

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

    /** The payload cannot make a message (e.g. no MRN): the row is stored FAILED with this reason. */
    public static class UnbuildableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnbuildableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public Built build(String eventType, String payloadJson, Instant occurredAt) {
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
        String controlId = newControlId();
        Thread t = Thread.currentThread();
        ClassLoader previous = t.getContextClassLoader();
        // HAPI finds the structures of each version on pavilion-camel's class path
        t.setContextClassLoader(HapiContext.class.getClassLoader());
        try {
            Message m = hapi.newMessage("ADT", trigger, Version.versionOf(feed.version()));
            Terser terser = new Terser(m);
            header(terser, m, trigger, controlId, occurredAt);
            String patientKey;
            String relatedKey = null;
            if (PATIENTS_MERGED.equals(eventType)) {
                patientKey = required(p, "survivorMrn");
                relatedKey = required(p, "duplicateMrn");
                // The survivor's demographics (EMR 1.3 payloads; older ones have only the MRNs): strict receivers
                // require PID-5 on A40. MRG-7 is the duplicate's name as it was.
                demographics(terser, p, patientKey);
                identifier(terser, "MRG", 1, relatedKey);
                set(terser, "/.MRG-7-1", text(p, "duplicateFamilyName"));
                set(terser, "/.MRG-7-2", text(p, "duplicateGivenName"));
            } else {
                patientKey = required(p, "mrn");
                demographics(terser, p, patientKey);
                terser.set("/.PV1-1", "1");
                // no visit: the event is about the person (PV1-2 N, not applicable)
                terser.set("/.PV1-2", "N");
            }
            return new Built("ADT^" + trigger, controlId, feed.version(), patientKey, relatedKey,
                    hapi.getPipeParser().encode(m));
        } catch (HL7Exception e) {
            throw new UnbuildableException("HAPI cannot build ADT^" + trigger + " v" + feed.version() + ": "
                    + e.getMessage(), e);
        } finally {
            t.setContextClassLoader(previous);
        }
    }

    private void header(Terser t, Message m, String trigger, String controlId, Instant occurredAt)
            throws HL7Exception {
        t.set("MSH-3-1", feed.sendingApplication());
        t.set("MSH-4-1", feed.sendingFacility());
        t.set("MSH-5-1", feed.receivingApplication());
        t.set("MSH-6-1", feed.receivingFacility());
        t.set("MSH-7-1", HL7_TS.format(occurredAt.atZone(zone)));
        t.set("MSH-9-1", "ADT");
        t.set("MSH-9-2", trigger);
        if (!feed.version().equals("2.3")) {
            // MSH-9.3 (message structure) exists from v2.3.1; v2.3 receivers map the event themselves
            t.set("MSH-9-3", m.getName());
        }
        t.set("MSH-10", controlId);
        t.set("MSH-11-1", feed.processingId());
        t.set("MSH-12-1", feed.version());
        String msh18 = msh18(feed.charset().name());
        if (msh18 != null) {
            t.set("MSH-18", msh18);
        }
        t.set("/.EVN-2-1", HL7_TS.format(occurredAt.atZone(zone)));
    }

    private void demographics(Terser t, JsonNode p, String mrn) throws HL7Exception {
        identifier(t, "PID", 3, mrn);
        t.set("/.PID-1", "1");
        set(t, "/.PID-5-1", text(p, "familyName"));
        set(t, "/.PID-5-2", text(p, "givenName"));
        set(t, "/.PID-7-1", birthDate(text(p, "birthDate")));
        set(t, "/.PID-8", sex(text(p, "sex")));
        set(t, "/.PID-15-1", text(p, "preferredLanguage"));
    }

    /** An MRN with its assigning authority and type MR: PID-3 or MRG-1. */
    private void identifier(Terser t, String segment, int field, String mrn) throws HL7Exception {
        String path = "/." + segment + "-" + field + "-";
        t.set(path + "1", mrn);
        t.set(path + "4", feed.mrnAuthority());
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
