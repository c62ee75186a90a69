package org.pavilion.telemedicine.internal;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.http.context.ServletContextHelper;

/**
 * The signalling WebSocket's own servlet context at {@value #PATH} (OSGi Http Whiteboard, Pax Web's extender). Pax
 * Web restarts the context a WebSocket endpoint is added to or removed from; in the shared "/" context that meant about
 * two seconds of 404s for the web UI, /api and every department whenever telemedicine started or stopped. In a context
 * of its own, only the signalling restarts. Nothing is secured here: the single-use ticket is the credential, checked
 * by {@link SignallingEndpoint} on open (no browser session or cookie reaches this path, and no filter of "/" ever
 * applied to the upgrade).
 */
@Component(service = ServletContextHelper.class, property = {
    "osgi.http.whiteboard.context.name=" + SignallingContext.NAME,
    "osgi.http.whiteboard.context.path=" + SignallingContext.PATH })
public class SignallingContext extends ServletContextHelper {

    static final String NAME = "pavilion-telemedicine-signal";
    static final String PATH = "/telemedicine-signal";
    /** Selects this context for a whiteboard element. */
    static final String SELECT = "(osgi.http.whiteboard.context.name=" + NAME + ")";
}
