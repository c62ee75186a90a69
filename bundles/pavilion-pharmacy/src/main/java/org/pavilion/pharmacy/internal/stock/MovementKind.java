package org.pavilion.pharmacy.internal.stock;

/** What a ledger row records, and which sign its quantity must have. */
public enum MovementKind {
    RECEIPT(1, true), ISSUE(-1, true), TRANSFER_OUT(-1, true), TRANSFER_IN(1, true), DISPENSE(-1, true),
    RETURN(1, true), ADJUSTMENT(0, false), EXPIRY_WRITE_OFF(-1, false);

    /** +1: only into stock, -1: only out, 0: either. */
    public final int sign;
    /** Whether an expired batch is refused (an adjustment or write-off must still be able to move it). */
    public final boolean refusesExpired;

    MovementKind(int sign, boolean refusesExpired) {
        this.sign = sign;
        this.refusesExpired = refusesExpired;
    }
}
