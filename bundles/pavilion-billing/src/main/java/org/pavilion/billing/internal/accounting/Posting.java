package org.pavilion.billing.internal.accounting;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A journal entry being built. Balanced by construction: the only way to add lines is {@link #move}, which takes one
 * amount and writes it once as a debit and once as a credit. A zero amount adds nothing; a negative one swaps the
 * sides (a reversal). {@link Journal#post} merges lines of the same account, side and dimensions.
 */
public final class Posting {

    /** One side of a move. */
    public record Line(Account account, BigDecimal debit, BigDecimal credit, String department, String doctorId) {
    }

    private final String kind;
    private final String referenceType;
    private final String referenceId;
    private final String description;
    private final List<Line> lines = new ArrayList<>();

    /**
     * @param kind          INVOICE_ISSUED, INVOICE_VOIDED, CREDIT_NOTE, PAYMENT, REFUND, CLAIM_ADJUDICATED
     * @param referenceType INVOICE, PAYMENT or CLAIM
     */
    public Posting(String kind, String referenceType, String referenceId, String description) {
        this.kind = Objects.requireNonNull(kind);
        this.referenceType = Objects.requireNonNull(referenceType);
        this.referenceId = Objects.requireNonNull(referenceId);
        this.description = Objects.requireNonNull(description);
    }

    /** Debits {@code debit} and credits {@code credit} with {@code amount}. */
    public Posting move(BigDecimal amount, Account debit, Account credit) {
        return move(amount, debit, credit, null, null);
    }

    /** As {@link #move(BigDecimal, Account, Account)}, with the revenue department and doctor on both lines. */
    public Posting move(BigDecimal amount, Account debit, Account credit, String department, String doctorId) {
        if (amount.signum() == 0) {
            return this;
        }
        if (amount.signum() < 0) {
            return move(amount.negate(), credit, debit, department, doctorId);
        }
        BigDecimal zero = BigDecimal.ZERO.setScale(amount.scale());
        lines.add(new Line(debit, amount, zero, department, doctorId));
        lines.add(new Line(credit, zero, amount, department, doctorId));
        return this;
    }

    public String kind() {
        return kind;
    }

    public String referenceType() {
        return referenceType;
    }

    public String referenceId() {
        return referenceId;
    }

    public String description() {
        return description;
    }

    public List<Line> lines() {
        return Collections.unmodifiableList(lines);
    }
}
