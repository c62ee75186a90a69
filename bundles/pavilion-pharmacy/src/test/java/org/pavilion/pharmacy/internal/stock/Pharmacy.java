package org.pavilion.pharmacy.internal.stock;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.pharmacy.internal.PharmacyDatabase;

/**
 * The pharmacy of the stock tests: the real change log, the starter items and stores, a clock moved by hand (starting
 * 2026-12-04 09:30 UTC), the audit trail, and the stock services on them as the REST resources reach them.
 */
final class Pharmacy implements AutoCloseable {

    static final Caller SANTOS = Caller.inContainer("ph.santos",
            Set.of(StockMoves.MOVE, StockMoves.ADJUST, StockLevels.VIEW), "10.0.0.7");

    final PharmacyDatabase db;
    final AtomicLong now = new AtomicLong(1_796_376_600_000L);
    final List<AuditEvent> audit = new CopyOnWriteArrayList<>();
    final StockMoves moves;
    final StockLevels levels;
    final LedgerQuery ledger;

    Pharmacy() throws Exception {
        db = new PharmacyDatabase();
        db.starter();
        // The stock tests set the reorder rules they read; the starter catalogue's own rules would add shelves.
        db.withoutReorderRules();
        moves = new StockMoves(db.jpa, db.ledger, audit::add, now::get);
        levels = new StockLevels(db.jpa, db.ledger, 90, now::get);
        ledger = new LedgerQuery(db.jpa);
    }

    /** Moves the clock to 09:30 UTC of {@code day}. */
    void today(String day) {
        now.set(LocalDate.parse(day).atTime(9, 30).toInstant(ZoneOffset.UTC).toEpochMilli());
    }

    static <T> T as(Caller caller, Callable<T> work) throws Exception {
        return CallerContext.runAs(caller, work);
    }

    /** The problem {@code work} throws as the pharmacist; fails when it succeeds. */
    static ProblemException refused(Callable<?> work) throws Exception {
        try {
            Object done = as(SANTOS, work);
            throw new AssertionError("expected a problem, got " + done);
        } catch (ProblemException p) {
            return p;
        }
    }

    StockViews.Movements receive(String store, String item, String batch, String expiry, String quantity)
            throws Exception {
        StockBodies.Receipt r = new StockBodies.Receipt();
        r.storeCode = store;
        r.itemCode = item;
        r.batchNumber = batch;
        r.expiryDate = expiry;
        r.quantity = quantity;
        r.reason = "opening stock";
        return as(SANTOS, () -> moves.receive(r));
    }

    static StockBodies.Issue issue(String store, String item, String quantity, String batch, String to) {
        StockBodies.Issue i = new StockBodies.Issue();
        i.storeCode = store;
        i.itemCode = item;
        i.quantity = quantity;
        i.batchNumber = batch;
        i.issuedTo = to;
        return i;
    }

    static StockBodies.Transfer transfer(String from, String to, String item, String quantity) {
        StockBodies.Transfer t = new StockBodies.Transfer();
        t.fromStore = from;
        t.toStore = to;
        t.itemCode = item;
        t.quantity = quantity;
        return t;
    }

    static StockBodies.Adjustment adjustment(String store, String item, String batch, String quantity, String reason,
            String note) {
        StockBodies.Adjustment a = new StockBodies.Adjustment();
        a.storeCode = store;
        a.itemCode = item;
        a.batchNumber = batch;
        a.quantity = quantity;
        a.reason = reason;
        a.note = note;
        return a;
    }

    static StockBodies.WriteOff writeOff(String store, String item, String batch) {
        StockBodies.WriteOff w = new StockBodies.WriteOff();
        w.storeCode = store;
        w.itemCode = item;
        w.batchNumber = batch;
        return w;
    }

    /** Stock of one batch (by number) in a store, as ph_stock holds it. */
    BigDecimal stock(String store, String item, String batchNumber) {
        return db.jpa.call(em -> {
            BatchEntity b = Batches.find(em, item, batchNumber);
            return StockLedger.batchOnHand(em, store, b.getId());
        });
    }

    /** The ledger's sum per "store/batch id" and ph_stock's rows: they must be the same. */
    Map<String, BigDecimal> ledgerSums() {
        return sums("SELECT store_code, batch_id, SUM(quantity) FROM ph_movement GROUP BY store_code, batch_id");
    }

    Map<String, BigDecimal> stockRows() {
        return sums("SELECT store_code, batch_id, quantity FROM ph_stock");
    }

    private Map<String, BigDecimal> sums(String sql) {
        return db.jpa.call(em -> {
            Map<String, BigDecimal> out = new HashMap<>();
            for (Object row : em.createNativeQuery(sql).getResultList()) {
                Object[] r = (Object[]) row;
                out.put(r[0] + "/" + r[1], new BigDecimal(r[2].toString()).stripTrailingZeros());
            }
            return out;
        });
    }

    /** Rows in a table, to prove a refused request wrote nothing. */
    long rows(String table) {
        return db.jpa.call(em -> ((Number) em.createNativeQuery("SELECT COUNT(*) FROM " + table).getSingleResult())
                .longValue());
    }

    @Override
    public void close() throws Exception {
        db.close();
    }
}
