package org.pavilion.billing.internal.hl7;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import org.pavilion.hl7.api.Hl7ContentException;
import org.pavilion.hl7.api.Hl7Error;
import org.pavilion.hl7.api.InboundMessage;

/**
 * What billing reads of a DFT^P03 (docs/billing-api.md, "HL7 DFT^P03"): the patient's PID-3 identifiers, the
 * encounter (PV1-19) and one transaction per FT1: its id (FT1-2, else MSH-10 and the set id FT1-1), date FT1-4,
 * code FT1-7.1, quantity FT1-10 (default 1; a credit FT1-6 CD is negative), doctor FT1-20 (performed by), else FT1-21
 * (ordered by). Content it cannot read is an {@link Hl7ContentException} at its field.
 */
final class DftMessage {

    private static final DateTimeFormatter HL7_DATE = DateTimeFormatter.BASIC_ISO_DATE;

    record Identifier(String value, String authority, String type) {
    }

    record Transaction(int repetition, String sourceId, LocalDate day, String code, BigDecimal quantity,
            String doctorId) {
    }

    final List<Identifier> identifiers;
    final String encounterId;
    final List<Transaction> transactions;

    private DftMessage(List<Identifier> identifiers, String encounterId, List<Transaction> transactions) {
        this.identifiers = identifiers;
        this.encounterId = encounterId;
        this.transactions = transactions;
    }

    static DftMessage read(InboundMessage m, String sender) {
        List<Identifier> ids = new ArrayList<>();
        for (int r = 1; r <= m.repetitions("PID-3"); r++) {
            String value = m.field("PID-3(" + r + ")-1");
            if (value != null) {
                ids.add(new Identifier(value, m.field("PID-3(" + r + ")-4"), m.field("PID-3(" + r + ")-5")));
            }
        }
        if (ids.isEmpty()) {
            throw new Hl7ContentException(Hl7Error.at("PID", 3, Hl7Error.REQUIRED_FIELD_MISSING,
                    "PID-3 (patient identifier) is required: whose charges are these?"));
        }
        int count = m.segmentCount("FT1");
        if (count == 0) {
            throw new Hl7ContentException(Hl7Error.of(Hl7Error.SEGMENT_SEQUENCE_ERROR,
                    "a DFT^P03 carries at least one FT1 (financial transaction)"));
        }
        LocalDate sent = date(m.field("MSH-7"), LocalDate.now()); // MSH-7 is required; a sender without it: today
        List<Transaction> transactions = new ArrayList<>(count);
        for (int n = 1; n <= count; n++) {
            String at = "FT1(" + n + ")-";
            String txId = m.field(at + "2");
            String setId = m.field(at + "1");
            String sourceId = sender + ":" + (txId != null ? txId : m.controlId() + "-" + (setId != null ? setId
                    : String.valueOf(n)));
            if (sourceId.length() > 120) {
                throw error(n, 2, Hl7Error.DATA_TYPE_ERROR, "FT1-2 transaction id is too long (120 with MSH-3)");
            }
            String dayText = m.field(at + "4-1");
            LocalDate day = date(dayText, null);
            if (dayText != null && day == null) {
                throw error(n, 4, Hl7Error.DATA_TYPE_ERROR, "FT1-4 '" + dayText + "' is not an HL7 date");
            }
            BigDecimal quantity = BigDecimal.ONE;
            String q = m.field(at + "10");
            if (q != null) {
                try {
                    quantity = new BigDecimal(q);
                } catch (NumberFormatException e) {
                    quantity = null;
                }
                if (quantity == null || quantity.signum() <= 0 || quantity.stripTrailingZeros().scale() > 3) {
                    throw error(n, 10, Hl7Error.DATA_TYPE_ERROR, "FT1-10 quantity '" + q + "' is not a positive "
                            + "number with at most 3 decimals");
                }
            }
            if ("CD".equals(m.field(at + "6"))) {
                quantity = quantity.negate(); // a credit: the charge reversed
            }
            String doctor = m.field(at + "20-1") != null ? m.field(at + "20-1") : m.field(at + "21-1");
            transactions.add(new Transaction(n, sourceId, day != null ? day : sent, m.field(at + "7-1"), quantity,
                    doctor));
        }
        return new DftMessage(List.copyOf(ids), m.field("PV1-19-1"), List.copyOf(transactions));
    }

    /** The date of an HL7 TS/DT ({@code 20261207}, {@code 202612070930+0100}); {@code fallback} when unreadable. */
    static LocalDate date(String ts, LocalDate fallback) {
        if (ts == null || ts.length() < 8) {
            return fallback;
        }
        try {
            return LocalDate.parse(ts.substring(0, 8), HL7_DATE);
        } catch (DateTimeParseException e) {
            return fallback;
        }
    }

    static Hl7ContentException error(int ft1, int field, int code, String text) {
        return new Hl7ContentException(new Hl7Error("FT1", ft1, field, 0, code, text));
    }
}
