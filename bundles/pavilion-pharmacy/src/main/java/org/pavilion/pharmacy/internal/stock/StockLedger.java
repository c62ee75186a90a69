package org.pavilion.pharmacy.internal.stock;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.persistence.EntityManager;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.pharmacy.internal.PharmacyConfig;
import org.pavilion.pharmacy.internal.PharmacyProblems;

/**
 * The one way stock changes: appends movements to the ledger ({@code ph_movement}) and moves the running sum
 * ({@code ph_stock}) in the caller's transaction. An outflow is one conditional UPDATE ({@code quantity + q >= 0}),
 * so two pharmacists taking the last units of a batch cannot both succeed on either database: the second finds no
 * row to update and gets a 409, its whole transaction rolled back. The table's check constraint backs that up.
 *
 * <p>Read stock through this class's queries (plain SQL), not through {@code StockEntity}: the UPDATEs bypass
 * OpenJPA's cache of entities already loaded in the same EntityManager.
 */
@Component(service = StockLedger.class, configurationPid = PharmacyConfig.PID)
// No @Designate: PharmacyConfig's own pid designates it, and bnd refuses a second designate of that pid.
public class StockLedger {

    /** One change to post. {@code quantity} is signed: positive into the store, negative out of it. */
    public record Movement(MovementKind kind, String storeCode, String itemCode, String batchId, BigDecimal quantity,
            String reason, String referenceType, String referenceId, String counterpart) {
    }

    /** Stock of one batch in one store; {@code expiryDate} ISO-8601 or null. */
    public record BatchStock(String batchId, String batchNumber, String expiryDate, BigDecimal quantity) {
    }

    private volatile ZoneId zone;

    @Activate
    public StockLedger(PharmacyConfig config) {
        this(zoneOf(config.zone()));
    }

    public static StockLedger of(ZoneId zone) {
        return new StockLedger(zone);
    }

    // Private, behind of(): SCR tries every public constructor with the @Activate one's arity.
    private StockLedger(ZoneId zone) {
        this.zone = zone;
    }

    @Modified
    void modified(PharmacyConfig config) {
        zone = zoneOf(config.zone());
    }

    /** The hospital's zone: business days of movements, expiry. */
    public ZoneId zone() {
        return zone;
    }

    /** The business day of an instant. */
    public LocalDate dayOf(long epochMs) {
        return Instant.ofEpochMilli(epochMs).atZone(zone).toLocalDate();
    }

    /**
     * Appends {@code movements} at {@code atMs} by {@code actor} and moves stock; nothing is written unless all fit.
     *
     * @throws ProblemException 409 when an outflow would take a batch below zero in its store (the detail names the
     *                          item, batch and store, and what is there); 422 when a movement's sign does not fit its
     *                          kind, its batch is of another item, or (receipts, issues, transfers, dispenses,
     *                          returns) the batch expired before the movement's day
     */
    public List<MovementEntity> post(EntityManager em, String actor, long atMs, List<Movement> movements) {
        LocalDate day = dayOf(atMs);
        List<MovementEntity> posted = new ArrayList<>(movements.size());
        for (Movement m : movements) {
            BatchEntity batch = em.find(BatchEntity.class, m.batchId());
            check(m, batch, day);
            MovementEntity row = new MovementEntity();
            row.setId(UUID.randomUUID().toString());
            row.setKind(m.kind().name());
            row.setStoreCode(m.storeCode());
            row.setItemCode(m.itemCode());
            row.setBatchId(m.batchId());
            row.setQuantity(m.quantity());
            row.setBusinessDay(day.toString());
            row.setAtMs(atMs);
            row.setActor(actor);
            row.setReason(m.reason());
            row.setReferenceType(m.referenceType());
            row.setReferenceId(m.referenceId());
            row.setCounterpart(m.counterpart());
            em.persist(row);
            move(em, m, batch);
            posted.add(row);
        }
        return posted;
    }

    private static void check(Movement m, BatchEntity batch, LocalDate day) {
        if (m.quantity() == null || m.quantity().signum() == 0
                || (m.kind().sign != 0 && m.quantity().signum() != m.kind().sign)) {
            throw PharmacyProblems.unprocessable(m.kind() + " of " + m.quantity() + " " + m.itemCode()
                    + ": the quantity must be " + (m.kind().sign > 0 ? "positive" : m.kind().sign < 0 ? "negative" : "non-zero"));
        }
        if (m.quantity().stripTrailingZeros().scale() > 3) {
            // the columns keep 3 decimals: more would be rounded away in ph_stock and ph_movement alike
            throw PharmacyProblems.unprocessable(m.kind() + " of " + m.quantity().toPlainString() + " " + m.itemCode()
                    + ": at most 3 decimals");
        }
        if (batch == null || !batch.getItemCode().equals(m.itemCode())) {
            throw PharmacyProblems.unprocessable("batch " + m.batchId() + " is not a batch of " + m.itemCode());
        }
        if (m.kind().refusesExpired && batch.getExpiryDate() != null
                && LocalDate.parse(batch.getExpiryDate()).isBefore(day)) {
            throw new ProblemException(422, "expired-batch", "Expired batch",
                    "batch " + batch.getBatchNumber() + " of " + m.itemCode() + " expired on " + batch.getExpiryDate()
                            + ": it can only be written off", Map.of("batchNumber", batch.getBatchNumber()));
        }
    }

    private static void move(EntityManager em, Movement m, BatchEntity batch) {
        if (addTo(em, m)) {
            return;
        }
        if (m.quantity().signum() < 0) {
            BigDecimal there = batchOnHand(em, m.storeCode(), m.batchId());
            throw new ProblemException(409, "insufficient-stock", "Not enough stock",
                    "store " + m.storeCode() + " has " + there.stripTrailingZeros().toPlainString() + " of "
                            + m.itemCode() + " in batch " + batch.getBatchNumber() + ", "
                            + m.quantity().negate().stripTrailingZeros().toPlainString() + " asked",
                    Map.of("storeCode", m.storeCode(), "itemCode", m.itemCode(), "batchNumber", batch.getBatchNumber(),
                            "available", there.toPlainString()));
        }
        // First stock of this batch in this store. Two first receipts racing would both insert and one would fail on
        // the primary key: the batch's row lock queues them, and the later one, once the first has committed, finds
        // the row (read committed: a new statement sees it) and adds to it.
        em.createNativeQuery("SELECT id FROM ph_batch WHERE id = ?1 FOR UPDATE").setParameter(1, m.batchId())
                .getResultList();
        if (addTo(em, m)) {
            return;
        }
        em.createNativeQuery("INSERT INTO ph_stock (store_code, batch_id, item_code, quantity) VALUES (?1, ?2, ?3, ?4)")
                .setParameter(1, m.storeCode()).setParameter(2, m.batchId()).setParameter(3, m.itemCode())
                .setParameter(4, m.quantity()).executeUpdate();
    }

    /**
     * The conditional UPDATE: true when the store's row of the batch took the quantity without going below zero. The
     * parameter is cast so PostgreSQL types {@code quantity + $1} as numeric whatever the driver binds it as.
     */
    private static boolean addTo(EntityManager em, Movement m) {
        return em.createNativeQuery("UPDATE ph_stock SET quantity = quantity + CAST(?1 AS DECIMAL(19,3))"
                        + " WHERE store_code = ?2 AND batch_id = ?3 AND quantity + CAST(?1 AS DECIMAL(19,3)) >= 0")
                .setParameter(1, m.quantity()).setParameter(2, m.storeCode()).setParameter(3, m.batchId())
                .executeUpdate() == 1;
    }

    /** Stock of one batch in one store (0 when none). */
    public static BigDecimal batchOnHand(EntityManager em, String storeCode, String batchId) {
        List<?> rows = em.createNativeQuery("SELECT quantity FROM ph_stock WHERE store_code = ?1 AND batch_id = ?2")
                .setParameter(1, storeCode).setParameter(2, batchId).getResultList();
        return rows.isEmpty() ? BigDecimal.ZERO : decimal(rows.get(0));
    }

    /** Stock of an item in a store over all its batches, expired ones included. */
    public static BigDecimal onHand(EntityManager em, String storeCode, String itemCode) {
        Object sum = em.createNativeQuery("SELECT SUM(quantity) FROM ph_stock WHERE store_code = ?1 AND item_code = ?2")
                .setParameter(1, storeCode).setParameter(2, itemCode).getSingleResult();
        return sum == null ? BigDecimal.ZERO : decimal(sum);
    }

    /**
     * The item's batches in the store with stock, first expiry first (no expiry last, then by batch number).
     * {@code usableOn} non-null: only batches not expired on that day.
     */
    public static List<BatchStock> batches(EntityManager em, String storeCode, String itemCode, LocalDate usableOn) {
        String sql = "SELECT b.id, b.batch_number, b.expiry_date, s.quantity FROM ph_stock s JOIN ph_batch b ON b.id = s.batch_id"
                + " WHERE s.store_code = ?1 AND s.item_code = ?2 AND s.quantity > 0"
                + (usableOn == null ? "" : " AND (b.expiry_date IS NULL OR b.expiry_date >= ?3)")
                + " ORDER BY CASE WHEN b.expiry_date IS NULL THEN 1 ELSE 0 END, b.expiry_date, b.batch_number";
        javax.persistence.Query q = em.createNativeQuery(sql).setParameter(1, storeCode).setParameter(2, itemCode);
        if (usableOn != null) {
            q.setParameter(3, usableOn.toString());
        }
        List<BatchStock> out = new ArrayList<>();
        for (Object row : q.getResultList()) {
            Object[] r = (Object[]) row;
            out.add(new BatchStock((String) r[0], (String) r[1], (String) r[2], decimal(r[3])));
        }
        return out;
    }

    private static BigDecimal decimal(Object o) {
        return o instanceof BigDecimal b ? b : new BigDecimal(o.toString());
    }

    private static ZoneId zoneOf(String zone) {
        return zone == null || zone.isBlank() ? ZoneId.systemDefault() : ZoneId.of(zone.trim());
    }
}
