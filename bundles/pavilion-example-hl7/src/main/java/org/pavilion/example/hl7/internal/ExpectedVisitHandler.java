package org.pavilion.example.hl7.internal;

import java.sql.Connection;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.hl7.api.Completion;
import org.pavilion.hl7.api.Hl7ContentException;
import org.pavilion.hl7.api.Hl7Error;
import org.pavilion.hl7.api.Hl7Handler;
import org.pavilion.hl7.api.InboundMessage;
import org.pavilion.hl7.api.Outcome;

/**
 * SIU^S12 (new appointment booked) from the scheduling system: the patient is expected for the appointment. The
 * row and the hub's record of the message commit together ({@link Completion#commit}): a kill -9 leaves both or
 * neither, so the message is answered AA only once its visit is kept, and a redelivery finds it answered. A booking
 * sent again under a new control id is the same appointment: AA, nothing written twice.
 */
@Component(service = Hl7Handler.class)
public class ExpectedVisitHandler implements Hl7Handler {

    private final ExpectedVisits visits;

    @Activate
    public ExpectedVisitHandler(@Reference ExpectedVisits visits) {
        this.visits = visits;
    }

    @Override
    public Set<String> messageTypes() {
        return Set.of("SIU^S12");
    }

    @Override
    public String department() {
        return "scheduling (example expected visits)";
    }

    @Override
    public Outcome handle(InboundMessage m, Completion completion) throws Exception {
        ExpectedVisit v = read(m); // refused before anything is written: the hub stores it with its error
        try (Connection c = visits.connection()) {
            c.setAutoCommit(false);
            try {
                if (!ExpectedVisits.insert(c, v, System.currentTimeMillis())) {
                    c.rollback();
                    return Outcome.accepted("appointment " + v.appointment + " already expected");
                }
                Outcome accepted = Outcome.accepted("patient " + v.patientId + " expected for appointment "
                        + v.appointment + (v.expectedAt == null ? "" : " at " + v.expectedAt));
                completion.commit(c, accepted, () -> {
                    c.commit();
                    return null;
                });
                return accepted;
            } catch (Exception e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** The expected visit an SIU^S12 describes; AE at the field when what it needs is missing or malformed. */
    static ExpectedVisit read(InboundMessage m) {
        ExpectedVisit v = new ExpectedVisit();
        v.appointment = m.field("SCH-1-1");
        if (v.appointment == null) {
            v.appointment = m.field("SCH-2-1");
        }
        if (v.appointment == null) {
            throw new Hl7ContentException(Hl7Error.at("SCH", 1, Hl7Error.REQUIRED_FIELD_MISSING,
                    "SCH-1 or SCH-2 (appointment id) is required"));
        }
        v.patientId = m.field("PID-3-1");
        if (v.patientId == null) {
            throw new Hl7ContentException(Hl7Error.at("PID", 3, Hl7Error.REQUIRED_FIELD_MISSING,
                    "PID-3 (patient identifier) is required"));
        }
        String given = m.field("PID-5-2");
        String family = m.field("PID-5-1");
        v.visitorName = family == null ? v.patientId : given == null ? family : given + " " + family;
        v.ward = m.field("AIL-3-1");
        String start = m.field("AIS-4");
        v.expectedAt = start != null ? localDateTime(start, "AIS", 4, 0) : localDateTime(m.field("SCH-11-4"), "SCH",
                11, 4);
        v.source = m.sendingApplication().isEmpty() ? "unknown" : m.sendingApplication();
        v.appointment = clip(v.appointment, 100);
        v.patientId = clip(v.patientId, 64);
        v.visitorName = clip(v.visitorName, 200);
        v.ward = clip(v.ward, 64);
        v.source = clip(v.source, 100);
        return v;
    }

    /**
     * yyyyMMddHHmm[ss] (a time zone or fraction after it is ignored) as ISO yyyy-MM-ddTHH:mm[:ss] (seconds only when
     * not zero).
     */
    static String localDateTime(String ts, String segment, int field, int component) {
        if (ts == null) {
            return null;
        }
        int digits = 0;
        while (digits < ts.length() && digits < 14 && Character.isDigit(ts.charAt(digits))) {
            digits++;
        }
        if (digits != 12 && digits != 14) {
            throw new Hl7ContentException(Hl7Error.at(segment, field, component, Hl7Error.DATA_TYPE_ERROR, segment
                    + "-" + field + (component > 0 ? "." + component : "") + " (appointment start) must be a date "
                    + "and time YYYYMMDDHHMM[SS], was '" + ts + "'"));
        }
        try {
            java.time.LocalDateTime t = java.time.LocalDateTime.of(Integer.parseInt(ts, 0, 4, 10),
                    Integer.parseInt(ts, 4, 6, 10), Integer.parseInt(ts, 6, 8, 10), Integer.parseInt(ts, 8, 10, 10),
                    Integer.parseInt(ts, 10, 12, 10), digits == 14 ? Integer.parseInt(ts, 12, 14, 10) : 0);
            return t.toString();
        } catch (java.time.DateTimeException e) {
            throw new Hl7ContentException(Hl7Error.at(segment, field, component, Hl7Error.DATA_TYPE_ERROR, segment
                    + "-" + field + " (appointment start) is not a date: '" + ts + "'"));
        }
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
