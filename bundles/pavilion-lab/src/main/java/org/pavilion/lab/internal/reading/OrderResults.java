package org.pavilion.lab.internal.reading;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.persistence.EntityManagerFactory;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.lab.internal.access.PatientGate;
import org.pavilion.lab.internal.catalogue.LabTestEntity;
import org.pavilion.lab.internal.order.LabOrderEntity;
import org.pavilion.lab.internal.order.OrderItemEntity;
import org.pavilion.lab.internal.result.ResultDto;
import org.pavilion.lab.internal.result.ResultEntity;

/**
 * One order as a result reader sees it (SOAP's getOrder): the order, each test with its status and its current
 * released result, nothing entered but not yet released. Read through the {@link PatientGate} and audited as a READ
 * of the order.
 */
@Component(service = OrderResults.class)
public class OrderResults {

    /** An order with its items, for readers of results. */
    public static class OrderWithResults {
        public String id;
        public String orderNumber;
        public String patientId;
        public String encounterId;
        public String orderingDoctor;
        public String priority;
        public String status;
        public String placedAt;
        public List<ItemWithResult> items = new ArrayList<>();
    }

    /** A test of the order; {@code result} is its current released result, or null while there is none. */
    public static class ItemWithResult {
        public String id;
        public String testCode;
        public String testName;
        public String panelCode;
        public String status;
        public ResultDto result;
    }

    private final JpaTransactions jpa;
    private final AuditService audit;
    private final PatientGate withoutEmr;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile PatientGate gate;

    @Activate
    public OrderResults(@Reference(target = "(osgi.unit.name=pavilion-lab)") EntityManagerFactory emf,
            @Reference AuditService audit) {
        this(emf, audit, null);
    }

    /** For tests: tables migrated by the caller, {@code gate} null for the department's rule without the EMR. */
    public OrderResults(EntityManagerFactory emf, AuditService audit, PatientGate gate) {
        this.jpa = new JpaTransactions(emf);
        this.audit = audit;
        this.withoutEmr = PatientGate.withoutEmr(audit);
        this.gate = gate;
    }

    /**
     * The order with this order number; 404 when there is none (also before asking whether the caller may see
     * its patient: an order number is not a patient's secret the way an MRN search is).
     *
     * @param staffPrivilege the privilege the caller was let in with (e.g. lab.soap.results)
     */
    public OrderWithResults byOrderNumber(String orderNumber, String staffPrivilege) {
        if (orderNumber == null || orderNumber.isBlank()) {
            throw ProblemException.validation("orderNumber is required");
        }
        String number = orderNumber.strip();
        LabOrderEntity order = jpa.call(em -> em.createQuery(
                "SELECT o FROM LabOrderEntity o WHERE o.orderNumber = :n", LabOrderEntity.class)
                .setParameter("n", number).getResultList().stream().findFirst().orElse(null));
        if (order == null) {
            throw ProblemException.notFound("Order", number);
        }
        PatientGate g = gate;
        PatientGate.Allowed allowed = PatientGate.allow(g != null ? g : withoutEmr, order.getPatientId(),
                staffPrivilege, false, "READ", "lab-order");
        OrderWithResults view = jpa.call(em -> {
            OrderWithResults o = new OrderWithResults();
            o.id = order.getId();
            o.orderNumber = order.getOrderNumber();
            o.patientId = order.getPatientId();
            o.encounterId = order.getEncounterId();
            o.orderingDoctor = order.getOrderingDoctor();
            o.priority = order.getPriority();
            o.status = order.getStatus();
            o.placedAt = Instant.ofEpochMilli(order.getPlacedMs()).toString();
            List<OrderItemEntity> items = em.createQuery("SELECT i FROM OrderItemEntity i WHERE i.orderId = :o "
                    + "ORDER BY i.testCode, i.id", OrderItemEntity.class).setParameter("o", order.getId())
                    .getResultList();
            Map<String, Object> params = new HashMap<>();
            ReleasedRows.bindShown(params);
            params.put("o", order.getId());
            var q = em.createQuery("SELECT r FROM ResultEntity r WHERE " + ReleasedRows.SHOWN
                    + " AND r.orderId = :o", ResultEntity.class);
            params.forEach(q::setParameter);
            List<ResultEntity> shown = q.getResultList();
            ReleasedRows.Views views = new ReleasedRows.Views(em, shown);
            Map<String, ResultDto> byItem = new HashMap<>();
            shown.forEach(r -> byItem.put(r.getItemId(), views.dto(r)));
            for (OrderItemEntity i : items) {
                ItemWithResult it = new ItemWithResult();
                it.id = i.getId();
                it.testCode = i.getTestCode();
                LabTestEntity t = em.find(LabTestEntity.class, i.getTestCode());
                it.testName = t == null ? i.getTestCode() : t.getName();
                it.panelCode = i.getPanelCode();
                it.status = i.getStatus();
                it.result = byItem.get(i.getId());
                o.items.add(it);
            }
            return o;
        });
        audit.record(allowed.audit().resourceId(order.getId()).detail("order " + number + " with results").build());
        return view;
    }
}
