package org.pavilion.core.internal.rest;

import static org.junit.Assert.assertEquals;

import java.util.ArrayList;
import java.util.List;

import javax.ws.rs.GET;
import javax.ws.rs.Path;

import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.feature.AbstractFeature;
import org.apache.cxf.jaxrs.JAXRSServerFactoryBean;
import org.apache.cxf.jaxrs.lifecycle.SingletonResourceProvider;
import org.apache.cxf.transport.DestinationFactoryManager;
import org.apache.cxf.transport.http.AbstractHTTPDestination;
import org.apache.cxf.transport.http.DestinationRegistry;
import org.apache.cxf.transport.http.HTTPTransportFactory;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * A department's address answers only while its endpoint serves: never the empty 200 CXF's servlet gives an address
 * whose server is still being built (a bundle starting) or already stopping (a bundle going away).
 */
public class AddressGateTest {

    private static final String ADDRESS = "/v1/ward";

    private Bus bus;
    private DestinationRegistry registry;

    @Before
    public void bus() throws Exception {
        bus = BusFactory.newInstance().createBus();
        registry = ((HTTPTransportFactory) bus.getExtension(DestinationFactoryManager.class)
                .getDestinationFactory(AddressGate.HTTP_TRANSPORT)).getRegistry();
    }

    @After
    public void shutdown() {
        bus.shutdown(true);
    }

    @Test
    public void withoutTheGateCxfShowsTheAddressBeforeItServes() throws Exception {
        List<String> whileBuilding = new ArrayList<>();
        JAXRSServerFactoryBean factory = factory(whileBuilding);
        Server server = factory.create();
        try {
            // Why the gate exists: were this ever "absent", CXF would have closed the window itself.
            assertEquals(List.of("present, not serving"), whileBuilding);
        } finally {
            server.destroy();
        }
    }

    @Test
    public void theWardsAddressAnswersOnlyWhileItsEndpointServes() throws Exception {
        List<String> whileBuilding = new ArrayList<>();
        AddressGate gate = AddressGate.of(bus);
        JAXRSServerFactoryBean factory = factory(whileBuilding);
        factory.setDestinationFactory(gate);
        factory.setStart(false);

        Server server = factory.create();
        assertEquals(List.of("absent"), whileBuilding);
        assertEquals("absent", state());

        gate.open(server);
        assertEquals("serving", state());

        gate.close(server);
        assertEquals("absent", state());
    }

    private JAXRSServerFactoryBean factory(List<String> whileBuilding) {
        JAXRSServerFactoryBean factory = new JAXRSServerFactoryBean();
        factory.setBus(bus);
        factory.setAddress(ADDRESS);
        factory.setResourceClasses(Ward.class);
        factory.setResourceProvider(Ward.class, new SingletonResourceProvider(new Ward()));
        // Features are applied after the server is built and before it starts: where a request could meet it.
        factory.getFeatures().add(new AbstractFeature() {
            @Override
            public void initialize(Server server, Bus b) {
                whileBuilding.add(state());
            }
        });
        return factory;
    }

    private String state() {
        AbstractHTTPDestination d = registry.getDestinationForPath(ADDRESS, true);
        if (d == null) {
            return "absent";
        }
        return d.getMessageObserver() == null ? "present, not serving" : "serving";
    }

    @Path("/")
    public static class Ward {
        @GET
        public String beds() {
            return "12 beds";
        }
    }
}
