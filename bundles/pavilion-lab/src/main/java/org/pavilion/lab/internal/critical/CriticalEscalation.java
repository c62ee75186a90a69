package org.pavilion.lab.internal.critical;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.PersistenceException;

import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.security.Caller;
import org.pavilion.events.api.EventPublisher;
import org.pavilion.lab.api.CriticalLabResult;
import org.pavilion.lab.internal.LabConfig;
import org.pavilion.lab.internal.order.LabOrderEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of the escalation of unacknowledged critical results, without Camel (the route only calls {@link #run}).
 * An alert past its {@code escalate_at} moves one level: 0 (ordering doctor) to 1 (the on-call doctor; with none
 * configured straight to 2), 1 to 2 (the head of department). Level 2 is the last: once its time has passed too, a
 * warning is logged and {@code escalate_at} cleared, so it is logged once. Each step is one transaction per alert:
 * the version-checked update (two containers or threads never escalate an alert twice: the second fails the check
 * and leaves it), the order's history row, the {@link CriticalLabResult} event with the new level and whom to
 * notify, and the ESCALATE audit record (actor {@code system}), written with the commit.
 */
public class CriticalEscalation {

    /** Who the history rows, events and audit records name as acting. */
    static final String ACTOR = "system";
    /** The audit trail's actor: the container itself, with no privilege of its own. */
    static final Caller SYSTEM = Caller.inContainer(ACTOR, Set.of(), "local");

    private static final Logger LOG = LoggerFactory.getLogger(CriticalEscalation.class);

    /** What one run uses, taken from {@link LabConfig} when it changes. */
    public record Settings(int escalateMinutes, String onCall, String head, int batch) {

        public Settings {
            escalateMinutes = Math.max(1, escalateMinutes);
            onCall = onCall == null ? "" : onCall.strip();
            head = head == null ? "" : head.strip();
            batch = Math.max(1, batch);
        }

        static Settings of(LabConfig config, int batch) {
            return new Settings(config.criticalEscalateMinutes(), config.criticalOnCall(), config.criticalHead(),
                    batch);
        }

        long escalateMs() {
            return escalateMinutes * 60_000L;
        }
    }

    /** One escalation made. */
    public record Step(String alertId, int fromLevel, int toLevel, String notifies) {
    }

    private final EntityManagerFactory emf;
    private final JpaTransactions jpa;
    private final AuditService audit;
    private final EventPublisher events;
    private final LongSupplier clock;
    /** Alerts already warned about for lack of anybody to escalate to: warned once per run of the container. */
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    public CriticalEscalation(EntityManagerFactory emf, AuditService audit, EventPublisher events, LongSupplier clock) {
        this.emf = emf;
        this.jpa = new JpaTransactions(emf);
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /** Escalates the due alerts, longest due first, at most {@code batch} of them; one failing does not stop the rest. */
    public List<Step> run(Settings settings) {
        long now = clock.getAsLong();
        List<String> due = jpa.call(em -> em.createQuery("SELECT a.id FROM CriticalAlertEntity a"
                + " WHERE a.acknowledgedMs IS NULL AND a.escalateAtMs IS NOT NULL AND a.escalateAtMs <= :now"
                + " ORDER BY a.escalateAtMs, a.id", String.class)
                .setParameter("now", now).setMaxResults(settings.batch()).getResultList());
        List<Step> steps = new ArrayList<>();
        for (String id : due) {
            try {
                escalate(id, settings, now).ifPresent(steps::add);
            } catch (PersistenceException e) {
                if (CriticalAlerts.isOptimisticFailure(e)) {
                    LOG.debug("critical alert {} was acknowledged or escalated meanwhile", id);
                } else {
                    LOG.warn("critical alert {} could not be escalated; tried again next run", id, e);
                }
            } catch (RuntimeException e) {
                LOG.warn("critical alert {} could not be escalated; tried again next run", id, e);
            }
        }
        return steps;
    }

    /** The alert's next step in its own transaction, or nothing when it is no longer due or has nowhere to go. */
    Optional<Step> escalate(String id, Settings s, long now) {
        EntityManager em = emf.createEntityManager();
        try {
            em.getTransaction().begin();
            CriticalAlertEntity a = em.find(CriticalAlertEntity.class, id);
            if (a == null || a.getAcknowledgedMs() != null || a.getEscalateAtMs() == null
                    || a.getEscalateAtMs() > now) {
                return Optional.empty(); // acknowledged or escalated by someone else since the query
            }
            int from = a.getLevel();
            if (from >= 2) {
                LOG.warn("Critical alert {} (order {}) is still not acknowledged by the head of department {}:"
                        + " no further escalation", a.getId(), a.getOrderId(), a.getNotify());
                a.setEscalateAtMs(null);
                em.getTransaction().commit();
                return Optional.empty();
            }
            int to = from == 0 && !s.onCall().isEmpty() ? 1 : 2;
            String notify = to == 1 ? s.onCall() : s.head();
            if (notify.isEmpty()) {
                if (warned.add(a.getId())) {
                    LOG.warn("Critical alert {} (order {}) is due for escalation from level {} but no {} is"
                            + " configured (criticalOnCall, criticalHead in etc/{}.cfg)", a.getId(), a.getOrderId(),
                            from, to == 1 ? "on-call doctor" : "head of department", LabConfig.PID);
                }
                return Optional.empty();
            }
            String previous = a.getNotify();
            a.setLevel(to);
            a.setNotify(notify);
            a.setEscalateAtMs(now + s.escalateMs());
            em.flush(); // the version check: another container escalating the same alert fails here or at commit
            String detail = "level " + from + " to " + to + ": not acknowledged by " + previous + " within "
                    + s.escalateMinutes() + " minutes; now " + notify;
            CriticalHistory.write(em, a, CriticalHistory.ESCALATED, ACTOR, detail, now);
            CriticalLabResult event = event(em, a);
            events.publish(em, CriticalLabResult.TYPE, "lab-order:" + a.getOrderId(), event);
            em.flush();
            AuditEvent record = AuditEvent.of("ESCALATE", CriticalAlerts.RESOURCE).resourceId(a.getId())
                    .patientId(a.getPatientId()).detail(detail).build().as(SYSTEM);
            commitWith(em, record);
            warned.remove(a.getId());
            return Optional.of(new Step(a.getId(), from, to, notify));
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.close();
        }
    }

    /** The audit record written on the transaction's connection and committed with it. */
    private void commitWith(EntityManager em, AuditEvent record) {
        Connection c = JpaTransactions.connection(em);
        boolean[] open = {true};
        try {
            audit.recordAllCommittingWith(c, List.of(record), () -> {
                open[0] = false;
                c.close(); // the handle, before OpenJPA commits the connection behind it
                em.getTransaction().commit();
                return null;
            });
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new PersistenceException("could not commit the escalation of critical alert", e);
        } finally {
            if (open[0]) {
                try {
                    c.close();
                } catch (Exception e) {
                    LOG.debug("closing a connection handle", e);
                }
            }
        }
    }

    private static CriticalLabResult event(EntityManager em, CriticalAlertEntity a) {
        CriticalAlert view = CriticalAlertViews.of(em, a);
        CriticalLabResult e = new CriticalLabResult();
        LabOrderEntity order = em.find(LabOrderEntity.class, a.getOrderId());
        e.orderId = a.getOrderId();
        e.patientId = a.getPatientId();
        if (order != null) {
            e.orderNumber = order.getOrderNumber();
            e.encounterId = order.getEncounterId();
            e.orderingDoctor = order.getOrderingDoctor();
            e.priority = order.getPriority();
        }
        e.actor = ACTOR;
        e.alertId = a.getId();
        e.resultId = a.getResultId();
        e.testCode = view.testCode;
        e.testName = view.testName;
        e.value = view.value;
        e.unit = view.unit;
        e.flag = view.flag;
        e.level = a.getLevel();
        e.notify = a.getNotify();
        e.raisedAt = view.raisedAt;
        return e;
    }
}
