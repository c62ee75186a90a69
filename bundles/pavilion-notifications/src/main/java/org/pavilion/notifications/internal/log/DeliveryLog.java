package org.pavilion.notifications.internal.log;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import javax.persistence.EntityManagerFactory;
import javax.persistence.TypedQuery;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.persistence.AuditedTransaction;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.rest.Page;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.notifications.internal.NotificationClock;
import org.pavilion.notifications.internal.NotificationsConfig;
import org.pavilion.notifications.internal.queue.AttemptEntity;
import org.pavilion.notifications.internal.queue.Attempts;
import org.pavilion.notifications.internal.queue.ChannelRegistry;
import org.pavilion.notifications.internal.queue.NotificationEntity;
import org.pavilion.notifications.internal.queue.NotificationQueue;
import org.pavilion.notifications.internal.queue.Secrets;

/**
 * The delivery log staff read (docs/notifications-api.md, "REST"): search, one message with its attempts, sending a
 * FAILED, BOUNCED or CANCELLED message again, and the channels' queue counts. Reading a patient's messages is audited
 * ({@code READ notification} with the MRN, one record per patient shown); a retry is audited as UPDATE, committed
 * with it.
 */
@Component(service = DeliveryLog.class, configurationPid = NotificationsConfig.PID)
public class DeliveryLog {

    static final String RESOURCE = "notification";
    private static final Set<String> RETRYABLE = Set.of(NotificationQueue.FAILED, NotificationQueue.BOUNCED,
            NotificationQueue.CANCELLED);
    private static final Set<String> STATUSES = Set.of(NotificationQueue.QUEUED, NotificationQueue.SENDING,
            NotificationQueue.SENT, NotificationQueue.DELIVERED, NotificationQueue.FAILED, NotificationQueue.BOUNCED,
            NotificationQueue.SUPPRESSED, NotificationQueue.CANCELLED);

    private final EntityManagerFactory emf;
    private final JpaTransactions jpa;
    private final AuditService audit;
    private final ChannelRegistry channels;
    private final NotificationClock clock;
    private volatile ZoneId zone;

    @Activate
    public DeliveryLog(@Reference(target = "(osgi.unit.name=pavilion-notifications)") EntityManagerFactory emf,
            @Reference AuditService audit, @Reference ChannelRegistry channels, @Reference NotificationClock clock,
            NotificationsConfig config) {
        this(emf, audit, channels, clock, zoneOf(config));
    }

    /** For tests. */
    DeliveryLog(EntityManagerFactory emf, AuditService audit, ChannelRegistry channels, NotificationClock clock,
            ZoneId zone) {
        this.emf = emf;
        this.jpa = new JpaTransactions(emf);
        this.audit = audit;
        this.channels = channels;
        this.clock = clock;
        this.zone = zone;
    }

    @Modified
    void modified(NotificationsConfig config) {
        zone = zoneOf(config);
    }

    private static ZoneId zoneOf(NotificationsConfig c) {
        return c.zone() == null || c.zone().isBlank() ? ZoneId.systemDefault() : ZoneId.of(c.zone().strip());
    }

    /** The search's criteria; null or blank ones do not filter. {@code from}/{@code to} are ISO dates, inclusive. */
    public record Criteria(String patientId, String status, String channel, String eventType, String recipient,
            String from, String to) {
    }

    /** GET /deliveries: newest first. */
    public Page<DeliveryViews.Delivery> search(Criteria c, int page, int size) {
        Page.validate(page, size);
        StringBuilder where = new StringBuilder(" where 1 = 1");
        Map<String, Object> params = new LinkedHashMap<>();
        filter(where, params, "n.patientId", "patientId", c.patientId());
        if (present(c.status())) {
            String status = c.status().strip().toUpperCase();
            if (!STATUSES.contains(status)) {
                throw ProblemException.validation("status must be one of " + String.join(", ", new TreeSet<>(STATUSES))
                        + ", was " + c.status());
            }
            filter(where, params, "n.status", "status", status);
        }
        filter(where, params, "n.channel", "channel", present(c.channel()) ? c.channel().strip().toUpperCase() : null);
        filter(where, params, "n.eventType", "eventType", c.eventType());
        if (present(c.recipient())) {
            where.append(" and (n.recipientRef = :recipient or n.address = :recipient)");
            params.put("recipient", c.recipient().strip());
        }
        if (present(c.from())) {
            where.append(" and n.createdMs >= :fromMs");
            params.put("fromMs", startOf(date(c.from(), "from")));
        }
        if (present(c.to())) {
            where.append(" and n.createdMs < :toMs");
            params.put("toMs", startOf(date(c.to(), "to").plusDays(1)));
        }
        Page<DeliveryViews.Delivery> answer = jpa.call(em -> {
            TypedQuery<Long> count = em.createQuery("select count(n) from NotificationEntity n" + where, Long.class);
            TypedQuery<NotificationEntity> rows = em.createQuery("select n from NotificationEntity n" + where
                    + " order by n.createdMs desc, n.id desc", NotificationEntity.class);
            params.forEach((k, v) -> {
                count.setParameter(k, v);
                rows.setParameter(k, v);
            });
            List<DeliveryViews.Delivery> items = rows.setFirstResult(page * size).setMaxResults(size)
                    .getResultList().stream().map(n -> DeliveryViews.Delivery.of(n, null)).toList();
            return Page.of(items, page, size, () -> count.getSingleResult());
        });
        Set<String> patients = new LinkedHashSet<>();
        answer.getItems().forEach(d -> {
            if (d.patientId() != null) {
                patients.add(d.patientId());
            }
        });
        if (!patients.isEmpty()) {
            List<AuditEvent> reads = new ArrayList<>();
            for (String mrn : patients) {
                reads.add(AuditEvent.of("READ", RESOURCE).patientId(mrn).detail("delivery log search").build());
            }
            audit.recordAll(reads);
        }
        return answer;
    }

    /** GET /deliveries/{id}: the message with its attempts, oldest first. */
    public DeliveryViews.Delivery get(String id) {
        DeliveryViews.Delivery d = jpa.call(em -> {
            NotificationEntity n = em.find(NotificationEntity.class, id);
            if (n == null) {
                throw ProblemException.notFound("Delivery", id);
            }
            List<DeliveryViews.Attempt> attempts = em.createQuery("select a from AttemptEntity a"
                    + " where a.notificationId = :id order by a.atMs, a.attemptNo, a.id", AttemptEntity.class)
                    .setParameter("id", id).getResultList().stream().map(DeliveryViews.Attempt::of).toList();
            return DeliveryViews.Delivery.of(n, attempts);
        });
        if (d.patientId() != null) {
            audit.record(AuditEvent.of("READ", RESOURCE).resourceId(id).patientId(d.patientId()).build());
        }
        return d;
    }

    /** POST /deliveries/{id}/retry: a FAILED, BOUNCED or CANCELLED message is QUEUED again, due now; else 409. */
    public DeliveryViews.Delivery retry(String id) {
        String actor = CallerContext.current().map(Caller::username).orElse("system");
        try {
            AuditedTransaction.run(emf, audit, em -> {
                NotificationEntity n = em.find(NotificationEntity.class, id);
                if (n == null) {
                    throw ProblemException.notFound("Delivery", id);
                }
                if (!RETRYABLE.contains(n.getStatus())) {
                    throw ProblemException.conflict("delivery " + id + " is " + n.getStatus()
                            + ": only a FAILED, BOUNCED or CANCELLED message can be sent again");
                }
                if (n.getBody() == null) {
                    throw ProblemException.conflict("delivery " + id + " cannot be sent again: its text was not kept"
                            + (Secrets.secretBody(n.getEventType()) ? " (it contained a password reset link)" : ""));
                }
                long now = clock.millis();
                String was = n.getStatus();
                n.setStatus(NotificationQueue.QUEUED);
                n.setAttempts(0);
                // numbered 0: the sends after it count from 1 again
                Attempts.record(em, n, Attempts.REQUEUED, "was " + was, actor, now);
                n.setNextAttemptMs(now);
                n.setClaimedBy(null);
                n.setClaimUntilMs(null);
                n.setLastAnswer("sent again by " + actor);
                n.setUpdatedMs(now);
                return AuditedTransaction.Done.of(null, AuditEvent.of("UPDATE", RESOURCE).resourceId(id)
                        .patientId(n.getPatientId()).detail("sent again").build());
            });
        } catch (RuntimeException e) {
            if (AuditedTransaction.lostRace(e)) {
                throw ProblemException.conflict("delivery " + id + " changed meanwhile; look at it again");
            }
            throw e;
        }
        return get(id);
    }

    /** GET /channels: the installed channels and any channel with messages, with counts per status. */
    public List<DeliveryViews.Channel> channels() {
        Set<String> installed = channels.installed().keySet();
        Map<String, Map<String, Long>> counts = new TreeMap<>();
        installed.forEach(name -> counts.put(name, new TreeMap<>()));
        jpa.call(em -> em.createQuery("select n.channel, n.status, count(n) from NotificationEntity n"
                + " group by n.channel, n.status", Object[].class).getResultList()).forEach(row -> counts
                        .computeIfAbsent((String) row[0], k -> new TreeMap<>())
                        .put((String) row[1], ((Number) row[2]).longValue()));
        List<DeliveryViews.Channel> answer = new ArrayList<>();
        counts.forEach((name, c) -> answer.add(new DeliveryViews.Channel(name, installed.contains(name), c)));
        return answer;
    }

    private long startOf(LocalDate d) {
        return d.atStartOfDay(zone).toInstant().toEpochMilli();
    }

    private static LocalDate date(String text, String name) {
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw ProblemException.validation(name + " must be an ISO date (2026-12-05), was " + text);
        }
    }

    private static void filter(StringBuilder where, Map<String, Object> params, String field, String name,
            String value) {
        if (present(value)) {
            where.append(" and ").append(field).append(" = :").append(name);
            params.put(name, value.strip());
        }
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }
}
