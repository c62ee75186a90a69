package org.pavilion.pharmacy.internal.forecast;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.pavilion.pharmacy.internal.PharmacyDatabase;
import org.pavilion.pharmacy.internal.stock.MovementKind;
import org.pavilion.pharmacy.internal.stock.StockLedger;

/**
 * Past days of a store written through the real ledger (zone UTC): a delivery on a given day, then a dispensing
 * day by day, each day's quantity as one DISPENSE at 10:00, in one transaction.
 */
public final class DispensingDays {

    private final PharmacyDatabase db;

    public DispensingDays(PharmacyDatabase db) {
        this.db = db;
    }

    public static long at(LocalDate day, int hour) {
        return day.atTime(hour, 0).toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    /** A receipt of {@code quantity} of a batch into the store, on {@code day}. */
    public void receive(String store, String item, String batchId, String quantity, LocalDate day) {
        post(day, new StockLedger.Movement(MovementKind.RECEIPT, store, item, batchId, new BigDecimal(quantity), null,
                "GOODS_RECEIPT", UUID.randomUUID().toString(), null));
    }

    /** {@code quantity} dispensed from the batch on {@code day} (nothing when zero). */
    public void dispense(String store, String item, String batchId, double quantity, LocalDate day) {
        if (quantity > 0) {
            post(day, new StockLedger.Movement(MovementKind.DISPENSE, store, item, batchId,
                    BigDecimal.valueOf(quantity).negate(), null, "DISPENSE", UUID.randomUUID().toString(), null));
        }
    }

    /** Dispenses {@code quantities[i]} on {@code firstDay + i}, days of zero skipped, all in one transaction. */
    public void dispenseDaily(String store, String item, String batchId, LocalDate firstDay, double[] quantities) {
        db.jpa.run(em -> {
            for (int i = 0; i < quantities.length; i++) {
                if (quantities[i] > 0) {
                    db.ledger.post(em, "ph.santos", at(firstDay.plusDays(i), 10), List.of(new StockLedger.Movement(
                            MovementKind.DISPENSE, store, item, batchId, BigDecimal.valueOf(quantities[i]).negate(),
                            null, "DISPENSE", UUID.randomUUID().toString(), null)));
                }
            }
        });
    }

    private void post(LocalDate day, StockLedger.Movement movement) {
        db.jpa.run(em -> db.ledger.post(em, "ph.santos", at(day, 10), List.of(movement)));
    }
}
