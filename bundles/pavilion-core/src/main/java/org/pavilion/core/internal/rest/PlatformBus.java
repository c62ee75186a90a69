package org.pavilion.core.internal.rest;

import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * The CXF bus of every Pavilion endpoint. CXF registers no bus service of its own until someone creates
 * one; a bus created in the container picks up CXF's OSGi HTTP transport, so its endpoints are served by
 * the CXF servlet at /api (etc/org.apache.cxf.osgi.cfg).
 */
@Component(service = PlatformBus.class)
public class PlatformBus {

    private final Bus bus;

    @Activate
    public PlatformBus() {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(BusFactory.class.getClassLoader());
        try {
            bus = BusFactory.newInstance().createBus();
            bus.setId("pavilion");
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    public Bus bus() {
        return bus;
    }

    @Deactivate
    void deactivate() {
        bus.shutdown(true);
    }
}
