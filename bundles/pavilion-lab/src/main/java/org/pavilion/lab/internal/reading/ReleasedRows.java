package org.pavilion.lab.internal.reading;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.persistence.EntityManager;
import javax.persistence.TypedQuery;

import org.pavilion.core.api.rest.Page;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.lab.internal.catalogue.LabTestEntity;
import org.pavilion.lab.internal.order.LabOrderEntity;
import org.pavilion.lab.internal.result.ResultDto;
import org.pavilion.lab.internal.result.ResultEntity;

/**
 * The rows doctors and patients may see: for each item its latest released result. A correction supersedes its
 * original when it is entered, but replaces it for readers only once it is released itself (until then the doctor
 * keeps seeing the released value); the original stays in the correction's history. One query shape for every reader, and the mapping to the Result DTO
 * with the tests and orders of a page loaded once.
 */
final class ReleasedRows {

    /** JPQL condition on {@code r} (a ResultEntity); needs {@link #bindShown}. */
    static final String SHOWN = "r.status = :released AND NOT EXISTS (SELECT n FROM ResultEntity n"
            + " WHERE n.correctsId = r.id AND n.status = :released)";

    private final EntityManager em;
    private final StringBuilder where = new StringBuilder(" WHERE " + SHOWN);
    private final Map<String, Object> params = new LinkedHashMap<>();
    private String from = "ResultEntity r";

    ReleasedRows(EntityManager em) {
        this.em = em;
        bindShown(params);
    }

    static void bindShown(Map<String, Object> params) {
        params.put("released", "RELEASED");
    }

    ReleasedRows patient(String mrn) {
        return and("r.patientId = :patient", "patient", mrn);
    }

    ReleasedRows test(String code) {
        return code == null ? this : and("r.testCode = :test", "test", code);
    }

    ReleasedRows observedFrom(Long ms) {
        return ms == null ? this : and("r.observedMs >= :fromMs", "fromMs", ms);
    }

    ReleasedRows observedBefore(Long ms) {
        return ms == null ? this : and("r.observedMs < :toMs", "toMs", ms);
    }

    /** Results of orders placed by {@code username}. */
    ReleasedRows orderedBy(String username) {
        from = "ResultEntity r, LabOrderEntity o";
        where.append(" AND r.orderId = o.id");
        return and("o.orderingDoctor = :doctor", "doctor", username);
    }

    /** Critical results whose alert nobody has acknowledged yet. */
    ReleasedRows unacknowledgedCritical() {
        where.append(" AND r.critical = :critical AND EXISTS (SELECT a FROM CriticalAlertEntity a"
                + " WHERE a.resultId = r.id AND a.acknowledgedMs IS NULL)");
        params.put("critical", true);
        return this;
    }

    private ReleasedRows and(String condition, String name, Object value) {
        where.append(" AND ").append(condition);
        params.put(name, value);
        return this;
    }

    /** One page in {@code order} (a JPQL ORDER BY list on {@code r}). */
    Page<ResultEntity> page(String order, int page, int size) {
        return Page.of(list(order, page * size, size), page, size, () -> {
            TypedQuery<Long> count = em.createQuery("SELECT COUNT(r) FROM " + from + where, Long.class);
            params.forEach(count::setParameter);
            return count.getSingleResult();
        });
    }

    /** Every row (or the first {@code max}, when max > 0) in {@code order}. */
    List<ResultEntity> list(String order, int first, int max) {
        TypedQuery<ResultEntity> rows = em.createQuery("SELECT r FROM " + from + where + " ORDER BY " + order,
                ResultEntity.class);
        params.forEach(rows::setParameter);
        rows.setFirstResult(first);
        if (max > 0) {
            rows.setMaxResults(max);
        }
        return rows.getResultList();
    }

    /** The catalogue entry for a code or a LOINC a reader typed; 404 when neither names a test. */
    static LabTestEntity test(EntityManager em, String codeOrLoinc) {
        LabTestEntity t = em.find(LabTestEntity.class, codeOrLoinc);
        if (t == null) {
            t = em.createQuery("SELECT t FROM LabTestEntity t WHERE t.loinc = :loinc ORDER BY t.code",
                    LabTestEntity.class).setParameter("loinc", codeOrLoinc).setMaxResults(1).getResultList()
                    .stream().findFirst().orElse(null);
        }
        if (t == null) {
            throw ProblemException.notFound("Test", codeOrLoinc);
        }
        return t;
    }

    /** DTOs of rows, with the tests and orders they name read once per page. */
    static final class Views {
        private final EntityManager em;
        private final Map<String, LabTestEntity> tests = new HashMap<>();
        private final Map<String, LabOrderEntity> orders = new HashMap<>();

        Views(EntityManager em, List<ResultEntity> rows) {
            this.em = em;
            Set<String> codes = new HashSet<>();
            Set<String> orderIds = new HashSet<>();
            rows.forEach(r -> {
                codes.add(r.getTestCode());
                orderIds.add(r.getOrderId());
            });
            if (!codes.isEmpty()) {
                em.createQuery("SELECT t FROM LabTestEntity t WHERE t.code IN :codes", LabTestEntity.class)
                        .setParameter("codes", new ArrayList<>(codes)).getResultList()
                        .forEach(t -> tests.put(t.getCode(), t));
                em.createQuery("SELECT o FROM LabOrderEntity o WHERE o.id IN :ids", LabOrderEntity.class)
                        .setParameter("ids", new ArrayList<>(orderIds)).getResultList()
                        .forEach(o -> orders.put(o.getId(), o));
            }
        }

        ResultDto dto(ResultEntity r) {
            return ResultDto.of(r, tests.get(r.getTestCode()), orders.get(r.getOrderId()));
        }

        /** The result with the ones it corrects, followed back through the chain of corrections. */
        ChartResult chart(ResultEntity r) {
            ChartResult c = ChartResult.of(dto(r));
            Set<String> seen = new HashSet<>();
            String previous = r.getCorrectsId();
            while (previous != null && seen.add(previous)) {
                ResultEntity p = em.find(ResultEntity.class, previous);
                if (p == null) {
                    break;
                }
                c.history.add(dto(p));
                previous = p.getCorrectsId();
            }
            return c;
        }
    }
}
