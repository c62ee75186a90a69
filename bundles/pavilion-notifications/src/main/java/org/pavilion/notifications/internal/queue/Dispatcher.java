package org.pavilion.notifications.internal.queue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

import javax.persistence.EntityManagerFactory;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.persistence.AuditedTransaction;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.notifications.api.NotificationChannel;
import org.pavilion.notifications.api.OutgoingMessage;
import org.pavilion.notifications.api.SendOutcome;
import org.pavilion.notifications.internal.NotificationClock;
import org.pavilion.notifications.internal.NotificationsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes due messages out of the queue: per installed channel, up to {@code senders} workers each claim a batch, hand
 * it to the channel and write the outcomes in one transaction; a worker keeps going while it finds full batches, so a
 * backlog drains without waiting for the next tick. Each activation is one container id (a UUID), so two containers
 * on one database share the work and never send a row twice while its claim holds. No {@code @Modified}: a new
 * configuration re-creates the dispatcher (and its executor).
 */
@Component(service = Dispatcher.class, configurationPid = NotificationsConfig.PID)
public class Dispatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    /** Claims that win nothing in a row (another container took the rows) before a worker ends its pass. */
    private static final int EMPTY_CLAIMS = 3;

    private final JpaTransactions jpa;
    private final ChannelRegistry channels;
    private final NotificationClock clock;
    private final QueueSettings settings;
    private final String containerId = UUID.randomUUID().toString();
    private final ExecutorService workers;
    /** One claimer at a time per channel in this container: its senders take different rows, not the same ones. */
    private final Map<String, ReentrantLock> claimLocks = new ConcurrentHashMap<>();
    private final Set<String> toldNotInstalled = ConcurrentHashMap.newKeySet();
    /** Workers draining each channel now (the timer's passes top them up to {@code senders}). */
    private final Map<String, AtomicInteger> draining = new ConcurrentHashMap<>();
    private volatile boolean closed;

    @Activate
    public Dispatcher(@Reference(target = "(osgi.unit.name=pavilion-notifications)") EntityManagerFactory emf,
            @Reference ChannelRegistry channels, @Reference NotificationClock clock, NotificationsConfig config) {
        this(emf, channels, clock, QueueSettings.of(config));
    }

    Dispatcher(EntityManagerFactory emf, ChannelRegistry channels, NotificationClock clock,
            QueueSettings settings) {
        this.jpa = new JpaTransactions(emf);
        this.channels = channels;
        this.clock = clock;
        this.settings = settings;
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "notifications-sender-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Deactivate
    @Override
    public void close() {
        closed = true;
        workers.shutdownNow();
        try {
            // A worker interrupted mid-batch still writes its outcomes: wait for it, so the persistence unit that
            // closes next never closes under an open transaction (a claim left behind expires anyway).
            workers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public String containerId() {
        return containerId;
    }

    public QueueSettings settings() {
        return settings;
    }

    /**
     * The timer's pass: tops up every installed channel to {@code senders} draining workers and returns without
     * waiting for them, so a channel with a long backlog (or a slow gateway) never holds back another's messages.
     */
    public void startDrains() {
        if (closed) {
            return;
        }
        Map<String, NotificationChannel> installed = channels.installed();
        markNotInstalled(installed.keySet());
        for (Map.Entry<String, NotificationChannel> c : installed.entrySet()) {
            AtomicInteger running = draining.computeIfAbsent(c.getKey(), k -> new AtomicInteger());
            while (!closed) {
                int now = running.get();
                if (now >= settings.senders()) {
                    break;
                }
                if (!running.compareAndSet(now, now + 1)) {
                    continue;
                }
                try {
                    workers.submit(() -> {
                        try {
                            return drain(c.getKey(), c.getValue());
                        } catch (RuntimeException e) {
                            LOG.warn("A dispatch pass of {} failed (its claims expire and are taken again): {}",
                                    c.getKey(), e.toString());
                            return 0;
                        } finally {
                            running.decrementAndGet();
                        }
                    });
                } catch (RejectedExecutionException stopping) {
                    running.decrementAndGet();
                    return; // deactivated meanwhile
                }
            }
        }
    }

    /**
     * One pass over every installed channel, waiting for all of it; returns how many messages were handed to
     * channels (tests, and whoever needs the queue drained now).
     */
    public int dispatch() {
        if (closed) {
            return 0;
        }
        Map<String, NotificationChannel> installed = channels.installed();
        markNotInstalled(installed.keySet());
        List<Future<Integer>> passes = new ArrayList<>();
        for (Map.Entry<String, NotificationChannel> c : installed.entrySet()) {
            for (int i = 0; i < settings.senders() && !closed; i++) {
                try {
                    passes.add(workers.submit(() -> drain(c.getKey(), c.getValue())));
                } catch (RejectedExecutionException stopping) {
                    break; // deactivated meanwhile
                }
            }
        }
        int sent = 0;
        for (Future<Integer> pass : passes) {
            try {
                sent += pass.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (ExecutionException e) {
                LOG.warn("A dispatch pass failed (its claims expire and are taken again): {}", e.getCause().toString());
            }
        }
        return sent;
    }

    private int drain(String name, NotificationChannel channel) {
        int handed = 0;
        int empty = 0;
        while (!closed) {
            Claims.Batch batch = claim(name);
            if (batch.claimed().isEmpty()) {
                if (batch.candidates() < settings.batchSize() || ++empty >= EMPTY_CLAIMS) {
                    break;
                }
                continue;
            }
            empty = 0;
            send(name, channel, batch.claimed());
            handed += batch.claimed().size();
            if (batch.candidates() < settings.batchSize()) {
                break;
            }
        }
        return handed;
    }

    private Claims.Batch claim(String name) {
        ReentrantLock lock = claimLocks.computeIfAbsent(name, k -> new ReentrantLock());
        lock.lock();
        try {
            long now = clock.millis();
            return jpa.call(em -> {
                try (Connection c = JpaTransactions.connection(em)) {
                    return Claims.claim(c, name, containerId, now, now + settings.claimTimeoutMs(),
                            settings.batchSize());
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
        } catch (RuntimeException e) {
            if (AuditedTransaction.lostRace(e)) {
                // another container updated the same rows at the same moment: nothing claimed this time
                return new Claims.Batch(settings.batchSize(), List.of());
            }
            throw e;
        } finally {
            lock.unlock();
        }
    }

    private void send(String name, NotificationChannel channel, List<Claims.Claimed> batch) {
        List<OutgoingMessage> messages = batch.stream().map(Claims.Claimed::message).toList();
        List<SendOutcome> outcomes;
        try {
            outcomes = channel.send(messages);
        } catch (RuntimeException e) {
            LOG.warn("Channel {} threw on a batch of {}; they are retried: {}", name, batch.size(), e.toString());
            outcomes = Collections.nCopies(batch.size(), SendOutcome.retry("the channel failed: " + e));
        }
        List<SendOutcome> answered = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            SendOutcome o = outcomes != null && i < outcomes.size() ? outcomes.get(i) : null;
            answered.add(o != null && o.status() != null ? o : SendOutcome.retry("the channel gave no outcome"));
        }
        long now = clock.millis();
        jpa.run(em -> {
            try (Connection c = JpaTransactions.connection(em)) {
                Outcomes.write(c, batch, answered, settings, now);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static final String DUE_CHANNELS = "select distinct channel from nt_notification where status = 'QUEUED'"
            + " and next_attempt_ms <= ?";
    private static final String NOT_INSTALLED = "update nt_notification set last_answer = ?, updated_ms = ?,"
            + " version = version + 1 where channel = ? and status = 'QUEUED' and next_attempt_ms <= ?"
            + " and (last_answer is null or last_answer <> ?)";

    /** Due messages of a channel that is not installed stay QUEUED; their log says why, once. */
    private void markNotInstalled(Set<String> installed) {
        long now = clock.millis();
        toldNotInstalled.removeAll(installed);
        try {
            markNotInstalled(installed, now);
        } catch (RuntimeException e) {
            // only the log's note is late; the messages stay queued either way
            LOG.debug("Could not note the channels that are not installed: {}", e.toString());
        }
    }

    private void markNotInstalled(Set<String> installed, long now) {
        jpa.run(em -> {
            try (Connection c = JpaTransactions.connection(em)) {
                List<String> due = new ArrayList<>();
                try (PreparedStatement s = c.prepareStatement(DUE_CHANNELS)) {
                    s.setLong(1, now);
                    try (ResultSet r = s.executeQuery()) {
                        while (r.next()) {
                            due.add(r.getString(1));
                        }
                    }
                }
                for (String channel : due) {
                    if (installed.contains(channel)) {
                        continue;
                    }
                    String answer = notInstalled(channel);
                    try (PreparedStatement u = c.prepareStatement(NOT_INSTALLED)) {
                        u.setString(1, answer);
                        u.setLong(2, now);
                        u.setString(3, channel);
                        u.setLong(4, now);
                        u.setString(5, answer);
                        u.executeUpdate();
                    }
                    if (toldNotInstalled.add(channel)) {
                        LOG.info("Messages of channel {} wait: it is not installed", channel);
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    static String notInstalled(String channel) {
        return "channel " + channel + " is not installed";
    }
}
