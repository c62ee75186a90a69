package org.pavilion.lab.internal.order;

import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.PersistenceException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.pavilion.core.api.audit.AuditOutcome;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.events.api.EventPublisher;
import org.pavilion.lab.api.SpecimenCollected;
import org.pavilion.lab.internal.access.PatientGate;
import org.pavilion.lab.internal.catalogue.Catalogue;
import org.pavilion.lab.internal.catalogue.LabProblems;
import org.pavilion.lab.internal.order.OrderViews.SpecimenDto;

/**
 * A specimen's way: collected at the bedside (ORDERED → COLLECTED, {@code SpecimenCollected}), received in the lab
 * (COLLECTED → RECEIVED), or rejected as unusable with a reason (its open items REJECTED; the order COMPLETED when
 * nothing is left open). Each step is one transaction that re-reads the specimen and relies on its version: of two
 * nurses collecting one tube, one wins and the other gets 409.
 */
@Component(service = Specimens.class)
public class Specimens {

    static final String COLLECT = "lab.specimen.collect";
    static final String RECEIVE = "lab.specimen.receive";

    private final JpaTransactions jpa;
    private final Catalogue catalogue;
    private final AuditService audit;
    private final EventPublisher events;
    private final PatientGate withoutEmr;
    private final LongSupplier clock;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile PatientGate gate;

    @Activate
    public Specimens(@Reference(target = "(osgi.unit.name=pavilion-lab)") EntityManagerFactory emf,
            @Reference Catalogue catalogue, @Reference AuditService audit, @Reference EventPublisher events) {
        this(new JpaTransactions(emf), catalogue, audit, events, null, System::currentTimeMillis);
    }

    /** For tests: {@code gate} null is the department's own rule (no EMR). */
    public Specimens(JpaTransactions jpa, Catalogue catalogue, AuditService audit, EventPublisher events,
            PatientGate gate, LongSupplier clock) {
        this.jpa = jpa;
        this.catalogue = catalogue;
        this.audit = audit;
        this.events = events;
        this.withoutEmr = PatientGate.withoutEmr(audit);
        this.gate = gate;
        this.clock = clock;
    }

    private PatientGate gate() {
        PatientGate g = gate;
        return g != null ? g : withoutEmr;
    }

    /** The specimen was taken from the patient. */
    public SpecimenDto collect(String specimenId) {
        return step(specimenId, COLLECT, "collected", (em, s, o, items, actor, now) -> {
            requireStatus(s, "ORDERED", "collected");
            s.setStatus("COLLECTED");
            s.setCollectedMs(now);
            s.setCollectedBy(actor);
            SpecimenCollected e = new SpecimenCollected();
            for (OrderItemEntity i : items) {
                if (ItemStatus.ORDERED.name().equals(i.getStatus())) {
                    move(em, i, ItemStatus.COLLECTED, null, actor, now);
                    e.testCodes.add(i.getTestCode());
                }
            }
            OrderHistory.record(em, o.getId(), s.getId(), "COLLECTED", actor, null, now);
            em.flush();
            Events.fill(e, o, actor);
            e.specimenId = s.getId();
            e.specimenType = s.getSpecimenType();
            e.collectedAt = OrderViews.instant(now);
            e.collectedBy = actor;
            events.publish(em, SpecimenCollected.TYPE, Events.subject(o.getId()), e);
        });
    }

    /** The lab has the specimen; its tests can be run. */
    public SpecimenDto receive(String specimenId) {
        return step(specimenId, RECEIVE, "received", (em, s, o, items, actor, now) -> {
            requireStatus(s, "COLLECTED", "received");
            s.setStatus("RECEIVED");
            s.setReceivedMs(now);
            s.setReceivedBy(actor);
            for (OrderItemEntity i : items) {
                if (ItemStatus.COLLECTED.name().equals(i.getStatus())) {
                    move(em, i, ItemStatus.RECEIVED, null, actor, now);
                }
            }
            OrderHistory.record(em, o.getId(), s.getId(), "RECEIVED", actor, null, now);
        });
    }

    /**
     * The specimen cannot be used (haemolysed, clotted, unlabelled...): its open tests are REJECTED with the reason;
     * 409 when one of them has a result already.
     */
    public SpecimenDto reject(String specimenId, String reason) {
        String why = LabOrders.text(reason);
        if (why == null) {
            throw ProblemException.validation("reason is required to reject a specimen");
        }
        if (why.length() > 500) {
            throw ProblemException.validation("reason is at most 500 characters");
        }
        return step(specimenId, RECEIVE, "rejected", (em, s, o, items, actor, now) -> {
            if ("REJECTED".equals(s.getStatus())) {
                throw ProblemException.conflict("Specimen " + s.getId() + " is rejected already");
            }
            List<String> resulted = items.stream().filter(i -> LabOrders.RESULTED.contains(i.getStatus()))
                    .map(OrderItemEntity::getTestCode).toList();
            if (!resulted.isEmpty()) {
                throw ProblemException.conflict("Specimen " + s.getId() + " cannot be rejected: "
                        + String.join(", ", resulted) + " already resulted");
            }
            s.setStatus("REJECTED");
            s.setRejectedReason(why);
            for (OrderItemEntity i : items) {
                if (!ItemStatus.FINAL.contains(ItemStatus.valueOf(i.getStatus()))) {
                    i.setRejectReason(why);
                    move(em, i, ItemStatus.REJECTED, why, actor, now);
                }
            }
            OrderHistory.record(em, o.getId(), s.getId(), "REJECTED", actor, why, now);
            em.flush();
            completeIfNothingOpen(em, o, actor, now);
        });
    }

    /** The specimen with its order, for a label; audited as a read of the patient's order. */
    public Labelled forLabel(String specimenId) {
        SpecimenEntity s = find(specimenId);
        LabOrderEntity o = jpa.call(em -> em.find(LabOrderEntity.class, s.getOrderId()));
        PatientGate.Allowed allowed = PatientGate.allow(gate(), o.getPatientId(), COLLECT, false, "READ",
                "lab-order");
        List<String> tests = jpa.call(em -> new OrderViews(em, catalogue).specimen(em.find(SpecimenEntity.class,
                s.getId())).testCodes);
        audit.record(allowed.audit().resourceId(o.getId()).detail("label of specimen " + s.getId()).build());
        return new Labelled(s.getId(), s.getSpecimenType(), o.getPatientId(), o.getOrderNumber(), tests);
    }

    /** What a label prints. */
    public record Labelled(String specimenId, String specimenType, String mrn, String orderNumber,
            List<String> testCodes) {
    }

    /** Completes the order once every item is released, rejected or cancelled (and not all cancelled). */
    static void completeIfNothingOpen(EntityManager em, LabOrderEntity o, String actor, long now) {
        List<String> statuses = em.createQuery("SELECT i.status FROM OrderItemEntity i WHERE i.orderId = :o",
                String.class).setParameter("o", o.getId()).getResultList();
        boolean open = statuses.stream().anyMatch(st -> !ItemStatus.FINAL.contains(ItemStatus.valueOf(st)));
        if (!open && "ACTIVE".equals(o.getStatus())) {
            o.setStatus("COMPLETED");
            OrderHistory.record(em, o.getId(), null, "COMPLETED", actor, "nothing left open", now);
        }
    }

    static void move(EntityManager em, OrderItemEntity i, ItemStatus to, String detail, String actor, long now) {
        i.setStatus(to.name());
        i.setStatusMs(now);
        OrderHistory.record(em, i.getOrderId(), i.getId(), to.name(), actor, detail, now);
    }

    private interface Step {
        void apply(EntityManager em, SpecimenEntity s, LabOrderEntity o, List<OrderItemEntity> items, String actor,
                long now);
    }

    private SpecimenDto step(String specimenId, String privilege, String verb, Step step) {
        SpecimenEntity loaded = find(specimenId);
        String patientId = jpa.call(em -> em.find(LabOrderEntity.class, loaded.getOrderId()).getPatientId());
        PatientGate.Allowed allowed = PatientGate.allow(gate(), patientId, privilege, true, "UPDATE", "lab-order");
        String actor = PatientGate.actor("system");
        try {
            return jpa.callAudited(audit, em -> {
                SpecimenEntity s = em.find(SpecimenEntity.class, loaded.getId());
                if (s.getVersion() != loaded.getVersion()) {
                    throw LabProblems.changedMeanwhile("Specimen " + s.getId());
                }
                LabOrderEntity o = em.find(LabOrderEntity.class, s.getOrderId());
                if (!"ACTIVE".equals(o.getStatus())) {
                    throw ProblemException.conflict("Order " + o.getOrderNumber() + " is " + o.getStatus()
                            .toLowerCase(Locale.ROOT) + ": its specimen cannot be " + verb);
                }
                OrderViews views = new OrderViews(em, catalogue);
                List<OrderItemEntity> items = views.items(o.getId()).stream()
                        .filter(i -> s.getId().equals(i.getSpecimenId())).toList();
                step.apply(em, s, o, items, actor, clock.getAsLong());
                em.flush();
                return views.specimen(s);
            }, d -> allowed.audit().resourceId(loaded.getOrderId()).detail("specimen " + d.id + " " + verb).build());
        } catch (ProblemException refused) {
            audit.record(allowed.audit().resourceId(loaded.getOrderId()).outcome(AuditOutcome.FAILED)
                    .detail(refused.getMessage()).build());
            throw refused;
        } catch (PersistenceException e) {
            if (OrderHistory.isOptimistic(e)) {
                ProblemException p = LabProblems.changedMeanwhile("Specimen " + loaded.getId());
                audit.record(allowed.audit().resourceId(loaded.getOrderId()).outcome(AuditOutcome.FAILED)
                        .detail(p.getMessage()).build());
                throw p;
            }
            throw e;
        }
    }

    private static void requireStatus(SpecimenEntity s, String status, String verb) {
        if (!status.equals(s.getStatus())) {
            throw ProblemException.conflict("Specimen " + s.getId() + " is " + s.getStatus().toLowerCase(Locale.ROOT)
                    + " and cannot be " + verb + " (it must be " + status.toLowerCase(Locale.ROOT) + ")");
        }
    }

    private SpecimenEntity find(String specimenId) {
        String id = LabOrders.text(specimenId);
        if (id == null) {
            throw ProblemException.notFound("Specimen", "");
        }
        String key = id.toUpperCase(Locale.ROOT);
        SpecimenEntity s = jpa.call(em -> em.find(SpecimenEntity.class, key));
        if (s == null) {
            if (key.matches("S[0-9]{10}") && !SpecimenIds.valid(key)) {
                throw ProblemException.validation("Specimen id " + key + " is misread or mistyped (its check digit "
                        + "does not match): scan the label again");
            }
            throw ProblemException.notFound("Specimen", key);
        }
        return s;
    }

}
