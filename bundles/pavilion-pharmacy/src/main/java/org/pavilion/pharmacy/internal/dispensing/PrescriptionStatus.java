package org.pavilion.pharmacy.internal.dispensing;

import java.util.Set;

/** Where a prescription stands in the dispensing queue (column {@code ph_prescription.status}). */
public enum PrescriptionStatus {
    PENDING, PARTIALLY_DISPENSED, DISPENSED, STOPPED, CANCELLED;

    /** The statuses a pharmacist may still dispense against: the queue's default. */
    public static final Set<String> OPEN = Set.of(PENDING.name(), PARTIALLY_DISPENSED.name());

    public static boolean open(String status) {
        return OPEN.contains(status);
    }
}
