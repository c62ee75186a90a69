package org.pavilion.events.internal.osgi;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.events.api.Events;
import org.pavilion.events.internal.EventComponent;
import org.pavilion.events.internal.SubscriberRegistry;

/** Makes {@code pavilion-event:} resolvable in the platform CamelContext through its OSGi registry bridge. */
@Component(service = org.apache.camel.Component.class, property = "camel.name=" + Events.SCHEME, immediate = true)
public class EventComponentService extends EventComponent {

    @Activate
    public EventComponentService(@Reference SubscriberRegistry subscribers) {
        super(subscribers);
    }
}
