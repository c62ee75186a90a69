package org.pavilion.lab.internal.reading;

import java.math.BigDecimal;
import java.util.List;

import javax.persistence.EntityManagerFactory;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditOutcome;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.rest.Page;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.lab.internal.access.PatientGate;
import org.pavilion.lab.internal.catalogue.LabTestEntity;
import org.pavilion.lab.internal.catalogue.ReferenceRangeEntity;
import org.pavilion.lab.internal.result.Demographics;
import org.pavilion.lab.internal.result.PatientFacts;
import org.pavilion.lab.internal.result.ReferenceRanges;
import org.pavilion.lab.internal.result.ResultDto;
import org.pavilion.lab.internal.result.ResultEntity;

/**
 * One patient's released results as the chart, the portal and integrators read them, always through the
 * {@link PatientGate} (a restricted record needs the glass broken; a patient account reads its own record only)
 * and always audited against the patient.
 */
@Component(service = PatientResults.class)
public class PatientResults {

    /** The staff privilege of the chart's results and trends. */
    public static final String VIEW = "lab.result.view";
    static final String RESOURCE = "lab-result";
    static final String NEWEST_FIRST = "r.observedMs DESC, r.id DESC";

    /** What to read: a patient, optionally one test (code or LOINC) and an observation window. */
    public record Query(String mrn, String test, ReadingDates.Window window, String breakGlassReason) {
    }

    private final JpaTransactions jpa;
    private final AuditService audit;
    private final PatientGate withoutEmr;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile PatientGate gate;

    /** The patient's sex and birth date for the range that applies (the EMR's, as the flags use them). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile Demographics demographics;

    @Activate
    public PatientResults(@Reference(target = "(osgi.unit.name=pavilion-lab)") EntityManagerFactory emf,
            @Reference AuditService audit) {
        this(emf, audit, null);
    }

    /** For tests: tables migrated by the caller, {@code gate} null for the department's rule without the EMR. */
    public PatientResults(EntityManagerFactory emf, AuditService audit, PatientGate gate) {
        this(emf, audit, gate, null);
    }

    /** For tests: also the patients' sex and birth date ({@code demographics} null: unknown, as without the EMR). */
    public PatientResults(EntityManagerFactory emf, AuditService audit, PatientGate gate, Demographics demographics) {
        this.demographics = demographics;
        this.jpa = new JpaTransactions(emf);
        this.audit = audit;
        this.withoutEmr = PatientGate.withoutEmr(audit);
        this.gate = gate;
    }

    private PatientGate gate() {
        PatientGate g = gate;
        return g != null ? g : withoutEmr;
    }

    /** A page of released results, newest observation first, each with the values it corrected. */
    public Page<ChartResult> results(Query q, String staffPrivilege, int page, int size) {
        Page.validate(page, size);
        PatientGate.Allowed allowed = allow(q, staffPrivilege, "SEARCH");
        Page<ChartResult> result = jpa.call(em -> {
            String code = q.test() == null ? null : ReleasedRows.test(em, q.test()).getCode();
            Page<ResultEntity> found = rows(em, allowed.mrn(), code, q.window()).page(NEWEST_FIRST, page, size);
            ReleasedRows.Views views = new ReleasedRows.Views(em, found.getItems());
            List<ChartResult> items = found.getItems().stream().map(views::chart).toList();
            return new Page<>(items, page, size, found.getTotal());
        });
        audit.record(allowed.audit().detail(glass(q) + describe(q) + " page " + page + ": " + result.getItems().size() + " of "
                + result.getTotal()).build());
        return result;
    }

    /** Every released result matching {@code q}, newest first (SOAP's findResults, which has no paging). */
    public List<ResultDto> all(Query q, String staffPrivilege) {
        PatientGate.Allowed allowed = allow(q, staffPrivilege, "SEARCH");
        List<ResultDto> result = jpa.call(em -> {
            String code = q.test() == null ? null : ReleasedRows.test(em, q.test()).getCode();
            List<ResultEntity> found = rows(em, allowed.mrn(), code, q.window()).list(NEWEST_FIRST, 0, 0);
            ReleasedRows.Views views = new ReleasedRows.Views(em, found);
            return found.stream().map(views::dto).toList();
        });
        audit.record(allowed.audit().detail(glass(q) + describe(q) + ": " + result.size()).build());
        return result;
    }

    /** The patient's own released results, for a patient's portal account only (it names no patient). */
    public Page<ChartResult> own(int page, int size) {
        String mrn = PatientGate.ownPatient().orElseThrow(() -> {
            String reason = "only a patient's own account has results of its own";
            audit.record(AuditEvent.of("SEARCH", RESOURCE).outcome(AuditOutcome.DENIED).detail(reason).build());
            return ProblemException.forbidden(reason);
        });
        return results(new Query(mrn, null, new ReadingDates.Window(null, null), null), PatientGate.OWN, page, size);
    }

    /** A numeric test's released values over time, oldest first, in the test's unit. */
    public Trend trend(String mrn, String test, String breakGlassReason) {
        if (test == null || test.isBlank()) {
            throw ProblemException.validation("test is required for a trend");
        }
        Query q = new Query(mrn, test.strip(), new ReadingDates.Window(null, null), breakGlassReason);
        PatientGate.Allowed allowed = allow(q, VIEW, "SEARCH");
        Demographics d = demographics;
        PatientFacts known = d == null ? null : d.of(allowed.mrn());
        Trend trend = jpa.call(em -> {
            LabTestEntity t = ReleasedRows.test(em, q.test());
            if (!"NUMERIC".equals(t.getResultType())) {
                throw ProblemException.validation("a trend needs a numeric test; " + t.getCode() + " is "
                        + t.getResultType());
            }
            Trend tr = new Trend();
            tr.patientId = allowed.mrn();
            tr.testCode = t.getCode();
            tr.testName = t.getName();
            tr.unit = t.getUnit();
            List<ResultEntity> found = rows(em, allowed.mrn(), t.getCode(), q.window())
                    .list("r.observedMs, r.id", 0, 0);
            for (ResultEntity r : found) {
                if (r.getValueNum() == null) {
                    continue; // a numeric test's result without a number (e.g. "haemolysed") has no place on a line
                }
                Trend.Point p = new Trend.Point();
                p.at = java.time.Instant.ofEpochMilli(r.getObservedMs()).toString();
                p.value = ResultDto.plain(r.getValueNum());
                p.flag = r.getFlag();
                p.corrected = r.getCorrectsId() != null;
                tr.points.add(p);
                tr.referenceRange = r.getReferenceRange();
            }
            List<ReferenceRangeEntity> ranges = em.createQuery("SELECT g FROM ReferenceRangeEntity g "
                    + "WHERE g.testCode = :code ORDER BY g.id", ReferenceRangeEntity.class)
                    .setParameter("code", t.getCode()).getResultList();
            // The range the flags use (ReferenceRanges), for the latest point; without the EMR every range.
            long on = found.isEmpty() ? System.currentTimeMillis() : found.get(found.size() - 1).getObservedMs();
            if (known == null) {
                ranges.forEach(g -> tr.ranges.add(range(g)));
            } else {
                ReferenceRanges.mostSpecific(ranges, known, on).ifPresent(g -> tr.ranges.add(range(g)));
            }
            return tr;
        });
        audit.record(allowed.audit().detail(glass(q) + "trend " + trend.testCode + ": " + trend.points.size() + " points")
                .build());
        return trend;
    }

    private PatientGate.Allowed allow(Query q, String staffPrivilege, String action) {
        if (q.mrn() == null || q.mrn().isBlank()) {
            throw ProblemException.validation("a patient MRN is required");
        }
        String reason = q.breakGlassReason() == null || q.breakGlassReason().isBlank() ? null
                : q.breakGlassReason().strip();
        return PatientGate.allow(gate(), q.mrn().strip(), staffPrivilege, false, action, RESOURCE, reason);
    }

    private static ReleasedRows rows(javax.persistence.EntityManager em, String mrn, String code,
            ReadingDates.Window w) {
        return new ReleasedRows(em).patient(mrn).test(code).observedFrom(w.fromMs()).observedBefore(w.toMsExclusive());
    }

    /**
     * The clinician's break-the-glass reason leads the detail: the gate's allowance carries it (with the emergency
     * flag) in its own detail, which the work's detail replaces.
     */
    private static String glass(Query q) {
        String reason = q.breakGlassReason() == null || q.breakGlassReason().isBlank() ? null
                : q.breakGlassReason().strip();
        return reason == null ? "" : "break-the-glass: " + reason + "; ";
    }

    private static String describe(Query q) {
        return "results" + (q.test() == null ? "" : " test " + q.test())
                + (q.window().fromMs() == null ? "" : " from " + java.time.Instant.ofEpochMilli(q.window().fromMs()))
                + (q.window().toMsExclusive() == null ? ""
                        : " to " + java.time.Instant.ofEpochMilli(q.window().toMsExclusive() - 1));
    }

    private static Trend.Range range(ReferenceRangeEntity g) {
        Trend.Range r = new Trend.Range();
        r.sex = g.getSex();
        r.ageMinDays = g.getAgeMinDays();
        r.ageMaxDays = g.getAgeMaxDays();
        r.low = plain(g.getLow());
        r.high = plain(g.getHigh());
        r.criticalLow = plain(g.getCriticalLow());
        r.criticalHigh = plain(g.getCriticalHigh());
        return r;
    }

    private static String plain(BigDecimal v) {
        return v == null ? null : ResultDto.plain(v);
    }
}
