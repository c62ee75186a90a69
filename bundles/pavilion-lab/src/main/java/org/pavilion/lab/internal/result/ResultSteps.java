package org.pavilion.lab.internal.result;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import javax.persistence.EntityManager;

import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.events.api.EventPublisher;
import org.pavilion.lab.api.LabResultReleased;
import org.pavilion.lab.api.LabTestCompleted;
import org.pavilion.lab.internal.catalogue.LabTestEntity;
import org.pavilion.lab.internal.order.ItemStatus;
import org.pavilion.lab.internal.order.LabOrderEntity;
import org.pavilion.lab.internal.order.OrderHistoryEntity;
import org.pavilion.lab.internal.order.OrderItemEntity;

/**
 * The steps of a result inside the caller's transaction, the same for a technician's entry ({@link Results}) and
 * for an analyser or the LIS ({@link ResultIntakeService}): record, verify, release, correct. Each step checks where
 * the result and its item stand (409 otherwise), moves the item, writes the order's history and publishes its
 * events with the same {@code em}, so everything commits or nothing does.
 */
final class ResultSteps {

    static final String ENTERED = "ENTERED";
    static final String VERIFIED = "VERIFIED";
    static final String RELEASED = "RELEASED";

    private final EventPublisher events;
    private final CriticalRaise critical;

    ResultSteps(EventPublisher events) {
        this.events = events;
        this.critical = new CriticalRaise(events);
    }

    /** What a value is recorded with: who or what sent it and when it was observed. */
    record Entry(String source, String actor, long observedMs, long now, String comment) {
    }

    /** The order's current (not superseded) result of {@code itemId}, or null. */
    static ResultEntity current(EntityManager em, String itemId) {
        return em.createQuery("SELECT r FROM ResultEntity r WHERE r.itemId = :i AND r.superseded = false",
                ResultEntity.class).setParameter("i", itemId).getResultList().stream().findFirst().orElse(null);
    }

    /**
     * Records {@code a} on {@code item}: the item must be resultable and its order not cancelled; an ENTERED result
     * not yet verified is replaced (superseded) by this one; the item becomes RESULTED.
     */
    ResultEntity record(EntityManager em, LabOrderEntity order, OrderItemEntity item, Flagging.Assessment a,
            Entry entry) {
        if ("CANCELLED".equals(order.getStatus())) {
            throw ProblemException.conflict("Order " + order.getOrderNumber() + " is cancelled: no results for it");
        }
        ItemStatus status = ItemStatus.valueOf(item.getStatus());
        if (!ItemStatus.RESULTABLE.contains(status)) {
            throw ProblemException.conflict("Test " + item.getTestCode() + " of order " + order.getOrderNumber()
                    + " is " + words(status) + ": a result can be entered once its specimen is received and until it"
                    + " is verified" + (status == ItemStatus.RELEASED ? " (correct the released result instead)" : ""));
        }
        ResultEntity replaced = current(em, item.getId());
        if (replaced != null && !ENTERED.equals(replaced.getStatus())) {
            throw ProblemException.conflict("The result of " + item.getTestCode() + " is " + words(replaced.getStatus())
                    + " already");
        }
        ResultEntity r = new ResultEntity();
        r.setId(UUID.randomUUID().toString());
        r.setItemId(item.getId());
        r.setOrderId(order.getId());
        r.setPatientId(order.getPatientId());
        r.setTestCode(item.getTestCode());
        r.setValueText(a.valueText());
        r.setValueNum(a.valueInTestUnit());
        r.setUnit(a.unit());
        r.setEnteredValue(a.valueText().length() <= 100 ? a.valueText() : a.valueText().substring(0, 100));
        r.setEnteredUnit(a.enteredUnit());
        r.setReferenceRange(a.referenceRange());
        r.setFlag(a.flag());
        r.setCritical(a.critical());
        r.setComment(Flagging.blankToNull(entry.comment()));
        r.setSource(entry.source());
        r.setStatus(ENTERED);
        r.setSuperseded(false);
        r.setEnteredMs(entry.now());
        r.setEnteredBy(entry.actor());
        r.setObservedMs(entry.observedMs());
        if (replaced != null) {
            replaced.setSuperseded(true);
            // A repeat entry of a correction still corrects the released result.
            r.setCorrectsId(replaced.getCorrectsId());
            em.flush();
        }
        em.persist(r);
        move(item, ItemStatus.RESULTED, entry.now());
        history(em, order, item.getId(), "RESULTED", entry.actor(), entry.now(), describe(r)
                + (replaced == null ? "" : ", replaces entry " + replaced.getId()));
        return r;
    }

    /**
     * Marks {@code r} verified by {@code verifier}. With {@code fourEyes} the verifier must not be who entered it
     * (an external LIS that verified its own work passes {@code false}).
     */
    void verify(EntityManager em, LabOrderEntity order, ResultEntity r, String verifier, boolean fourEyes, long now) {
        requireCurrent(r, ENTERED, "verified");
        if (fourEyes && verifier.equals(r.getEnteredBy())) {
            throw ProblemException.conflict("The result was entered by " + verifier
                    + ": another technician must verify it");
        }
        r.setStatus(VERIFIED);
        r.setVerifiedMs(now);
        r.setVerifiedBy(verifier);
        OrderItemEntity item = item(em, r);
        move(item, ItemStatus.VERIFIED, now);
        history(em, order, item.getId(), "VERIFIED", verifier, now, describe(r));
    }

    /**
     * Releases a verified result: item RELEASED; LabResultReleased (FINAL or CORRECTED); LabTestCompleted the first
     * time the item is released only; a critical value's alert; the order COMPLETED once all its items are final.
     */
    void release(EntityManager em, LabOrderEntity order, ResultEntity r, LabTestEntity test, String actor,
            int escalateMinutes, long now) {
        requireCurrent(r, VERIFIED, "released");
        r.setStatus(RELEASED);
        r.setReleasedMs(now);
        OrderItemEntity item = item(em, r);
        move(item, ItemStatus.RELEASED, now);
        history(em, order, item.getId(), r.getCorrectsId() == null ? "RELEASED" : "RELEASED_CORRECTED", actor, now,
                describe(r));
        events.publish(em, LabResultReleased.TYPE, ResultEvents.subject(order.getId()),
                ResultEvents.released(order, r, test, actor));
        if (item.getCompletedMs() == null) {
            item.setCompletedMs(now);
            events.publish(em, LabTestCompleted.TYPE, ResultEvents.subject(order.getId()),
                    ResultEvents.completed(order, item, test, actor));
        }
        if (r.isCritical()) {
            critical.raise(em, order, r, test, escalateMinutes, now, actor);
        }
        completeOrderIfDone(em, order, actor, now);
    }

    /**
     * A correction of the released {@code old}: a new ENTERED row that corrects it, {@code old} superseded (its value
     * kept), the item back to RESULTED (and a completed order active again) until the correction is released.
     */
    ResultEntity correct(EntityManager em, LabOrderEntity order, ResultEntity old, Flagging.Assessment a, Entry entry,
            String reason) {
        requireCurrent(old, RELEASED, "corrected");
        OrderItemEntity item = item(em, old);
        if (ItemStatus.valueOf(item.getStatus()) != ItemStatus.RELEASED) {
            throw ProblemException.conflict("Test " + item.getTestCode() + " is " + words(item.getStatus())
                    + ": only a released result can be corrected");
        }
        old.setSuperseded(true);
        em.flush();
        // RESULTABLE now, as record() requires; the history row below says why.
        move(item, ItemStatus.RESULTED, entry.now());
        if ("COMPLETED".equals(order.getStatus())) {
            order.setStatus("ACTIVE");
            history(em, order, null, "ACTIVE", entry.actor(), entry.now(), "reopened: result of "
                    + item.getTestCode() + " corrected");
        }
        history(em, order, item.getId(), "CORRECTED", entry.actor(), entry.now(), "result " + old.getId() + " ("
                + describe(old) + ") corrected: " + reason);
        ResultEntity r = record(em, order, item, a, entry);
        r.setCorrectsId(old.getId());
        return r;
    }

    private void completeOrderIfDone(EntityManager em, LabOrderEntity order, String actor, long now) {
        if (!"ACTIVE".equals(order.getStatus())) {
            return;
        }
        em.flush();
        List<String> statuses = em.createQuery("SELECT i.status FROM OrderItemEntity i WHERE i.orderId = :o",
                String.class).setParameter("o", order.getId()).getResultList();
        if (statuses.stream().allMatch(s -> ItemStatus.FINAL.contains(ItemStatus.valueOf(s)))) {
            order.setStatus("COMPLETED");
            history(em, order, null, "COMPLETED", actor, now, "every test released or rejected");
        }
    }

    private static void requireCurrent(ResultEntity r, String status, String verb) {
        if (r.isSuperseded()) {
            throw ProblemException.conflict("Result " + r.getId() + " was replaced by a later one and cannot be "
                    + verb);
        }
        if (!status.equals(r.getStatus())) {
            throw ProblemException.conflict("Result " + r.getId() + " is " + words(r.getStatus())
                    + ": only a " + words(status) + " result can be " + verb);
        }
    }

    private static OrderItemEntity item(EntityManager em, ResultEntity r) {
        OrderItemEntity item = em.find(OrderItemEntity.class, r.getItemId());
        if (item == null) {
            throw new IllegalStateException("result " + r.getId() + " has no item " + r.getItemId());
        }
        return item;
    }

    private static void move(OrderItemEntity item, ItemStatus to, long now) {
        item.setStatus(to.name());
        item.setStatusMs(now);
    }

    static void history(EntityManager em, LabOrderEntity order, String targetId, String status, String actor,
            long now, String detail) {
        OrderHistoryEntity h = new OrderHistoryEntity();
        h.setId(UUID.randomUUID().toString());
        h.setOrderId(order.getId());
        h.setTargetId(targetId);
        h.setStatus(status);
        h.setAtMs(now);
        h.setActor(actor);
        h.setDetail(detail == null || detail.length() <= 1000 ? detail : detail.substring(0, 997) + "...");
        em.persist(h);
    }

    /** "K 7.1 mmol/L HH" as history rows and audit details name a result. */
    static String describe(ResultEntity r) {
        String value = r.getValueNum() != null ? ResultDto.plain(r.getValueNum()) : r.getValueText();
        if (value.length() > 60) {
            value = value.substring(0, 60) + "...";
        }
        return r.getTestCode() + " " + value + (r.getUnit() == null ? "" : " " + r.getUnit())
                + (r.getFlag() == null ? "" : " " + r.getFlag());
    }

    private static String words(Object status) {
        return String.valueOf(status).toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
