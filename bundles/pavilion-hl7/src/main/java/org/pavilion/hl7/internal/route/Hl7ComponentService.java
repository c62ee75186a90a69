package org.pavilion.hl7.internal.route;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.hl7.internal.Hl7Hub;

/** Makes {@code pavilion-hl7:} resolvable in the platform CamelContext (pavilion-camel's OSGi registry bridge). */
@Component(service = org.apache.camel.Component.class, property = "camel.name=" + Hl7Component.SCHEME,
        immediate = true)
public class Hl7ComponentService extends Hl7Component {

    @Activate
    public Hl7ComponentService(@Reference Hl7Hub hub) {
        super(hub.inbound(), hub.processor(), hub.store());
    }
}
