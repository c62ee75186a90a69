package org.pavilion.pharmacy.internal.hl7;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.pavilion.hl7.api.Hl7ContentException;
import org.pavilion.hl7.api.Hl7Error;
import org.pavilion.hl7.api.InboundMessage;

/**
 * An RDE^O11 taken apart before anything is written: the PID's identifiers and, per ORDER group (an ORC with its
 * TQ1, RXE and RXR), what the order asks. Everything the message alone can refuse (no ORC-2, no RXE-2 on a new
 * order, a dispense amount that is no number, an order control other than NW or CA) is refused here as AE with
 * the segment, its repetition and the field, so the handler meets only the pharmacy's own refusals afterwards.
 */
final class RdeMessage {

    /** ORC-1 order controls taken (HL7 table 0119): new order, cancel. */
    static final String NEW = "NW";
    static final String CANCEL = "CA";

    /** One identifier of PID-3: its value, assigning authority (PID-3.4) and type (PID-3.5, MR for an MRN). */
    record Identifier(String value, String authority, String type) {
    }

    /**
     * One ORDER group: where its ORC is (for ERR), its control and placer order number, and for a new order what
     * the queue keeps. {@code itemCode} is RXE-2.1, a candidate the handler checks against the catalogue.
     */
    record Order(int orc, String control, String placerOrderNumber, String giveCode, String drug, String dose,
            String route, String frequency, Integer durationDays, String instructions, BigDecimal quantity,
            String prescriber, Long issuedMs) {
    }

    final List<Identifier> identifiers;
    final List<Order> orders;

    private RdeMessage(List<Identifier> identifiers, List<Order> orders) {
        this.identifiers = identifiers;
        this.orders = orders;
    }

    static RdeMessage read(InboundMessage m, ZoneId zone) {
        if (m.segmentCount("PID") == 0) {
            throw new Hl7ContentException(Hl7Error.at("PID", 3, Hl7Error.REQUIRED_FIELD_MISSING,
                    "an RDE^O11 needs the PID naming the patient"));
        }
        List<Identifier> ids = identifiers(m);
        // Walk the segments in order: each ORC opens an ORDER group; the TQ1, RXE and RXR after it belong to it.
        List<int[]> groups = new ArrayList<>(); // {orc, tq1, rxe, rxr} repetitions, 0 when absent
        Map<String, Integer> seen = new HashMap<>();
        char sep = m.fieldSeparator();
        for (String line : m.text().split("\r")) {
            if (line.isBlank()) {
                continue;
            }
            int end = line.indexOf(sep);
            String id = end < 0 ? line : line.substring(0, end);
            int rep = seen.merge(id, 1, Integer::sum);
            int[] current = groups.isEmpty() ? null : groups.get(groups.size() - 1);
            switch (id) {
                case "ORC" -> groups.add(new int[] {rep, 0, 0, 0});
                case "TQ1" -> {
                    if (current != null && current[1] == 0) {
                        current[1] = rep;
                    }
                }
                case "RXE" -> {
                    if (current == null) {
                        throw new Hl7ContentException(new Hl7Error("RXE", rep, 0, 0, Hl7Error.SEGMENT_SEQUENCE_ERROR,
                                "RXE(" + rep + ") comes before any ORC: which order it encodes is unknown"));
                    }
                    if (current[2] == 0) {
                        current[2] = rep;
                    }
                }
                case "RXR" -> {
                    if (current != null && current[3] == 0) {
                        current[3] = rep;
                    }
                }
                default -> {
                }
            }
        }
        if (groups.isEmpty()) {
            throw new Hl7ContentException(Hl7Error.at("ORC", 1, Hl7Error.REQUIRED_FIELD_MISSING,
                    "an RDE^O11 needs at least one ORC with its RXE"));
        }
        List<Order> orders = new ArrayList<>(groups.size());
        for (int[] g : groups) {
            orders.add(order(m, zone, g[0], g[1], g[2], g[3]));
        }
        return new RdeMessage(ids, orders);
    }

    private static List<Identifier> identifiers(InboundMessage m) {
        int n = m.repetitions("PID-3");
        List<Identifier> ids = new ArrayList<>(n);
        for (int r = 1; r <= n; r++) {
            String value = m.field("PID-3(" + r + ")-1");
            if (value != null) {
                ids.add(new Identifier(value, m.field("PID-3(" + r + ")-4"), m.field("PID-3(" + r + ")-5")));
            }
        }
        if (ids.isEmpty()) {
            throw new Hl7ContentException(Hl7Error.at("PID", 3, Hl7Error.REQUIRED_FIELD_MISSING,
                    "PID-3 (the patient's identifier) is required"));
        }
        return ids;
    }

    private static Order order(InboundMessage m, ZoneId zone, int orc, int tq1, int rxe, int rxr) {
        String at = "ORC(" + orc + ")";
        String control = m.field(at + "-1");
        if (control == null) {
            throw error("ORC", orc, 1, Hl7Error.REQUIRED_FIELD_MISSING, "ORC-1 (order control NW or CA) is required");
        }
        control = control.toUpperCase(Locale.ROOT);
        if (!NEW.equals(control) && !CANCEL.equals(control)) {
            throw error("ORC", orc, 1, Hl7Error.TABLE_VALUE_NOT_FOUND, "ORC-1 " + control
                    + ": the pharmacy takes NW (new order) and CA (cancel)");
        }
        String placer = m.field(at + "-2-1");
        if (placer == null) {
            throw error("ORC", orc, 2, Hl7Error.REQUIRED_FIELD_MISSING,
                    "ORC-2 (placer order number) is required: it names the prescription for resends and cancels");
        }
        if (placer.length() > 60) {
            throw error("ORC", orc, 2, Hl7Error.DATA_TYPE_ERROR, "ORC-2 is longer than 60 characters");
        }
        String prescriber = prescriber(m, at);
        if (CANCEL.equals(control)) {
            return new Order(orc, control, placer, null, null, null, null, null, null, null, null, prescriber,
                    null);
        }
        if (rxe == 0) {
            throw error("RXE", 1, 2, Hl7Error.SEGMENT_SEQUENCE_ERROR, "ORC(" + orc + ") NW " + placer
                    + " has no RXE: the pharmacy needs RXE-2 (give code) and RXE-10 (dispense amount)");
        }
        String rx = "RXE(" + rxe + ")";
        String code = m.field(rx + "-2-1");
        String text = m.field(rx + "-2-2");
        if (code == null && text == null) {
            throw error("RXE", rxe, 2, Hl7Error.REQUIRED_FIELD_MISSING,
                    "RXE-2 (give code: the medicine) is required for ORC-2 " + placer);
        }
        String quantityText = m.field(rx + "-10");
        if (quantityText == null) {
            throw error("RXE", rxe, 10, Hl7Error.REQUIRED_FIELD_MISSING,
                    "RXE-10 (dispense amount) is required for ORC-2 " + placer);
        }
        BigDecimal quantity = number(quantityText, "RXE", rxe, 10);
        if (quantity.signum() <= 0) {
            throw error("RXE", rxe, 10, Hl7Error.DATA_TYPE_ERROR, "RXE-10 (dispense amount) must be more than 0, was "
                    + quantityText);
        }
        String minimum = m.field(rx + "-3");
        if (minimum != null) {
            number(minimum, "RXE", rxe, 3);
        }
        String units = first(m.field(rx + "-5-1"), m.field(rx + "-5-2"));
        String dose = minimum == null ? null : units == null ? minimum : minimum + " " + units;
        String route = rxr == 0 ? null : first(m.field("RXR(" + rxr + ")-1-1"), m.field("RXR(" + rxr + ")-1-2"));
        if (route != null && route.length() > 20) {
            throw error("RXR", rxr, 1, Hl7Error.DATA_TYPE_ERROR, "RXR-1 (route) is longer than 20 characters");
        }
        String frequency;
        Integer days;
        if (tq1 > 0) {
            String q = "TQ1(" + tq1 + ")";
            frequency = first(m.field(q + "-3-1"), m.field(q + "-3-4"));
            days = days(m.field(q + "-6-1"), m.field(q + "-6-2"), "TQ1", tq1, 6);
            if (days == null) {
                days = between(m, q + "-7", q + "-8", zone, tq1);
            }
        } else {
            // RXE-1 quantity/timing (TQ, kept for v2.3-style senders): interval ^ duration (D7, W2).
            frequency = m.field(rx + "-1-2");
            days = legacyDuration(m.field(rx + "-1-3"));
        }
        String issued = m.field(at + "-9");
        Long issuedMs = issued == null ? null : Hl7Time.parse(issued, zone, "ORC", orc, 9);
        return new Order(orc, control, placer, code, text != null ? text : code, dose, route, frequency, days,
                instructions(m, rx), quantity, prescriber, issuedMs);
    }

    /** ORC-12 ordering provider: the sender's id, else the name. */
    private static String prescriber(InboundMessage m, String orc) {
        String id = m.field(orc + "-12-1");
        if (id != null) {
            return id;
        }
        String family = m.field(orc + "-12-2");
        String given = m.field(orc + "-12-3");
        if (family == null) {
            return given;
        }
        return given == null ? family : given + " " + family;
    }

    /** RXE-21 pharmacy instructions, each repetition's text (else its code), joined. */
    private static String instructions(InboundMessage m, String rx) {
        int n = m.repetitions(rx + "-21");
        List<String> parts = new ArrayList<>(n);
        for (int r = 1; r <= n; r++) {
            String v = first(m.field(rx + "-21(" + r + ")-2"), m.field(rx + "-21(" + r + ")-1"));
            if (v != null) {
                parts.add(v);
            }
        }
        return parts.isEmpty() ? null : String.join("; ", parts);
    }

    /** TQ1-6 service duration as days: a quantity in d, wk (UCUM) or D, W, DAY, WEEK; null when absent or other. */
    static Integer days(String quantity, String unit, String segment, int rep, int field) {
        if (quantity == null) {
            return null;
        }
        BigDecimal n = number(quantity, segment, rep, field);
        String u = unit == null ? "d" : unit.toLowerCase(Locale.ROOT);
        int factor = switch (u) {
            case "d", "day", "days" -> 1;
            case "wk", "w", "week", "weeks" -> 7;
            default -> 0;
        };
        if (factor == 0) {
            return null; // hours or minutes: not a course in days; the frequency and instructions still say it
        }
        return n.multiply(BigDecimal.valueOf(factor)).setScale(0, RoundingMode.CEILING).intValueExact();
    }

    /** Days from TQ1-7 start to TQ1-8 end, both present; else null. */
    private static Integer between(InboundMessage m, String start, String end, ZoneId zone, int rep) {
        String from = m.field(start);
        String to = m.field(end);
        if (from == null || to == null) {
            return null;
        }
        LocalDate a = LocalDate.ofInstant(Instant.ofEpochMilli(Hl7Time.parse(from, zone, "TQ1", rep, 7)),
                zone);
        LocalDate b = LocalDate.ofInstant(Instant.ofEpochMilli(Hl7Time.parse(to, zone, "TQ1", rep, 8)),
                zone);
        long d = ChronoUnit.DAYS.between(a, b);
        return d > 0 ? (int) d : null;
    }

    /** The TQ duration component: {@code D7} seven days, {@code W2} two weeks; others (X5, INDEF) null. */
    static Integer legacyDuration(String duration) {
        if (duration == null || duration.length() < 2) {
            return null;
        }
        char unit = Character.toUpperCase(duration.charAt(0));
        String n = duration.substring(1);
        if (!n.chars().allMatch(Character::isDigit) || n.length() > 4) {
            return null;
        }
        return switch (unit) {
            case 'D' -> Integer.parseInt(n);
            case 'W' -> Integer.parseInt(n) * 7;
            default -> null;
        };
    }

    private static BigDecimal number(String text, String segment, int rep, int field) {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw error(segment, rep, field, Hl7Error.DATA_TYPE_ERROR, segment + "-" + field + " must be a number, was '"
                    + text + "'");
        }
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }

    static Hl7ContentException error(String segment, int rep, int field, int code, String text) {
        return new Hl7ContentException(new Hl7Error(segment, rep, field, 0, code, text));
    }
}
