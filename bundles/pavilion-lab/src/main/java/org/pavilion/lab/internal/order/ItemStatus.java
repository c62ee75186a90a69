package org.pavilion.lab.internal.order;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where one test of an order stands: ORDERED → COLLECTED → RECEIVED → IN_PROGRESS → RESULTED → VERIFIED → RELEASED,
 * or REJECTED (its specimen was unusable, with a reason) or CANCELLED (its order was cancelled). A released result
 * that is corrected goes back to RESULTED and is verified and released again.
 */
public enum ItemStatus {
    ORDERED, COLLECTED, RECEIVED, IN_PROGRESS, RESULTED, VERIFIED, RELEASED, REJECTED, CANCELLED;

    /** Statuses in which a result may be entered (an analyser may report before the lab marks it in progress). */
    public static final Set<ItemStatus> RESULTABLE = EnumSet.of(RECEIVED, IN_PROGRESS, RESULTED);

    /** Statuses after which nothing happens to the item any more, except a correction of a released result. */
    public static final Set<ItemStatus> FINAL = EnumSet.of(RELEASED, REJECTED, CANCELLED);

    /** Whether the order may still be cancelled while the item is here (nothing resulted yet). */
    public boolean cancellable() {
        return ordinal() <= IN_PROGRESS.ordinal();
    }
}
