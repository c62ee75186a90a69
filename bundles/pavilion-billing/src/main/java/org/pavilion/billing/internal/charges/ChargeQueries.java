package org.pavilion.billing.internal.charges;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.persistence.EntityManager;
import javax.persistence.TypedQuery;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.billing.internal.access.PatientGate;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.rest.Page;
import org.pavilion.core.api.rest.ProblemException;

/**
 * The lists of /charges (one patient's, or one encounter's) and /parked-charges (billing's work list), paged, each
 * read audited per patient shown.
 */
@Component(service = ChargeQueries.class)
public class ChargeQueries {

    static final Set<String> CHARGE_STATUSES = Set.of(ChargeRows.OPEN, ChargeRows.INVOICED, ChargeRows.CANCELLED);
    static final Set<String> PARKED_STATUSES = Set.of(ChargeRows.PARKED, ChargeRows.POSTED, ChargeRows.DISCARDED);

    private final ChargeService charges;
    private final AuditService audit;

    @Activate
    public ChargeQueries(@Reference ChargeService charges, @Reference AuditService audit) {
        this.charges = charges;
        this.audit = audit;
    }

    /** GET /charges: patientId required unless encounterId; service dates from..to inclusive. */
    public Page<Charge> charges(String patientId, String encounterId, String status, String from, String to,
            int page, int size) {
        Page.validate(page, size);
        patientId = ChargeService.blankToNull(patientId);
        encounterId = ChargeService.blankToNull(encounterId);
        if (patientId == null && encounterId == null) {
            throw ProblemException.validation("patientId is required unless encounterId is given");
        }
        if (status != null && !status.isBlank() && !CHARGE_STATUSES.contains(status)) {
            throw ProblemException.validation("status is one of " + CHARGE_STATUSES + ", was " + status);
        }
        LocalDate fromDay = from == null || from.isBlank() ? null : ChargeService.date("from", from);
        LocalDate toDay = to == null || to.isBlank() ? null : ChargeService.date("to", to);
        PatientGate.Allowed allowed = patientId == null ? null
                : PatientGate.allow(charges.gate(), patientId, false, "SEARCH", ChargeService.RESOURCE);
        Map<String, Object> where = new LinkedHashMap<>();
        StringBuilder q = new StringBuilder(" FROM ChargeEntity c WHERE 1 = 1");
        if (allowed != null) {
            q.append(" AND c.patientId = :patient");
            where.put("patient", allowed.mrn());
        }
        if (encounterId != null) {
            q.append(" AND c.encounterId = :encounter");
            where.put("encounter", encounterId);
        }
        if (status != null && !status.isBlank()) {
            q.append(" AND c.status = :status");
            where.put("status", status);
        }
        if (fromDay != null) {
            q.append(" AND c.serviceDate >= :from");
            where.put("from", fromDay.toString());
        }
        if (toDay != null) {
            q.append(" AND c.serviceDate <= :to");
            where.put("to", toDay.toString());
        }
        JpaTransactions jpa = new JpaTransactions(charges.emf());
        Page<Charge> answer = jpa.call(em -> {
            List<ChargeEntity> rows = bind(em.createQuery("SELECT c" + q + " ORDER BY c.serviceDate, c.postedMs, c.id",
                    ChargeEntity.class), where).setFirstResult(page * size).setMaxResults(size).getResultList();
            return Page.of(rows.stream().map(Charge::of).toList(), page, size,
                    () -> bind(em.createQuery("SELECT COUNT(c)" + q, Long.class), where).getSingleResult());
        });
        String detail = "charges" + (encounterId != null ? " of encounter " + encounterId : "")
                + (status != null && !status.isBlank() ? " " + status : "");
        if (allowed != null) {
            audit.record(allowed.audit().detail(detail).build());
        } else {
            // An encounter's charges: each patient shown passes the gate (one patient, normally).
            Set<String> shown = new LinkedHashSet<>();
            answer.getItems().forEach(c -> shown.add(c.patientId()));
            List<AuditEvent> records = new ArrayList<>();
            for (String patient : shown) {
                records.add(PatientGate.allow(charges.gate(), patient, false, "SEARCH", ChargeService.RESOURCE)
                        .audit().detail(detail).build());
            }
            audit.recordAll(records);
        }
        return answer;
    }

    /** GET /parked-charges: billing's work list, oldest first; one audit record per patient shown. */
    public Page<ParkedCharge> parked(String status, int page, int size) {
        Page.validate(page, size);
        boolean any = status == null || status.isBlank();
        if (!any && !PARKED_STATUSES.contains(status)) {
            throw ProblemException.validation("status is one of " + PARKED_STATUSES + ", was " + status);
        }
        String q = " FROM ParkedChargeEntity p" + (any ? "" : " WHERE p.status = :status");
        Map<String, Object> where = any ? Map.of() : Map.of("status", status);
        Page<ParkedCharge> answer = new JpaTransactions(charges.emf()).call(em -> {
            List<ParkedChargeEntity> rows = bind(em.createQuery("SELECT p" + q + " ORDER BY p.receivedMs, p.id",
                    ParkedChargeEntity.class), where).setFirstResult(page * size).setMaxResults(size).getResultList();
            return Page.of(rows.stream().map(ParkedCharge::of).toList(), page, size,
                    () -> bind(em.createQuery("SELECT COUNT(p)" + q, Long.class), where).getSingleResult());
        });
        Set<String> shown = new LinkedHashSet<>();
        answer.getItems().forEach(p -> {
            if (p.patientId() != null) {
                shown.add(p.patientId());
            }
        });
        List<AuditEvent> records = new ArrayList<>();
        for (String patient : shown) {
            records.add(AuditEvent.of("SEARCH", ChargeService.RESOURCE).patientId(patient).detail("parked charges")
                    .build());
        }
        audit.recordAll(records);
        return answer;
    }

    private static <T> TypedQuery<T> bind(TypedQuery<T> q, Map<String, Object> where) {
        where.forEach(q::setParameter);
        return q;
    }

    /** For tests: the charges of a source, however many (exactly once means one). */
    static long count(EntityManager em, String sourceType, String sourceId) {
        return em.createQuery("SELECT COUNT(c) FROM ChargeEntity c WHERE c.sourceType = :t AND c.sourceId = :s",
                Long.class).setParameter("t", sourceType).setParameter("s", sourceId).getSingleResult();
    }
}
