package org.pavilion.lab.internal.result;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;

import javax.persistence.EntityManager;
import javax.persistence.LockModeType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.events.api.EventPublisher;
import org.pavilion.lab.internal.LabConfig;
import org.pavilion.lab.internal.order.ItemStatus;
import org.pavilion.lab.internal.order.LabOrderEntity;
import org.pavilion.lab.internal.order.OrderItemEntity;
import org.pavilion.lab.internal.order.SpecimenEntity;

/**
 * {@link ResultIntake} on the rules of a technician's entry ({@link ResultSteps}): the order by its number or a
 * specimen id (then only that specimen's tests), each observation's test by catalogue code or LOINC, the value
 * checked and flagged for the patient; results of a verified sender are verified and released at once. One audit
 * record per result (resource {@code lab-result}), handed back for the caller's commit.
 */
@Component(service = ResultIntake.class, configurationPid = LabConfig.PID)
public class ResultIntakeService implements ResultIntake {

    static final Set<String> SOURCES = Set.of("ANALYSER", "HL7");

    private final ResultSteps steps;
    private final LongSupplier clock;
    private volatile Results.Settings settings;

    /** The patient's sex and birth date while the EMR is installed. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile Demographics demographics;

    @Activate
    public ResultIntakeService(@Reference EventPublisher events,
            LabConfig config) {
        this(events, Results.Settings.of(config), System::currentTimeMillis);
    }

    ResultIntakeService(EventPublisher events, Results.Settings settings, LongSupplier clock) {
        this.steps = new ResultSteps(events);
        this.settings = settings;
        this.clock = clock;
    }

    @Modified
    void modified(LabConfig config) {
        this.settings = Results.Settings.of(config);
    }

    @Override
    public List<Taken> receive(EntityManager em, String orderNumberOrSpecimenId, List<Observation> observations,
            String source, String actor) {
        if (!SOURCES.contains(source)) {
            throw new IllegalArgumentException("source is ANALYSER or HL7, not " + source);
        }
        if (actor == null || actor.isBlank()) {
            throw new IllegalArgumentException("actor is required");
        }
        if (observations == null || observations.isEmpty()) {
            throw ProblemException.validation("No observations for " + orderNumberOrSpecimenId);
        }
        Target target = target(em, orderNumberOrSpecimenId);
        Demographics d = demographics;
        PatientFacts patient = d == null ? PatientFacts.UNKNOWN : d.of(target.order().getPatientId());
        Results.Settings s = settings;
        List<Taken> taken = new ArrayList<>();
        for (Observation obs : observations) {
            boolean verifiedBySender = obs.verifiedBySender();
            OrderItemEntity item = item(em, target, obs.testCode());
            TestDefinitions.Definition test = Results.definition(em, item.getTestCode());
            long now = clock.getAsLong();
            long observed = obs.observedMs() == null ? now : obs.observedMs();
            Flagging.Assessment a = Flagging.assess(test, obs.value(), obs.unit(), patient, observed);
            ResultEntity r = steps.record(em, target.order(), item, a,
                    new ResultSteps.Entry(source, actor, observed, now, obs.comment()));
            em.flush();
            if (verifiedBySender) {
                steps.verify(em, target.order(), r, actor, false, now);
                steps.release(em, target.order(), r, test.test(), actor, s.criticalEscalateMinutes(), now);
            }
            em.flush();
            taken.add(new Taken(r.getId(), item.getId(), item.getTestCode(), r.getFlag(), r.isCritical(),
                    AuditEvent.of(verifiedBySender ? "RELEASE" : "CREATE", Results.RESOURCE)
                            .patientId(target.order().getPatientId()).resourceId(r.getId())
                            .detail(source + " " + actor + ": " + ResultSteps.describe(r)
                                    + (verifiedBySender ? ", verified by the sender" : "")).build()));
        }
        return taken;
    }

    /** An order, and the tests a specimen id narrows it to (null: all of them). */
    private record Target(LabOrderEntity order, String specimenId) {
    }

    private static Target target(EntityManager em, String ref) {
        String key = ref == null ? "" : ref.strip();
        if (key.isEmpty()) {
            throw ProblemException.validation("An order number or specimen id is required");
        }
        LabOrderEntity order = em.createQuery("SELECT o FROM LabOrderEntity o WHERE o.orderNumber = :n",
                LabOrderEntity.class).setParameter("n", key).getResultList().stream().findFirst().orElse(null);
        String specimenId = null;
        if (order == null) {
            SpecimenEntity specimen = em.find(SpecimenEntity.class, key);
            if (specimen != null) {
                order = em.find(LabOrderEntity.class, specimen.getOrderId());
                specimenId = specimen.getId();
            }
        }
        if (order == null) {
            throw ProblemException.notFound("Order or specimen", key);
        }
        if ("CANCELLED".equals(order.getStatus())) {
            throw ProblemException.conflict("Order " + order.getOrderNumber() + " is cancelled: no results for it");
        }
        return new Target(order, specimenId);
    }

    /** The item of the order for a catalogue code, else for a LOINC code; a resultable one first. */
    private static OrderItemEntity item(EntityManager em, Target target, String testCode) {
        if (testCode == null || testCode.isBlank()) {
            throw Flagging.unprocessable("An observation names no test");
        }
        String code = testCode.strip();
        List<OrderItemEntity> items = em.createQuery("SELECT i FROM OrderItemEntity i WHERE i.orderId = :o",
                OrderItemEntity.class).setParameter("o", target.order().getId()).getResultList().stream()
                .filter(i -> target.specimenId() == null || target.specimenId().equals(i.getSpecimenId())).toList();
        List<OrderItemEntity> matching = items.stream().filter(i -> i.getTestCode().equals(code)).toList();
        if (matching.isEmpty()) {
            Set<String> codes = Set.copyOf(TestDefinitions.byLoinc(em, code).stream()
                    .map(TestDefinitions.Definition::code).toList());
            matching = items.stream().filter(i -> codes.contains(i.getTestCode())).toList();
        }
        if (matching.isEmpty()) {
            throw Flagging.unprocessable("Order " + target.order().getOrderNumber()
                    + (target.specimenId() == null ? "" : " (specimen " + target.specimenId() + ")")
                    + " has no test " + code);
        }
        OrderItemEntity chosen = matching.stream().filter(i -> ItemStatus.RESULTABLE.contains(
                ItemStatus.valueOf(i.getStatus()))).findFirst().orElse(matching.get(0));
        // Locked until the caller commits: a technician's entry on the same item waits, then sees this one.
        em.lock(chosen, LockModeType.PESSIMISTIC_WRITE);
        return chosen;
    }
}
