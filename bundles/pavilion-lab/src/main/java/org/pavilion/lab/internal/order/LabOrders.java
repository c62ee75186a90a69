package org.pavilion.lab.internal.order;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongSupplier;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.PersistenceException;
import javax.persistence.TypedQuery;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.pavilion.core.api.audit.AuditOutcome;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.persistence.YearCounter;
import org.pavilion.core.api.rest.DeclaredConstraints;
import org.pavilion.core.api.rest.Page;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.events.api.EventPublisher;
import org.pavilion.lab.api.LabOrderPlaced;
import org.pavilion.lab.internal.access.PatientGate;
import org.pavilion.lab.internal.catalogue.Catalogue;
import org.pavilion.lab.internal.catalogue.LabProblems;
import org.pavilion.lab.internal.catalogue.LabTestEntity;
import org.pavilion.lab.internal.order.OrderViews.OrderDto;

/**
 * Placing, reading and cancelling lab orders. Placing is one transaction: the order number, the order, its specimens
 * (one per specimen type), its items, their history and {@code LabOrderPlaced} commit together, then the gate's audit
 * record is written. Every patient-scoped call goes through the {@link PatientGate} (404 unknown patient, 403 refused).
 */
@Component(service = LabOrders.class)
public class LabOrders {

    static final String PLACE = "lab.order.place";
    static final String VIEW = "lab.order.view";
    static final String CANCEL = "lab.order.cancel";
    static final Set<String> PRIORITIES = Set.of("ROUTINE", "URGENT", "STAT");
    static final Set<String> ORDER_STATUSES = Set.of("ACTIVE", "COMPLETED", "CANCELLED");
    /** Item statuses after which an order can no longer be cancelled: a result exists. */
    static final Set<String> RESULTED = Set.of("RESULTED", "VERIFIED", "RELEASED");
    private static final int MAX_TESTS = 100;

    private final JpaTransactions jpa;
    private final Catalogue catalogue;
    private final AuditService audit;
    private final EventPublisher events;
    private final PatientGate withoutEmr;
    private final LongSupplier clock;
    private final DeclaredConstraints constraints;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile PatientGate gate;

    @Activate
    public LabOrders(@Reference(target = "(osgi.unit.name=pavilion-lab)") EntityManagerFactory emf,
            @Reference Catalogue catalogue, @Reference AuditService audit, @Reference EventPublisher events,
            @Reference DeclaredConstraints constraints) {
        this(new JpaTransactions(emf), catalogue, audit, events, null, System::currentTimeMillis, constraints);
    }

    /** For tests: {@code gate} null is the department's own rule (no EMR). */
    public LabOrders(JpaTransactions jpa, Catalogue catalogue, AuditService audit, EventPublisher events,
            PatientGate gate, LongSupplier clock, DeclaredConstraints constraints) {
        this.constraints = constraints;
        this.jpa = jpa;
        this.catalogue = catalogue;
        this.audit = audit;
        this.events = events;
        this.withoutEmr = PatientGate.withoutEmr(audit);
        this.gate = gate;
        this.clock = clock;
    }

    PatientGate gate() {
        PatientGate g = gate;
        return g != null ? g : withoutEmr;
    }

    /** A test as ordered: which code, as part of which panel. */
    record Ordered(LabTestEntity test, String panelCode) {
    }

    /** Places an order for the caller (the ordering doctor); 422 for no tests or unknown or inactive codes. */
    public OrderDto place(OrderBodies.Placement in) {
        // The fields' declared rules, all broken ones at once (400); then the catalogue's (422).
        constraints.check(in);
        String patientId = text(in.patientId);
        String priority = in.priority == null || in.priority.isBlank() ? "ROUTINE"
                : in.priority.strip().toUpperCase(Locale.ROOT);
        if (!PRIORITIES.contains(priority)) {
            throw LabProblems.unprocessable("priority must be ROUTINE, URGENT or STAT (was '" + in.priority.strip()
                    + "')");
        }
        String encounterId = text(in.encounterId);
        String note = text(in.clinicalNote);
        List<Ordered> tests = resolve(in.tests);
        PatientGate.Allowed allowed = PatientGate.allow(gate(), patientId, PLACE, true, "CREATE", "lab-order");
        String actor = PatientGate.actor("system");
        long now = clock.getAsLong();
        int year = Instant.ofEpochMilli(now).atZone(ZoneId.systemDefault()).getYear();
        for (int attempt = 1;; attempt++) {
            try {
                return jpa.callAudited(audit, em -> write(em, allowed.mrn(), encounterId, priority, note, tests,
                        actor, now, year), placed -> allowed.audit().resourceId(placed.id)
                                .detail(placed.orderNumber + ": " + codes(placed)).build());
            } catch (YearCounter.YearMissing missing) {
                OrderNumbers.ensureYear(jpa, missing.year);
            } catch (PersistenceException e) {
                // two new specimens drew the same id at the same moment: draw again
                if (!OrderHistory.isUniqueViolation(e) || attempt >= 3) {
                    audit.record(allowed.audit().outcome(AuditOutcome.FAILED).detail(String.valueOf(e.getMessage()))
                            .build());
                    throw e;
                }
            }
        }
    }

    /** One order by id or order number, if the caller may see its patient. */
    public OrderDto get(String idOrNumber) {
        LabOrderEntity o = find(idOrNumber);
        PatientGate.Allowed allowed = PatientGate.allow(gate(), o.getPatientId(), VIEW, false, "READ", "lab-order");
        OrderDto d = jpa.call(em -> new OrderViews(em, catalogue).order(em.find(LabOrderEntity.class, o.getId())));
        audit.record(allowed.audit().resourceId(o.getId()).build());
        return d;
    }

    /** A patient's orders, newest first; {@code status} ACTIVE, COMPLETED or CANCELLED, or null for all. */
    public Page<OrderDto> list(String patientId, String status, int page, int size) {
        Page.validate(page, size);
        String p = text(patientId);
        if (p == null) {
            throw ProblemException.validation("patientId is required");
        }
        String s = status == null || status.isBlank() ? null : status.strip().toUpperCase(Locale.ROOT);
        if (s != null && !ORDER_STATUSES.contains(s)) {
            throw ProblemException.validation("status must be ACTIVE, COMPLETED or CANCELLED (was '" + status.strip()
                    + "')");
        }
        PatientGate.Allowed allowed = PatientGate.allow(gate(), p, VIEW, false, "SEARCH", "lab-order");
        String where = " WHERE o.patientId = :p" + (s == null ? "" : " AND o.status = :s");
        Page<OrderDto> answer = jpa.call(em -> {
            TypedQuery<Long> count = em.createQuery("SELECT COUNT(o) FROM LabOrderEntity o" + where, Long.class);
            TypedQuery<LabOrderEntity> rows = em.createQuery("SELECT o FROM LabOrderEntity o" + where
                    + " ORDER BY o.placedMs DESC, o.orderNumber DESC", LabOrderEntity.class);
            for (TypedQuery<?> q : List.of(count, rows)) {
                q.setParameter("p", allowed.mrn());
                if (s != null) {
                    q.setParameter("s", s);
                }
            }
            OrderViews views = new OrderViews(em, catalogue);
            List<OrderDto> items = new ArrayList<>();
            rows.setFirstResult(page * size).setMaxResults(size).getResultList().forEach(o -> items.add(
                    views.order(o)));
            return Page.of(items, page, size, () -> count.getSingleResult());
        });
        audit.record(allowed.audit().detail(answer.getItems().size() + " of " + answer.getTotal() + " orders").build());
        return answer;
    }

    /**
     * Cancels the order and its open items (rejected ones stay rejected); 409 once a test has a result, and for a
     * completed order; cancelled already: unchanged. {@code reason} is required.
     */
    public OrderDto cancel(String idOrNumber, String reason) {
        String why = text(reason);
        if (why == null) {
            throw ProblemException.validation("reason is required to cancel an order");
        }
        if (why.length() > 500) {
            throw ProblemException.validation("reason is at most 500 characters");
        }
        LabOrderEntity loaded = find(idOrNumber);
        PatientGate.Allowed allowed = PatientGate.allow(gate(), loaded.getPatientId(), CANCEL, true, "UPDATE",
                "lab-order");
        String actor = PatientGate.actor("system");
        try {
            return jpa.callAudited(audit, em -> {
                LabOrderEntity o = em.find(LabOrderEntity.class, loaded.getId());
                OrderViews views = new OrderViews(em, catalogue);
                if ("CANCELLED".equals(o.getStatus())) {
                    return views.order(o);
                }
                if (!"ACTIVE".equals(o.getStatus())) {
                    throw ProblemException.conflict("Order " + o.getOrderNumber() + " is " + o.getStatus()
                            .toLowerCase(Locale.ROOT) + " and cannot be cancelled");
                }
                List<OrderItemEntity> items = views.items(o.getId());
                List<String> resulted = items.stream().filter(i -> RESULTED.contains(i.getStatus()))
                        .map(OrderItemEntity::getTestCode).toList();
                if (!resulted.isEmpty()) {
                    throw ProblemException.conflict("Order " + o.getOrderNumber() + " cannot be cancelled: "
                            + String.join(", ", resulted) + " already resulted");
                }
                long now = clock.getAsLong();
                for (OrderItemEntity i : items) {
                    if (!ItemStatus.FINAL.contains(ItemStatus.valueOf(i.getStatus()))) {
                        i.setStatus(ItemStatus.CANCELLED.name());
                        i.setStatusMs(now);
                        OrderHistory.record(em, o.getId(), i.getId(), ItemStatus.CANCELLED.name(), actor, why, now);
                    }
                }
                o.setStatus("CANCELLED");
                o.setCancelReason(why);
                OrderHistory.record(em, o.getId(), null, "CANCELLED", actor, why, now);
                em.flush();
                return views.order(o);
            }, d -> allowed.audit().resourceId(d.id).detail("cancelled: " + why).build());
        } catch (ProblemException refused) {
            audit.record(allowed.audit().resourceId(loaded.getId()).outcome(AuditOutcome.FAILED)
                    .detail(refused.getMessage()).build());
            throw refused;
        } catch (PersistenceException e) {
            if (OrderHistory.isOptimistic(e)) {
                ProblemException p = LabProblems.changedMeanwhile("Order " + loaded.getOrderNumber());
                audit.record(allowed.audit().resourceId(loaded.getId()).outcome(AuditOutcome.FAILED)
                        .detail(p.getMessage()).build());
                throw p;
            }
            throw e;
        }
    }

    /** The order an id or an order number names; 404 otherwise. */
    LabOrderEntity find(String idOrNumber) {
        String key = text(idOrNumber);
        if (key == null) {
            throw ProblemException.notFound("Order", "");
        }
        LabOrderEntity o = jpa.call(em -> {
            LabOrderEntity byId = em.find(LabOrderEntity.class, key);
            if (byId != null) {
                return byId;
            }
            return em.createQuery("SELECT o FROM LabOrderEntity o WHERE o.orderNumber = :n", LabOrderEntity.class)
                    .setParameter("n", key.toUpperCase(Locale.ROOT)).getResultList().stream().findFirst()
                    .orElse(null);
        });
        if (o == null) {
            throw ProblemException.notFound("Order", key);
        }
        return o;
    }

    /** The codes as tests to order: panels expanded (inactive members left out), duplicates once. */
    List<Ordered> resolve(List<String> codes) {
        if (codes == null || codes.stream().allMatch(c -> c == null || c.isBlank())) {
            throw LabProblems.unprocessable("tests must name at least one test or panel");
        }
        if (codes.size() > MAX_TESTS) {
            throw LabProblems.unprocessable("at most " + MAX_TESTS + " tests in one order");
        }
        Map<String, Ordered> ordered = new LinkedHashMap<>();
        List<String> errors = new ArrayList<>();
        for (String raw : codes) {
            if (raw == null || raw.isBlank()) {
                continue;
            }
            String code = Catalogue.normalise(raw);
            LabTestEntity t = catalogue.test(code).orElse(null);
            if (t == null) {
                errors.add("unknown test " + code);
            } else if (!t.isActive()) {
                errors.add("test " + code + " is no longer offered");
            } else if ("PANEL".equals(t.getKind())) {
                int before = ordered.size();
                for (String member : catalogue.members(code)) {
                    catalogue.test(member).filter(LabTestEntity::isActive)
                            .ifPresent(m -> ordered.putIfAbsent(m.getCode(), new Ordered(m, code)));
                }
                if (ordered.size() == before && catalogue.members(code).stream().noneMatch(ordered::containsKey)) {
                    errors.add("panel " + code + " has no test that is offered");
                }
            } else {
                ordered.putIfAbsent(code, new Ordered(t, null));
            }
        }
        if (!errors.isEmpty()) {
            throw LabProblems.unprocessable(String.join("; ", errors));
        }
        return new ArrayList<>(ordered.values());
    }

    private OrderDto write(EntityManager em, String mrn, String encounterId, String priority, String note,
            List<Ordered> tests, String actor, long now, int year) {
        LabOrderEntity o = new LabOrderEntity();
        o.setId(UUID.randomUUID().toString());
        o.setOrderNumber(OrderNumbers.next(em, year));
        o.setPatientId(mrn);
        o.setEncounterId(encounterId);
        o.setOrderingDoctor(actor);
        o.setPriority(priority);
        o.setClinicalNote(note);
        o.setStatus("ACTIVE");
        o.setPlacedMs(now);
        o.setPlacedBy(actor);
        em.persist(o);
        OrderHistory.record(em, o.getId(), null, "PLACED", actor, priority, now);

        Map<String, SpecimenEntity> byType = new LinkedHashMap<>();
        LabOrderPlaced event = new LabOrderPlaced();
        for (Ordered t : tests) {
            String type = t.test().getSpecimenType() == null ? "BLOOD" : t.test().getSpecimenType();
            SpecimenEntity s = byType.computeIfAbsent(type, k -> newSpecimen(em, o.getId(), k, actor, now));
            OrderItemEntity i = new OrderItemEntity();
            i.setId(UUID.randomUUID().toString());
            i.setOrderId(o.getId());
            i.setTestCode(t.test().getCode());
            i.setPanelCode(t.panelCode());
            i.setSpecimenId(s.getId());
            i.setStatus(ItemStatus.ORDERED.name());
            i.setStatusMs(now);
            em.persist(i);
            OrderHistory.record(em, o.getId(), i.getId(), ItemStatus.ORDERED.name(), actor,
                    t.panelCode() == null ? null : "panel " + t.panelCode(), now);
            LabOrderPlaced.OrderedTest ot = new LabOrderPlaced.OrderedTest();
            ot.itemId = i.getId();
            ot.testCode = i.getTestCode();
            ot.testName = t.test().getName();
            ot.loinc = t.test().getLoinc();
            ot.panelCode = t.panelCode();
            ot.specimenId = s.getId();
            ot.specimenType = type;
            event.tests.add(ot);
        }
        em.flush();
        Events.fill(event, o, actor);
        event.clinicalNote = note;
        event.placedAt = OrderViews.instant(now);
        events.publish(em, LabOrderPlaced.TYPE, Events.subject(o.getId()), event);
        return new OrderViews(em, catalogue).order(o);
    }

    private static SpecimenEntity newSpecimen(EntityManager em, String orderId, String type, String actor, long now) {
        String id = SpecimenIds.next();
        for (int tries = 0; em.find(SpecimenEntity.class, id) != null; tries++) {
            if (tries > 10) {
                throw new IllegalStateException("no free specimen id after 10 draws");
            }
            id = SpecimenIds.next();
        }
        SpecimenEntity s = new SpecimenEntity();
        s.setId(id);
        s.setOrderId(orderId);
        s.setSpecimenType(type);
        s.setStatus("ORDERED");
        em.persist(s);
        OrderHistory.record(em, orderId, id, "ORDERED", actor, type, now);
        return s;
    }

    private static String codes(OrderDto d) {
        return String.join(", ", d.items.stream().map(i -> i.testCode).toList());
    }

    static String text(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
