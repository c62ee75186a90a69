package org.pavilion.lab.internal.order;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.LongSupplier;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.PersistenceException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.rest.Page;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.lab.internal.access.PatientGate;
import org.pavilion.lab.internal.catalogue.Catalogue;
import org.pavilion.lab.internal.catalogue.LabProblems;
import org.pavilion.lab.internal.catalogue.LabTestEntity;

/**
 * The bench's worklist: every test collected and not yet released (COLLECTED, RECEIVED, IN_PROGRESS, RESULTED), STAT
 * before URGENT before ROUTINE and the oldest order first within each, with how long it has waited since it was
 * ordered and when it is due (placed + the test's turnaround). Paged per priority in the database, so a long queue
 * of routine work costs no more than one page. Starting a test (RECEIVED → IN_PROGRESS) is here too.
 */
@Component(service = Worklist.class)
public class Worklist {

    static final String RECEIVE = "lab.specimen.receive";
    static final List<String> PENDING = List.of("COLLECTED", "RECEIVED", "IN_PROGRESS", "RESULTED");
    static final List<String> PRIORITY_ORDER = List.of("STAT", "URGENT", "ROUTINE");

    /** {@code WorklistEntry}. */
    public static class Entry {
        public String itemId;
        public String orderId;
        public String orderNumber;
        public String patientId;
        public String priority;
        public String testCode;
        public String testName;
        public String specimenId;
        public String specimenType;
        public String status;
        public String statusAt;
        public long waitingMinutes;
        public String resultType;
        public String unit;
        public String dueAt;
    }

    private final JpaTransactions jpa;
    private final Catalogue catalogue;
    private final AuditService audit;
    private final LongSupplier clock;
    private final PatientGate withoutEmr;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile PatientGate gate;

    @Activate
    public Worklist(@Reference(target = "(osgi.unit.name=pavilion-lab)") EntityManagerFactory emf,
            @Reference Catalogue catalogue, @Reference AuditService audit) {
        this(new JpaTransactions(emf), catalogue, audit, null, System::currentTimeMillis);
    }

    /** For tests: {@code gate} null is the department's own rule (no EMR). */
    public Worklist(JpaTransactions jpa, Catalogue catalogue, AuditService audit, PatientGate gate,
            LongSupplier clock) {
        this.jpa = jpa;
        this.withoutEmr = PatientGate.withoutEmr(audit);
        this.gate = gate;
        this.catalogue = catalogue;
        this.audit = audit;
        this.clock = clock;
    }

    /** One page of pending tests; {@code status} and {@code priority} narrow it (null: all pending). */
    public Page<Entry> list(String status, String priority, int page, int size) {
        Page.validate(page, size);
        List<String> statuses = PENDING;
        if (status != null && !status.isBlank()) {
            String s = status.strip().toUpperCase(Locale.ROOT);
            if (!PENDING.contains(s)) {
                throw ProblemException.validation("status must be one of " + String.join(", ", PENDING) + " (was '"
                        + status.strip() + "')");
            }
            statuses = List.of(s);
        }
        List<String> priorities = PRIORITY_ORDER;
        if (priority != null && !priority.isBlank()) {
            String p = priority.strip().toUpperCase(Locale.ROOT);
            if (!PRIORITY_ORDER.contains(p)) {
                throw ProblemException.validation("priority must be STAT, URGENT or ROUTINE (was '" + priority.strip()
                        + "')");
            }
            priorities = List.of(p);
        }
        List<String> st = statuses;
        List<String> pr = priorities;
        long now = clock.getAsLong();
        Page<Entry> answer = jpa.call(em -> {
            long total = 0;
            long skip = (long) page * size;
            List<Entry> items = new ArrayList<>();
            for (String p : pr) {
                long count = em.createQuery("SELECT COUNT(i) FROM OrderItemEntity i, LabOrderEntity o "
                        + "WHERE i.orderId = o.id AND i.status IN :st AND o.priority = :p", Long.class)
                        .setParameter("st", st).setParameter("p", p).getSingleResult();
                total += count;
                if (items.size() < size && skip < count) {
                    List<Object[]> rows = em.createQuery("SELECT i, o FROM OrderItemEntity i, LabOrderEntity o "
                            + "WHERE i.orderId = o.id AND i.status IN :st AND o.priority = :p "
                            + "ORDER BY o.placedMs, o.orderNumber, i.specimenId, i.testCode", Object[].class)
                            .setParameter("st", st).setParameter("p", p).setFirstResult((int) skip)
                            .setMaxResults(size - items.size()).getResultList();
                    for (Object[] row : rows) {
                        items.add(entry(em, (OrderItemEntity) row[0], (LabOrderEntity) row[1], now));
                    }
                }
                skip = Math.max(0, skip - count);
            }
            return new Page<>(items, page, size, total);
        });
        Set<String> patients = new LinkedHashSet<>();
        answer.getItems().forEach(e -> patients.add(e.patientId));
        for (String mrn : patients) {
            audit.record(AuditEvent.of("SEARCH", "lab-order").patientId(mrn).detail("worklist").build());
        }
        return answer;
    }

    /** The technician starts the test: RECEIVED → IN_PROGRESS (in progress already: unchanged). */
    public OrderViews.ItemDto start(String itemId) {
        String id = LabOrders.text(itemId);
        if (id == null) {
            throw ProblemException.notFound("Item", "");
        }
        OrderItemEntity loaded = jpa.call(em -> em.find(OrderItemEntity.class, id));
        if (loaded == null) {
            throw ProblemException.notFound("Item", id);
        }
        String actor = PatientGate.actor("system");
        LabOrderEntity order = jpa.call(em -> em.find(LabOrderEntity.class, loaded.getOrderId()));
        PatientGate g = gate;
        AuditEvent.Builder event = PatientGate.allow(g != null ? g : withoutEmr, order.getPatientId(), RECEIVE, true,
                "UPDATE", "lab-order").audit().resourceId(order.getId());
        try {
            return jpa.callAudited(audit, em -> {
                OrderItemEntity i = em.find(OrderItemEntity.class, id);
                LabOrderEntity o = em.find(LabOrderEntity.class, i.getOrderId());
                if (!ItemStatus.IN_PROGRESS.name().equals(i.getStatus())) {
                    if (i.getVersion() != loaded.getVersion()) {
                        throw LabProblems.changedMeanwhile("Item " + id);
                    }
                    if (!ItemStatus.RECEIVED.name().equals(i.getStatus())) {
                        throw ProblemException.conflict("The " + i.getTestCode() + " test is " + i.getStatus()
                                .toLowerCase(Locale.ROOT).replace('_', ' ') + " and cannot be started (it must be "
                                + "received)");
                    }
                    Specimens.move(em, i, ItemStatus.IN_PROGRESS, null, actor, clock.getAsLong());
                    em.flush();
                }
                return new OrderViews(em, catalogue).item(i, o);
            }, d -> event.detail(d.testCode + " " + d.status.toLowerCase(Locale.ROOT)).build());
        } catch (ProblemException refused) {
            audit.record(event.outcome(org.pavilion.core.api.audit.AuditOutcome.FAILED).detail(refused.getMessage())
                    .build());
            throw refused;
        } catch (PersistenceException e) {
            if (OrderHistory.isOptimistic(e)) {
                throw LabProblems.changedMeanwhile("Item " + id);
            }
            throw e;
        }
    }

    private Entry entry(EntityManager em, OrderItemEntity i, LabOrderEntity o, long now) {
        Entry e = new Entry();
        e.itemId = i.getId();
        e.orderId = o.getId();
        e.orderNumber = o.getOrderNumber();
        e.patientId = o.getPatientId();
        e.priority = o.getPriority();
        e.testCode = i.getTestCode();
        LabTestEntity t = catalogue.test(i.getTestCode()).orElse(null);
        e.testName = t == null ? i.getTestCode() : t.getName();
        e.specimenId = i.getSpecimenId();
        SpecimenEntity s = em.find(SpecimenEntity.class, i.getSpecimenId());
        e.specimenType = s == null ? null : s.getSpecimenType();
        e.status = i.getStatus();
        e.statusAt = OrderViews.instant(i.getStatusMs());
        e.waitingMinutes = Math.max(0, (now - o.getPlacedMs()) / 60_000);
        e.resultType = t == null ? null : t.getResultType();
        e.unit = t == null ? null : t.getUnit();
        e.dueAt = t == null || t.getTurnaroundMinutes() == null ? null
                : OrderViews.instant(o.getPlacedMs() + t.getTurnaroundMinutes() * 60_000L);
        return e;
    }
}
