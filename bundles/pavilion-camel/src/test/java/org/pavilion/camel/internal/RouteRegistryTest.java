package org.pavilion.camel.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.List;
import java.util.Set;

import org.apache.camel.api.management.ManagedCamelContext;
import org.apache.camel.api.management.mbean.ManagedRouteMBean;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.Model;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

public class RouteRegistryTest {

    private DefaultCamelContext camel;
    private RouteRegistry registry;

    @Before
    public void setUp() {
        camel = new DefaultCamelContext();
        camel.start();
        registry = new RouteRegistry(camel);
    }

    @After
    public void tearDown() {
        camel.stop();
    }

    private static RouteBuilder routes(String... ids) {
        return new RouteBuilder() {
            @Override
            public void configure() {
                for (String id : ids) {
                    from("direct:" + id).routeId(id).setBody(constant(id));
                }
            }
        };
    }

    @Test
    public void aDepartmentsRoutesGoAwayExactlyWithIt() throws Exception {
        registry.add("org.pavilion.lab #12", List.of(routes("lab-orders", "lab-results")));
        registry.add("org.pavilion.pharmacy #13", List.of(routes("dispense")));
        assertEquals("org.pavilion.lab #12", registry.ownerOf("lab-results"));

        assertEquals(Set.of("lab-orders", "lab-results"), registry.remove("org.pavilion.lab #12"));
        assertNull(camel.getRoute("lab-orders"));
        assertNull(camel.getRoute("lab-results"));
        assertNotNull(camel.getRoute("dispense"));
        // Gone from the model too, so a context restart would not bring them back.
        assertNull(camel.getCamelContextExtension().getContextPlugin(Model.class).getRouteDefinition("lab-orders"));
        assertTrue(registry.remove("org.pavilion.lab #12").isEmpty());
    }

    @Test
    public void aBuilderThatFailsHalfwayLeavesNothing() throws Exception {
        RouteBuilder broken = new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:admissions").routeId("admissions").log("admitted");
                from("no-such-component:beds").routeId("beds").log("never");
            }
        };
        try {
            registry.add("org.pavilion.adt #20", List.of(broken));
            fail("a route with an unknown component must not start");
        } catch (Exception expected) {
            // the bundle's routes are refused as a whole
        }
        assertTrue(camel.getRoutes().isEmpty());
        assertTrue(registry.owners().isEmpty());
    }

    @Test
    public void aSecondBundleCannotTakeOverARouteId() throws Exception {
        registry.add("org.pavilion.lab #12", List.of(routes("lab-orders")));
        try {
            registry.add("vendor.plugin #40", List.of(routes("lab-orders")));
            fail("the vendor's route must be refused");
        } catch (IllegalArgumentException expected) {
            assertTrue(expected.getMessage(), expected.getMessage().contains("org.pavilion.lab #12"));
        }
        assertEquals("org.pavilion.lab #12", registry.ownerOf("lab-orders"));
        assertTrue(registry.remove("vendor.plugin #40").isEmpty());
        assertNotNull(camel.getRoute("lab-orders"));
    }

    @Test
    public void theTriageRouteCountsItsExchangesAndFailures() throws Exception {
        registry.add("org.pavilion.ed #7", List.of(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:triage").routeId("triage")
                        .filter(body().isEqualTo("unknown patient")).throwException(new IllegalStateException("no MRN")).end()
                        .setBody(constant("triaged"));
            }
        }));
        var template = camel.createProducerTemplate();
        template.sendBody("direct:triage", "chest pain");
        template.sendBody("direct:triage", "fever");
        template.send("direct:triage", e -> e.getMessage().setBody("unknown patient"));

        // The numbers pavilion:routes prints come from Camel's management.
        ManagedRouteMBean triage = camel.getCamelContextExtension().getContextPlugin(ManagedCamelContext.class)
                .getManagedRoute("triage");
        assertEquals(3, triage.getExchangesTotal());
        assertEquals(1, triage.getExchangesFailed());
        assertEquals(0, triage.getExchangesInflight());
    }
}
