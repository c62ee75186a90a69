package org.pavilion.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runners.MethodSorters;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.ServiceRegistration;
import org.pavilion.scheduling.api.VisitCostEstimator;
import org.pavilion.testsupport.Await;
import org.pavilion.testsupport.HapiMllp;
import org.pavilion.testsupport.Http;

/**
 * The scheduling department in the real container, with a stand-in for billing's price list. Dr Amara Osei, cardiologist, sees patients every day from 09:00
 * to 13:00 in OPD-1. Chinwe Abara finds her in the public directory without signing in, books the first free slot
 * tomorrow from her own account, moves it, is checked in at the desk (the EMR opens her encounter), is seen and
 * rates the visit; the directory shows the rating. Her neighbour Pedro cannot see, take or cancel her appointment;
 * bad requests are answered 4xx with a problem; the clinic's old scheduling system books over HL7 (SIU^S12 with
 * HAPI's client) and a clashing booking is answered AE. Then the EMR is switched off: scheduling keeps booking and
 * checking in (no encounter), and when the EMR is installed again check-in opens encounters again (this runs first).
 */
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class SchedulingIT extends PavilionTestSupport {

    private static final String API = "/api/v1/scheduling";
    private static final Duration BOUND = Duration.ofMinutes(2);
    private static final AtomicInteger CONTROL_IDS = new AtomicInteger();

    @Override
    protected Option[] extraOptions() {
        return new Option[] {
            // Working hours read in UTC whatever the machine's zone, so the test's times are plain.
            editConfigurationFilePut("etc/org.pavilion.scheduling.cfg", "zone", "UTC")};
    }

    @Test
    public void t01_aPatientsJourneyFromTheDirectoryToFeedback() throws Exception {
        Http admin = ready();
        String osei = doctor(admin, "Dr Amara Osei", "dr.osei", "Cardiology", "09:00", "13:00");
        Http drOsei = createUser(admin, "dr.osei", "DOCTOR", null);
        String chinwe = registerPatient(admin, "Chinwe", "Abara", "FEMALE", "1979-04-11");
        String pedroMrn = registerPatient(admin, "Pedro", "Alves", "FEMALE", "1981-07-30");
        Http patient = createUser(admin, "chinwe.abara", "PATIENT", chinwe);
        Http pedro = createUser(admin, "pedro.alves", "PATIENT", pedroMrn);
        Http anonymous = Http.anonymous(baseUrl());

        // The real billing department steps aside (uninstalled, nothing else refreshed) and this test stands in for
        // its price list: the directory and the booking show this estimator's prices; BillingIT covers the real one.
        everyDepartmentItsOwnRootRequirement();
        withFeatures(f -> f.uninstallFeature("pavilion-billing", NO_REFRESH));
        ServiceRegistration<VisitCostEstimator> billing = bundleContext.registerService(VisitCostEstimator.class,
                new PriceList(), null);
        // The public directory, no login: the doctor, her specialty and her next free slots.
        JsonNode found = ok(anonymous.get(API + "/doctors?specialty=Cardiology")).path("items");
        assertEquals(found.toString(), 1, found.size());
        assertEquals("Dr Amara Osei", found.get(0).path("displayName").asText());
        assertFalse(found.get(0).path("nextFreeSlots").isEmpty());
        assertEquals(0, new BigDecimal("45.00").compareTo(found.get(0).path("consultationFee").path("amount")
                .decimalValue()));
        LocalDate tomorrow = LocalDate.now(java.time.ZoneOffset.UTC).plusDays(1);
        String tomorrowsSlots = API + "/slots?doctorId=" + osei + "&from=" + tomorrow + "&to=" + tomorrow + "&limit=50";
        JsonNode slots = ok(anonymous.get(tomorrowsSlots));
        assertEquals(slots.toString(), 12, slots.size()); // 09:00 to 13:00 in 20-minute slots
        assertEquals(tomorrow + "T09:00", slots.get(0).path("localStart").asText());

        // Chinwe books the first slot for herself.
        JsonNode booked = created(patient.post(API + "/my/appointments", booking(osei, tomorrow + "T09:00")));
        String id = booked.path("id").asText();
        assertEquals("BOOKED", booked.path("status").asText());
        assertEquals(chinwe, booked.path("patientId").asText());
        assertEquals(8, booked.path("bookingCode").asText().length());
        HttpResponse<String> qr = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl() + API
                + "/my/appointments/" + id + "/qr")).header("Authorization", "Bearer " + patient.token()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(qr.body(), 200, qr.statusCode());
        assertTrue(qr.body(), qr.body().startsWith("<svg") && qr.headers().firstValue("Content-Type").orElse("")
                .startsWith("image/svg+xml"));
        assertEquals(new BigDecimal("9.00"), booked.path("estimatedCost").decimalValue().setScale(2));
        billing.unregister(); // billing switched off: bookings go on, without a price
        // Pedro can neither take her slot, nor see or cancel her appointment.
        assertEquals(409, pedro.post(API + "/my/appointments", booking(osei, tomorrow + "T09:00")).status);
        assertEquals(403, pedro.get(API + "/appointments/" + id).status);
        int cancel = pedro.post(API + "/my/appointments/" + id + "/cancel", obj().put("reason", "mine")).status;
        assertTrue("Pedro cancelling Chinwe's appointment: " + cancel, cancel == 403 || cancel == 404);
        ObjectNode forChinwe = booking(osei, tomorrow + "T10:00").put("patientId", chinwe);
        assertEquals(403, pedro.post(API + "/appointments", forChinwe).status);

        // Bad requests: a clear 4xx problem each.
        problem(400, patient.post(API + "/my/appointments", booking(osei, LocalDate.now().minusDays(3) + "T09:00")));
        problem(400, patient.post(API + "/my/appointments", booking(osei, tomorrow + "T08:00")));
        problem(400, patient.post(API + "/my/appointments", booking(osei, tomorrow + "T09:10")));
        problem(404, patient.post(API + "/my/appointments", booking("no-such-doctor", tomorrow + "T09:00")));
        ObjectNode overlapping = hours(1, "12:00", "15:00");
        problem(400, admin.post(API + "/doctors/" + osei + "/working-hours", overlapping));

        // She moves it to 10:00; 09:00 is free again.
        JsonNode moved = ok(patient.post(API + "/my/appointments/" + id + "/reschedule",
                obj().put("start", tomorrow + "T10:00")));
        assertEquals(tomorrow + "T10:00", moved.path("localStart").asText());
        JsonNode again = ok(anonymous.get(tomorrowsSlots));
        assertEquals(tomorrow + "T09:00", again.get(0).path("localStart").asText());
        assertEquals(11, again.size());

        // At the desk: checked in, which opens her encounter in the EMR.
        JsonNode in = ok(admin.post(API + "/appointments/" + id + "/check-in", obj()));
        assertEquals("CHECKED_IN", in.path("status").asText());
        String encounter = in.path("encounterId").asText();
        assertFalse("check-in opened an encounter: " + in, encounter.isEmpty());
        JsonNode record = ok(drOsei.get("/api/v1/emr/records/" + chinwe + "/encounters"));
        assertTrue(record.toString(), record.toString().contains(encounter));

        // Seen by the doctor; Chinwe rates the visit once; the directory shows it.
        assertEquals("COMPLETED", ok(drOsei.post(API + "/appointments/" + id + "/complete", obj()))
                .path("status").asText());
        created(patient.post(API + "/my/feedback/" + id, obj().put("rating", 5).put("comment", "Kind and clear")));
        assertEquals(409, patient.post(API + "/my/feedback/" + id, obj().put("rating", 1)).status);
        JsonNode profile = ok(anonymous.get(API + "/doctors/" + osei));
        assertEquals(5.0, profile.path("averageRating").asDouble(), 0.001);
        assertEquals(1, profile.path("ratingCount").asInt());
        // Her own list shows it completed; every access is in the audit trail under her MRN.
        JsonNode mine = ok(patient.get(API + "/my/appointments"));
        assertTrue(mine.toString(), mine.toString().contains("COMPLETED"));
        JsonNode trail = ok(admin.get("/api/v1/platform/audit?size=200&patientId=" + chinwe));
        assertTrue(trail.toString(), trail.toString().contains("appointment"));
        withFeatures(f -> f.installFeature("pavilion-billing", NO_REFRESH)); // back for the other tests
    }

    @Test
    public void t02_theClinicsOldSystemBooksOverHl7AndAClashIsAe() throws Exception {
        Http admin = ready();
        String mensah = doctor(admin, "Dr Kofi Mensah", null, "Family medicine", "08:00", "12:00");
        // The clinic system knows the patient by its own id; ADT registers him first.
        String adt = "MSH|^~\\&|CLINICSCHED|GENHOSP|PAVILION|GENHOSP|20240601080000||ADT^A04^ADT_A01|SIU-IT-ADT-"
                + CONTROL_IDS.incrementAndGet() + "|P|2.5.1\rEVN|A04|20240601080000\r"
                + "PID|1||K-77^^^GENHOSP^MR||Boateng^Yaw||19660302|M\rPV1|1|O\r";
        assertEquals("AA", msa1(send(adt)));
        LocalDate day = LocalDate.now(java.time.ZoneOffset.UTC).plusDays(2);
        String ts = day.toString().replace("-", "") + "0900";
        String first = send(siu("APT-77", mensah, ts));
        assertEquals(first, "AA", msa1(first));
        JsonNode list = ok(admin.get(API + "/appointments?doctorId=" + mensah + "&day=" + day));
        assertEquals(list.toString(), 1, list.path("items").size());
        assertEquals("APT-77", list.path("items").get(0).path("externalId").asText());
        assertEquals("AA", msa1(send(siu("APT-77", mensah, ts)))); // the same booking again changes nothing
        String clash = send(siu("APT-78", mensah, ts));
        assertEquals(clash, "AE", msa1(clash));
        assertTrue(clash, segment(clash, "ERR").toLowerCase().contains("booked"));
        assertEquals(1, ok(admin.get(API + "/appointments?doctorId=" + mensah + "&day=" + day)).path("items").size());
    }

    @Test
    public void t00_withoutTheEmrSchedulingWorksAndPicksItUpWhenInstalled() throws Exception {
        Http admin = ready();
        String lind = doctor(admin, "Dr Sara Lind", null, "Dermatology", "09:00", "13:00");
        LocalDate day = LocalDate.now(java.time.ZoneOffset.UTC).plusDays(3);
        // First, before this probe loads a scheduling class: the operator's uninstall and install refresh the bundles
        // wired to the EMR (scheduling among them), which would take the probe down with them.
        everyDepartmentItsOwnRootRequirement();
        withFeatures(f -> f.uninstallFeature("pavilion-emr"));
        Await.until("the EMR is gone", BOUND, () -> assertEquals(404, admin.get("/api/v1/emr/patients").status));
        // A walk-in the desk types by name: no EMR to ask, so no encounter at check-in.
        JsonNode walkIn = created(admin.post(API + "/appointments", booking(lind, day + "T09:00")
                .put("patientId", "WALKIN-1")));
        JsonNode in = ok(admin.post(API + "/appointments/" + walkIn.path("id").asText() + "/check-in", obj()));
        assertEquals("CHECKED_IN", in.path("status").asText());
        assertTrue(in.toString(), in.path("encounterId").isNull() || in.path("encounterId").isMissingNode());

        withFeatures(f -> f.installFeature("pavilion-emr"));
        Await.until("the EMR is back", BOUND, () -> assertEquals(400, admin.get("/api/v1/emr/patients").status));
        String mrn = Await.value("a registration at the desk again", BOUND, () -> {
            Http.Response r = admin.post("/api/v1/emr/patients", obj().put("givenName", "Linnea").put("familyName",
                    "Holm").put("sex", "FEMALE").put("birthDate", "1990-01-20"));
            return r.status == 201 ? r.json().path("mrn").asText() : null;
        });
        // Each try books the next slot: a try made while scheduling was still rewiring to the EMR keeps its booking.
        AtomicInteger attempt = new AtomicInteger();
        JsonNode encountered = Await.value("check-in opens an encounter again", BOUND, () -> {
            String start = day + "T" + java.time.LocalTime.of(9, 20).plusMinutes(20L * attempt.getAndIncrement());
            Http.Response b = admin.post(API + "/appointments", booking(lind, start).put("patientId", mrn));
            assertEquals(b.toString(), 201, b.status);
            JsonNode c = ok(admin.post(API + "/appointments/" + b.json().path("id").asText() + "/check-in", obj()));
            return c.path("encounterId").asText().isEmpty() ? null : c;
        });
        assertNotEquals("", encountered.path("encounterId").asText());
    }

    /** Billing's price list as the SPI answers it: 45.00 EUR a consultation, 80 % paid by insurance. */
    private static final class PriceList implements VisitCostEstimator {
        @Override
        public Optional<Estimate> consultationFee(Visit visit) {
            return Optional.of(new Estimate(new BigDecimal("45.00"), null, null, "EUR", "consultation"));
        }

        @Override
        public Optional<Estimate> estimate(Visit visit) {
            return Optional.of(new Estimate(new BigDecimal("45.00"), new BigDecimal("36.00"), new BigDecimal("9.00"),
                    "EUR", "insurance pays 80 %"));
        }
    }

    // ---- the hospital's set-up ----

    private Http ready() throws Exception {
        Http admin = loginAsAdmin();
        Await.until("scheduling is published", BOOT_BOUND, () -> assertEquals(200,
                Http.anonymous(baseUrl()).get(API + "/services").status));
        Http.Response service = admin.post(API + "/services", obj().put("code", "CONSULT").put("name", "Consultation")
                .put("slotMinutes", 20).set("visitTypes", Http.json().createArrayNode().add("IN_PERSON").add("VIDEO")));
        assertTrue(service.toString(), service.status == 201 || service.status == 409);
        return admin;
    }

    /** A doctor offering CONSULT every day of the week in OPD-1. */
    private static String doctor(Http admin, String name, String username, String specialty, String from, String to)
            throws Exception {
        ObjectNode d = obj().put("displayName", name).put("title", "MD");
        if (username != null) {
            d.put("username", username);
        }
        d.putArray("specialties").add(specialty);
        d.putArray("languages").add("en").add("fr");
        d.putArray("services").addObject().put("code", "CONSULT");
        String id = created(admin.post(API + "/doctors", d)).path("id").asText();
        for (int weekday = 1; weekday <= 7; weekday++) {
            created(admin.post(API + "/doctors/" + id + "/working-hours", hours(weekday, from, to)));
        }
        return id;
    }

    private static ObjectNode hours(int weekday, String from, String to) {
        return obj().put("location", "OPD-1").put("weekday", weekday).put("start", from).put("end", to)
                .put("validFrom", LocalDate.now().minusDays(1).toString());
    }

    private static ObjectNode booking(String doctorId, String start) {
        return obj().put("doctorId", doctorId).put("serviceCode", "CONSULT").put("visitType", "IN_PERSON")
                .put("start", start).put("reason", "Palpitations");
    }

    // ---- HL7 ----

    private String siu(String appointment, String doctorId, String start) {
        return "MSH|^~\\&|CLINICSCHED|GENHOSP|PAVILION|GENHOSP|20240601080000||SIU^S12^SIU_S12|SIU-IT-"
                + CONTROL_IDS.incrementAndGet() + "|P|2.5.1\r"
                + "SCH|" + appointment + "||||||^Check-up^HL70276\r"
                + "PID|1||K-77^^^GENHOSP^MR||Boateng^Yaw||19660302|M\r"
                + "RGS|1\r"
                + "AIS|1||CONSULT^Consultation|" + start + "|||20|min\r"
                + "AIP|1||" + doctorId + "^Mensah^Kofi\r"
                + "AIL|1||OPD-1\r";
    }

    private String send(String text) throws Exception {
        return Await.value("the HL7 listener answers", BOOT_BOUND, () -> {
            ca.uhn.hl7v2.model.Message ack = hl7Client().sendAndReceive(text);
            return HapiMllp.withHapiLoaderChecked(() -> hl7Client().context().getPipeParser().encode(ack));
        });
    }

    // ---- HTTP ----
}
