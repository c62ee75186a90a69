package org.pavilion.notifications.internal;

import java.time.Clock;
import java.time.Instant;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The department's one source of "now" (reminders, quiet hours, back-off, the dispatcher). The system clock, unless a
 * {@link Clock} service with {@code pavilion.clock=notifications} is registered: container tests register one to
 * move time forward; a hospital never does.
 */
@Component(service = NotificationClock.class)
public class NotificationClock {

    private static final Clock SYSTEM = Clock.systemUTC();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = "(pavilion.clock=notifications)")
    private volatile Clock override;

    public NotificationClock() {
    }

    /** A clock fixed to {@code clock} (unit tests). */
    public static NotificationClock of(Clock clock) {
        NotificationClock c = new NotificationClock();
        c.override = clock;
        return c;
    }

    public Instant now() {
        Clock c = override;
        return (c == null ? SYSTEM : c).instant();
    }

    public long millis() {
        return now().toEpochMilli();
    }
}
