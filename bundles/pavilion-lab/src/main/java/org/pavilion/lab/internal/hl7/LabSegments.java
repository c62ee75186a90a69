package org.pavilion.lab.internal.hl7;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

import org.pavilion.hl7.api.Hl7Segment;
import org.pavilion.hl7.api.OutboundContext;

/**
 * The segments every outbound laboratory message shares: MSH from the feed's header values, PID with the MRN (and
 * the EMR's names when installed), PV1 with the encounter, and the order's codes (priority, test identifier).
 */
final class LabSegments {

    /** ORC-7.6 / OBR-27.6 / TQ1-9 priority, HL7 table 0027, from the order's priority. */
    static final Map<String, String> PRIORITY = Map.of("STAT", "S", "URGENT", "A", "ROUTINE", "R");
    /** The coding system of the catalogue's own codes (HL7 table 0396: local). */
    static final String LOCAL = "L";
    static final String LOINC = "LN";
    private static final DateTimeFormatter HL7_DATE = DateTimeFormatter.ofPattern("yyyyMMdd");

    private LabSegments() {
    }

    /** MSH of {@code type^trigger^structure} in the feed's version and character set. */
    static Hl7Segment header(String type, String trigger, String structure, OutboundContext c) {
        Hl7Segment msh = new Hl7Segment("MSH")
                .set(3, c.sendingApplication())
                .set(4, c.sendingFacility())
                .set(5, c.receivingApplication())
                .set(6, c.receivingFacility())
                .set(7, Hl7Times.header(c.occurredAt(), c.zone()))
                .set(9, type, trigger, structure)
                .set(10, c.controlId())
                .set(11, c.processingId())
                .set(12, c.version());
        if (c.characterSet() != null) {
            msh.set(18, c.characterSet());
        }
        return msh;
    }

    /** PID-3 the MRN with the feed's authority; names, birth date and sex while the EMR answers for the MRN. */
    static Hl7Segment patient(String mrn, OutboundContext c, PatientNames names, String purpose) {
        Hl7Segment pid = new Hl7Segment("PID").set(1, "1").set(3, mrn, null, null, c.mrnAuthority(), "MR");
        if (names != null) {
            names.byMrn(mrn, purpose + " to feed " + c.feed()).ifPresent(n -> {
                pid.set(5, n.familyName(), n.givenName());
                pid.set(7, birthDate(n.birthDate()));
                pid.set(8, n.sex());
            });
        }
        return pid;
    }

    /** PV1 naming the EMR encounter (PV1-19 visit number), null when the order has none. */
    static Hl7Segment visit(String encounterId) {
        return encounterId == null ? null : new Hl7Segment("PV1").set(1, "1").set(2, "U").set(19, encounterId);
    }

    /** A test as CWE: our code and name, coding system L, with the LOINC as the alternate identifier. */
    static String[] test(String code, String name, String loinc) {
        return loinc == null ? new String[] {code, name, LOCAL}
                : new String[] {code, name, LOCAL, loinc, name, LOINC};
    }

    static String text(List<Hl7Segment> segments) {
        StringBuilder b = new StringBuilder(1024);
        for (Hl7Segment s : segments) {
            if (s != null) {
                b.append(s.text()).append('\r');
            }
        }
        return b.toString();
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
}
