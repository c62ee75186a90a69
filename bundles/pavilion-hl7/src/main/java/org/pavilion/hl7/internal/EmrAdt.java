package org.pavilion.hl7.internal;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.emr.api.ExternalPatient;
import org.pavilion.emr.api.ExternalVisit;
import org.pavilion.emr.api.PatientDirectory;

/**
 * ADT into the EMR through its {@link PatientDirectory}: A01 (admit: register or update, open the visit's
 * encounter), A04 (register; opens the encounter too when PV1-19 is given), A08 (update), A03 (discharge: close
 * the visit's encounter), A40 (merge MRG-1 into PID-3). Fields are read with HAPI's PreParser ({@link AdtFields}): their
 * positions are the same in v2.3 to v2.8.
 */
@Component(service = AdtTarget.class)
public class EmrAdt implements AdtTarget {

    private static final Map<String, String> ISO3_TO_ISO2 = new HashMap<>();

    static {
        for (String iso2 : Locale.getISOCountries()) {
            ISO3_TO_ISO2.put(new Locale("", iso2).getISO3Country(), iso2);
        }
    }

    private final PatientDirectory directory;

    @Activate
    public EmrAdt(@Reference PatientDirectory directory) {
        this.directory = directory;
    }

    @Override
    public Outcome apply(Hl7Text.Header h, String text, Completion completion) {
        AdtFields t = AdtFields.of(text, h);
        String defaultSystem = firstComponent(h.sendingApplication(), h);
        try {
            switch (h.triggerEvent()) {
                case "A01":
                case "A04":
                case "A08": {
                    ExternalPatient p = patient(t, defaultSystem);
                    // The visit is read first: an A01 without PV1-19 is refused before anything is written.
                    ExternalVisit visit = h.triggerEvent().equals("A08") ? null
                            : visit(t, defaultSystem, h.triggerEvent().equals("A01"));
                    if (visit == null) {
                        // The patient write is the message's only effect: the message and its completion are
                        // stored with it, in one commit.
                        PatientDirectory.Result r = directory.registerOrUpdate(p, (c, result, commit) ->
                                completion.commit(c, Outcome.accepted(h.type() + " patient " + result), commit));
                        return Outcome.accepted(h.type() + " patient " + r);
                    }
                    completion.store(); // two commits of the EMR's own follow: the message is stored first
                    PatientDirectory.Result r = directory.registerOrUpdate(p);
                    return Outcome.accepted(h.type() + " patient " + r + "; encounter "
                            + directory.openEncounter(p.system, p.value, visit));
                }
                case "A03": {
                    ExternalVisit visit = visit(t, defaultSystem, true);
                    completion.store();
                    return Outcome.accepted(h.type() + " encounter " + directory.closeEncounter(visit.system, visit.number));
                }
                case "A40": {
                    ExternalPatient survivor = identifier(t, "PID", 3, defaultSystem);
                    String dupValue = t.get("MRG-1-1");
                    if (dupValue == null) {
                        throw new Hl7ContentException(new Ack.Error("MRG", 1, 1, Ack.REQUIRED_FIELD_MISSING),
                                "MRG-1 (prior patient identifier) is required");
                    }
                    String dupSystem = orElse(t.get("MRG-1-4"), defaultSystem);
                    if (!dupSystem.equals(survivor.system)) {
                        throw new Hl7ContentException(new Ack.Error("MRG", 1, 1, Ack.UNKNOWN_KEY), "MRG-1 is of "
                                + "assigning authority " + dupSystem + ", PID-3 of " + survivor.system
                                + ": only identifiers of one authority can be merged");
                    }
                    completion.store();
                    String reason = "HL7 " + h.type() + " from " + h.sendingApplication() + ", control id "
                            + h.controlId();
                    return Outcome.accepted(h.type() + " merge " + directory.merge(survivor.system, survivor.value,
                            dupValue, reason));
                }
                default:
                    return Outcome.rejected(Ack.UNSUPPORTED_EVENT_CODE, "unsupported event " + h.type());
            }
        } catch (IllegalArgumentException refused) {
            String why = refused.getMessage() == null ? refused.toString() : refused.getMessage();
            int code = why.startsWith("unknown") ? Ack.UNKNOWN_KEY : Ack.INTERNAL_ERROR;
            throw new Hl7ContentException(Ack.Error.of(code), "EMR refused " + h.type() + ": " + why);
        }
    }

    static ExternalPatient patient(AdtFields t, String defaultSystem) {
        ExternalPatient p = identifier(t, "PID", 3, defaultSystem);
        p.familyName = t.get("PID-5-1");
        p.givenName = t.get("PID-5-2");
        p.birthDate = birthDate(t.get("PID-7-1"));
        p.sex = sex(t.get("PID-8"));
        String phone = t.get("PID-13-1");
        if (phone != null) {
            p.phones.add(phone);
        }
        p.addressLine = t.get("PID-11-1");
        p.addressCity = t.get("PID-11-3");
        p.addressPostalCode = t.get("PID-11-5");
        p.addressCountry = country(t.get("PID-11-6"));
        return p;
    }

    /** The patient id of PID-3 (first repetition), its system PID-3.4, else the sending application. */
    static ExternalPatient identifier(AdtFields t, String segment, int field, String defaultSystem) {
        ExternalPatient p = new ExternalPatient();
        p.value = t.get(segment + "-" + field + "-1");
        if (p.value == null) {
            throw new Hl7ContentException(new Ack.Error(segment, 1, field, Ack.REQUIRED_FIELD_MISSING),
                    segment + "-" + field + " (patient identifier) is required");
        }
        p.system = orElse(t.get(segment + "-" + field + "-4"), defaultSystem);
        return p;
    }

    /** PV1-19 visit number with its authority; null when absent and not required. */
    static ExternalVisit visit(AdtFields t, String defaultSystem, boolean required) {
        String number = t.get("PV1-19-1");
        if (number == null) {
            if (required) {
                throw new Hl7ContentException(new Ack.Error("PV1", 1, 19, Ack.REQUIRED_FIELD_MISSING),
                        "PV1-19 (visit number) is required");
            }
            return null;
        }
        ExternalVisit v = new ExternalVisit();
        v.number = number;
        v.system = orElse(t.get("PV1-19-4"), defaultSystem);
        String patientClass = orElse(t.get("PV1-2"), "O");
        v.kind = switch (patientClass.toUpperCase(Locale.ROOT)) {
            case "E" -> "EMERGENCY";
            case "I" -> "ADMISSION";
            default -> "OUTPATIENT";
        };
        v.reason = t.get("PV2-3-2");
        return v;
    }

    /**
     * yyyyMMdd from an HL7 TS/DTM (extra precision ignored); PID-7 names the field when it is not a date. Read
     * digit by digit rather than with a DateTimeFormatter (a twentieth of a listener thread's CPU), and strictly: a
     * 30 February is refused, not moved to the end of the month.
     */
    static String birthDate(String ts) {
        if (ts == null) {
            return null;
        }
        try {
            if (ts.length() < 8) {
                throw new DateTimeException("too short");
            }
            for (int i = 0; i < 8; i++) {
                if (ts.charAt(i) < '0' || ts.charAt(i) > '9') {
                    throw new DateTimeException("not a digit");
                }
            }
            return LocalDate.of(Integer.parseInt(ts, 0, 4, 10), Integer.parseInt(ts, 4, 6, 10),
                    Integer.parseInt(ts, 6, 8, 10)).toString();
        } catch (DateTimeException e) {
            throw new Hl7ContentException(new Ack.Error("PID", 1, 7, Ack.DATA_TYPE_ERROR),
                    "PID-7 (date of birth) must be a date YYYYMMDD, was '" + ts + "'");
        }
    }

    static String sex(String administrativeSex) {
        if (administrativeSex == null) {
            return null;
        }
        return switch (administrativeSex.toUpperCase(Locale.ROOT)) {
            case "F" -> "FEMALE";
            case "M" -> "MALE";
            case "O", "A", "X" -> "OTHER";
            default -> "UNKNOWN";
        };
    }

    /** ISO 3166 alpha-2 as the EMR keeps it; HL7 feeds mostly send alpha-3. Unknown codes are left out. */
    static String country(String code) {
        if (code == null) {
            return null;
        }
        String c = code.strip().toUpperCase(Locale.ROOT);
        return c.length() == 2 ? c : ISO3_TO_ISO2.get(c);
    }

    private static String firstComponent(String field, Hl7Text.Header h) {
        int i = field.indexOf(h.encodingCharacters().isEmpty() ? '^' : h.encodingCharacters().charAt(0));
        String v = (i >= 0 ? field.substring(0, i) : field).strip();
        return v.isEmpty() ? "UNKNOWN" : v;
    }

    private static String orElse(String v, String fallback) {
        return v == null ? fallback : v;
    }
}
