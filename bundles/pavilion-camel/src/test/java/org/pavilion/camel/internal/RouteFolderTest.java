package org.pavilion.camel.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class RouteFolderTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private DefaultCamelContext camel;
    private RouteRegistry registry;
    private RouteFolder folder;
    private Path dir;

    @Before
    public void setUp() throws Exception {
        camel = new DefaultCamelContext();
        camel.start();
        registry = new RouteRegistry(camel);
        dir = tmp.newFolder("routes").toPath();
        folder = new RouteFolder(camel, registry, dir);
    }

    @After
    public void tearDown() {
        camel.stop();
    }

    private static String yamlRoute(String id, String message) {
        return "- route:\n    id: " + id + "\n    from:\n      uri: direct:" + id + "\n      steps:\n"
                + "        - setBody:\n            constant: \"" + message + "\"\n";
    }

    @Test
    public void anIntegratorDropsAFeedFilterChangesItAndRemovesIt() throws Exception {
        Files.writeString(dir.resolve("lab-filter.yaml"), yamlRoute("lab-filter", "v1"));
        folder.scan();
        assertNotNull(camel.getRoute("lab-filter"));
        assertEquals("v1", camel.createProducerTemplate().requestBody("direct:lab-filter", "x", String.class));

        Files.writeString(dir.resolve("lab-filter.yaml"), yamlRoute("lab-filter", "v2"));
        folder.scan();
        assertEquals("v2", camel.createProducerTemplate().requestBody("direct:lab-filter", "x", String.class));

        Files.delete(dir.resolve("lab-filter.yaml"));
        folder.scan();
        assertNull(camel.getRoute("lab-filter"));
    }

    @Test
    public void anXmlRouteFileWorksToo() throws Exception {
        Files.writeString(dir.resolve("adt.xml"), "<routes xmlns=\"http://camel.apache.org/schema/spring\">"
                + "<route id=\"adt-copy\"><from uri=\"direct:adt\"/><setBody><constant>copied</constant></setBody></route>"
                + "</routes>");
        folder.scan();
        assertEquals("copied", camel.createProducerTemplate().requestBody("direct:adt", "x", String.class));
    }

    @Test
    public void aBrokenFileLeavesNoRoutesAndSparesTheOthers() throws Exception {
        Files.writeString(dir.resolve("good.yaml"), yamlRoute("good", "ok"));
        // The second route refers to an unknown component: the first must not stay half-loaded.
        Files.writeString(dir.resolve("broken.yaml"), yamlRoute("half", "x")
                + "- route:\n    id: bad\n    from:\n      uri: no-such-component:x\n");
        Files.writeString(dir.resolve("typo.yml"), "- route:\n    id: [typo\n");
        folder.scan();
        assertNotNull(camel.getRoute("good"));
        assertNull(camel.getRoute("half"));
        assertNull(camel.getRoute("bad"));
        assertEquals(1, camel.getRoutes().size());

        Files.writeString(dir.resolve("broken.yaml"), yamlRoute("half", "fixed"));
        folder.scan();
        assertNotNull(camel.getRoute("half"));
    }

    @Test
    public void aFileNamingADepartmentsComponentWaitsForItAndStartsWhenItComes() throws Exception {
        // At boot the route folder is read before the HL7 department has registered its component.
        Files.writeString(dir.resolve("ward-copy.yaml"), "- route:\n    id: ward-copy\n    from:\n"
                + "      uri: direct:ward-copy\n      steps:\n        - to:\n            uri: ward-hub:copy\n");
        folder.scan();
        folder.scan();
        assertNull(camel.getRoute("ward-copy"));

        camel.addComponent("ward-hub", new org.apache.camel.component.direct.DirectComponent());
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("ward-hub:copy").routeId("department").setBody(constant("copied"));
            }
        });
        folder.scan();
        assertNotNull("the file's route starts once its component is there", camel.getRoute("ward-copy"));
        assertEquals("copied", camel.createProducerTemplate().requestBody("direct:ward-copy", "x", String.class));

        Files.delete(dir.resolve("ward-copy.yaml"));
        folder.scan();
        assertNull(camel.getRoute("ward-copy"));
    }

    @Test
    public void aFileCannotTakeOverADepartmentsRoute() throws Exception {
        registry.add("org.pavilion.lab #12", List.of(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:lab-filter").routeId("lab-filter").setBody(constant("from the lab bundle"));
            }
        }));
        Files.writeString(dir.resolve("lab-filter.yaml"), yamlRoute("lab-filter", "hijacked"));
        folder.scan();
        assertEquals("from the lab bundle",
                camel.createProducerTemplate().requestBody("direct:lab-filter", "x", String.class));
        assertEquals("org.pavilion.lab #12", registry.ownerOf("lab-filter"));

        // Deleting the refused file must not take the lab's route down either.
        Files.delete(dir.resolve("lab-filter.yaml"));
        folder.scan();
        assertNotNull(camel.getRoute("lab-filter"));
    }

    @Test
    public void stoppingTheRuntimeUnloadsEveryFileRoute() throws Exception {
        Files.writeString(dir.resolve("a.yaml"), yamlRoute("night-shift", "a"));
        Files.writeString(dir.resolve("b.yml"), yamlRoute("day-shift", "b"));
        Files.writeString(dir.resolve("notes.txt"), "not a route");
        folder.scan();
        assertEquals(2, camel.getRoutes().size());
        folder.unloadAll();
        assertTrue(camel.getRoutes().isEmpty());
    }
}
