package org.pavilion.emr.internal.hl7;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.emr.api.ExternalPatient;
import org.pavilion.emr.api.ExternalVisit;
import org.pavilion.emr.api.PatientDirectory;
import org.pavilion.hl7.api.Completion;
import org.pavilion.hl7.api.Hl7ContentException;
import org.pavilion.hl7.api.Hl7Error;
import org.pavilion.hl7.api.Hl7Handler;
import org.pavilion.hl7.api.InboundMessage;
import org.pavilion.hl7.api.Outcome;

/**
 * The EMR's handler of ADT from the HL7 hub, through its {@link PatientDirectory}: A01 (admit: register or update,
 * open the visit's encounter), A04 (register; opens the encounter too when PV1-19 is given), A08 (update), A03
 * (discharge: close the visit's encounter), A40 (merge MRG-1 into PID-3). The field positions read are the same
 * in v2.3 to v2.8. An A04 or A08 without a visit is one directory transaction that commits the hub's completion
 * with the patient (one commit for message, outcome and patient: the fast path the ADT throughput depends on);
 * the others store the message first and write in the EMR's own commits.
 */
@Component(service = Hl7Handler.class)
public class EmrAdtHandler implements Hl7Handler {

    static final Set<String> TYPES = Set.of("ADT^A01", "ADT^A03", "ADT^A04", "ADT^A08", "ADT^A40");
    private static final Map<String, String> ISO3_TO_ISO2 = new HashMap<>();

    static {
        for (String iso2 : Locale.getISOCountries()) {
            ISO3_TO_ISO2.put(new Locale("", iso2).getISO3Country(), iso2);
        }
    }

    private final PatientDirectory directory;

    @Activate
    public EmrAdtHandler(@Reference PatientDirectory directory) {
        this.directory = directory;
    }

    @Override
    public Set<String> messageTypes() {
        return TYPES;
    }

    @Override
    public String department() {
        return "EMR";
    }

    @Override
    public Outcome handle(InboundMessage m, Completion completion) throws Exception {
        String defaultSystem = m.sendingApplication().isEmpty() ? "UNKNOWN" : m.sendingApplication();
        String type = m.type();
        String trigger = m.triggerEvent();
        try {
            switch (trigger) {
                case "A01":
                case "A04":
                case "A08": {
                    ExternalPatient p = patient(m, defaultSystem);
                    // The visit is read first: an A01 without PV1-19 is refused before anything is written.
                    ExternalVisit visit = trigger.equals("A08") ? null : visit(m, defaultSystem, trigger.equals("A01"));
                    if (visit == null) {
                        // The patient write is the message's only effect: the message and its completion are
                        // stored with it, in one commit.
                        PatientDirectory.Result r = directory.registerOrUpdate(p, (c, result, commit) ->
                                completion.commit(c, Outcome.accepted(type + " patient " + result), commit));
                        return Outcome.accepted(type + " patient " + r);
                    }
                    completion.store(); // two commits of the EMR's own follow: the message is stored first
                    PatientDirectory.Result r = directory.registerOrUpdate(p);
                    return Outcome.accepted(type + " patient " + r + "; encounter "
                            + directory.openEncounter(p.system, p.value, visit));
                }
                case "A03": {
                    ExternalVisit visit = visit(m, defaultSystem, true);
                    completion.store();
                    return Outcome.accepted(type + " encounter " + directory.closeEncounter(visit.system,
                            visit.number));
                }
                case "A40": {
                    ExternalPatient survivor = identifier(m, "PID", 3, defaultSystem);
                    String dupValue = m.field("MRG-1-1");
                    if (dupValue == null) {
                        throw new Hl7ContentException(Hl7Error.at("MRG", 1, Hl7Error.REQUIRED_FIELD_MISSING,
                                "MRG-1 (prior patient identifier) is required"));
                    }
                    String dupSystem = orElse(m.field("MRG-1-4"), defaultSystem);
                    if (!dupSystem.equals(survivor.system)) {
                        throw new Hl7ContentException(Hl7Error.at("MRG", 1, Hl7Error.UNKNOWN_KEY, "MRG-1 is of "
                                + "assigning authority " + dupSystem + ", PID-3 of " + survivor.system
                                + ": only identifiers of one authority can be merged"));
                    }
                    completion.store();
                    String reason = "HL7 " + type + " from " + m.sendingApplication() + ", control id "
                            + m.controlId();
                    return Outcome.accepted(type + " merge " + directory.merge(survivor.system, survivor.value,
                            dupValue, reason));
                }
                default:
                    return Outcome.rejected(Hl7Error.of(Hl7Error.UNSUPPORTED_EVENT_CODE, "unsupported event " + type));
            }
        } catch (IllegalArgumentException refused) {
            String why = refused.getMessage() == null ? refused.toString() : refused.getMessage();
            int code = why.startsWith("unknown") ? Hl7Error.UNKNOWN_KEY : Hl7Error.INTERNAL_ERROR;
            throw new Hl7ContentException(Hl7Error.of(code, "EMR refused " + type + ": " + why));
        }
    }

    static ExternalPatient patient(InboundMessage m, String defaultSystem) {
        ExternalPatient p = identifier(m, "PID", 3, defaultSystem);
        p.familyName = m.field("PID-5-1");
        p.givenName = m.field("PID-5-2");
        p.birthDate = birthDate(m.field("PID-7-1"));
        p.sex = sex(m.field("PID-8"));
        String phone = m.field("PID-13-1");
        if (phone != null) {
            p.phones.add(phone);
        }
        p.addressLine = m.field("PID-11-1");
        p.addressCity = m.field("PID-11-3");
        p.addressPostalCode = m.field("PID-11-5");
        p.addressCountry = country(m.field("PID-11-6"));
        return p;
    }

    /** The patient id of PID-3 (first repetition), its system PID-3.4, else the sending application. */
    static ExternalPatient identifier(InboundMessage m, String segment, int field, String defaultSystem) {
        ExternalPatient p = new ExternalPatient();
        p.value = m.field(segment + "-" + field + "-1");
        if (p.value == null) {
            throw new Hl7ContentException(Hl7Error.at(segment, field, Hl7Error.REQUIRED_FIELD_MISSING,
                    segment + "-" + field + " (patient identifier) is required"));
        }
        p.system = orElse(m.field(segment + "-" + field + "-4"), defaultSystem);
        return p;
    }

    /** PV1-19 visit number with its authority; null when absent and not required. */
    static ExternalVisit visit(InboundMessage m, String defaultSystem, boolean required) {
        String number = m.field("PV1-19-1");
        if (number == null) {
            if (required) {
                throw new Hl7ContentException(Hl7Error.at("PV1", 19, Hl7Error.REQUIRED_FIELD_MISSING,
                        "PV1-19 (visit number) is required"));
            }
            return null;
        }
        ExternalVisit v = new ExternalVisit();
        v.number = number;
        v.system = orElse(m.field("PV1-19-4"), defaultSystem);
        String patientClass = orElse(m.field("PV1-2"), "O");
        v.kind = switch (patientClass.toUpperCase(Locale.ROOT)) {
            case "E" -> "EMERGENCY";
            case "I" -> "ADMISSION";
            default -> "OUTPATIENT";
        };
        v.reason = m.field("PV2-3-2");
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
            throw new Hl7ContentException(Hl7Error.at("PID", 7, Hl7Error.DATA_TYPE_ERROR,
                    "PID-7 (date of birth) must be a date YYYYMMDD, was '" + ts + "'"));
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

    private static String orElse(String v, String fallback) {
        return v == null ? fallback : v;
    }
}
