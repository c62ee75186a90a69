package org.pavilion.core.internal.rest;

import java.io.IOException;
import java.util.List;
import java.util.Set;

import org.apache.cxf.Bus;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.service.model.EndpointInfo;
import org.apache.cxf.transport.Destination;
import org.apache.cxf.transport.DestinationFactory;
import org.apache.cxf.transport.DestinationFactoryManager;
import org.apache.cxf.transport.http.AbstractHTTPDestination;
import org.apache.cxf.transport.http.DestinationRegistry;
import org.apache.cxf.transport.http.HTTPTransportFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps an endpoint's address out of the CXF servlet until its server serves, and takes it out before the server
 * stops. CXF enters the destination in the servlet's registry while it builds the server, but gives it the
 * observer that answers requests only when the server starts, and takes that observer away at stop before it
 * leaves the registry. Meanwhile a request for the endpoint's own address gets an empty 200 from the servlet (a
 * POST would look accepted while nothing happened) or fails on the missing observer. Through this gate the address
 * answers 404 in those moments, as for any endpoint not installed, then serves.
 */
final class AddressGate implements DestinationFactory {

    private static final Logger LOG = LoggerFactory.getLogger(AddressGate.class);
    static final String HTTP_TRANSPORT = "http://cxf.apache.org/transports/http";

    private final DestinationFactory http;
    /** Null when the HTTP transport is not CXF's own (then nothing is gated). */
    private final DestinationRegistry registry;

    AddressGate(DestinationFactory http) {
        this.http = http;
        this.registry = http instanceof HTTPTransportFactory ? ((HTTPTransportFactory) http).getRegistry() : null;
        if (registry == null) {
            LOG.warn("CXF's HTTP transport is {}: endpoint addresses are not gated while they start or stop",
                    http.getClass().getName());
        }
    }

    /** The gate in front of the bus's HTTP transport. */
    static AddressGate of(Bus bus) {
        try {
            return new AddressGate(bus.getExtension(DestinationFactoryManager.class)
                    .getDestinationFactory(HTTP_TRANSPORT));
        } catch (org.apache.cxf.BusException e) {
            throw new IllegalStateException("CXF's HTTP transport is not available", e);
        }
    }

    @Override
    public Destination getDestination(EndpointInfo endpoint, Bus bus) throws IOException {
        Destination destination = http.getDestination(endpoint, bus);
        hide(destination);
        return destination;
    }

    /** Starts a server built with this gate, then lets requests reach it. */
    void open(Server server) {
        try {
            server.start();
        } catch (RuntimeException e) {
            server.destroy();
            throw e;
        }
        if (registry != null && server.getDestination() instanceof AbstractHTTPDestination) {
            registry.addDestination((AbstractHTTPDestination) server.getDestination());
        }
    }

    /** Takes the server's address away from new requests, then stops and destroys it. */
    void close(Server server) {
        hide(server.getDestination());
        server.destroy();
    }

    private void hide(Destination destination) {
        if (registry != null && destination instanceof AbstractHTTPDestination) {
            // The registry's key: the servlet destination's path is its address, which starts with '/'.
            registry.removeDestination(((AbstractHTTPDestination) destination).getPath());
        }
    }

    @Override
    public List<String> getTransportIds() {
        return http.getTransportIds();
    }

    @Override
    public Set<String> getUriPrefixes() {
        return http.getUriPrefixes();
    }
}
