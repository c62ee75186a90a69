package org.pavilion.lab.internal.hl7;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.pavilion.hl7.api.Hl7ContentException;
import org.pavilion.hl7.api.Hl7Error;
import org.pavilion.hl7.api.InboundMessage;
import org.pavilion.lab.internal.result.ResultIntake.Observation;

/**
 * An ORU^R01 taken apart in its groups before anything is written: each ORDER_OBSERVATION (ORC/OBR, its OBX with
 * their NTE, its SPM) with the patient (PID) it is under. Everything the message alone can refuse (a missing order
 * key, a number that is not one, an unknown result status) is refused here, with the segment, its repetition and the
 * field, so the handler only meets the laboratory's own refusals afterwards.
 *
 * <p>InboundMessage reads fields by path; the group structure comes from walking the segment ids in order.
 */
final class OruMessage {

    /** OBX-2 value types taken; CE and TX/FT as their CWE and ST counterparts. */
    static final Set<String> VALUE_TYPES = Set.of("NM", "ST", "TX", "FT", "CWE", "CE");
    /** OBX-11 result statuses taken (HL7 table 0085): final, corrected, preliminary, entered not verified. */
    static final Set<String> STATUSES = Set.of("F", "C", "P", "R");

    /** One OBX: its repetition in the message (for ERR), its value type and what goes to the intake. */
    record Obx(int repetition, String valueType, Observation observation) {
    }

    /**
     * One ORDER_OBSERVATION: the key naming the order (OBR-2 placer order number, else OBR-3, else SPM-2 specimen
     * id) and where it was read, the patient's MRN of the PID above it, its result OBX.
     */
    record Group(int obrRepetition, String orderKey, String keySegment, int keyRepetition, int keyField,
            String mrn, int pidRepetition, List<Obx> observations, List<Hl7Error> warnings) {

        Hl7Error at(int code, String text) {
            return new Hl7Error(keySegment, keyRepetition, keyField, 1, code, text);
        }
    }

    private OruMessage() {
    }

    /**
     * The groups of {@code m}; observation times without an offset are read in {@code zone}; {@code trustedSender}:
     * MSH-3 is one of the senders whose final results count as verified.
     */
    static List<Group> read(InboundMessage m, ZoneId zone, boolean trustedSender) {
        String sep = String.valueOf(m.fieldSeparator());
        Map<String, Integer> seen = new HashMap<>();
        List<Builder> groups = new ArrayList<>();
        Builder current = null;
        int pid = 0;
        Builder lastObxGroup = null;
        List<String> lastObxNotes = null;
        for (String line : m.text().split("\r")) {
            if (line.isBlank()) {
                continue;
            }
            int end = line.indexOf(sep);
            String id = end < 0 ? line : line.substring(0, end);
            int rep = seen.merge(id, 1, Integer::sum);
            switch (id) {
                case "PID" -> {
                    pid = rep;
                    current = null;
                    lastObxNotes = null;
                }
                case "OBR" -> {
                    current = new Builder(rep, pid);
                    groups.add(current);
                    lastObxNotes = null;
                }
                case "OBX" -> {
                    lastObxNotes = null;
                    if (current == null) {
                        throw new Hl7ContentException(new Hl7Error("OBX", rep, 0, 0, Hl7Error.SEGMENT_SEQUENCE_ERROR,
                                "OBX(" + rep + ") comes before any OBR: which order it reports is unknown"));
                    }
                    if (current.specimen > 0) {
                        current.warnings.add(new Hl7Error("OBX", rep, 3, 0, Hl7Error.SEGMENT_SEQUENCE_ERROR, "OBX(" + rep + ") describes the "
                                + "specimen of SPM(" + current.specimen + "), not a result: not kept"));
                        continue;
                    }
                    current.obx.add(rep);
                    lastObxGroup = current;
                    lastObxNotes = new ArrayList<>(1);
                    current.notes.put(rep, lastObxNotes);
                }
                case "NTE" -> {
                    if (lastObxNotes != null) {
                        String note = joined(m, "NTE(" + rep + ")-3", " ");
                        if (note != null) {
                            lastObxNotes.add(note);
                        }
                    }
                }
                case "SPM" -> {
                    lastObxNotes = null;
                    if (current != null && current.specimen == 0) {
                        current.specimen = rep;
                    }
                }
                default -> lastObxNotes = null;
            }
        }
        if (lastObxGroup == null) {
            throw new Hl7ContentException(Hl7Error.at("OBX", 0, Hl7Error.REQUIRED_FIELD_MISSING,
                    "an ORU^R01 needs at least one OBR with its OBX results"));
        }
        List<Group> out = new ArrayList<>(groups.size());
        for (Builder b : groups) {
            out.add(b.build(m, zone, trustedSender));
        }
        return out;
    }

    private static final class Builder {
        final int obr;
        final int pid;
        final List<Integer> obx = new ArrayList<>();
        final Map<Integer, List<String>> notes = new HashMap<>();
        final List<Hl7Error> warnings = new ArrayList<>(0);
        int specimen;

        Builder(int obr, int pid) {
            this.obr = obr;
            this.pid = pid;
        }

        Group build(InboundMessage m, ZoneId zone, boolean trustedSender) {
            String obrPath = "OBR(" + obr + ")";
            String key = m.field(obrPath + "-2-1");
            String segment = "OBR";
            int rep = obr;
            int field = 2;
            if (key == null) {
                key = m.field(obrPath + "-3-1");
                field = 3;
            }
            if (key == null && specimen > 0) {
                String spm = "SPM(" + specimen + ")";
                key = m.field(spm + "-2-1");
                if (key == null) {
                    key = m.field(spm + "-2-2");
                }
                segment = "SPM";
                rep = specimen;
                field = 2;
            }
            if (key == null) {
                throw new Hl7ContentException(new Hl7Error("OBR", obr, 2, 0, Hl7Error.REQUIRED_FIELD_MISSING,
                        "OBR(" + obr + ") names no order: OBR-2 (placer order number), OBR-3 or SPM-2 (specimen "
                                + "id) is required"));
            }
            if (pid == 0) {
                throw new Hl7ContentException(Hl7Error.at("PID", 3, Hl7Error.REQUIRED_FIELD_MISSING,
                        "the PID with the patient's MRN is required before OBR(" + obr + ")"));
            }
            List<Obx> observations = new ArrayList<>(obx.size());
            for (int o : obx) {
                observations.add(observation(m, o, notes.get(o), zone, trustedSender));
            }
            return new Group(obr, key, segment, rep, field, mrn(m, pid), pid, observations, warnings);
        }
    }

    /** PID-3's identifier of type MR (PID-3.5), else its first; AE when there is none. */
    static String mrn(InboundMessage m, int pid) {
        String path = "PID(" + pid + ")-3";
        int n = m.repetitions(path);
        for (int r = 1; r <= n; r++) {
            if ("MR".equals(m.field(path + "(" + r + ")-5"))) {
                String v = m.field(path + "(" + r + ")-1");
                if (v != null) {
                    return v;
                }
            }
        }
        String first = m.field(path + "-1");
        if (first == null) {
            throw new Hl7ContentException(new Hl7Error("PID", pid, 3, 0, Hl7Error.REQUIRED_FIELD_MISSING,
                    "PID-3 (the patient's MRN) is required"));
        }
        return first;
    }

    private static Obx observation(InboundMessage m, int rep, List<String> notes, ZoneId zone,
            boolean trustedSender) {
        String at = "OBX(" + rep + ")";
        String code = m.field(at + "-3-1");
        if (code == null) {
            throw error(rep, 3, Hl7Error.REQUIRED_FIELD_MISSING, "OBX-3 (the test: catalogue code or LOINC) is "
                    + "required");
        }
        String type = m.field(at + "-2");
        if (type == null) {
            throw error(rep, 2, Hl7Error.REQUIRED_FIELD_MISSING, "OBX-2 (value type) is required for " + code);
        }
        if (!VALUE_TYPES.contains(type)) {
            throw error(rep, 2, Hl7Error.TABLE_VALUE_NOT_FOUND, "OBX-2 value type " + type + " of " + code
                    + " is not taken: send NM, ST, TX, FT, CWE or CE");
        }
        String value = switch (type) {
            case "CWE", "CE" -> m.field(at + "-5-1") != null ? m.field(at + "-5-1") : m.field(at + "-5-2");
            case "NM" -> m.field(at + "-5");
            default -> joined(m, at + "-5", "\n");
        };
        if (value == null) {
            throw error(rep, 5, Hl7Error.REQUIRED_FIELD_MISSING, "OBX-5 (the value of " + code + ") is required");
        }
        if (type.equals("NM")) {
            try {
                new BigDecimal(value.startsWith("+") ? value.substring(1) : value);
            } catch (NumberFormatException e) {
                throw error(rep, 5, Hl7Error.DATA_TYPE_ERROR, "OBX-5 '" + value + "' of " + code
                        + " is not a number, though OBX-2 says NM");
            }
        }
        String status = m.field(at + "-11");
        if (status == null) {
            throw error(rep, 11, Hl7Error.REQUIRED_FIELD_MISSING, "OBX-11 (the result status of " + code
                    + ") is required");
        }
        if (!STATUSES.contains(status)) {
            throw error(rep, 11, Hl7Error.TABLE_VALUE_NOT_FOUND, "OBX-11 result status " + status + " of " + code
                    + " is not taken: send F, C, P or R");
        }
        String observed = m.field(at + "-14");
        Long observedMs = observed == null ? null : Hl7Times.parse(observed, zone, "OBX", rep, 14);
        String comment = notes == null || notes.isEmpty() ? null : String.join("\n", notes);
        Observation o = new Observation(code, value, m.field(at + "-6-1"), m.field(at + "-8"), observedMs, comment,
                status, trustedSender && status.equals("F"));
        return new Obx(rep, type, o);
    }

    /** Every repetition of a field, joined; null when it has none. */
    private static String joined(InboundMessage m, String path, String separator) {
        int n = m.repetitions(path);
        if (n <= 1) {
            return m.field(path);
        }
        List<String> parts = new ArrayList<>(n);
        for (int r = 1; r <= n; r++) {
            String v = m.field(path + "(" + r + ")");
            if (v != null) {
                parts.add(v);
            }
        }
        return parts.isEmpty() ? null : String.join(separator, parts);
    }

    private static Hl7ContentException error(int rep, int field, int code, String text) {
        return new Hl7ContentException(new Hl7Error("OBX", rep, field, 0, code, text));
    }
}
