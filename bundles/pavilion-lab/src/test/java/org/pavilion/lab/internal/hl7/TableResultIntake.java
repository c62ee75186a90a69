package org.pavilion.lab.internal.hl7;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.persistence.EntityManager;

import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.lab.internal.catalogue.LabTestEntity;
import org.pavilion.lab.internal.catalogue.ReferenceRangeEntity;
import org.pavilion.lab.internal.catalogue.TestUnitEntity;
import org.pavilion.lab.internal.order.ItemStatus;
import org.pavilion.lab.internal.order.LabOrderEntity;
import org.pavilion.lab.internal.order.OrderItemEntity;
import org.pavilion.lab.internal.order.SpecimenEntity;
import org.pavilion.lab.internal.result.ResultEntity;
import org.pavilion.lab.internal.result.ResultIntake;

/**
 * A small real {@link ResultIntake} over the laboratory's tables, standing in for the results part (built in
 * parallel) in the handler's tests: it finds the order and item, refuses as the contract says (404, 409, 422 with
 * {@link ResultIntake#REFUSED}), flags against the one range the tests seed and writes {@code lab_result} rows in the
 * caller's transaction.
 */
final class TableResultIntake implements ResultIntake {

    @Override
    public List<Taken> receive(EntityManager em, String key, List<Observation> observations, String source,
            String actor) {
        List<LabOrderEntity> orders = em.createQuery("SELECT o FROM LabOrderEntity o WHERE o.orderNumber = :n",
                LabOrderEntity.class).setParameter("n", key).getResultList();
        LabOrderEntity order = orders.isEmpty() ? null : orders.get(0);
        if (order == null) {
            SpecimenEntity s = em.find(SpecimenEntity.class, key);
            order = s == null ? null : em.find(LabOrderEntity.class, s.getOrderId());
        }
        if (order == null) {
            throw refused(404, "order", "order or specimen " + key + " does not exist");
        }
        if ("CANCELLED".equals(order.getStatus())) {
            throw refused(409, "order", "order " + order.getOrderNumber() + " is cancelled");
        }
        List<Taken> taken = new ArrayList<>();
        for (Observation o : observations) {
            LabTestEntity test = em.find(LabTestEntity.class, o.testCode());
            if (test == null) {
                List<LabTestEntity> byLoinc = em.createQuery("SELECT t FROM LabTestEntity t WHERE t.loinc = :l",
                        LabTestEntity.class).setParameter("l", o.testCode()).getResultList();
                test = byLoinc.isEmpty() ? null : byLoinc.get(0);
            }
            String code = test == null ? o.testCode() : test.getCode();
            List<OrderItemEntity> items = em.createQuery("SELECT i FROM OrderItemEntity i WHERE i.orderId = :o AND "
                    + "i.testCode = :c", OrderItemEntity.class).setParameter("o", order.getId())
                    .setParameter("c", code).getResultList();
            if (test == null || items.isEmpty()) {
                throw refused(404, "testCode", "test " + o.testCode() + " is not ordered on " + order.getOrderNumber());
            }
            OrderItemEntity item = items.get(0);
            if (!ItemStatus.RESULTABLE.contains(ItemStatus.valueOf(item.getStatus()))) {
                throw refused(409, "item", "test " + code + " is " + item.getStatus() + ": not resultable");
            }
            BigDecimal number = null;
            String flag = null;
            boolean critical = false;
            if ("NUMERIC".equals(test.getResultType())) {
                try {
                    number = new BigDecimal(o.value());
                } catch (NumberFormatException e) {
                    throw refused(422, "value", "'" + o.value() + "' is not a number for " + code);
                }
                number = number.multiply(factor(em, test, o.unit()), MathContext.DECIMAL64);
                ReferenceRangeEntity r = em.createQuery("SELECT r FROM ReferenceRangeEntity r WHERE r.testCode = :c",
                        ReferenceRangeEntity.class).setParameter("c", code).getResultList().get(0);
                flag = below(number, r.getCriticalLow()) ? "LL" : above(number, r.getCriticalHigh()) ? "HH"
                        : below(number, r.getLow()) ? "L" : above(number, r.getHigh()) ? "H" : "N";
                critical = flag.length() == 2;
            }
            long now = System.currentTimeMillis();
            ResultEntity result = new ResultEntity();
            result.setId(UUID.randomUUID().toString());
            result.setItemId(item.getId());
            result.setOrderId(order.getId());
            result.setPatientId(order.getPatientId());
            result.setTestCode(code);
            result.setValueNum(number);
            result.setValueText(number == null ? o.value() : number.toPlainString());
            result.setUnit(test.getUnit());
            result.setEnteredValue(o.value());
            result.setEnteredUnit(o.unit());
            result.setFlag(flag);
            result.setCritical(critical);
            result.setComment(o.comment());
            result.setSource(source);
            result.setStatus(o.verifiedBySender() ? "RELEASED" : "ENTERED");
            result.setEnteredMs(now);
            result.setEnteredBy(actor);
            if (o.verifiedBySender()) {
                result.setVerifiedMs(now);
                result.setVerifiedBy(actor);
                result.setReleasedMs(now);
            }
            result.setObservedMs(o.observedMs() == null ? now : o.observedMs());
            em.persist(result);
            item.setStatus(o.verifiedBySender() ? "RELEASED" : "RESULTED");
            item.setStatusMs(now);
            taken.add(new Taken(result.getId(), item.getId(), code, flag, critical,
                    AuditEvent.of("CREATE", "lab-result").patientId(order.getPatientId()).resourceId(result.getId()).build()));
        }
        return taken;
    }

    private static BigDecimal factor(EntityManager em, LabTestEntity test, String unit) {
        if (unit == null || unit.equals(test.getUnit())) {
            return BigDecimal.ONE;
        }
        TestUnitEntity u = em.find(TestUnitEntity.class, new TestUnitEntity.Key(test.getCode(), unit));
        if (u == null) {
            throw refused(422, "unit", "unit " + unit + " is not one " + test.getCode() + " accepts");
        }
        return u.getFactor();
    }

    private static boolean below(BigDecimal v, BigDecimal limit) {
        return limit != null && v.compareTo(limit) < 0;
    }

    private static boolean above(BigDecimal v, BigDecimal limit) {
        return limit != null && v.compareTo(limit) > 0;
    }

    private static ProblemException refused(int status, String what, String detail) {
        return new ProblemException(status, status == 404 ? "not-found" : status == 409 ? "conflict" : "validation",
                "Refused", detail, Map.of(REFUSED, what));
    }
}
