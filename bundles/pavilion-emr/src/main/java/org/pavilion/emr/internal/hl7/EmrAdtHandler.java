package org.pavilion.emr.internal.hl7;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.emr.api.ExternalAllergy;
import org.pavilion.emr.api.ExternalDiagnosis;
import org.pavilion.emr.api.ExternalInsurance;
import org.pavilion.emr.api.ExternalNextOfKin;
import org.pavilion.emr.api.ExternalPatient;
import org.pavilion.emr.api.ExternalVisit;
import org.pavilion.emr.api.PatientDirectory;
import org.pavilion.emr.internal.integration.CommittingDirectory;
import org.pavilion.hl7.api.Completion;
import org.pavilion.hl7.api.Hl7ContentException;
import org.pavilion.hl7.api.Hl7Error;
import org.pavilion.hl7.api.Hl7Handler;
import org.pavilion.hl7.api.InboundMessage;
import org.pavilion.hl7.api.Outcome;

/**
 * The EMR's handler of ADT from the HL7 hub, through its {@link PatientDirectory}: A01 (admit: register or update,
 * open the visit's encounter with PV1's location and doctors), A04 (register; opens the encounter too when PV1-19
 * is given), A08 (update), A28/A31 (add/update a person: no visit), with their NK1, IN1, AL1 and DG1; A02
 * (transfer to PV1-3), A12 (cancel transfer), A11 (cancel admission: the encounter CANCELLED), A13 (cancel
 * discharge: reopened), A03 (discharge with PV1-36 disposition: close the visit's encounter), A40 (merge MRG-1 into PID-3). The field positions read are the same
 * in v2.3 to v2.8. An A04 or A08 without a visit is one directory transaction that commits the hub's completion
 * with the patient (one commit for message, outcome and patient: the fast path the ADT throughput depends on);
 * the others store the message first and write in the EMR's own commits.
 */
@Component(service = Hl7Handler.class)
public class EmrAdtHandler implements Hl7Handler {

    static final Set<String> TYPES = Set.of("ADT^A01", "ADT^A02", "ADT^A03", "ADT^A04", "ADT^A05", "ADT^A06",
            "ADT^A07", "ADT^A08", "ADT^A11", "ADT^A12", "ADT^A13", "ADT^A28", "ADT^A31", "ADT^A40", "ADT^A47");
    private static final Map<String, String> ISO3_TO_ISO2 = new HashMap<>();

    static {
        for (String iso2 : Locale.getISOCountries()) {
            ISO3_TO_ISO2.put(new Locale("", iso2).getISO3Country(), iso2);
        }
    }

    private final CommittingDirectory directory;

    @Activate
    public EmrAdtHandler(@Reference CommittingDirectory directory) {
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
                case "A05":
                case "A08":
                case "A28":
                case "A31": {
                    List<Hl7Error> warnings = new ArrayList<>(0);
                    ExternalPatient p = patient(m, defaultSystem);
                    contacts(m, p, warnings);
                    // The visit is read first, so a refused one writes nothing. An A01 (admit) or A05 (pre-admit)
                    // always opens a visit, with or without PV1-19; an A04 only with one (a registration's
                    // "PV1|1|O" names no visit and keeps the one-commit path). A08 updates, A28/A31 add/update a
                    // person record: no visit.
                    boolean admits = trigger.equals("A01") || trigger.equals("A05");
                    ExternalVisit visit = admits ? admission(m, defaultSystem)
                            : trigger.equals("A04") ? visit(m, defaultSystem, false) : null;
                    if (visit != null) {
                        visit.planned = trigger.equals("A05");
                    }
                    // AL1 and DG1 are looked for (a walk over the segment index), parsed only when present: the
                    // PID-only path keeps its one-commit shape and its speed.
                    int al1 = m.segmentCount("AL1");
                    int dg1 = m.segmentCount("DG1");
                    if (visit == null && al1 == 0 && dg1 == 0) {
                        // The patient write is the message's only effect: the message and its completion are
                        // stored with it, in one commit.
                        PatientDirectory.Result r = directory.registerOrUpdate(p, (c, result, commit) ->
                                completion.commit(c, warned(Outcome.accepted(type + " patient " + result), warnings),
                                        commit));
                        return warned(Outcome.accepted(type + " patient " + r), warnings);
                    }
                    List<ExternalAllergy> allergies = al1 == 0 ? List.of() : allergies(m, al1, warnings);
                    List<ExternalDiagnosis> diagnoses = dg1 == 0 ? List.of() : diagnoses(m, dg1);
                    completion.store(); // several commits of the EMR's own follow: the message is stored first
                    PatientDirectory.Result r = directory.registerOrUpdate(p);
                    StringBuilder summary = new StringBuilder(type).append(" patient ").append(r);
                    if (!allergies.isEmpty()) {
                        summary.append("; allergies ").append(directory.recordAllergies(p.system, p.value,
                                allergies).change);
                    }
                    if (visit != null) {
                        summary.append("; encounter ").append(directory.openEncounter(p.system, p.value, visit));
                        if (!diagnoses.isEmpty()) {
                            List<String> freeText = directory.recordDiagnoses(p.system, p.value, visit, diagnoses);
                            summary.append("; diagnoses ").append(diagnoses.size() - freeText.size());
                            for (String code : freeText) {
                                warnings.add(warning("DG1", 1 + indexOfCode(diagnoses, code), 3, "DG1-3 code "
                                        + code + " is not in the ICD-10 catalogue: kept as a note on the encounter"));
                            }
                        }
                    } else if (!diagnoses.isEmpty()) {
                        warnings.add(warning("DG1", 1, 3, "DG1 needs the visit (PV1-19) its diagnoses belong to: "
                                + "not recorded"));
                    }
                    return warned(Outcome.accepted(summary.toString()), warnings);
                }
                case "A03": {
                    ExternalVisit visit = visit(m, defaultSystem, true);
                    completion.store();
                    return Outcome.accepted(type + " encounter " + directory.closeEncounter(visit.system,
                            visit.number, m.field("PV1-36-1")));
                }
                case "A02": {
                    ExternalVisit visit = visit(m, defaultSystem, true);
                    if (visit.location == null) {
                        throw new Hl7ContentException(Hl7Error.at("PV1", 3, Hl7Error.REQUIRED_FIELD_MISSING,
                                "PV1-3 (the location the patient is transferred to) is required"));
                    }
                    completion.store();
                    return Outcome.accepted(type + " encounter " + directory.moveEncounter(visit.system,
                            visit.number, visit.location));
                }
                case "A11": {
                    ExternalVisit visit = visit(m, defaultSystem, true);
                    completion.store();
                    return Outcome.accepted(type + " encounter " + directory.cancelEncounter(visit.system,
                            visit.number));
                }
                case "A13": {
                    ExternalVisit visit = visit(m, defaultSystem, true);
                    completion.store();
                    return Outcome.accepted(type + " encounter " + directory.reopenEncounter(visit.system,
                            visit.number));
                }
                case "A12": {
                    ExternalVisit visit = visit(m, defaultSystem, true);
                    completion.store();
                    return Outcome.accepted(type + " encounter " + directory.moveEncounter(visit.system,
                            visit.number, null));
                }
                case "A06":
                case "A07": {
                    // Outpatient to inpatient (A06) or back (A07): the class of the existing visit changes.
                    ExternalPatient p = identifier(m, "PID", 3, defaultSystem);
                    ExternalVisit visit = visit(m, defaultSystem, false);
                    if (visit == null) {
                        visit = new ExternalVisit();
                        visit.system = orElse(m.field("MRG-5-4"), defaultSystem);
                        visit.location = location(m);
                    }
                    String patientClass = m.field("PV1-2");
                    if (patientClass == null) {
                        throw new Hl7ContentException(Hl7Error.at("PV1", 2, Hl7Error.REQUIRED_FIELD_MISSING,
                                "PV1-2 (the patient class the visit changes to) is required"));
                    }
                    visit.kind = kind(patientClass);
                    completion.store();
                    return Outcome.accepted(type + " encounter " + directory.changeEncounterClass(p.system, p.value,
                            visit, m.field("MRG-5-1")));
                }
                case "A47": {
                    ExternalPatient changed = identifier(m, "PID", 3, defaultSystem);
                    String prior = priorIdentifier(m, defaultSystem, changed, "the identifier to change",
                            "an identifier changes within its authority");
                    completion.store();
                    try {
                        return Outcome.accepted(type + " identifier " + directory.changeIdentifier(changed.system,
                                prior, changed.value));
                    } catch (IllegalArgumentException refused) {
                        String why = String.valueOf(refused.getMessage());
                        if (why.startsWith("conflict")) {
                            throw new Hl7ContentException(Hl7Error.at("PID", 3, Hl7Error.DUPLICATE_KEY,
                                    "EMR refused " + type + ": " + why));
                        }
                        if (why.startsWith("unknown")) {
                            throw new Hl7ContentException(Hl7Error.at("MRG", 1, Hl7Error.UNKNOWN_KEY,
                                    "EMR refused " + type + ": " + why));
                        }
                        throw refused;
                    }
                }
                case "A40": {
                    ExternalPatient survivor = identifier(m, "PID", 3, defaultSystem);
                    String dupValue = priorIdentifier(m, defaultSystem, survivor, "prior patient identifier",
                            "only identifiers of one authority can be merged");
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
        describe(m, v);
        return v;
    }

    /**
     * The visit an A01 or A05 admits: PV1-19's, else one without a number, known by the sending facility (MSH-4,
     * else the sending application), the patient, PV1-44 (admit date/time as sent, else the day of MSH-7) and the
     * class, so that a resend under a new control id is the same visit. PV1 itself is required.
     */
    static ExternalVisit admission(InboundMessage m, String defaultSystem) {
        if (m.segmentCount("PV1") == 0) {
            throw new Hl7ContentException(Hl7Error.at("PV1", 0, Hl7Error.SEGMENT_SEQUENCE_ERROR,
                    "PV1 (the visit) is required in an " + m.type()));
        }
        ExternalVisit v = visit(m, defaultSystem, false);
        if (v != null) {
            return v;
        }
        v = new ExternalVisit();
        v.system = orElse(m.field("MSH-4-1"), defaultSystem);
        String sent = m.field("MSH-7-1");
        v.admittedAt = orElse(m.field("PV1-44-1"), sent == null || sent.length() < 8 ? null : sent.substring(0, 8));
        describe(m, v);
        return v;
    }

    /**
     * MRG-1 of an A40 or A47: the prior identifier, required, and of PID-3's assigning authority (MRG-1-4, else the
     * sending application), since identifiers are only merged or changed within one authority.
     */
    private static String priorIdentifier(InboundMessage m, String defaultSystem, ExternalPatient current,
            String what, String whyOneAuthority) throws Hl7ContentException {
        String prior = m.field("MRG-1-1");
        if (prior == null) {
            throw new Hl7ContentException(Hl7Error.at("MRG", 1, Hl7Error.REQUIRED_FIELD_MISSING,
                    "MRG-1 (" + what + ") is required"));
        }
        String priorSystem = orElse(m.field("MRG-1-4"), defaultSystem);
        if (!priorSystem.equals(current.system)) {
            throw new Hl7ContentException(Hl7Error.at("MRG", 1, Hl7Error.UNKNOWN_KEY, "MRG-1 is of "
                    + "assigning authority " + priorSystem + ", PID-3 of " + current.system + ": " + whyOneAuthority));
        }
        return prior;
    }

    /** PV1-2 class, PV2-3 reason, PV1-3 location, PV1-7 attending and PV1-17 admitting doctor. */
    private static void describe(InboundMessage m, ExternalVisit v) {
        v.kind = kind(orElse(m.field("PV1-2"), "O"));
        v.reason = m.field("PV2-3-2");
        v.location = location(m);
        String[] doctor = new String[2];
        doctor(m, "PV1-7", doctor);
        v.attendingId = doctor[0];
        v.attendingName = doctor[1];
        doctor(m, "PV1-17", doctor);
        v.admittingId = doctor[0];
        v.admittingName = doctor[1];
    }

    /** PV1-2 (HL7 table 0004) as the record's encounter class. */
    static String kind(String patientClass) {
        return switch (patientClass.toUpperCase(Locale.ROOT)) {
            case "E" -> "EMERGENCY";
            case "I" -> "ADMISSION";
            default -> "OUTPATIENT";
        };
    }

    private static Outcome warned(Outcome o, List<Hl7Error> warnings) {
        for (Hl7Error w : warnings) {
            o = o.withWarning(w);
        }
        return o;
    }

    /** HL7 table 0063 relationships to the record's; what is not here is OTHER, with a warning. */
    private static final Map<String, String> RELATIONSHIPS = Map.ofEntries(Map.entry("SPO", "SPOUSE"),
            Map.entry("DOM", "PARTNER"), Map.entry("PAR", "PARENT"), Map.entry("MTH", "PARENT"),
            Map.entry("FTH", "PARENT"), Map.entry("CHD", "CHILD"), Map.entry("SON", "CHILD"),
            Map.entry("DAU", "CHILD"), Map.entry("SIB", "SIBLING"), Map.entry("BRO", "SIBLING"),
            Map.entry("SIS", "SIBLING"), Map.entry("GRD", "GUARDIAN"), Map.entry("FND", "FRIEND"),
            Map.entry("OTH", "OTHER"), Map.entry("SEL", "SELF"));
    private static final java.util.regex.Pattern PHONE = java.util.regex.Pattern.compile("\\+?[0-9]{6,32}");
    private static final java.util.regex.Pattern POLICY = java.util.regex.Pattern.compile("[A-Za-z0-9 ./-]{1,40}");

    /**
     * NK1 next of kin and IN1 insurance, read only when the segments are there (the PID-only path reads nothing
     * more). Present: they replace the patient's set. An entry the record cannot hold (no name, no phone, no policy
     * number) is left out with a warning naming its field; the others are kept.
     */
    static void contacts(InboundMessage m, ExternalPatient p, List<Hl7Error> warnings) {
        int nk1 = m.segmentCount("NK1");
        if (nk1 > 0) {
            p.nextOfKin = new ArrayList<>(nk1);
            for (int n = 1; n <= nk1; n++) {
                String seg = "NK1(" + n + ")";
                ExternalNextOfKin k = new ExternalNextOfKin();
                String family = m.field(seg + "-2-1");
                String given = m.field(seg + "-2-2");
                k.name = family == null ? given : given == null ? family : given + " " + family;
                String rel = m.field(seg + "-3-1");
                k.relationship = rel == null ? "OTHER" : RELATIONSHIPS.get(rel.toUpperCase(Locale.ROOT));
                if (k.relationship == null || k.relationship.equals("SELF")) {
                    warnings.add(warning("NK1", n, 3, "NK1-3 relationship " + rel + " is not one the record knows: "
                            + "kept as OTHER"));
                    k.relationship = "OTHER";
                }
                k.phone = phone(orElse(m.field(seg + "-5-1"), m.field(seg + "-6-1"))); // home, else business
                k.email = m.field(seg + "-5-4");
                if (k.name == null) {
                    warnings.add(warning("NK1", n, 2, "NK1-2 (name) is empty: next of kin not recorded"));
                } else if (k.phone == null && k.email == null) {
                    warnings.add(warning("NK1", n, 5, "NK1-5 has no usable phone or email: next of kin " + k.name
                            + " not recorded"));
                } else {
                    p.nextOfKin.add(k);
                }
            }
        }
        int in1 = m.segmentCount("IN1");
        if (in1 > 0) {
            p.insurance = new ArrayList<>(in1);
            for (int n = 1; n <= in1; n++) {
                String seg = "IN1(" + n + ")";
                ExternalInsurance c = new ExternalInsurance();
                c.insurer = orElse(m.field(seg + "-4-1"), m.field(seg + "-3-1"));
                c.plan = orElse(m.field(seg + "-2-2"), m.field(seg + "-2-1"));
                c.policyNumber = orElse(m.field(seg + "-36"), m.field(seg + "-49-1"));
                String holder = m.field(seg + "-17-1");
                if (holder != null) {
                    String h = RELATIONSHIPS.get(holder.toUpperCase(Locale.ROOT));
                    c.holderRelationship = h == null ? null : switch (h) {
                        case "SELF", "SPOUSE", "PARENT" -> h;
                        default -> "OTHER";
                    };
                    if (c.holderRelationship == null) {
                        warnings.add(warning("IN1", n, 17, "IN1-17 relationship " + holder + " is unknown: OTHER"));
                        c.holderRelationship = "OTHER";
                    }
                }
                c.validFrom = coverDate(m, seg, n, 12, warnings);
                c.validTo = coverDate(m, seg, n, 13, warnings);
                if (c.insurer == null) {
                    warnings.add(warning("IN1", n, 4, "IN1-4 (insurer) is empty: policy not recorded"));
                } else if (c.policyNumber == null || !POLICY.matcher(c.policyNumber).matches()) {
                    warnings.add(warning("IN1", n, 36, "IN1-36 (policy number) is missing or not 1 to 40 letters, "
                            + "digits, spaces, '.', '/' or '-': policy of " + c.insurer + " not recorded"));
                } else {
                    p.insurance.add(c);
                }
            }
        }
    }

    /** Digits (and a leading +) of an XTN number, as the record keeps them; null when not a phone number. */
    static String phone(String raw) {
        if (raw == null) {
            return null;
        }
        StringBuilder b = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char ch = raw.charAt(i);
            if ((ch >= '0' && ch <= '9') || (ch == '+' && b.length() == 0)) {
                b.append(ch);
            }
        }
        return PHONE.matcher(b).matches() ? b.toString() : null;
    }

    private static String coverDate(InboundMessage m, String seg, int n, int field, List<Hl7Error> warnings) {
        String ts = m.field(seg + "-" + field + "-1");
        if (ts == null) {
            return null;
        }
        try {
            return LocalDate.of(Integer.parseInt(ts.substring(0, 4)), Integer.parseInt(ts.substring(4, 6)),
                    Integer.parseInt(ts.substring(6, 8))).toString();
        } catch (RuntimeException notADate) {
            warnings.add(warning("IN1", n, field, "IN1-" + field + " '" + ts + "' is not a date YYYYMMDD: left out"));
            return null;
        }
    }

    /** AL1-4 (HL7 table 0128) to the record's severities. */
    private static final Map<String, String> SEVERITIES = Map.of("MI", "MILD", "MO", "MODERATE", "SV", "SEVERE");
    /** AL1-3.3 coding systems whose text is taken as the substance without remark. */
    private static final Set<String> ALLERGEN_SYSTEMS = Set.of("RXNORM", "SCT", "SNOMEDCT", "SNOMED", "NDC", "UNII",
            "NDFRT", "99ZZZ", "L");
    /** AL1-2 (HL7 table 0127): every type the table knows is an allergy in the record's terms. */
    private static final Set<String> ALLERGY_TYPES = Set.of("DA", "FA", "MA", "MC", "EA", "AA", "PA", "LA");

    /**
     * The AL1 segments as allergies. What cannot be mapped is kept in the text (substance or reaction) and named in
     * a warning: an unknown coding system (AL1-3.3), type (AL1-2) or severity (AL1-4).
     */
    static List<ExternalAllergy> allergies(InboundMessage m, int count, List<Hl7Error> warnings) {
        List<ExternalAllergy> out = new ArrayList<>(count);
        for (int n = 1; n <= count; n++) {
            String seg = "AL1(" + n + ")";
            String code = m.field(seg + "-3-1");
            String text = m.field(seg + "-3-2");
            String system = m.field(seg + "-3-3");
            ExternalAllergy a = new ExternalAllergy();
            a.substance = text != null ? text : code;
            if (a.substance == null) {
                warnings.add(warning("AL1", n, 3, "AL1-3 (allergen) is empty: the allergy is not recorded"));
                continue;
            }
            if (system != null && !ALLERGEN_SYSTEMS.contains(system.toUpperCase(Locale.ROOT))) {
                warnings.add(warning("AL1", n, 3, "AL1-3 coding system " + system + " is unknown: " + a.substance
                        + " kept as free text"));
            } else if (system != null && code != null) {
                a.code = code; // a known system's code is kept beside the text
                a.codeSystem = system.toUpperCase(Locale.ROOT);
            }
            String type = m.field(seg + "-2-1");
            if (type != null && !ALLERGY_TYPES.contains(type.toUpperCase(Locale.ROOT))) {
                warnings.add(warning("AL1", n, 2, "AL1-2 allergy type " + type + " is unknown: recorded as an "
                        + "allergy"));
            }
            List<String> reactions = new ArrayList<>();
            for (int r = 1, reps = m.repetitions(seg + "-5"); r <= reps; r++) {
                String reaction = m.field(seg + "-5(" + r + ")");
                if (reaction != null) {
                    reactions.add(reaction);
                }
            }
            String severity = m.field(seg + "-4-1");
            if (severity != null) {
                String s = severity.toUpperCase(Locale.ROOT);
                a.severity = SEVERITIES.get(s);
                if (a.severity == null && !s.equals("U")) {
                    reactions.add("severity " + severity);
                    warnings.add(warning("AL1", n, 4, "AL1-4 severity " + severity + " is unknown: kept in the "
                            + "reaction text"));
                }
            }
            a.reaction = reactions.isEmpty() ? null : String.join("; ", reactions);
            out.add(a);
        }
        return out;
    }

    /** The DG1 segments' codes (DG1-3.1) with their descriptions (DG1-3.2, else DG1-4). */
    static List<ExternalDiagnosis> diagnoses(InboundMessage m, int count) {
        List<ExternalDiagnosis> out = new ArrayList<>(count);
        for (int n = 1; n <= count; n++) {
            ExternalDiagnosis d = new ExternalDiagnosis();
            d.code = m.field("DG1(" + n + ")-3-1");
            d.description = orElse(m.field("DG1(" + n + ")-3-2"), m.field("DG1(" + n + ")-4"));
            out.add(d);
        }
        return out;
    }

    private static int indexOfCode(List<ExternalDiagnosis> diagnoses, String code) {
        for (int i = 0; i < diagnoses.size(); i++) {
            if (code.equals(diagnoses.get(i).code)) {
                return i;
            }
        }
        return 0;
    }

    /** A warning naming segment repetition {@code n}'s field. */
    static Hl7Error warning(String segment, int n, int field, String text) {
        return new Hl7Error(segment, n, field, 0, Hl7Error.TABLE_VALUE_NOT_FOUND, text);
    }

    /** An XCN (PV1-7, PV1-17): its id, and the name "given family". */
    private static void doctor(InboundMessage m, String field, String[] idAndName) {
        idAndName[0] = m.field(field + "-1");
        String family = m.field(field + "-2");
        String given = m.field(field + "-3");
        idAndName[1] = family == null ? given : given == null ? family : given + " " + family;
    }

    /** PV1-3 (PL) as {@code ward^room^bed}, its first three components as sent; null when none is. */
    static String location(InboundMessage m) {
        String ward = m.field("PV1-3-1");
        String room = m.field("PV1-3-2");
        String bed = m.field("PV1-3-3");
        if (ward == null && room == null && bed == null) {
            return null;
        }
        String l = orElse(ward, "") + "^" + orElse(room, "") + "^" + orElse(bed, "");
        return l.endsWith("^^") ? l.substring(0, l.length() - 2) : l.endsWith("^") ? l.substring(0, l.length() - 1) : l;
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
