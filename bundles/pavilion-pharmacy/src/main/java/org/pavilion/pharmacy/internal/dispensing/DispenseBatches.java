package org.pavilion.pharmacy.internal.dispensing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.persistence.EntityManager;

import org.pavilion.pharmacy.internal.stock.BatchEntity;
import org.pavilion.pharmacy.internal.stock.MovementEntity;
import org.pavilion.pharmacy.internal.stock.MovementKind;

/**
 * Which batches a dispense holds, read from the ledger: its DISPENSE movements (reference {@value #DISPENSE}, the
 * dispense's id) less the RETURN movements of its returns (reference {@value #RETURN}, the return's id, counterpart
 * the dispense's id). The ledger is the record of what went where; the dispense row keeps only the totals.
 */
final class DispenseBatches {

    static final String DISPENSE = "DISPENSE";
    static final String RETURN = "DISPENSE_RETURN";

    /** What a dispense still holds of one batch. */
    record Held(String batchId, String batchNumber, String expiryDate, BigDecimal quantity) {
    }

    /** First expiry first, batches without expiry last: the order the dispense took them in. */
    static final Comparator<Held> FEFO = Comparator
            .comparing((Held h) -> h.expiryDate() == null ? "9999-99-99" : h.expiryDate())
            .thenComparing(Held::batchNumber);

    private DispenseBatches() {
    }

    /** Per dispense id, the batches it holds (net of returns, none left out as zero), first expiry first. */
    static Map<String, List<Held>> of(EntityManager em, Collection<String> dispenseIds) {
        Map<String, List<Held>> out = new HashMap<>();
        if (dispenseIds.isEmpty()) {
            return out;
        }
        List<MovementEntity> rows = em.createQuery("SELECT m FROM MovementEntity m WHERE (m.kind = :dispense"
                        + " AND m.referenceType = :dispenseRef AND m.referenceId IN :ids) OR (m.kind = :ret"
                        + " AND m.referenceType = :returnRef AND m.counterpart IN :ids)", MovementEntity.class)
                .setParameter("dispense", MovementKind.DISPENSE.name()).setParameter("dispenseRef", DISPENSE)
                .setParameter("ret", MovementKind.RETURN.name()).setParameter("returnRef", RETURN)
                .setParameter("ids", List.copyOf(dispenseIds)).getResultList();
        Map<String, Map<String, BigDecimal>> net = new HashMap<>();
        for (MovementEntity m : rows) {
            String dispenseId = MovementKind.DISPENSE.name().equals(m.getKind()) ? m.getReferenceId() : m.getCounterpart();
            // a dispense takes (negative quantity), a return gives back (positive): what is held is the negation
            net.computeIfAbsent(dispenseId, k -> new LinkedHashMap<>()).merge(m.getBatchId(), m.getQuantity().negate(),
                    BigDecimal::add);
        }
        for (Map.Entry<String, Map<String, BigDecimal>> e : net.entrySet()) {
            List<Held> held = new ArrayList<>();
            e.getValue().forEach((batchId, q) -> {
                BatchEntity b = em.find(BatchEntity.class, batchId);
                held.add(new Held(batchId, b.getBatchNumber(), b.getExpiryDate(), q));
            });
            held.sort(FEFO);
            out.put(e.getKey(), held);
        }
        return out;
    }
}
