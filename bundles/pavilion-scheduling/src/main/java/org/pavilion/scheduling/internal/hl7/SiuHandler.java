package org.pavilion.scheduling.internal.hl7;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.hl7.api.Completion;
import org.pavilion.hl7.api.Hl7ContentException;
import org.pavilion.hl7.api.Hl7Error;
import org.pavilion.hl7.api.Hl7Handler;
import org.pavilion.hl7.api.InboundMessage;
import org.pavilion.hl7.api.Outcome;
import org.pavilion.scheduling.internal.SchedulingConfig;
import org.pavilion.scheduling.internal.Times;
import org.pavilion.scheduling.internal.booking.Appointment;
import org.pavilion.scheduling.internal.booking.AppointmentBook;
import org.pavilion.scheduling.internal.booking.AppointmentBook.BookingRequest;
import org.pavilion.scheduling.internal.booking.AppointmentBook.Channel;

/**
 * SIU from an external scheduling system, applied through the {@link AppointmentBook}: S12 books, S13 and S14 move
 * to the new time (or doctor), S15 cancels, S26 marks a no-show. The appointment is known by the sender's id (SCH-1,
 * else SCH-2) within the sending application (MSH-3, else MSH-4), so every message is idempotent: a resent S12
 * finds its appointment booked, a resent S13 finds it at the new time.
 *
 * <p>The book commits on its own, so the message is stored ({@link Completion#store}) before each write: a kill -9
 * between the write and the ACK leaves a stored message whose redelivery finds the appointment by its external id.
 * Everything that can be refused from the message alone is refused before anything is stored.
 *
 * <p>Configuration: the zone of SchedulingConfig (its OCD names the pid itself, so no {@code @Designate} here:
 * bnd refuses a second designation of that pid). Ranked 10, above the reference handler of {@code pavilion-example-hl7} (0), which also takes SIU^S12.
 */
@Component(service = Hl7Handler.class, configurationPid = SchedulingConfig.PID,
        property = Constants.SERVICE_RANKING + ":Integer=10")
public class SiuHandler implements Hl7Handler {

    static final Set<String> TYPES = Set.of("SIU^S12", "SIU^S13", "SIU^S14", "SIU^S15", "SIU^S26");
    static final String IN_PERSON = "IN_PERSON";
    static final String VIDEO = "VIDEO";
    /** What the feed does in the department: book, move and cancel (book), mark no-shows (check-in), find (view). */
    static final Set<String> FEED_PRIVILEGES = Set.of("scheduling.appointment.book",
            "scheduling.appointment.check-in", "scheduling.appointment.view");

    private final AppointmentBook book;
    private final SiuDirectory directory;
    private volatile ZoneId zone;

    /** PID-3 to MRN while the EMR is installed; without it PID-3 is the patient id. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile SiuPatients patients;

    @Activate
    public SiuHandler(@Reference AppointmentBook book, @Reference SiuDirectory directory, SchedulingConfig config) {
        this(book, directory, null, Times.zone(config.zone()));
    }

    SiuHandler(AppointmentBook book, SiuDirectory directory, SiuPatients patients, ZoneId zone) {
        this.book = book;
        this.directory = directory;
        this.patients = patients;
        this.zone = zone;
    }

    @Modified
    void modified(SchedulingConfig config) {
        zone = Times.zone(config.zone());
    }

    @Override
    public Set<String> messageTypes() {
        return TYPES;
    }

    @Override
    public String department() {
        return "scheduling";
    }

    @Override
    public Outcome handle(InboundMessage m, Completion completion) throws Exception {
        String trigger = m.triggerEvent();
        if (!TYPES.contains(m.type())) {
            return Outcome.rejected(Hl7Error.of(Hl7Error.UNSUPPORTED_EVENT_CODE, "unsupported event " + m.type()));
        }
        ExternalKey key = ExternalKey.of(m);
        return CallerContext.runAs(feedCaller(key), () -> switch (trigger) {
            case "S12" -> book(m, key, completion);
            case "S13", "S14" -> move(m, key, completion);
            case "S15" -> cancel(m, key, completion);
            default -> noShow(m, key, completion);
        });
    }

    /**
     * The feed's caller (the hub's {@code hl7:<MSH-3>}, audited as such) with the department's own privileges for
     * what a scheduling feed does: the hub's feed caller holds only the EMR's feed privileges, and this handler has
     * checked what it accepts itself (docs/hl7-handler-api.md, "Who a handler acts as").
     */
    static Caller feedCaller(ExternalKey key) {
        return CallerContext.currentWith(FEED_PRIVILEGES, "hl7:" + key.system());
    }

    /** S12: a new booking at the sender's time; the same appointment again is accepted, nothing booked twice. */
    private Outcome book(InboundMessage m, ExternalKey key, Completion completion) {
        Optional<Appointment> booked = book.byExternalId(key.system(), key.id());
        if (booked.isPresent()) {
            return alreadyBooked(m, key, booked.get());
        }
        String patientId = patient(m);
        Resource doctor = doctor(m, true);
        SiuDirectory.Service service = service(m);
        Timing timing = timing(m);
        long endsMs = timing.endsMs() != null ? timing.endsMs() : timing.startsMs() + service.slotMinutes() * 60_000L;
        BookingRequest request = new BookingRequest(patientId, doctor.doctor().id(), service.code(),
                visitType(m, service), timing.startsMs(), endsMs, reason(m), Channel.HL7, key.system(), key.id(),
                null);
        completion.store(); // the book commits on its own: the message is stored first
        Appointment a;
        try {
            a = book.book(request);
        } catch (ProblemException refused) {
            if (refused.status() == 409) {
                // The same booking, delivered twice at once under two control ids: the other one won.
                Optional<Appointment> other = book.byExternalId(key.system(), key.id());
                if (other.isPresent()) {
                    return alreadyBooked(m, key, other.get());
                }
            }
            throw refused(m, refused, key, doctor, timing);
        }
        return located(m, Outcome.accepted(m.type() + " appointment " + a.id + " booked for patient " + a.patientId
                + " with " + name(a, doctor) + " at " + a.localStart), a);
    }

    private static Outcome alreadyBooked(InboundMessage m, ExternalKey key, Appointment a) {
        return Outcome.accepted(m.type() + " appointment " + a.id + " already booked for " + key + " ("
                + a.status + " at " + a.localStart + ")");
    }

    /** S13 (rescheduled), S14 (modified): the appointment at the message's time, with AIP's doctor when it names one. */
    private Outcome move(InboundMessage m, ExternalKey key, Completion completion) {
        Appointment a = existing(key);
        Resource doctor = doctor(m, false);
        Timing timing = timing(m);
        long currentStart = Instant.parse(a.start).toEpochMilli();
        long currentEnd = Instant.parse(a.end).toEpochMilli();
        // Without a duration the appointment keeps its length.
        long endsMs = timing.endsMs() != null ? timing.endsMs() : timing.startsMs() + (currentEnd - currentStart);
        String newDoctor = doctor == null || doctor.doctor().id().equals(a.doctorId) ? null : doctor.doctor().id();
        if (newDoctor == null && timing.startsMs() == currentStart && endsMs == currentEnd) {
            return Outcome.accepted(m.type() + " appointment " + a.id + " unchanged: already with " + a.doctorName
                    + " at " + a.localStart + ", nothing to do (only time and doctor changes are taken)");
        }
        completion.store();
        try {
            a = book.reschedule(a.id, newDoctor, timing.startsMs(), endsMs, Channel.HL7);
        } catch (ProblemException refused) {
            throw refused(m, refused, key, doctor, timing);
        }
        return located(m, Outcome.accepted(m.type() + " appointment " + a.id + " moved to " + a.localStart
                + " with " + name(a, doctor)), a);
    }

    /** S15: cancelled with SCH-6's reason; cancelled already is accepted as it is. */
    private Outcome cancel(InboundMessage m, ExternalKey key, Completion completion) {
        Appointment a = existing(key);
        if ("CANCELLED".equals(a.status)) {
            return Outcome.accepted(m.type() + " appointment " + a.id + " already cancelled");
        }
        String reason = orElse(m.field("SCH-6-2"), m.field("SCH-6-1"));
        completion.store();
        try {
            a = book.cancel(a.id, reason, Channel.HL7);
        } catch (ProblemException refused) {
            throw refused(m, refused, key, null, null);
        }
        return Outcome.accepted(m.type() + " appointment " + a.id + " cancelled" + (reason == null ? "" : ": "
                + reason));
    }

    /** S26: the patient did not come; marked already is accepted as it is. */
    private Outcome noShow(InboundMessage m, ExternalKey key, Completion completion) {
        Appointment a = existing(key);
        if ("NO_SHOW".equals(a.status)) {
            return Outcome.accepted(m.type() + " appointment " + a.id + " already marked no-show");
        }
        completion.store();
        try {
            a = book.markNoShow(a.id, Channel.HL7);
        } catch (ProblemException refused) {
            throw refused(m, refused, key, null, null);
        }
        return Outcome.accepted(m.type() + " appointment " + a.id + " marked no-show");
    }

    private Appointment existing(ExternalKey key) {
        return book.byExternalId(key.system(), key.id()).orElseThrow(() -> new Hl7ContentException(Hl7Error.at(
                "SCH", key.field(), 1, Hl7Error.UNKNOWN_KEY, "no appointment is booked for " + key)));
    }

    /** The appointment id the sender knows (SCH-1, else SCH-2) within its application. */
    record ExternalKey(String system, String id, int field) {

        static ExternalKey of(InboundMessage m) {
            int field = 1;
            String id = m.field("SCH-1-1");
            if (id == null) {
                field = 2;
                id = m.field("SCH-2-1");
            }
            if (id == null) {
                throw new Hl7ContentException(Hl7Error.at("SCH", 1, Hl7Error.REQUIRED_FIELD_MISSING,
                        "SCH-1 or SCH-2 (the appointment id) is required"));
            }
            String system = m.sendingApplication().isEmpty() ? m.sendingFacility() : m.sendingApplication();
            if (system.isEmpty()) {
                throw new Hl7ContentException(Hl7Error.at("MSH", 3, Hl7Error.REQUIRED_FIELD_MISSING,
                        "MSH-3 or MSH-4 (the system the appointment id belongs to) is required"));
            }
            return new ExternalKey(system, id, field);
        }

        @Override
        public String toString() {
            return "SCH-" + field + " " + id + " of " + system;
        }
    }

    /** PID-3 as an MRN (the EMR installed: patients are registered by ADT first), else as sent. */
    private String patient(InboundMessage m) {
        String value = m.field("PID-3-1");
        if (value == null) {
            throw new Hl7ContentException(Hl7Error.at("PID", 3, Hl7Error.REQUIRED_FIELD_MISSING,
                    "PID-3 (the patient identifier) is required"));
        }
        SiuPatients emr = patients;
        if (emr == null) {
            return value;
        }
        // The identifier's authority, else the sending application: what the EMR's ADT handler registered it under.
        String system = orElse(m.field("PID-3-4"), m.sendingApplication().isEmpty() ? "UNKNOWN"
                : m.sendingApplication());
        return emr.mrn(system, value).orElseThrow(() -> new Hl7ContentException(Hl7Error.at("PID", 3, 1,
                Hl7Error.UNKNOWN_KEY, "patient " + value + " of " + system + " is not known to the EMR: register "
                        + "the patient with ADT first")));
    }

    /** The doctor and the field that named it. */
    record Resource(SiuDirectory.Doctor doctor, String segment, int field) {
    }

    /** AIP-3.1, else AIG-3.1: our doctor id or the doctor's username. Null when neither is sent and not required. */
    private Resource doctor(InboundMessage m, boolean required) {
        String segment = "AIP";
        String reference = m.field("AIP-3-1");
        if (reference == null) {
            segment = "AIG";
            reference = m.field("AIG-3-1");
        }
        if (reference == null) {
            if (!required) {
                return null;
            }
            throw new Hl7ContentException(Hl7Error.at("AIP", 3, Hl7Error.REQUIRED_FIELD_MISSING,
                    "AIP-3 (or AIG-3): the doctor, by id or username, is required"));
        }
        String named = reference;
        String where = segment;
        SiuDirectory.Doctor d = directory.doctor(reference).orElseThrow(() -> new Hl7ContentException(Hl7Error.at(
                where, 3, 1, Hl7Error.UNKNOWN_KEY, where + "-3 doctor " + named + " is not a doctor id or username "
                        + "scheduling knows")));
        return new Resource(d, segment, 3);
    }

    /** AIS-3.1: our service code. */
    private SiuDirectory.Service service(InboundMessage m) {
        String code = m.field("AIS-3-1");
        if (code == null) {
            throw new Hl7ContentException(Hl7Error.at("AIS", 3, Hl7Error.REQUIRED_FIELD_MISSING,
                    "AIS-3 (the service code) is required"));
        }
        return directory.service(code).orElseThrow(() -> new Hl7ContentException(Hl7Error.at("AIS", 3, 1,
                Hl7Error.UNKNOWN_KEY, "AIS-3 service " + code + " is not a service scheduling offers")));
    }

    /** Start, end (null: the service's or the appointment's length decides) and the field the start came from. */
    record Timing(long startsMs, Long endsMs, String segment, int field, int component) {
    }

    /**
     * Start from AIS-4, else SCH-11.4, else TQ1-7; end from AIS-7 (in AIS-8's units, minutes by default), else
     * SCH-11.5, else TQ1-8, else SCH-9 (in SCH-10's units).
     */
    private Timing timing(InboundMessage m) {
        String[] at = {"AIS", "4", "0"};
        String start = m.field("AIS-4");
        if (start == null) {
            start = m.field("SCH-11-4");
            at = new String[] {"SCH", "11", "4"};
        }
        if (start == null) {
            start = m.field("TQ1-7");
            at = new String[] {"TQ1", "7", "0"};
        }
        if (start == null) {
            throw new Hl7ContentException(Hl7Error.at("AIS", 4, Hl7Error.REQUIRED_FIELD_MISSING,
                    "AIS-4 (or SCH-11.4, TQ1-7): the appointment start is required"));
        }
        ZoneId z = zone;
        long startsMs = Hl7Times.parse(start, z, at[0], Integer.parseInt(at[1]), Integer.parseInt(at[2]),
                "appointment start");
        Long endsMs = null;
        String endSegment = null;
        int endField = 0;
        if (m.field("AIS-7") != null) {
            endsMs = startsMs + duration(m.field("AIS-7"), orElse(m.field("AIS-8-1"), m.field("AIS-8-2")), "AIS", 7);
            endSegment = "AIS";
            endField = 7;
        } else if (m.field("SCH-11-5") != null) {
            endsMs = Hl7Times.parse(m.field("SCH-11-5"), z, "SCH", 11, 5, "appointment end");
            endSegment = "SCH";
            endField = 11;
        } else if (m.field("TQ1-8") != null) {
            endsMs = Hl7Times.parse(m.field("TQ1-8"), z, "TQ1", 8, 0, "appointment end");
            endSegment = "TQ1";
            endField = 8;
        } else if (m.field("SCH-9") != null) {
            endsMs = startsMs + duration(m.field("SCH-9"), orElse(m.field("SCH-10-1"), m.field("SCH-10-2")), "SCH",
                    9);
            endSegment = "SCH";
            endField = 9;
        }
        if (endsMs != null && endsMs <= startsMs) {
            throw new Hl7ContentException(Hl7Error.at(endSegment, endField, Hl7Error.DATA_TYPE_ERROR, endSegment + "-"
                    + endField + " puts the end of the appointment at or before its start"));
        }
        return new Timing(startsMs, endsMs, at[0], Integer.parseInt(at[1]), Integer.parseInt(at[2]));
    }

    /** A duration (NM) in {@code units} (CE identifier; minutes when empty) as milliseconds. */
    static long duration(String amount, String units, String segment, int field) {
        BigDecimal value;
        try {
            value = new BigDecimal(amount);
        } catch (NumberFormatException e) {
            throw new Hl7ContentException(Hl7Error.at(segment, field, Hl7Error.DATA_TYPE_ERROR, segment + "-" + field
                    + " (duration) must be a number, was '" + amount + "'"));
        }
        long unitMs = switch (units == null ? "min" : units.toLowerCase(Locale.ROOT)) {
            case "min", "mins", "minute", "minutes", "m" -> 60_000L;
            case "h", "hr", "hrs", "hour", "hours" -> 3_600_000L;
            case "s", "sec", "second", "seconds" -> 1_000L;
            case "d", "day", "days" -> 86_400_000L;
            default -> throw new Hl7ContentException(Hl7Error.at(segment, field + 1, Hl7Error.TABLE_VALUE_NOT_FOUND,
                    segment + "-" + (field + 1) + " duration unit '" + units + "' is not one of min, h, s, d"));
        };
        if (value.signum() <= 0) {
            throw new Hl7ContentException(Hl7Error.at(segment, field, Hl7Error.DATA_TYPE_ERROR, segment + "-" + field
                    + " (duration) must be positive, was '" + amount + "'"));
        }
        return value.multiply(BigDecimal.valueOf(unitMs)).longValue();
    }

    /** VIDEO when SCH-8 (appointment type) says so or the service offers only video visits; else IN_PERSON. */
    static String visitType(InboundMessage m, SiuDirectory.Service service) {
        if (VIDEO.equalsIgnoreCase(m.field("SCH-8-1")) || VIDEO.equalsIgnoreCase(m.field("SCH-8-2"))) {
            return VIDEO;
        }
        return service.visitTypes().equals(Set.of(VIDEO)) ? VIDEO : IN_PERSON;
    }

    /** SCH-7 (appointment reason) text, else its code, else SCH-6's (event reason) text. */
    static String reason(InboundMessage m) {
        return orElse(orElse(m.field("SCH-7-2"), m.field("SCH-7-1")), m.field("SCH-6-2"));
    }

    /**
     * The book's refusal as the AE's ERR: a clash (409) at the start's field, an unknown doctor, service, patient or
     * appointment (404) at the field that named it, invalid content (400) and anything else with the book's reason.
     */
    private static Hl7ContentException refused(InboundMessage m, ProblemException p, ExternalKey key, Resource doctor,
            Timing timing) {
        String text = "scheduling refused " + m.type() + ": " + p.detail();
        if (p.status() == 409) {
            return new Hl7ContentException(timing != null
                    ? Hl7Error.at(timing.segment(), timing.field(), timing.component(),
                            Hl7Error.APPLICATION_RECORD_LOCKED, text)
                    : Hl7Error.at("SCH", key.field(), Hl7Error.APPLICATION_RECORD_LOCKED, text));
        }
        if (p.status() == 404) {
            String what = (p.title() + " " + p.detail()).toLowerCase(Locale.ROOT);
            Hl7Error at;
            if (what.startsWith("doctor")) {
                at = doctor != null ? Hl7Error.at(doctor.segment(), doctor.field(), 1, Hl7Error.UNKNOWN_KEY, text)
                        : Hl7Error.at("AIP", 3, 1, Hl7Error.UNKNOWN_KEY, text);
            } else if (what.startsWith("service")) {
                at = Hl7Error.at("AIS", 3, 1, Hl7Error.UNKNOWN_KEY, text);
            } else if (what.startsWith("patient")) {
                at = Hl7Error.at("PID", 3, 1, Hl7Error.UNKNOWN_KEY, text);
            } else if (what.startsWith("appointment")) {
                at = Hl7Error.at("SCH", key.field(), 1, Hl7Error.UNKNOWN_KEY, text);
            } else {
                at = Hl7Error.of(Hl7Error.UNKNOWN_KEY, text);
            }
            return new Hl7ContentException(at);
        }
        return new Hl7ContentException(Hl7Error.of(Hl7Error.INTERNAL_ERROR, text));
    }

    /** AIL-3 when it names another place than the doctor's schedule gave: kept as a warning, not silently dropped. */
    private static Outcome located(InboundMessage m, Outcome accepted, Appointment a) {
        String sent = m.field("AIL-3-1");
        if (sent == null || sent.equalsIgnoreCase(orElse(a.location, ""))) {
            return accepted;
        }
        return accepted.withWarning(Hl7Error.at("AIL", 3, 1, Hl7Error.TABLE_VALUE_NOT_FOUND, "AIL-3 location "
                + sent + " not taken: the doctor's schedule places the appointment "
                + (a.location == null ? "without a location" : "at " + a.location)));
    }

    private static String name(Appointment a, Resource doctor) {
        return a.doctorName != null ? a.doctorName : doctor != null ? doctor.doctor().displayName() : a.doctorId;
    }

    private static String orElse(String v, String fallback) {
        return v == null ? fallback : v;
    }
}
