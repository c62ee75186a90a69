package org.pavilion.pharmacy.internal.stock;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.persistence.EntityManager;

import org.pavilion.core.api.rest.ProblemException;

/** First expiry, first out: which batches an outflow of an item from a store takes. */
public final class Fefo {

    private Fefo() {
    }

    /** A quantity to take from one batch. */
    public record Take(StockLedger.BatchStock batch, BigDecimal quantity) {
    }

    /**
     * The batches to take {@code quantity} from, earliest expiry first, skipping batches expired on {@code day}.
     * The item's stock rows in the store stay locked until the caller's transaction ends: two pharmacists taking the
     * same medicine are served one after the other, each from what the other left, so the second is not refused
     * while another batch still has enough (the guarded UPDATE alone would refuse it, its batch read gone stale).
     *
     * @throws ProblemException 409 when the usable stock is short (the detail says how much there is)
     */
    public static List<Take> allocate(EntityManager em, String storeCode, String itemCode, BigDecimal quantity, LocalDate day) {
        // A write takes the row locks: OpenJPA runs a SELECT ... FOR UPDATE outside the database transaction until
        // the first write of an optimistic transaction, and its lock would be gone before the batches are read.
        em.createNativeQuery("UPDATE ph_stock SET quantity = quantity WHERE store_code = ?1 AND item_code = ?2")
                .setParameter(1, storeCode).setParameter(2, itemCode).executeUpdate();
        List<Take> takes = new ArrayList<>();
        BigDecimal left = quantity;
        for (StockLedger.BatchStock b : StockLedger.batches(em, storeCode, itemCode, day)) {
            if (left.signum() <= 0) {
                break;
            }
            BigDecimal take = b.quantity().min(left);
            takes.add(new Take(b, take));
            left = left.subtract(take);
        }
        if (left.signum() > 0) {
            BigDecimal usable = quantity.subtract(left);
            throw new ProblemException(409, "insufficient-stock", "Not enough stock",
                    "store " + storeCode + " has " + usable.stripTrailingZeros().toPlainString() + " of " + itemCode
                            + " usable (not expired), " + quantity.stripTrailingZeros().toPlainString() + " asked",
                    Map.of("storeCode", storeCode, "itemCode", itemCode, "available", usable.toPlainString()));
        }
        return takes;
    }
}
