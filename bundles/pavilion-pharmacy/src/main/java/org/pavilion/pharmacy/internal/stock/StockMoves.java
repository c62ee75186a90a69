package org.pavilion.pharmacy.internal.stock;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongSupplier;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.PersistenceException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.pharmacy.internal.PharmacyProblems;
import org.pavilion.pharmacy.internal.catalogue.ItemEntity;
import org.pavilion.pharmacy.internal.catalogue.StoreEntity;

/**
 * Stock moved by hand: direct receipts, issues to wards, transfers between stores, adjustments and expiry
 * write-offs. Each request is one transaction through {@link StockLedger#post}; outflows without a named batch take
 * batches first expiry first ({@link Fefo}). Every posted request is audited (resource {@code ph-stock}, id = its
 * reference).
 */
@Component(service = StockMoves.class)
public class StockMoves {

    public static final String MOVE = "pharmacy.stock.move";
    public static final String ADJUST = "pharmacy.stock.adjust";
    static final String AUDIT_TYPE = "ph-stock";

    /** Adjustment reasons; BREAKAGE, LOSS and RECALL only take stock out, FOUND only brings it in. */
    static final Set<String> TAKING_OUT = Set.of("BREAKAGE", "LOSS", "RECALL");
    static final Set<String> REASONS = Set.of("BREAKAGE", "LOSS", "FOUND", "RECALL", "OTHER");

    private final JpaTransactions jpa;
    private final StockLedger ledger;
    private final AuditService audit;
    private final LongSupplier clock;

    @Activate
    public StockMoves(@Reference(target = "(osgi.unit.name=pavilion-pharmacy)") EntityManagerFactory emf,
            @Reference StockLedger ledger, @Reference AuditService audit) {
        this(new JpaTransactions(emf), ledger, audit, System::currentTimeMillis);
    }

    /** For tests on PharmacyDatabase, with their own clock. */
    public StockMoves(JpaTransactions jpa, StockLedger ledger, AuditService audit, LongSupplier clock) {
        this.jpa = jpa;
        this.ledger = ledger;
        this.audit = audit;
        this.clock = clock;
    }

    /** Opening stock or a donation into an active store; the batch is created on its first receipt. */
    public StockViews.Movements receive(StockBodies.Receipt in) {
        required(in);
        String store = code("storeCode", in.storeCode);
        String item = code("itemCode", in.itemCode);
        BigDecimal quantity = Quantities.positive("quantity", in.quantity);
        String reason = text("reason", in.reason, 500);
        try {
            return post("RECEIPT of " + Quantities.text(quantity) + " " + item + " into " + store, (em, plan) -> {
                activeStore(em, store, "received");
                BatchEntity batch = Batches.findOrCreate(em, item, in.batchNumber, in.expiryDate, plan.atMs);
                plan.add(MovementKind.RECEIPT, store, item, batch.getId(), quantity, reason, "DIRECT_RECEIPT", null);
            });
        } catch (PersistenceException e) {
            if (!violatesAConstraint(e)) {
                throw e;
            }
            // two first receipts of one new batch at once: the batch's unique (item, number) lets one through
            throw ProblemException.conflict("batch " + in.batchNumber + " of " + item
                    + " was received by someone else at the same moment: send it again");
        }
    }

    /** To a ward or department without a store of its own. */
    public StockViews.Movements issue(StockBodies.Issue in) {
        required(in);
        String store = code("storeCode", in.storeCode);
        String item = code("itemCode", in.itemCode);
        BigDecimal quantity = Quantities.positive("quantity", in.quantity);
        String issuedTo = text("issuedTo", in.issuedTo, 100);
        if (issuedTo == null) {
            throw PharmacyProblems.unprocessable("issuedTo (the ward or department receiving it) is required");
        }
        return post("ISSUE of " + Quantities.text(quantity) + " " + item + " from " + store + " to " + issuedTo,
                (em, plan) -> {
                    knownStore(em, store);
                    knownItem(em, item);
                    for (Fefo.Take take : takes(em, store, item, quantity, in.batchNumber, plan.day)) {
                        plan.add(MovementKind.ISSUE, store, item, take.batch().batchId(), take.quantity().negate(),
                                null, "ISSUE", issuedTo);
                    }
                });
    }

    /** Out of one store and into another (active) one: two rows per batch, one reference. */
    public StockViews.Movements transfer(StockBodies.Transfer in) {
        required(in);
        String from = code("fromStore", in.fromStore);
        String to = code("toStore", in.toStore);
        String item = code("itemCode", in.itemCode);
        BigDecimal quantity = Quantities.positive("quantity", in.quantity);
        if (from.equals(to)) {
            throw PharmacyProblems.unprocessable("a transfer goes to another store: fromStore and toStore are both " + from);
        }
        return post("TRANSFER of " + Quantities.text(quantity) + " " + item + " from " + from + " to " + to,
                (em, plan) -> {
                    knownStore(em, from);
                    activeStore(em, to, "transferred");
                    knownItem(em, item);
                    for (Fefo.Take take : takes(em, from, item, quantity, in.batchNumber, plan.day)) {
                        String batch = take.batch().batchId();
                        plan.add(MovementKind.TRANSFER_OUT, from, item, batch, take.quantity().negate(), null, "TRANSFER", to);
                        plan.add(MovementKind.TRANSFER_IN, to, item, batch, take.quantity(), null, "TRANSFER", from);
                    }
                });
    }

    /** A signed correction of one batch with its reason; expired batches too (a recall, a broken vial). */
    public StockViews.Movements adjust(StockBodies.Adjustment in) {
        required(in);
        String store = code("storeCode", in.storeCode);
        String item = code("itemCode", in.itemCode);
        BigDecimal quantity = Quantities.nonZero("quantity", in.quantity);
        String reason = in.reason == null ? "" : in.reason.strip().toUpperCase(Locale.ROOT);
        if (!REASONS.contains(reason)) {
            throw PharmacyProblems.unprocessable("reason must be one of BREAKAGE, LOSS, FOUND, RECALL, OTHER (was '"
                    + (in.reason == null ? "" : in.reason.strip()) + "')");
        }
        if (TAKING_OUT.contains(reason) && quantity.signum() > 0 || reason.equals("FOUND") && quantity.signum() < 0) {
            throw PharmacyProblems.unprocessable(reason + " " + (quantity.signum() > 0 ? "removes" : "adds")
                    + " stock: the quantity must be " + (quantity.signum() > 0 ? "negative" : "positive"));
        }
        String note = text("note", in.note, 400);
        if (reason.equals("OTHER") && note == null) {
            throw PharmacyProblems.unprocessable("an adjustment for reason OTHER needs a note saying why");
        }
        String recorded = note == null ? reason : reason + ": " + note;
        return post("ADJUSTMENT of " + Quantities.text(quantity) + " " + item + " in " + store + " (" + reason + ")",
                (em, plan) -> {
                    knownStore(em, store);
                    knownItem(em, item);
                    BatchEntity batch = Batches.find(em, item, in.batchNumber);
                    plan.add(MovementKind.ADJUSTMENT, store, item, batch.getId(), quantity, recorded, "ADJUSTMENT", null);
                });
    }

    /** The whole stock of a batch in a store, once the batch has expired (409 before, and when none is there). */
    public StockViews.Movements writeOff(StockBodies.WriteOff in) {
        required(in);
        String store = code("storeCode", in.storeCode);
        String item = code("itemCode", in.itemCode);
        return post("EXPIRY_WRITE_OFF of batch " + in.batchNumber + " of " + item + " in " + store, (em, plan) -> {
            knownStore(em, store);
            knownItem(em, item);
            BatchEntity batch = Batches.find(em, item, in.batchNumber);
            if (batch.getExpiryDate() == null) {
                throw ProblemException.conflict("batch " + batch.getBatchNumber() + " of " + item
                        + " has no expiry: it cannot be written off as expired (adjust it instead)");
            }
            if (!LocalDate.parse(batch.getExpiryDate()).isBefore(plan.day)) {
                throw ProblemException.conflict("batch " + batch.getBatchNumber() + " of " + item + " expires on "
                        + batch.getExpiryDate() + ": it is written off only once expired");
            }
            BigDecimal there = StockLedger.batchOnHand(em, store, batch.getId());
            if (there.signum() <= 0) {
                throw ProblemException.conflict("store " + store + " holds nothing of batch " + batch.getBatchNumber()
                        + " of " + item + " to write off");
            }
            plan.add(MovementKind.EXPIRY_WRITE_OFF, store, item, batch.getId(), there.negate(),
                    "EXPIRED " + batch.getExpiryDate(), "WRITE_OFF", null);
        });
    }

    /** The movements of one request, collected before they are posted together. */
    private static final class Plan {
        final String referenceId = UUID.randomUUID().toString();
        final long atMs;
        final LocalDate day;
        final List<StockLedger.Movement> movements = new ArrayList<>();

        Plan(long atMs, LocalDate day) {
            this.atMs = atMs;
            this.day = day;
        }

        void add(MovementKind kind, String store, String item, String batchId, BigDecimal quantity, String reason,
                String referenceType, String counterpart) {
            movements.add(new StockLedger.Movement(kind, store, item, batchId, quantity, reason, referenceType,
                    referenceId, counterpart));
        }
    }

    private interface Planner {
        void plan(EntityManager em, Plan plan);
    }

    private StockViews.Movements post(String summary, Planner planner) {
        long now = clock.getAsLong();
        Plan plan = new Plan(now, ledger.dayOf(now));
        String actor = CallerContext.current().map(Caller::username).orElse("system");
        return jpa.callAudited(audit, em -> {
            planner.plan(em, plan);
            StockViews.Movements out = new StockViews.Movements();
            out.referenceId = plan.referenceId;
            for (MovementEntity m : ledger.post(em, actor, now, plan.movements)) {
                out.movements.add(StockViews.Movement.of(m, em.find(BatchEntity.class, m.getBatchId())));
            }
            return out;
        }, out -> AuditEvent.of("CREATE", AUDIT_TYPE).resourceId(plan.referenceId).detail(summary).build());
    }

    /** The named batch (the ledger refuses it if expired or short), or first expiry first. */
    private static List<Fefo.Take> takes(EntityManager em, String store, String item, BigDecimal quantity,
            String batchNumber, LocalDate day) {
        if (batchNumber == null || batchNumber.isBlank()) {
            return Fefo.allocate(em, store, item, quantity, day);
        }
        BatchEntity b = Batches.find(em, item, batchNumber);
        return List.of(new Fefo.Take(new StockLedger.BatchStock(b.getId(), b.getBatchNumber(), b.getExpiryDate(),
                StockLedger.batchOnHand(em, store, b.getId())), quantity));
    }

    /** Whether a unique key or check refused the write (SQLSTATE class 23), not the database being away. */
    private static boolean violatesAConstraint(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("23")) {
                return true;
            }
        }
        return false;
    }

    private static StoreEntity knownStore(EntityManager em, String code) {
        StoreEntity s = em.find(StoreEntity.class, code);
        if (s == null) {
            throw PharmacyProblems.unprocessable("no store " + code);
        }
        return s;
    }

    private static void activeStore(EntityManager em, String code, String moved) {
        if (!knownStore(em, code).getActive()) {
            throw PharmacyProblems.unprocessable("store " + code + " is inactive: nothing can be " + moved + " into it");
        }
    }

    private static ItemEntity knownItem(EntityManager em, String code) {
        ItemEntity i = em.find(ItemEntity.class, code);
        if (i == null) {
            throw PharmacyProblems.unprocessable("no item " + code + " in the catalogue");
        }
        return i;
    }

    private static void required(Object body) {
        if (body == null) {
            throw ProblemException.validation("a JSON body is required");
        }
    }

    private static String code(String field, String value) {
        if (value == null || value.isBlank()) {
            throw PharmacyProblems.unprocessable(field + " is required");
        }
        return value.strip();
    }

    /** Optional free text, stripped; null when blank. */
    private static String text(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.strip().length() > max) {
            throw PharmacyProblems.unprocessable(field + " is longer than " + max + " characters");
        }
        return value.strip();
    }
}
