package org.pavilion.notifications.internal.queue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.pavilion.notifications.api.NotificationChannel;
import org.pavilion.notifications.api.OutgoingMessage;
import org.pavilion.notifications.api.SendOutcome;

/**
 * A channel of the tests: records every message handed to it and answers the scripted outcomes in turn (then SENT with
 * a provider id), optionally taking its time per batch like a slow SMTP server.
 */
public final class FakeChannel implements NotificationChannel {

    private final String name;
    private final Deque<SendOutcome> script = new ArrayDeque<>();
    private final AtomicInteger providerIds = new AtomicInteger();
    public final List<OutgoingMessage> sent = new CopyOnWriteArrayList<>();
    public volatile long millisPerBatch;
    public volatile RuntimeException failure;

    public FakeChannel(String name) {
        this.name = name;
    }

    public synchronized FakeChannel answering(SendOutcome... outcomes) {
        script.addAll(List.of(outcomes));
        return this;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public AddressKind addressKind() {
        return "SMS".equals(name) ? AddressKind.PHONE : AddressKind.EMAIL;
    }

    @Override
    public List<SendOutcome> send(List<OutgoingMessage> messages) {
        sent.addAll(messages);
        if (failure != null) {
            throw failure;
        }
        if (millisPerBatch > 0) {
            try {
                Thread.sleep(millisPerBatch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List<SendOutcome> answer = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            answer.add(next());
        }
        return answer;
    }

    private synchronized SendOutcome next() {
        SendOutcome o = script.poll();
        return o != null ? o : SendOutcome.sent(name.toLowerCase() + "-" + providerIds.incrementAndGet(), "250 OK");
    }

    public long timesSent(String notificationId) {
        return sent.stream().filter(m -> m.notificationId().equals(notificationId)).count();
    }
}
