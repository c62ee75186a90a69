package org.pavilion.events.internal.osgi;

import java.time.Clock;
import java.util.List;

import javax.persistence.EntityManager;

import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;
import org.pavilion.events.api.EventPublisher;
import org.pavilion.events.internal.OutboxPublisher;

/** One instance per using bundle, so each event records which bundle published it. */
@Component(service = EventPublisher.class, scope = ServiceScope.BUNDLE)
public class EventPublisherService implements EventPublisher {

    private final OutboxPublisher publisher;

    @Activate
    public EventPublisherService(@Reference EventBus bus, ComponentContext context) {
        this.publisher = new OutboxPublisher(bus.mapper(), context.getUsingBundle().getSymbolicName(), Clock.systemUTC());
    }

    @Override
    public String publish(EntityManager em, String eventType, Object payload) {
        return publisher.publish(em, eventType, payload);
    }

    @Override
    public String publish(EntityManager em, String eventType, String subjectKey, Object payload) {
        return publisher.publish(em, eventType, subjectKey, payload);
    }

    @Override
    public List<String> publishAll(EntityManager em, List<Event> events) {
        return publisher.publishAll(em, events);
    }
}
