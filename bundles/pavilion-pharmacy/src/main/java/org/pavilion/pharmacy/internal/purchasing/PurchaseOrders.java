package org.pavilion.pharmacy.internal.purchasing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.LongSupplier;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.LockModeType;
import javax.persistence.PersistenceException;
import javax.persistence.TypedQuery;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.persistence.YearCounter;
import org.pavilion.core.api.rest.DeclaredConstraints;
import org.pavilion.core.api.rest.Page;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.pharmacy.internal.PharmacyProblems;
import org.pavilion.pharmacy.internal.alerts.ReorderSuggestions;
import org.pavilion.pharmacy.internal.catalogue.ItemEntity;
import org.pavilion.pharmacy.internal.catalogue.StoreEntity;
import org.pavilion.pharmacy.internal.purchasing.PurchasingBodies.FromSuggestions;
import org.pavilion.pharmacy.internal.purchasing.PurchasingBodies.OrderDraft;
import org.pavilion.pharmacy.internal.purchasing.PurchasingBodies.OrderLine;
import org.pavilion.pharmacy.internal.purchasing.PurchasingBodies.PurchaseOrder;
import org.pavilion.pharmacy.internal.stock.StockLedger;

/**
 * Purchase orders up to the supplier: DRAFT (lines editable), SENT, CANCELLED (only before any receipt); receipts move
 * them on ({@link GoodsReceipts}). Each request is one transaction; every write is audited (resource
 * {@code ph-purchase-order}). A change locks the order's row for its transaction and bumps its version: concurrent
 * changes of one order queue up and each checks the state the one before it left; a PUT from a stale version is a 409.
 */
@Component(service = PurchaseOrders.class)
public class PurchaseOrders {

    static final String RESOURCE = "ph-purchase-order";
    static final Set<String> STATUSES = Set.of("DRAFT", "SENT", "PARTIALLY_RECEIVED", "RECEIVED", "CANCELLED");
    private static final int MAX_LINES = 500;

    private final JpaTransactions jpa;
    private final StockLedger ledger;
    private final ReorderSuggestions suggestions;
    private final AuditService audit;
    private final LongSupplier clock;
    private final DeclaredConstraints constraints;

    @Activate
    public PurchaseOrders(@Reference(target = "(osgi.unit.name=pavilion-pharmacy)") EntityManagerFactory emf,
            @Reference StockLedger ledger, @Reference ReorderSuggestions suggestions, @Reference AuditService audit,
            @Reference DeclaredConstraints constraints) {
        this(new JpaTransactions(emf), ledger, suggestions, audit, System::currentTimeMillis, constraints);
    }

    public PurchaseOrders(JpaTransactions jpa, StockLedger ledger, ReorderSuggestions suggestions, AuditService audit,
            LongSupplier clock, DeclaredConstraints constraints) {
        this.constraints = constraints;
        this.jpa = jpa;
        this.ledger = ledger;
        this.suggestions = suggestions;
        this.audit = audit;
        this.clock = clock;
    }

    /** A DRAFT order (origin MANUAL) with a new number. */
    public PurchaseOrder create(OrderDraft in) {
        constraints.check(in, OrderDraft.Create.class);
        String note = Requests.text("note", in.note, 1000);
        return createDraft(in.supplierId, in.storeCode, note, "MANUAL", em -> lines(em, in.lines));
    }

    /**
     * A DRAFT order (origin REORDER) of what {@link ReorderSuggestions} suggests for the store, each at its suggested
     * quantity; {@code itemCodes} narrows it to those items. 422 when nothing is suggested.
     */
    public PurchaseOrder fromSuggestions(FromSuggestions in) {
        constraints.check(in);
        String storeCode = in.storeCode.strip();
        Set<String> wanted = in.itemCodes == null ? Set.of() : new HashSet<>(in.itemCodes);
        List<OrderLine> suggested = new ArrayList<>();
        for (ReorderSuggestions.Suggestion s : suggestions.forStore(storeCode)) {
            if ((wanted.isEmpty() || wanted.contains(s.itemCode())) && s.suggestedQuantity() != null
                    && s.suggestedQuantity().signum() > 0) {
                OrderLine l = new OrderLine();
                l.itemCode = s.itemCode();
                l.quantity = s.suggestedQuantity();
                suggested.add(l);
            }
        }
        if (suggested.isEmpty()) {
            throw PharmacyProblems.unprocessable("nothing to reorder for store " + storeCode
                    + (wanted.isEmpty() ? "" : " among " + String.join(", ", new java.util.TreeSet<>(wanted))));
        }
        return createDraft(in.supplierId, storeCode, null, "REORDER", em -> lines(em, suggested));
    }

    private PurchaseOrder createDraft(String supplierId, String storeCode, String note, String origin,
            Function<EntityManager, List<PurchaseOrderLineEntity>> lines) {
        String actor = Requests.actor();
        long now = clock.getAsLong();
        int year = ledger.dayOf(now).getYear();
        while (true) {
            try {
                return jpa.callAudited(audit, em -> {
                    PurchaseOrderEntity o = new PurchaseOrderEntity();
                    o.setId(UUID.randomUUID().toString());
                    o.setSupplierId(activeSupplier(em, supplierId).getId());
                    o.setStoreCode(activeStore(em, storeCode).getCode());
                    List<PurchaseOrderLineEntity> rows = lines.apply(em);
                    // the number last: the counter row stays locked from here to the commit, keep that short
                    o.setNumber(PoNumbers.next(em, year));
                    o.setStatus("DRAFT");
                    o.setOrigin(origin);
                    o.setNote(note);
                    o.setCreatedMs(now);
                    o.setCreatedBy(actor);
                    em.persist(o);
                    persistLines(em, o.getId(), rows);
                    em.flush();
                    return new PurchaseOrderViews(em).order(o);
                }, created -> AuditEvent.of("CREATE", RESOURCE).resourceId(created.id)
                        .detail(created.number + " (" + origin + ", " + created.lines.size() + " lines)").build());
            } catch (YearCounter.YearMissing missing) {
                PoNumbers.ensureYear(jpa, missing.year);
            }
        }
    }

    /** Orders, newest first; {@code status} and {@code supplierId} narrow them. */
    public Page<PurchaseOrder> list(String status, String supplierId, int page, int size) {
        Page.validate(page, size);
        String s = status == null || status.isBlank() ? null : status.strip().toUpperCase(Locale.ROOT);
        if (s != null && !STATUSES.contains(s)) {
            throw ProblemException.validation("status must be one of " + new java.util.TreeSet<>(STATUSES) + " (was '"
                    + status.strip() + "')");
        }
        String supplier = supplierId == null || supplierId.isBlank() ? null : supplierId.strip();
        String where = " WHERE 1 = 1" + (s == null ? "" : " AND o.status = :s")
                + (supplier == null ? "" : " AND o.supplierId = :sup");
        return jpa.call(em -> {
            TypedQuery<Long> count = em.createQuery("SELECT COUNT(o) FROM PurchaseOrderEntity o" + where, Long.class);
            TypedQuery<PurchaseOrderEntity> rows = em.createQuery("SELECT o FROM PurchaseOrderEntity o" + where
                    + " ORDER BY o.createdMs DESC, o.number DESC", PurchaseOrderEntity.class);
            for (TypedQuery<?> q : List.of(count, rows)) {
                if (s != null) {
                    q.setParameter("s", s);
                }
                if (supplier != null) {
                    q.setParameter("sup", supplier);
                }
            }
            PurchaseOrderViews views = new PurchaseOrderViews(em);
            List<PurchaseOrder> items = new ArrayList<>();
            rows.setFirstResult(page * size).setMaxResults(size).getResultList().forEach(o -> items.add(views.order(o)));
            return Page.of(items, page, size, () -> count.getSingleResult());
        });
    }

    /** One order by id or number. */
    public PurchaseOrder get(String idOrNumber) {
        return jpa.call(em -> new PurchaseOrderViews(em).order(find(em, idOrNumber)));
    }

    /** Replaces a DRAFT's note and lines; the body's {@code version} must be the stored one (409). */
    public PurchaseOrder replace(String idOrNumber, OrderDraft in) {
        constraints.check(in, OrderDraft.Replace.class);
        String note = Requests.text("note", in.note, 1000);
        PurchaseOrder changed = change(idOrNumber, in.version, done -> done.number + ": " + done.lines.size() + " lines",
                (em, o) -> {
            requireStatus(o, "have its lines changed", "DRAFT");
            List<PurchaseOrderLineEntity> rows = lines(em, in.lines);
            em.createQuery("DELETE FROM PurchaseOrderLineEntity l WHERE l.poId = :o").setParameter("o", o.getId())
                    .executeUpdate();
            persistLines(em, o.getId(), rows);
            o.setNote(note);
        });
        return changed;
    }

    /** DRAFT → SENT: the order went to the supplier; its lines are fixed from now on. */
    public PurchaseOrder send(String idOrNumber) {
        long now = clock.getAsLong();
        PurchaseOrder sent = change(idOrNumber, null, done -> done.number + " sent", (em, o) -> {
            requireStatus(o, "be sent", "DRAFT");
            o.setStatus("SENT");
            o.setSentMs(now);
        });
        return sent;
    }

    /** DRAFT or SENT → CANCELLED with a reason; 409 once anything was received (or already cancelled). */
    public PurchaseOrder cancel(String idOrNumber, String reason) {
        String why = Requests.text("reason", reason, 500);
        if (why == null) {
            throw ProblemException.validation("reason is required to cancel a purchase order");
        }
        long now = clock.getAsLong();
        PurchaseOrder cancelled = change(idOrNumber, null, done -> done.number + " cancelled: " + why, (em, o) -> {
            requireStatus(o, "be cancelled", "DRAFT", "SENT");
            o.setStatus("CANCELLED");
            o.setCancelReason(why);
            o.setClosedMs(now);
        });
        return cancelled;
    }

    interface Change {
        void apply(EntityManager em, PurchaseOrderEntity order);
    }

    /** Applies {@code change} in one transaction, bumping the version; stale {@code version} or a concurrent change: 409. */
    private PurchaseOrder change(String idOrNumber, Integer version, Function<PurchaseOrder, String> detail,
            Change change) {
        try {
            return jpa.callAudited(audit, em -> {
                PurchaseOrderEntity o = lockedForUpdate(em, idOrNumber);
                if (version != null && version != o.getVersion()) {
                    throw PharmacyProblems.changedMeanwhile("Purchase order " + o.getNumber());
                }
                change.apply(em, o);
                em.lock(o, LockModeType.OPTIMISTIC_FORCE_INCREMENT);
                em.flush();
                return new PurchaseOrderViews(em).order(o);
            }, done -> AuditEvent.of("UPDATE", RESOURCE).resourceId(done.id).detail(detail.apply(done)).build());
        } catch (PersistenceException e) {
            if (Requests.isOptimistic(e)) {
                throw PharmacyProblems.changedMeanwhile("Purchase order " + idOrNumber);
            }
            throw e;
        }
    }

    static PurchaseOrderEntity find(EntityManager em, String idOrNumber) {
        return em.find(PurchaseOrderEntity.class, idOf(em, idOrNumber));
    }

    /**
     * The order row-locked ({@code SELECT ... FOR UPDATE}) until the transaction ends: changes and deliveries of one
     * order queue behind each other, and each sees what the one before it committed.
     */
    static PurchaseOrderEntity lockedForUpdate(EntityManager em, String idOrNumber) {
        return em.find(PurchaseOrderEntity.class, idOf(em, idOrNumber), LockModeType.PESSIMISTIC_WRITE);
    }

    /** The id of the order with that id or number (404 when none); loads no entity. */
    private static String idOf(EntityManager em, String idOrNumber) {
        if (idOrNumber == null || idOrNumber.isBlank()) {
            throw ProblemException.notFound("Purchase order", idOrNumber);
        }
        String key = idOrNumber.strip();
        List<String> ids = em.createQuery("SELECT o.id FROM PurchaseOrderEntity o WHERE o.id = :k OR o.number = :n",
                String.class).setParameter("k", key).setParameter("n", key.toUpperCase(Locale.ROOT)).getResultList();
        if (ids.isEmpty()) {
            throw ProblemException.notFound("Purchase order", idOrNumber);
        }
        return ids.get(0);
    }

    /** 409 unless the order is in one of {@code allowed}; {@code action} completes "it can ...". */
    static void requireStatus(PurchaseOrderEntity o, String action, String... allowed) {
        if (!List.of(allowed).contains(o.getStatus())) {
            throw ProblemException.conflict("Purchase order " + o.getNumber() + " is " + o.getStatus() + ": it can "
                    + action + " only while " + String.join(" or ", allowed));
        }
    }

    private static SupplierEntity activeSupplier(EntityManager em, String supplierId) {
        if (supplierId == null || supplierId.isBlank()) {
            throw ProblemException.validation("supplierId is required");
        }
        SupplierEntity s = em.find(SupplierEntity.class, supplierId.strip());
        if (s == null || !s.getActive()) {
            throw PharmacyProblems.unprocessable("no active supplier " + supplierId.strip());
        }
        return s;
    }

    private static StoreEntity activeStore(EntityManager em, String storeCode) {
        if (storeCode == null || storeCode.isBlank()) {
            throw ProblemException.validation("storeCode is required");
        }
        StoreEntity s = em.find(StoreEntity.class, storeCode.strip());
        if (s == null || !s.getActive()) {
            throw PharmacyProblems.unprocessable("no active store " + storeCode.strip());
        }
        return s;
    }

    /** The order's lines as given: at least one, active items, each item once, positive quantities. */
    private static List<PurchaseOrderLineEntity> lines(EntityManager em, List<OrderLine> in) {
        if (in == null || in.isEmpty()) {
            throw PharmacyProblems.unprocessable("a purchase order needs at least one line");
        }
        if (in.size() > MAX_LINES) {
            throw PharmacyProblems.unprocessable("a purchase order has at most " + MAX_LINES + " lines");
        }
        Set<String> seen = new LinkedHashSet<>();
        List<PurchaseOrderLineEntity> rows = new ArrayList<>();
        for (OrderLine l : in) {
            String code = l.itemCode.strip(); // declared: every line has one (OrderLine)
            ItemEntity item = em.find(ItemEntity.class, code);
            if (item == null || !item.getActive()) {
                throw PharmacyProblems.unprocessable("no active item " + code + " in the catalogue");
            }
            if (!seen.add(code)) {
                throw PharmacyProblems.unprocessable(code + " is on two lines: order it once");
            }
            if (l.unitPrice != null && l.unitPrice.signum() < 0) {
                throw PharmacyProblems.unprocessable("the unit price of " + code + " is negative");
            }
            PurchaseOrderLineEntity row = new PurchaseOrderLineEntity();
            row.setItemCode(code);
            row.setQuantityOrdered(Requests.positive("the quantity of " + code, l.quantity));
            row.setQuantityReceived(BigDecimal.ZERO);
            row.setUnitPrice(l.unitPrice);
            rows.add(row);
        }
        return rows;
    }

    private static void persistLines(EntityManager em, String orderId, List<PurchaseOrderLineEntity> rows) {
        for (int i = 0; i < rows.size(); i++) {
            PurchaseOrderLineEntity row = rows.get(i);
            row.setId(UUID.randomUUID().toString());
            row.setPoId(orderId);
            row.setPosition(i);
            em.persist(row);
        }
    }
}
