package org.pavilion.lab.internal.result;

import java.util.Set;
import java.util.function.LongSupplier;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.LockModeType;
import javax.persistence.LockTimeoutException;
import javax.persistence.OptimisticLockException;
import javax.persistence.PersistenceException;
import javax.persistence.PessimisticLockException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.pavilion.core.api.audit.AuditOutcome;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.events.api.EventPublisher;
import org.pavilion.lab.internal.LabConfig;
import org.pavilion.lab.internal.access.PatientGate;
import org.pavilion.lab.internal.catalogue.LabTestEntity;
import org.pavilion.lab.internal.order.LabOrderEntity;
import org.pavilion.lab.internal.order.OrderItemEntity;

/**
 * A technician's work on results: enter (flagged as typed), verify (by another technician), release, correct. Each
 * call is one transaction holding the result, its item, the order's history and the events; the patient is checked
 * through the {@link PatientGate} first and the outcome audited after (resource {@code lab-result}). Changes re-read
 * the row and rely on its version, so two technicians verifying one result end with one verification and a 409.
 */
// No @Designate: LabConfig's own pid designates it.
@Component(service = Results.class, configurationPid = LabConfig.PID)
public class Results {

    static final String RESOURCE = "lab-result";
    public static final String ENTER = "lab.result.enter";
    static final String VERIFY = "lab.result.verify";

    /** The configuration a step reads, swapped whole on {@code @Modified}. */
    record Settings(boolean releaseOnVerify, int criticalEscalateMinutes) {
        static Settings of(LabConfig c) {
            return new Settings(c.releaseOnVerify(), c.criticalEscalateMinutes());
        }
    }

    /** What {@code GET /flag} answers while a value is typed. */
    public record FlagAnswer(String flag, boolean critical, String referenceRange, String valueInTestUnit) {
    }

    private final JpaTransactions jpa;
    private final AuditService audit;
    private final ResultSteps steps;
    private final PatientGate withoutEmr;
    private final LongSupplier clock;
    private volatile Settings settings;

    /** The EMR's access rules while it is installed. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile PatientGate gate;

    /** The patient's sex and birth date while the EMR is installed (EmrDemographics). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile Demographics demographics;

    @Activate
    public Results(@Reference(target = "(osgi.unit.name=pavilion-lab)") EntityManagerFactory emf,
            @Reference AuditService audit, @Reference EventPublisher events, LabConfig config) {
        this(emf, audit, events, Settings.of(config), System::currentTimeMillis);
    }

    Results(EntityManagerFactory emf, AuditService audit, EventPublisher events, Settings settings,
            LongSupplier clock) {
        this.jpa = new JpaTransactions(emf);
        this.audit = audit;
        this.steps = new ResultSteps(events);
        this.withoutEmr = PatientGate.withoutEmr(audit);
        this.clock = clock;
        this.settings = settings;
    }

    @Modified
    void modified(LabConfig config) {
        this.settings = Settings.of(config);
    }

    private PatientGate gate() {
        PatientGate g = gate;
        return g != null ? g : withoutEmr;
    }

    private PatientFacts facts(String mrn) {
        Demographics d = demographics;
        return d == null || mrn == null ? PatientFacts.UNKNOWN : d.of(mrn);
    }

    // ------------------------------------------------------------------------------------------ entry

    /** Enters a value for an item (201 ENTERED, flagged); a second entry before verification replaces the first. */
    public ResultDto enter(String itemId, String value, String unit, String comment) {
        requireText(comment, "comment", 2000);
        OrderItemEntity loaded = jpa.call(em -> em.find(OrderItemEntity.class, itemId));
        if (loaded == null) {
            throw ProblemException.notFound("Item", itemId);
        }
        LabOrderEntity order = jpa.call(em -> em.find(LabOrderEntity.class, loaded.getOrderId()));
        PatientGate.Allowed allowed = PatientGate.allow(gate(), order.getPatientId(), ENTER, true, "CREATE",
                RESOURCE);
        PatientFacts patient = facts(order.getPatientId());
        String actor = PatientGate.actor("system");
        return step(allowed, itemId, em -> {
            OrderItemEntity item = em.find(OrderItemEntity.class, itemId, LockModeType.PESSIMISTIC_WRITE);
            LabOrderEntity o = em.find(LabOrderEntity.class, item.getOrderId());
            TestDefinitions.Definition test = definition(em, item.getTestCode());
            long now = clock.getAsLong();
            Flagging.Assessment a = Flagging.assess(test, value, unit, patient, now);
            ResultEntity r = steps.record(em, o, item, a,
                    new ResultSteps.Entry("MANUAL", actor, now, now, comment));
            em.flush();
            return ResultDto.of(r, test.test(), o);
        }, "entered");
    }

    /** Verifies another technician's result; releases it too when {@code releaseOnVerify}. */
    public ResultDto verify(String resultId) {
        return change(resultId, VERIFY, "VERIFY", (em, r, o, actor, now) -> {
            Settings s = settings;
            steps.verify(em, o, r, actor, true, now);
            if (s.releaseOnVerify()) {
                steps.release(em, o, r, test(em, r), actor, s.criticalEscalateMinutes(), now);
            }
        }, "verified");
    }

    /** Releases a verified result (the separate step when {@code releaseOnVerify} is off). */
    public ResultDto release(String resultId) {
        return change(resultId, VERIFY, "RELEASE", (em, r, o, actor, now) ->
                steps.release(em, o, r, test(em, r), actor, settings.criticalEscalateMinutes(), now), "released");
    }

    /** Corrects a released result: 201 the new ENTERED result, verified and released again like any other. */
    public ResultDto correct(String resultId, String value, String unit, String comment, String reason) {
        if (reason == null || reason.isBlank()) {
            throw ProblemException.validation("A reason is required to correct a released result");
        }
        requireText(reason, "reason", 500);
        requireText(comment, "comment", 2000);
        ResultEntity loaded = load(resultId);
        PatientGate.Allowed allowed = PatientGate.allow(gate(), loaded.getPatientId(), ENTER, true, "UPDATE",
                RESOURCE);
        PatientFacts patient = facts(loaded.getPatientId());
        String actor = PatientGate.actor("system");
        return step(allowed, resultId, em -> {
            ResultEntity old = current(em, loaded);
            LabOrderEntity o = em.find(LabOrderEntity.class, old.getOrderId());
            TestDefinitions.Definition test = definition(em, old.getTestCode());
            long now = clock.getAsLong();
            Flagging.Assessment a = Flagging.assess(test, value, unit, patient, now);
            ResultEntity r = steps.correct(em, o, old, a, new ResultSteps.Entry("MANUAL", actor, now, now, comment),
                    reason.strip());
            em.flush();
            return ResultDto.of(r, test.test(), o);
        }, "corrected: " + reason.strip());
    }

    // ------------------------------------------------------------------------------------------ flag as you type

    /** The flag {@code value} would get, for the patient when named (their sex and age), else for anyone. */
    public FlagAnswer flag(String testCode, String value, String unit, String patientId) {
        if (testCode == null || testCode.isBlank()) {
            throw ProblemException.validation("test is required");
        }
        PatientFacts patient = PatientFacts.UNKNOWN;
        if (patientId != null && !patientId.isBlank()) {
            PatientGate.Allowed allowed = PatientGate.allow(gate(), patientId.strip(), ENTER, false, "READ",
                    RESOURCE);
            patient = facts(allowed.mrn());
            audit.record(allowed.audit().detail("reference range for " + testCode.strip()).build());
        }
        PatientFacts facts = patient;
        return jpa.call(em -> {
            Flagging.Assessment a = Flagging.assess(definition(em, testCode), value, unit, facts,
                    clock.getAsLong());
            return new FlagAnswer(a.flag(), a.critical(), a.referenceRange(),
                    a.valueInTestUnit() == null ? null : ResultDto.plain(a.valueInTestUnit()));
        });
    }

    // ------------------------------------------------------------------------------------------ plumbing

    @FunctionalInterface
    private interface Change {
        void apply(EntityManager em, ResultEntity r, LabOrderEntity order, String actor, long now);
    }

    private ResultDto change(String resultId, String privilege, String auditAction, Change change, String done) {
        ResultEntity loaded = load(resultId);
        PatientGate.Allowed allowed = PatientGate.allow(gate(), loaded.getPatientId(), privilege, true, auditAction,
                RESOURCE);
        String actor = PatientGate.actor("system");
        return step(allowed, resultId, em -> {
            ResultEntity r = current(em, loaded);
            LabOrderEntity o = em.find(LabOrderEntity.class, r.getOrderId());
            change.apply(em, r, o, actor, clock.getAsLong());
            em.flush();
            return ResultDto.of(r, test(em, r), o);
        }, done);
    }

    /** Runs one step's transaction; audits it; a version clash (someone else was quicker) is a 409. */
    private ResultDto step(PatientGate.Allowed allowed, String targetId, java.util.function.Function<EntityManager,
            ResultDto> work, String done) {
        try {
            return jpa.callAudited(audit, work, d -> {
                String value = d.value.length() <= 60 ? d.value : d.value.substring(0, 60) + "...";
                return allowed.audit().resourceId(d.id).detail(done + ": " + d.testCode + " " + value
                        + (d.unit == null ? "" : " " + d.unit) + (d.flag == null ? "" : " " + d.flag)).build();
            });
        } catch (ProblemException refused) {
            audit.record(allowed.audit().resourceId(targetId).outcome(AuditOutcome.FAILED)
                    .detail(refused.getMessage()).build());
            throw refused;
        } catch (PersistenceException failed) {
            if (!isOptimisticFailure(failed)) {
                throw failed;
            }
            ProblemException clash = changedMeanwhile();
            audit.record(allowed.audit().resourceId(targetId).outcome(AuditOutcome.FAILED).detail(clash.getMessage())
                    .build());
            throw clash;
        }
    }

    private ResultEntity load(String resultId) {
        ResultEntity r = resultId == null ? null : jpa.call(em -> em.find(ResultEntity.class, resultId));
        if (r == null) {
            throw ProblemException.notFound("Result", resultId);
        }
        return r;
    }

    /**
     * The row again in this transaction, locked until it commits, as it was when the request read it (else someone
     * changed it). The lock, not only the version, keeps two verifiers apart: OpenJPA reads optimistically on
     * connections of their own until it flushes, and H2 lets a waiting UPDATE through once the row it waited for
     * has committed.
     */
    private static ResultEntity current(EntityManager em, ResultEntity loaded) {
        // The item first, as an entry locks it: an entry and a verification of one item queue, never deadlock.
        em.find(OrderItemEntity.class, loaded.getItemId(), LockModeType.PESSIMISTIC_WRITE);
        ResultEntity r = em.find(ResultEntity.class, loaded.getId(), LockModeType.PESSIMISTIC_WRITE);
        if (r == null || r.getVersion() != loaded.getVersion()) {
            throw changedMeanwhile();
        }
        return r;
    }

    static TestDefinitions.Definition definition(EntityManager em, String code) {
        return TestDefinitions.byCode(em, code).orElseThrow(() -> Flagging.unprocessable(
                "Unknown test code " + code));
    }

    private static LabTestEntity test(EntityManager em, ResultEntity r) {
        return em.find(LabTestEntity.class, r.getTestCode());
    }

    private static void requireText(String s, String field, int max) {
        if (s != null && s.length() > max) {
            throw ProblemException.validation(field + " is at most " + max + " characters");
        }
    }

    static ProblemException changedMeanwhile() {
        return ProblemException.conflict("The result was changed by someone else meanwhile: reload it");
    }

    /**
     * A version clash at commit, or the database giving up on a row another transaction holds (H2 and PostgreSQL
     * lock timeouts, serialization failures, H2's concurrent update): in each someone else was quicker.
     */
    static boolean isOptimisticFailure(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof OptimisticLockException || c instanceof PessimisticLockException
                    || c instanceof LockTimeoutException) {
                return true;
            }
            if (c instanceof java.sql.SQLException sql && Set.of("HYT00", "40001", "40P01", "90131")
                    .contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
