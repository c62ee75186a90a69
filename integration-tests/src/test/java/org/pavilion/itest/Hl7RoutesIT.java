package org.pavilion.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.pavilion.itest.Hl7InboundIT.a04;
import static org.pavilion.itest.Hl7InboundIT.admin;
import static org.pavilion.itest.Hl7InboundIT.field;
import static org.pavilion.itest.Hl7InboundIT.msa1;
import static org.pavilion.itest.Hl7InboundIT.msh;
import static org.pavilion.itest.Hl7InboundIT.patientsNamed;
import static org.pavilion.itest.Hl7InboundIT.pid;
import static org.pavilion.itest.Hl7InboundIT.segment;
import static org.pavilion.itest.Hl7InboundIT.stored;

import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.junit.After;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runners.MethodSorters;
import org.ops4j.pax.exam.Option;
import org.pavilion.testsupport.Await;
import org.pavilion.testsupport.HapiMllp;
import org.pavilion.testsupport.HapiMllpServer;
import org.pavilion.testsupport.Http;

/**
 * The three example route files the distribution ships in {@code etc/routes-examples/}, each copied into
 * {@code etc/routes/} as an operator would (with the other system's address edited in), proven to work against
 * HAPI test systems, and stopped by deleting the file: a filter that passes only the North Wing's registrations to
 * its bed board, a field mapping in front of the hub for a clinic's feed, and a fan-out of accepted ADT to
 * radiology that keeps retrying while radiology is down, without holding up any ACK. A route whose file comes back
 * gets what the hub accepted while it was out.
 */
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class Hl7RoutesIT extends PavilionTestSupport {

    private static final Duration BOUND = Duration.ofMinutes(2);
    private static final String BEDBOARD_PORT = "pavilion.itest.hl7.bedboard.port";
    private static final String CLINIC_PORT = "pavilion.itest.hl7.clinic.port";
    private static final String RIS_PORT = "pavilion.itest.hl7.ris.port";

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final List<Path> routeFiles = new ArrayList<>();

    @Override
    protected Option[] extraOptions() {
        try {
            int listener = freePort();
            String cfg = "etc/org.pavilion.hl7.listener-default.cfg";
            return new Option[] {editConfigurationFilePut(cfg, "port", String.valueOf(listener)),
                systemProperty(Hl7InboundIT.PORT_PROPERTY).value(String.valueOf(listener)),
                systemProperty(BEDBOARD_PORT).value(String.valueOf(freePort())),
                systemProperty(CLINIC_PORT).value(String.valueOf(freePort())),
                systemProperty(RIS_PORT).value(String.valueOf(freePort()))};
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @After
    public void cleanUp() throws Exception {
        for (Path f : routeFiles) {
            Files.deleteIfExists(f);
        }
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private static int port(String property) {
        return Integer.parseInt(System.getProperty(property));
    }

    private <T extends AutoCloseable> T closeLater(T c) {
        toClose.add(c);
        return c;
    }

    /** A sending system on the hub's default listener. */
    private HapiMllp adtSystem() {
        return closeLater(new HapiMllp("localhost", port(Hl7InboundIT.PORT_PROPERTY)));
    }

    /** Sends with HAPI's client, waiting (bounded) for the listener, and returns the ACK as HAPI encodes it. */
    private static String send(HapiMllp client, String text) throws Exception {
        return Await.value("the MLLP listener answers", BOUND, () -> client.send(text));
    }

    private CamelContext camel() throws InterruptedException {
        return awaitService(CamelContext.class, null, BOUND);
    }

    /**
     * Copies a shipped example into etc/routes/ with {@code from} replaced by {@code to} (the operator's edit of the
     * other system's address) and waits until its route runs.
     */
    private Path install(String example, String routeId, String from, String to) throws Exception {
        Path source = Paths.get(System.getProperty("karaf.etc"), "routes-examples", example);
        assertTrue("the distribution ships " + source, Files.isRegularFile(source));
        String text = Files.readString(source, StandardCharsets.UTF_8);
        assertTrue(example + " names " + from, text.contains(from));
        Path target = Paths.get(System.getProperty("karaf.etc"), "routes", example);
        Files.createDirectories(target.getParent());
        routeFiles.add(target);
        Files.writeString(target, text.replace(from, to), StandardCharsets.UTF_8);
        CamelContext camel = camel();
        Await.until("route " + routeId + " from " + example + " runs", BOUND, () -> {
            assertNotNull(camel.getRoute(routeId));
            assertEquals(ServiceStatus.Started, camel.getRouteController().getRouteStatus(routeId));
        });
        return target;
    }

    private void uninstall(Path file, String routeId) throws Exception {
        Files.delete(file);
        CamelContext camel = camel();
        Await.until("route " + routeId + " is gone with its file", BOUND, () -> assertNull(camel.getRoute(routeId)));
    }

    private static String fromFacility(String facility, String message) {
        return message.replace("|ADT1|HOSP|", "|ADT1|" + facility + "|");
    }

    private static String controlIdOf(String message) {
        return field(segment(message, "MSH"), 9);
    }

    // ---- the day ---------------------------------------------------------------------------------------------

    @Test
    public void t01_theFilterPassesOnlyNorthWingRegistrationsToItsBedBoard() throws Exception {
        admin();
        HapiMllpServer bedBoard = closeLater(new HapiMllpServer(port(BEDBOARD_PORT)));
        Path file = install("hl7-filter-north-wing-registrations.yaml", "hl7-north-wing-registrations",
                "bedboard.hospital.example:2575", "localhost:" + port(BEDBOARD_PORT));
        HapiMllp adt = adtSystem();

        assertEquals("AA", msa1(send(adt, fromFacility("NORTHWING",
                a04("2.5.1", "NW-0001", pid("H3001", "Achterberg", "Femke", "19790101", "F"))))));
        assertEquals("AA", msa1(send(adt, fromFacility("SOUTHWING",
                a04("2.5.1", "SW-0001", pid("H3002", "Brennan", "Siobhan", "19800202", "F"))))));
        assertEquals("AA", msa1(send(adt, fromFacility("NORTHWING", msh("2.5.1", "ADT^A08^ADT_A01", "NW-0002")
                + "EVN|A08\r" + pid("H3001", "Achterberg", "Femke", "19790101", "F")))));
        // Not accepted (AE): never published, so never forwarded.
        assertEquals("AE", msa1(send(adt, fromFacility("NORTHWING",
                a04("2.5.1", "NW-0003", "PID|1||||Nobody^Here||19700101|F\r")))));
        assertEquals("AA", msa1(send(adt, fromFacility("NORTHWING",
                a04("2.5.1", "NW-0004", pid("H3003", "Castellanos", "Ines", "19810303", "F"))))));

        // In acceptance order: once the last one arrived, anything the filter let through has arrived.
        String first = bedBoard.next(BOUND);
        assertNotNull("the bed board receives the first North Wing registration", first);
        assertEquals("NW-0001", controlIdOf(first));
        assertTrue(first, first.contains("Achterberg^Femke"));
        String second = bedBoard.next(BOUND);
        assertNotNull("the bed board receives the second North Wing registration", second);
        assertEquals("NW-0004", controlIdOf(second));
        assertEquals(List.of(), bedBoard.drain());

        uninstall(file, "hl7-north-wing-registrations");
        assertEquals("AA", msa1(send(adt, fromFacility("NORTHWING",
                a04("2.5.1", "NW-0005", pid("H3004", "Dimitrov", "Elena", "19820404", "F"))))));
        assertNull("without the route file nothing goes to the bed board", bedBoard.next(Duration.ofSeconds(3)));
    }

    @Test
    public void t02_theMappingRewritesTheClinicsFieldsBeforeTheHubAppliesThem() throws Exception {
        Http admin = admin();
        int clinicPort = port(CLINIC_PORT);
        Path file = install("hl7-map-clinic-feed.yaml", "hl7-clinic-feed", "0.0.0.0:2577", "0.0.0.0:" + clinicPort);
        HapiMllp clinic = closeLater(new HapiMllp("localhost", clinicPort));
        String header = "MSH|^~\\&|CLINICSYS|C7|PAVILION|HOSP|20240601080000||ADT^A04^ADT_A01|%s|P|2.5.1\rEVN|A04\r";

        // ISO 5218 code 2 (female) from the clinic becomes HL7's F; MSH-4 C7 becomes STMARYS.
        String ack = send(clinic, String.format(header, "CL-0001") + pid("H3101", "Eriksen", "Maja", "19900909", "2"));
        assertEquals(ack, "AA", msa1(ack));
        JsonNode patient = patientsNamed(admin, "Eriksen").get(0);
        assertEquals("FEMALE", patient.path("sex").asText());
        JsonNode row = stored(admin, "CL-0001");
        assertEquals("CLINICSYS|STMARYS", row.path("sender").asText());
        assertEquals("hl7-clinic-feed", row.path("listener").asText());
        assertEquals("PROCESSED", row.path("status").asText());
        String raw = admin.get("/api/v1/hl7/messages/" + row.path("id").asText()).json().path("rawText").asText();
        assertTrue(raw, raw.contains("|CLINICSYS|STMARYS|"));
        assertTrue(raw, raw.contains("||19900909|F"));

        // The clinic gets the hub's own answers through the route: AE with ERR for a content error ...
        String bad = send(clinic, String.format(header, "CL-0002") + "PID|1||||Nobody^Here||19700101|1\r");
        assertEquals(bad, "AE", msa1(bad));
        assertTrue(bad, field(segment(bad, "ERR"), 3).startsWith("101^"));
        assertEquals("PARKED", stored(admin, "CL-0002").path("status").asText());
        // ... and the stored ACK, byte for byte, for a message it sends again.
        String again = send(clinic, String.format(header, "CL-0001") + pid("H3101", "Eriksen", "Maja", "19900909", "2"));
        assertEquals(ack, again);

        uninstall(file, "hl7-clinic-feed");
        Await.until("the clinic's port is closed with the route", BOUND, () -> {
            try (Socket s = new Socket("localhost", clinicPort)) {
                throw new AssertionError("port " + clinicPort + " still accepts connections");
            } catch (ConnectException closed) {
                // as it should be
            }
        });
    }

    @Test
    public void t03_theFanOutForwardsAcceptedAdtToRadiologyAndRetriesWhileItIsDown() throws Exception {
        admin();
        int risPort = port(RIS_PORT);
        Path file = install("hl7-fanout-radiology.yaml", "hl7-fanout-radiology", "ris.hospital.example:2575",
                "localhost:" + risPort);
        HapiMllp adt = adtSystem();
        send(adt, a04("2.5.1", "RIS-0000", pid("H3200", "Warmup", "Listener", "19700101", "M")));

        // Radiology is down: the sender is answered at once all the same, the route retries on its own queue.
        long start = System.nanoTime();
        String ack = adt.send(a04("2.5.1", "RIS-0001", pid("H3201", "Fitzgerald", "Aoife", "19850505", "F")));
        long ackMillis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(ack, "AA", msa1(ack));
        assertTrue("ACK took " + ackMillis + " ms while radiology was down", ackMillis < 5_000);
        assertEquals("AA", msa1(adt.send(msh("2.5.1", "ADT^A08^ADT_A01", "RIS-0002") + "EVN|A08\r"
                + pid("H3201", "Fitzgerald-Byrne", "Aoife", "19850505", "F"))));
        // Not accepted, not forwarded: a lab result naming no order is refused by the laboratory (AE).
        assertEquals("AE", msa1(adt.send(msh("2.5.1", "ORU^R01^ORU_R01", "RIS-0003")
                + pid("H3201", "Fitzgerald", "Aoife", "19850505", "F"))));

        HapiMllpServer ris = closeLater(new HapiMllpServer(risPort));
        // A message may arrive twice (a send that timed out is retried); the order is kept.
        List<String> controlIds = new ArrayList<>();
        while (controlIds.size() < 3) {
            String m = ris.next(BOUND);
            assertNotNull("radiology receives the accepted ADT messages once it is up; so far " + controlIds, m);
            if (!controlIds.contains(controlIdOf(m))) {
                controlIds.add(controlIdOf(m));
            }
        }
        assertEquals(List.of("RIS-0000", "RIS-0001", "RIS-0002"), controlIds);

        uninstall(file, "hl7-fanout-radiology");
        ris.drain();
        assertEquals("AA", msa1(send(adt, a04("2.5.1", "RIS-0004", pid("H3202", "Gallagher", "Niamh", "19860606", "F")))));
        assertNull("without the route file radiology hears nothing more", ris.next(Duration.ofSeconds(3)));
        assertEquals(1, patientsNamed(admin(), "Gallagher").size());
    }

    @Test
    public void t04_theFilterBackAfterItsFileWasOutGetsWhatTheHubAcceptedMeanwhileInOrder() throws Exception {
        Http admin = admin();
        HapiMllpServer bedBoard = closeLater(new HapiMllpServer(port(BEDBOARD_PORT)));
        HapiMllp adt = adtSystem();
        // t01 took the file out and NW-0005 was accepted without the route; one more while it is still out:
        assertEquals("AA", msa1(send(adt, fromFacility("NORTHWING",
                a04("2.5.1", "NW-0006", pid("H3005", "Eriksen", "Frida", "19830505", "F"))))));
        assertNull(bedBoard.next(Duration.ofSeconds(2)));
        JsonNode away = routePosition(admin, "hl7-north-wing-registrations");
        assertFalse("the integrator sees the route is not running: " + away, away.path("running").asBoolean());
        assertTrue("and how much is waiting for it: " + away, away.path("behind").asLong() >= 2);

        // The route resumes after its cursor (kept by route id in the store), not from "now".
        install("hl7-filter-north-wing-registrations.yaml", "hl7-north-wing-registrations",
                "bedboard.hospital.example:2575", "localhost:" + port(BEDBOARD_PORT));
        String missed = bedBoard.next(BOUND);
        assertNotNull("the bed board gets the registration accepted while the route was out", missed);
        assertEquals("NW-0005", controlIdOf(missed));
        String next = bedBoard.next(BOUND);
        assertNotNull(next);
        assertEquals("NW-0006", controlIdOf(next));
        assertEquals("AA", msa1(send(adt, fromFacility("NORTHWING",
                a04("2.5.1", "NW-0007", pid("H3006", "Fonseca", "Gloria", "19840606", "F"))))));
        String live = bedBoard.next(BOUND);
        assertNotNull(live);
        assertEquals("NW-0007", controlIdOf(live));
        assertEquals("nothing twice", List.of(), bedBoard.drain());
        Await.until("the route has caught up", BOUND, () -> {
            JsonNode back = routePosition(admin, "hl7-north-wing-registrations");
            assertTrue(back.toString(), back.path("running").asBoolean());
            assertEquals(back.toString(), 0, back.path("behind").asLong());
        });
    }

    /** The route's position as GET /api/v1/hl7/routes shows it. */
    private static JsonNode routePosition(Http admin, String routeId) throws Exception {
        Http.Response r = admin.get("/api/v1/hl7/routes");
        assertEquals(r.toString(), 200, r.status);
        for (JsonNode route : r.json().path("routes")) {
            if (routeId.equals(route.path("routeId").asText())) {
                return route;
            }
        }
        throw new AssertionError("no cursor of route " + routeId + " in " + r.json());
    }
}
