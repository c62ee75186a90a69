package org.pavilion.pharmacy.internal.stocktake;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongSupplier;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.LockModeType;
import javax.persistence.OptimisticLockException;
import javax.persistence.PersistenceException;
import javax.persistence.TypedQuery;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.rest.Page;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.pharmacy.internal.PharmacyProblems;
import org.pavilion.pharmacy.internal.catalogue.StoreEntity;
import org.pavilion.pharmacy.internal.stock.MovementKind;
import org.pavilion.pharmacy.internal.stock.StockLedger;
import org.pavilion.pharmacy.internal.stocktake.StockTakeBodies.Count;
import org.pavilion.pharmacy.internal.stocktake.StockTakeBodies.Line;
import org.pavilion.pharmacy.internal.stocktake.StockTakeBodies.StockTake;

/**
 * Count sheets: OPEN (a line per batch with stock in the store, {@code expected} = book stock when the sheet was made;
 * counts entered), SUBMITTED (every line counted), APPROVED by another user than the submitter (each non-zero variance
 * posted as an ADJUSTMENT, reason COUNT_VARIANCE, reference STOCK_TAKE, through {@link StockLedger} in the approval's
 * transaction), or CANCELLED before approval. Every change locks the sheet's row and bumps its version, so a count
 * entered while someone approves, or two approvals at once, queue up and the second finds the sheet's new state (409).
 * Writes are audited ({@code ph-stock-take}).
 */
@Component(service = StockTakes.class)
public class StockTakes {

    static final String RESOURCE = "ph-stock-take";
    static final String REASON = "COUNT_VARIANCE";
    static final Set<String> STATUSES = Set.of("OPEN", "SUBMITTED", "APPROVED", "CANCELLED");

    private final JpaTransactions jpa;
    private final StockLedger ledger;
    private final AuditService audit;
    private final LongSupplier clock;

    @Activate
    public StockTakes(@Reference(target = "(osgi.unit.name=pavilion-pharmacy)") EntityManagerFactory emf,
            @Reference StockLedger ledger, @Reference AuditService audit) {
        this(new JpaTransactions(emf), ledger, audit, System::currentTimeMillis);
    }

    public StockTakes(JpaTransactions jpa, StockLedger ledger, AuditService audit, LongSupplier clock) {
        this.jpa = jpa;
        this.ledger = ledger;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * A new OPEN sheet of the store: one line per batch with stock, expired ones included (they are on the shelf
     * too). 409 while another sheet of the store is OPEN or SUBMITTED; 422 for an unknown store or one without stock.
     */
    public StockTake open(String storeCode) {
        String store = storeCode == null || storeCode.isBlank() ? null : storeCode.strip();
        if (store == null) {
            throw ProblemException.validation("storeCode is required");
        }
        String actor = actor();
        long now = clock.getAsLong();
        StockTake opened = jpa.callAudited(audit, em -> {
            // the store's row is locked until the sheet commits: two sheets opened at once cannot both pass the
            // "one sheet in progress per store" check
            StoreEntity s = em.find(StoreEntity.class, store, LockModeType.PESSIMISTIC_WRITE);
            if (s == null || !s.getActive()) {
                throw PharmacyProblems.unprocessable("no active store " + store);
            }
            List<String> pending = em.createQuery("SELECT t.id FROM StockTakeEntity t WHERE t.storeCode = :s"
                    + " AND t.status IN ('OPEN', 'SUBMITTED')", String.class).setParameter("s", store).getResultList();
            if (!pending.isEmpty()) {
                throw ProblemException.conflict("store " + store + " has a stock take in progress (" + pending.get(0)
                        + "): finish or cancel it first");
            }
            StockTakeEntity t = new StockTakeEntity();
            t.setId(UUID.randomUUID().toString());
            t.setStoreCode(store);
            t.setStatus("OPEN");
            t.setCreatedMs(now);
            t.setCreatedBy(actor);
            em.persist(t);
            int lines = 0;
            for (Object item : em.createNativeQuery("SELECT DISTINCT item_code FROM ph_stock WHERE store_code = ?1"
                    + " AND quantity > 0 ORDER BY item_code").setParameter(1, store).getResultList()) {
                for (StockLedger.BatchStock b : StockLedger.batches(em, store, (String) item, null)) {
                    CountLineEntity l = new CountLineEntity();
                    l.setId(UUID.randomUUID().toString());
                    l.setStockTakeId(t.getId());
                    l.setItemCode((String) item);
                    l.setBatchId(b.batchId());
                    l.setExpected(b.quantity());
                    em.persist(l);
                    lines++;
                }
            }
            if (lines == 0) {
                throw PharmacyProblems.unprocessable("store " + store + " has no stock to count");
            }
            em.flush();
            return new StockTakeViews(em).take(t);
        }, sheet -> AuditEvent.of("CREATE", RESOURCE).resourceId(sheet.id)
                .detail(store + ": " + sheet.lines.size() + " batches to count").build());
        return opened;
    }

    /** Sheets, newest first; {@code store} and {@code status} narrow them. */
    public Page<StockTake> list(String store, String status, int page, int size) {
        Page.validate(page, size);
        String s = status == null || status.isBlank() ? null : status.strip().toUpperCase(Locale.ROOT);
        if (s != null && !STATUSES.contains(s)) {
            throw ProblemException.validation("status must be OPEN, SUBMITTED, APPROVED or CANCELLED (was '"
                    + status.strip() + "')");
        }
        String st = store == null || store.isBlank() ? null : store.strip();
        String where = " WHERE 1 = 1" + (st == null ? "" : " AND t.storeCode = :store") + (s == null ? "" : " AND t.status = :s");
        return jpa.call(em -> {
            TypedQuery<Long> count = em.createQuery("SELECT COUNT(t) FROM StockTakeEntity t" + where, Long.class);
            TypedQuery<StockTakeEntity> rows = em.createQuery("SELECT t FROM StockTakeEntity t" + where
                    + " ORDER BY t.createdMs DESC, t.id", StockTakeEntity.class);
            for (TypedQuery<?> q : List.of(count, rows)) {
                if (st != null) {
                    q.setParameter("store", st);
                }
                if (s != null) {
                    q.setParameter("s", s);
                }
            }
            StockTakeViews views = new StockTakeViews(em);
            List<StockTake> items = new ArrayList<>();
            rows.setFirstResult(page * size).setMaxResults(size).getResultList().forEach(t -> items.add(views.take(t)));
            return Page.of(items, page, size, () -> count.getSingleResult());
        });
    }

    public StockTake get(String id) {
        return jpa.call(em -> new StockTakeViews(em).take(find(em, id)));
    }

    /** Enters counts (a line counted again takes the new count); OPEN only, counts zero or more, lines of this sheet. */
    public StockTake count(String id, List<Count> counts) {
        if (counts == null || counts.isEmpty()) {
            throw ProblemException.validation("a list of counts [{lineId, counted}] is required");
        }
        StockTake counted = change(id, counts.size() + " counts", (em, t) -> {
            requireStatus(t, "take counts", "OPEN");
            Map<String, CountLineEntity> lines = new HashMap<>();
            StockTakeViews.lines(em, t.getId()).forEach(l -> lines.put(l.getId(), l));
            for (Count c : counts) {
                CountLineEntity l = c == null || c.lineId == null ? null : lines.get(c.lineId.strip());
                if (l == null) {
                    throw PharmacyProblems.unprocessable("line " + (c == null ? null : c.lineId)
                            + " is not a line of stock take " + t.getId());
                }
                if (c.counted == null || c.counted.signum() < 0 || c.counted.stripTrailingZeros().scale() > 3) {
                    throw PharmacyProblems.unprocessable("the count of line " + l.getId() + " (" + l.getItemCode()
                            + ") must be zero or more with at most 3 decimals (was "
                            + (c.counted == null ? "none" : c.counted.toPlainString()) + ")");
                }
                l.setCounted(c.counted);
            }
        });
        return counted;
    }

    /** OPEN → SUBMITTED; 422 naming the lines not counted yet. */
    public StockTake submit(String id) {
        String actor = actor();
        long now = clock.getAsLong();
        StockTake submitted = change(id, "submitted", (em, t) -> {
            requireStatus(t, "be submitted", "OPEN");
            List<String> uncounted = new ArrayList<>();
            for (Line l : new StockTakeViews(em).take(t).lines) {
                if (l.counted == null) {
                    uncounted.add(l.itemCode + " batch " + l.batchNumber + " (line " + l.id + ")");
                }
            }
            if (!uncounted.isEmpty()) {
                throw new ProblemException(422, "uncounted-lines", "Lines not counted", uncounted.size()
                        + " lines are not counted: " + String.join(", ", uncounted), Map.of("lines", uncounted));
            }
            t.setStatus("SUBMITTED");
            t.setSubmittedMs(now);
            t.setSubmittedBy(actor);
        });
        return submitted;
    }

    /**
     * SUBMITTED → APPROVED by another user than the submitter (409 for the submitter): posts each line's variance as an
     * ADJUSTMENT in this transaction.
     *
     * <p>The rule when stock moved since the sheet was made: the variance (counted - expected) is what the count found
     * missing or extra against the book at the snapshot, and it is posted as it is, on top of the movements since.
     * Only a shortage larger than what the batch holds now (units dispensed or moved between the snapshot and the
     * approval, so the book already lost part of the missing units) is posted as what is there: the batch goes to
     * zero and never below; a batch with nothing left gets no movement. The line's {@code posted} shows what was.
     */
    public StockTake approve(String id) {
        String actor = actor();
        long now = clock.getAsLong();
        StockTake approved = change(id, "approved", (em, t) -> {
            requireStatus(t, "be approved", "SUBMITTED");
            if (actor.equals(t.getSubmittedBy())) {
                throw new ProblemException(409, "same-user-approval", "Approval by the submitter",
                        "stock take " + t.getId() + " was submitted by " + actor + ": another user must approve it");
            }
            List<StockLedger.Movement> movements = new ArrayList<>();
            for (CountLineEntity l : StockTakeViews.lines(em, t.getId())) {
                BigDecimal variance = l.getCounted().subtract(l.getExpected());
                if (variance.signum() < 0) {
                    BigDecimal there = StockLedger.batchOnHand(em, t.getStoreCode(), l.getBatchId());
                    variance = variance.max(there.negate());
                }
                if (variance.signum() != 0) {
                    movements.add(new StockLedger.Movement(MovementKind.ADJUSTMENT, t.getStoreCode(), l.getItemCode(),
                            l.getBatchId(), variance, REASON, "STOCK_TAKE", t.getId(), null));
                }
            }
            t.setStatus("APPROVED");
            t.setDecidedMs(now);
            t.setDecidedBy(actor);
            em.flush();
            ledger.post(em, actor, now, movements);
        });
        return approved;
    }

    /** OPEN or SUBMITTED → CANCELLED: nothing is posted. */
    public StockTake cancel(String id) {
        String actor = actor();
        long now = clock.getAsLong();
        StockTake cancelled = change(id, "cancelled", (em, t) -> {
            requireStatus(t, "be cancelled", "OPEN", "SUBMITTED");
            t.setStatus("CANCELLED");
            t.setDecidedMs(now);
            t.setDecidedBy(actor);
        });
        return cancelled;
    }

    interface Change {
        void apply(EntityManager em, StockTakeEntity take);
    }

    /** Runs {@code change} on the locked sheet in a transaction that commits with its UPDATE audit record. */
    private StockTake change(String id, String detail, Change change) {
        try {
            return jpa.callAudited(audit, em -> {
                // row-locked until the end: a count and an approval, or two approvals, of one sheet queue up
                StockTakeEntity t = find(em, id, LockModeType.PESSIMISTIC_WRITE);
                change.apply(em, t);
                em.lock(t, LockModeType.OPTIMISTIC_FORCE_INCREMENT);
                em.flush();
                return new StockTakeViews(em).take(t);
            }, changed -> AuditEvent.of("UPDATE", RESOURCE).resourceId(changed.id).detail(detail).build());
        } catch (PersistenceException e) {
            if (isOptimistic(e)) {
                throw PharmacyProblems.changedMeanwhile("Stock take " + id);
            }
            throw e;
        }
    }

    private static StockTakeEntity find(EntityManager em, String id) {
        return find(em, id, LockModeType.NONE);
    }

    private static StockTakeEntity find(EntityManager em, String id, LockModeType lock) {
        StockTakeEntity t = id == null || id.isBlank() ? null : em.find(StockTakeEntity.class, id.strip(), lock);
        if (t == null) {
            throw ProblemException.notFound("Stock take", id);
        }
        return t;
    }

    private static void requireStatus(StockTakeEntity t, String action, String... allowed) {
        if (!List.of(allowed).contains(t.getStatus())) {
            throw ProblemException.conflict("stock take " + t.getId() + " is " + t.getStatus() + ": it can " + action
                    + " only while " + String.join(" or ", allowed));
        }
    }

    private static String actor() {
        return CallerContext.current().map(Caller::username).orElse("system");
    }

    private static boolean isOptimistic(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof OptimisticLockException) {
                return true;
            }
        }
        return false;
    }

    static String instant(Long ms) {
        return ms == null ? null : Instant.ofEpochMilli(ms).toString();
    }
}
