package org.pavilion.notifications.internal.channels.bounces;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.persistence.EntityManager;

import org.pavilion.notifications.internal.queue.NewNotification;
import org.pavilion.notifications.internal.queue.NotificationQueue;

/**
 * A hand-written stand-in for the queue helper's {@link NotificationQueue}: it knows some notification ids (ours) and
 * provider message ids, and records the reports it gets. It can be told to fail, as a database that is down would.
 */
public final class RecordingQueue implements NotificationQueue {

    /** One call of {@link #report}. */
    public record Reported(String notificationId, String providerMessageId, Report report, String answer) {
    }

    public final List<Reported> reports = new CopyOnWriteArrayList<>();
    private final Set<String> known = ConcurrentHashMap.newKeySet();
    private volatile boolean down;

    public RecordingQueue knowing(String... ids) {
        known.addAll(List.of(ids));
        return this;
    }

    public void down(boolean isDown) {
        down = isDown;
    }

    @Override
    public boolean report(String notificationId, String providerMessageId, Report report, String answer) {
        if (down) {
            throw new IllegalStateException("database unavailable");
        }
        boolean found = notificationId != null ? known.contains(notificationId) : known.contains(providerMessageId);
        if (found) {
            reports.add(new Reported(notificationId, providerMessageId, report, answer));
        }
        return found;
    }

    @Override
    public boolean enqueue(EntityManager em, NewNotification n) {
        throw new UnsupportedOperationException("channels never queue");
    }

    @Override
    public int cancelQueued(EntityManager em, String subjectRef, String eventType, String reason) {
        throw new UnsupportedOperationException("channels never cancel");
    }
}
