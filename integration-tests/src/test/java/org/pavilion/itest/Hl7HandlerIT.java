package org.pavilion.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.Test;
import org.pavilion.testsupport.Await;
import org.pavilion.testsupport.HapiMllp;
import org.pavilion.testsupport.Http;

/**
 * The outpatient clinic's scheduling system books appointments over HL7 in a hospital that has not installed the
 * scheduling department: the hub answers AR naming scheduling. An operator installs a handler bundle
 * ({@code pavilion-example-hl7}) at runtime; without a restart the next booking is answered AA and reception sees
 * the patient expected over REST. Uninstalled, bookings are answered AR again. Sent with HAPI's own MLLP client.
 */
public class Hl7HandlerIT extends PavilionTestSupport {

    private static final Duration BOUND = Duration.ofMinutes(2);
    private static final AtomicInteger CONTROL_IDS = new AtomicInteger();

    /** A new booking (its own control id each time, so no answer is a stored one) and the ACK as HAPI read it. */
    private String book(String appointment, String patient) throws Exception {
        String text = "MSH|^~\\&|CLINICSCHED|GENHOSP|PAVILION|GENHOSP|20240601080000||SIU^S12^SIU_S12|SIU-IT-"
                + CONTROL_IDS.incrementAndGet() + "|P|2.5.1\r"
                + "SCH|" + appointment + "||||||^Follow-up^HL70276\r"
                + "PID|1||" + patient + "^^^GENHOSP^MR||Abara^Chinwe||19790411|F\r"
                + "RGS|1\r"
                + "AIS|1||CARDIO^Cardiology clinic|202406010930\r"
                + "AIL|1||OPD-2^^^GENHOSP\r";
        return Await.value("the HL7 listener answers", BOOT_BOUND, () -> {
            ca.uhn.hl7v2.model.Message ack = hl7Client().sendAndReceive(text);
            return HapiMllp.withHapiLoaderChecked(() -> hl7Client().context().getPipeParser().encode(ack));
        });
    }

    @Test
    public void aSchedulingHandlerInstalledAtRuntimeTurnsBookingsFromArIntoAa() throws Exception {
        Http admin = loginAsAdmin();
        // The real scheduling department takes SIU when installed: this hospital has not bought it.
        everyDepartmentItsOwnRootRequirement();
        withFeatures(f -> f.uninstallFeature("pavilion-scheduling", NO_REFRESH));

        String before = Await.value("bookings are refused without a scheduling department", BOUND, () -> {
            String ack = book("APT-IT-1", "K-IT-1");
            return "AR".equals(msa1(ack)) ? ack : null;
        });
        assertEquals(before, "AR", msa1(before));
        assertTrue(before, segment(before, "ERR").contains("scheduling not installed"));

        withFeatures(f -> f.installFeature("pavilion-example-hl7", NO_REFRESH));
        String[] accepted = new String[1];
        Await.until("the next booking is taken by the installed handler", BOUND, () -> {
            accepted[0] = book("APT-IT-2", "K-IT-2");
            assertEquals(accepted[0], "AA", msa1(accepted[0]));
        });
        Await.until("reception sees the patient expected", BOUND, () -> {
            Http.Response r = admin.get("/api/v1/example/expected-visits?patientId=K-IT-2");
            assertEquals(r.toString(), 200, r.status);
            JsonNode visits = r.json();
            assertEquals(r.toString(), 1, visits.size());
            assertEquals("APT-IT-2", visits.get(0).path("appointment").asText());
            assertEquals("Chinwe Abara", visits.get(0).path("visitorName").asText());
            assertEquals("OPD-2", visits.get(0).path("ward").asText());
            assertEquals("2024-06-01T09:30", visits.get(0).path("expectedAt").asText());
        });
        String again = book("APT-IT-2", "K-IT-2");
        assertEquals("the same appointment sent again: " + again, "AA", msa1(again));
        assertEquals(1, admin.get("/api/v1/example/expected-visits?patientId=K-IT-2").json().size());
        Http.Response before1 = admin.get("/api/v1/example/expected-visits?patientId=K-IT-1");
        assertEquals("the booking answered AR was not applied later", 0, before1.json().size());

        withFeatures(f -> f.uninstallFeature("pavilion-example-hl7", NO_REFRESH));
        Await.until("bookings are refused again once the handler is gone", BOUND, () -> {
            String after = book("APT-IT-3", "K-IT-3");
            assertEquals(after, "AR", msa1(after));
            assertTrue(after, segment(after, "ERR").contains("scheduling not installed"));
        });
    }
}
