package org.pavilion.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.karaf.features.Feature;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runners.MethodSorters;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.pavilion.testsupport.Await;
import org.pavilion.testsupport.Http;

/**
 * Notifications in the real container (issue 26's proof), on whichever database the suite runs, with a real SMTP
 * server (GreenMail, a process of its own on loopback) and a local HTTP server standing in for the SMS provider.
 * Amélie Girard, who reads French, books with Dr Mensah: her confirmation e-mail and SMS are in French. Her reminder
 * comes the day before, when the notifications clock says so, and not for the appointment she cancelled. A gateway
 * under maintenance fails twice and the SMS still goes out once. A booking event delivered again sends nothing twice.
 * Opted out of SMS, she gets e-mail only. With the mail server down the e-mail waits in the queue and leaves when the
 * server is back.
 */
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class NotificationsIT extends PavilionTestSupport {

    private static final String API = "/api/v1/notifications";
    private static final Duration BOUND = Duration.ofMinutes(1);
    private static final String NOTIFICATIONS_CFG = "etc/org.pavilion.notifications.cfg";

    private static MailServer mail;
    private static SmsGateway sms;
    private static String doctorId;
    private static String doctorName;

    @Override
    protected Option[] extraOptions() {
        return new Option[] {
            systemProperty(MailServer.JAR_PROPERTY).value(System.getProperty(MailServer.JAR_PROPERTY, "")),
            // Quiet hours off (the suite runs at any hour); a quick dispatcher and short back-off. The channels are
            // pointed at the servers once they run (ready()), on ports picked inside the container.
            editConfigurationFilePut(NOTIFICATIONS_CFG, "quietHoursStart", ""),
            editConfigurationFilePut(NOTIFICATIONS_CFG, "dispatchIntervalMs", "200"),
            editConfigurationFilePut(NOTIFICATIONS_CFG, "backoffBaseMs", "300"),
            editConfigurationFilePut(NOTIFICATIONS_CFG, "backoffMaxMs", "1000"),
            editConfigurationFilePut(NOTIFICATIONS_CFG, "maxAttempts", "1000"),
            editConfigurationFilePut(NOTIFICATIONS_CFG, "reminderIntervalMs", "300")};
    }

    @Test
    public void t00_notificationsStandAloneAsTheirOwnFeature() throws Exception {
        ready();
        Feature feature = features().getFeature("pavilion-notifications");
        assertNotNull("feature pavilion-notifications", feature);
        assertTrue(features().isInstalled(feature));
        Bundle bundle = null;
        for (Bundle b : bundleContext.getBundles()) {
            if ("org.pavilion.notifications".equals(b.getSymbolicName())) {
                bundle = b;
            }
        }
        assertNotNull("bundle org.pavilion.notifications", bundle);
        assertEquals(Bundle.ACTIVE, bundle.getState());
        // It reads the departments' events by field and imports none of their packages; the EMR only optionally.
        String imports = String.valueOf(bundle.getHeaders().get("Import-Package"));
        for (String clause : imports.split(",(?=[a-z])")) {
            for (String department : new String[] {"scheduling", "lab", "pharmacy", "billing", "telemedicine"}) {
                assertFalse(clause, clause.startsWith("org.pavilion." + department + "."));
            }
            if (clause.startsWith("org.pavilion.emr.")) {
                assertTrue(clause, clause.contains("resolution:=optional"));
            }
        }
    }

    @Test
    public void t01_aBookingIsConfirmedByEmailAndSmsInThePatientsLanguage() throws Exception {
        Http admin = ready();
        String tag = tag();
        String amelie = patient(admin, "Amélie", "Girard" + tag, "fr", "amelie." + tag + "@example.org",
                "+33 6 12 34 " + digits(tag));
        String john = patient(admin, "John", "Baker" + tag, "en", "john." + tag + "@example.org",
                "+44 7700 9" + digits(tag));
        LocalDate day = LocalDate.now().plusDays(3);

        String forAmelie = book(admin, amelie, day, "09:00");
        book(admin, john, day, "09:20");

        JsonNode email = mail.awaitInbox("amelie." + tag + "@example.org", 1, BOUND).get(0);
        String text = MimeText.subjectAndBody(email);
        assertTrue(text, text.contains(DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL)
                .withLocale(Locale.FRENCH).format(day)));
        assertTrue(text, text.contains("09:00"));
        assertTrue(text, text.contains(doctorName));
        assertTrue(text, text.toLowerCase(Locale.ROOT).contains("rendez-vous"));
        String english = MimeText.subjectAndBody(mail.awaitInbox("john." + tag + "@example.org", 1, BOUND).get(0));
        assertTrue(english, english.contains(DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL)
                .withLocale(Locale.ENGLISH).format(day)));
        assertTrue(english, english.toLowerCase(Locale.ROOT).contains("appointment"));

        SmsGateway.Sms text1 = sms.awaitTo("+3361234" + digits(tag), 1, BOUND).get(0);
        assertTrue(text1.text(), text1.text().contains("09:00"));
        assertEquals("PAVILION", text1.from());

        // The desk reads what went out, with the server's answers.
        JsonNode log = await(admin, API + "/deliveries?patientId=" + amelie + "&eventType=AppointmentBooked", 2,
                "SENT");
        for (JsonNode d : log.path("items")) {
            assertEquals(d.toString(), "fr", d.path("language").asText());
        }
        assertEquals("SCHEDULED", ok(admin.get(API + "/reminders?appointmentId=" + forAmelie)).get(0)
                .path("status").asText());
    }

    @Test
    public void t02_aGatewayThatFailsTwiceStillDeliversOneSms() throws Exception {
        Http admin = ready();
        String tag = tag();
        String phone = "+33 7 00 00 " + digits(tag);
        String mrn = patient(admin, "Lucie", "Moreau" + tag, "fr", null, phone);
        int before = sms.requests();
        sms.failNext(2);
        book(admin, mrn, LocalDate.now().plusDays(3), "10:00");

        List<SmsGateway.Sms> got = sms.awaitTo("+33700" + "00" + digits(tag), 1, BOUND);
        JsonNode sent = await(admin, API + "/deliveries?patientId=" + mrn + "&channel=SMS", 1, "SENT")
                .path("items").get(0);
        JsonNode detail = ok(admin.get(API + "/deliveries/" + sent.path("id").asText()));
        assertEquals(detail.toString(), 3, detail.path("attemptCount").asInt());
        assertEquals(detail.toString(), 3, detail.path("attempts").size());
        assertTrue(sms.requests() - before >= 3);
        Thread.sleep(1500); // a duplicate would be sent by now
        assertEquals(1, sms.to(got.get(0).to()).size());
        // No e-mail address: the e-mail rule is logged as not sent, not retried.
        await(admin, API + "/deliveries?patientId=" + mrn + "&channel=EMAIL", 1, "SUPPRESSED");
    }

    @Test
    public void t03_aBookingEventDeliveredAgainSendsNothingTwice() throws Exception {
        Http admin = ready();
        String tag = tag();
        String address = "nadia." + tag + "@example.org";
        String mrn = patient(admin, "Nadia", "Haddad" + tag, "fr", address, null);
        String appointment = book(admin, mrn, LocalDate.now().plusDays(3), "10:20");
        mail.awaitInbox(address, 1, BOUND);

        // The bus delivers at least once: put the notifications subscriber's delivery back as if it had not been
        // marked delivered before a crash, and wait until it has been delivered again.
        DataSource db = awaitService(DataSource.class, "(osgi.jndi.service.name=pavilion)", BOUND);
        long redeliveredAt;
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "update events_delivery set status = 'PENDING', next_attempt_ms = 0, updated_ms = ? "
                        + "where subscriber = 'notifications' and event_id in (select id from events_outbox "
                        + "where event_type = 'AppointmentBooked' and subject_key = ?)")) {
            redeliveredAt = System.currentTimeMillis();
            s.setLong(1, redeliveredAt);
            s.setString(2, "appointment:" + appointment);
            assertEquals(1, s.executeUpdate());
        }
        Await.until("the booking event is delivered again", BOUND, () -> {
            try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                    "select d.status, d.updated_ms from events_delivery d join events_outbox o on o.id = d.event_id "
                            + "where d.subscriber = 'notifications' and o.subject_key = ? "
                            + "and o.event_type = 'AppointmentBooked'")) {
                s.setString(1, "appointment:" + appointment);
                try (ResultSet r = s.executeQuery()) {
                    assertTrue(r.next());
                    assertEquals("DELIVERED", r.getString(1));
                    assertTrue(r.getLong(2) > redeliveredAt);
                }
            }
        });
        Thread.sleep(1500); // a second message would be on its way by now
        assertEquals(1, mail.inbox(address).size());
        assertEquals(1, ok(admin.get(API + "/deliveries?patientId=" + mrn + "&channel=EMAIL")).path("total").asInt());
    }

    @Test
    public void t04_aPatientWhoOptedOutOfSmsGetsEmailOnly() throws Exception {
        Http admin = ready();
        String tag = tag();
        String address = "omar." + tag + "@example.org";
        String phone = "+212 6 61 " + digits(tag);
        String mrn = patient(admin, "Omar", "Benali" + tag, "fr", address, phone);
        ObjectNode prefs = obj();
        prefs.putObject("channels").putObject("SMS").put("optedOut", true);
        ok(admin.put(API + "/patients/" + mrn + "/preferences", prefs));
        int smsBefore = sms.accepted().size();

        book(admin, mrn, LocalDate.now().plusDays(3), "10:40");
        mail.awaitInbox(address, 1, BOUND);
        JsonNode suppressed = await(admin, API + "/deliveries?patientId=" + mrn + "&channel=SMS", 1, "SUPPRESSED")
                .path("items").get(0);
        assertTrue(suppressed.toString(), suppressed.toString().contains("OPTED_OUT"));
        assertEquals(0, sms.to("+212661" + digits(tag)).size());
        assertTrue(sms.accepted().size() >= smsBefore);
    }

    @Test
    public void t05_withTheMailServerDownTheEmailWaitsAndLeavesWhenItIsBack() throws Exception {
        Http admin = ready();
        String tag = tag();
        String address = "ines." + tag + "@example.org";
        String mrn = patient(admin, "Inès", "Lambert" + tag, "fr", address, null);
        mail.stop();
        try {
            book(admin, mrn, LocalDate.now().plusDays(3), "11:00");
            // Tried, refused, still queued for a later attempt.
            Await.until("a failed attempt is logged", BOUND, () -> {
                JsonNode d = ok(admin.get(API + "/deliveries?patientId=" + mrn + "&channel=EMAIL")).path("items");
                assertEquals(1, d.size());
                assertEquals(d.toString(), "QUEUED", d.get(0).path("status").asText());
                assertTrue(d.toString(), d.get(0).path("attemptCount").asInt() >= 1);
            });
        } finally {
            mail.start();
        }
        assertEquals(1, mail.awaitInbox(address, 1, BOUND).size());
        await(admin, API + "/deliveries?patientId=" + mrn + "&channel=EMAIL", 1, "SENT");
    }

    @Test
    public void t06_aReminderComesTheDayBeforeAndNotForACancelledAppointment() throws Exception {
        Http admin = ready();
        String tag = tag();
        String address = "paul." + tag + "@example.org";
        String mrn = patient(admin, "Paul", "Durand" + tag, "fr", address, null);
        MovableClock clock = new MovableClock();
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("pavilion.clock", "notifications");
        ServiceRegistration<Clock> registration = bundleContext.registerService(Clock.class, clock, props);
        try {
            LocalDate day = LocalDate.now().plusDays(4);
            String kept = book(admin, mrn, day, "12:00");
            String cancelled = book(admin, mrn, day, "12:20");
            mail.awaitInbox(address, 2, BOUND); // the two confirmations
            ok(admin.post("/api/v1/scheduling/appointments/" + cancelled + "/cancel", obj().put("reason", "travel")));
            Await.until("the cancelled appointment's reminder is cancelled", BOUND, () -> {
                for (JsonNode r : ok(admin.get(API + "/reminders?appointmentId=" + cancelled))) {
                    assertEquals(r.toString(), "CANCELLED", r.path("status").asText());
                }
            });
            JsonNode reminder = ok(admin.get(API + "/reminders?appointmentId=" + kept)).get(0);
            assertEquals(reminder.toString(), "SCHEDULED", reminder.path("status").asText());
            Instant fireAt = Instant.parse(reminder.path("fireAt").asText());
            int confirmationsAndCancellation = mail.awaitInbox(address, 3, BOUND).size();

            // An hour before it is due: nothing.
            clock.moveTo(fireAt.minus(Duration.ofHours(1)));
            Thread.sleep(2000);
            assertEquals(confirmationsAndCancellation, mail.inbox(address).size());

            // Past it (and past the cancelled one's time too): the kept appointment's reminder alone.
            clock.moveTo(fireAt.plus(Duration.ofMinutes(30)));
            List<JsonNode> inbox = mail.awaitInbox(address, confirmationsAndCancellation + 1, BOUND);
            String text = MimeText.subjectAndBody(inbox.get(inbox.size() - 1));
            assertTrue(text, text.contains("12:00"));
            Thread.sleep(2000);
            assertEquals(confirmationsAndCancellation + 1, mail.inbox(address).size());
            JsonNode reminders = await(admin, API + "/deliveries?patientId=" + mrn
                    + "&eventType=AppointmentReminder&channel=EMAIL", 1, "SENT");
            assertEquals(1, reminders.path("total").asInt());
        } finally {
            registration.unregister();
        }
    }

    @Test
    public void t07_badInputGetsClearErrors() throws Exception {
        Http admin = ready();
        problem(422, admin.post(API + "/rules", obj().put("id", "bad-rule").put("eventType", "NoSuchEvent")
                .put("recipient", "PATIENT").put("channel", "EMAIL").put("templateKey", "appointment-booked")));
        ObjectNode prefs = obj();
        prefs.putObject("channels").putObject("SMS").put("optedOut", true);
        problem(404, admin.put(API + "/patients/0000000000/preferences", prefs));
        Http.Response anonymous = Http.anonymous(baseUrl()).post(API + "/sms-reports",
                obj().put("reference", UUID.randomUUID().toString()).put("status", "DELIVERED"));
        assertEquals(anonymous.toString(), 401, anonymous.status);
        problem(404, admin.post(API + "/deliveries/" + UUID.randomUUID() + "/retry", obj()));
    }

    // ------------------------------------------------------------------------------------------------

    /** Signed in as admin, the servers started once, the channels pointed at them, and a doctor with open hours. */
    private Http ready() throws Exception {
        Http admin = loginAsAdmin();
        Await.until("notifications answer", BOUND, () -> assertEquals(200,
                admin.get(API + "/events").status));
        synchronized (NotificationsIT.class) {
            if (mail == null) {
                // Started once for the class and stopped with the container's JVM: Pax Exam runs @AfterClass after
                // every test method in the container, which would stop them between methods.
                MailServer server = new MailServer(freePort(), freePort()).start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        server.close();
                    } catch (Exception ignored) {
                        // the JVM is going away
                    }
                }));
                mail = server;
                sms = new SmsGateway(0);
                ConfigurationAdmin config = awaitService(ConfigurationAdmin.class, null, BOUND);
                Map<String, String> email = Map.of("host", "127.0.0.1",
                        "port", String.valueOf(mail.smtpPort()), "from", "appointments@pavilion-hospital.test",
                        "connectTimeoutMs", "2000", "timeoutMs", "5000");
                Map<String, String> text = Map.of("url", sms.url(), "style", "FORM",
                        "sender", "PAVILION", "auth", "HEADER", "apiKeyHeader", "X-API-Key",
                        ".apiKey", SmsGateway.API_KEY, "messageIdPointer", "/messages/0/id");
                update(config, "org.pavilion.notifications.email", email);
                update(config, "org.pavilion.notifications.sms", text);
                Await.until("both channels are installed", BOUND, () -> {
                    // fileinstall writes each update to etc/ and once read the older file back over it (seen in
                    // CI for another PID): apply it again until Config Admin holds it.
                    updateUnlessHeld(config, "org.pavilion.notifications.email", email);
                    updateUnlessHeld(config, "org.pavilion.notifications.sms", text);
                    JsonNode channels = ok(admin.get(API + "/channels"));
                    int installed = 0;
                    for (JsonNode c : channels) {
                        if (c.path("installed").asBoolean() && List.of("EMAIL", "SMS").contains(
                                c.path("name").asText())) {
                            installed++;
                        }
                    }
                    assertEquals(channels.toString(), 2, installed);
                });
                doctorName = "Dr Kofi Mensah " + tag();
                doctorId = doctor(admin, doctorName);
            }
        }
        return admin;
    }

    private static void update(ConfigurationAdmin config, String pid, Map<String, String> values)
            throws IOException {
        Configuration c = config.getConfiguration(pid, null);
        Dictionary<String, Object> props = c.getProperties() == null ? new Hashtable<>() : c.getProperties();
        values.forEach(props::put);
        c.update(props);
    }

    private static void updateUnlessHeld(ConfigurationAdmin config, String pid, Map<String, String> values)
            throws IOException {
        Dictionary<String, Object> now = config.getConfiguration(pid, null).getProperties();
        if (now == null || values.entrySet().stream().anyMatch(e -> !e.getValue().equals(now.get(e.getKey())))) {
            update(config, pid, values);
        }
    }

    private static String patient(Http admin, String given, String family, String language, String email,
            String phone) throws Exception {
        ObjectNode body = obj().put("givenName", given).put("familyName", family).put("sex", "FEMALE")
                .put("birthDate", "1980-03-14").put("preferredLanguage", language);
        if (email != null) {
            body.put("email", email);
        }
        if (phone != null) {
            body.putArray("phones").add(phone);
        }
        return created(admin.post("/api/v1/emr/patients", body)).path("mrn").asText();
    }

    private static String book(Http admin, String mrn, LocalDate day, String time) throws Exception {
        return created(admin.post("/api/v1/scheduling/appointments", obj().put("patientId", mrn)
                .put("doctorId", doctorId).put("serviceCode", "NT-CONSULT").put("visitType", "IN_PERSON")
                .put("start", day + "T" + time))).path("id").asText();
    }

    private static String doctor(Http admin, String name) throws Exception {
        Http.Response service = admin.post("/api/v1/scheduling/services", obj().put("code", "NT-CONSULT")
                .put("name", "Consultation").put("slotMinutes", 20)
                .set("visitTypes", Http.json().createArrayNode().add("IN_PERSON")));
        assertTrue(service.toString(), service.status == 201 || service.status == 409);
        ObjectNode d = obj().put("displayName", name).put("title", "MD");
        d.putArray("specialties").add("General practice");
        d.putArray("languages").add("fr");
        d.putArray("services").addObject().put("code", "NT-CONSULT");
        String id = created(admin.post("/api/v1/scheduling/doctors", d)).path("id").asText();
        for (int weekday = 1; weekday <= 7; weekday++) {
            created(admin.post("/api/v1/scheduling/doctors/" + id + "/working-hours", obj().put("location", "OPD-2")
                    .put("weekday", weekday).put("start", "09:00").put("end", "13:00")
                    .put("validFrom", LocalDate.now().minusDays(1).toString())));
        }
        return id;
    }

    /** Waits until {@code path} lists {@code count} deliveries, all with {@code status}; returns the page. */
    private static JsonNode await(Http admin, String path, int count, String status) throws InterruptedException {
        return Await.value(path + " lists " + count + " " + status, BOUND, () -> {
            JsonNode page = ok(admin.get(path));
            if (page.path("items").size() != count) {
                return null;
            }
            for (JsonNode d : page.path("items")) {
                if (!status.equals(d.path("status").asText())) {
                    return null;
                }
            }
            return page;
        });
    }

    private static String tag() {
        return UUID.randomUUID().toString().substring(0, 6).toUpperCase();
    }

    /** Four digits derived from the tag, for distinct phone numbers. */
    private static String digits(String tag) {
        return String.format("%04d", Math.abs(tag.hashCode()) % 10000);
    }

    /** The notifications' clock in this test: the system clock moved forward on demand. */
    static final class MovableClock extends Clock {
        private final AtomicLong offsetMs = new AtomicLong();

        void moveTo(Instant when) {
            offsetMs.set(Math.max(offsetMs.get(), when.toEpochMilli() - System.currentTimeMillis()));
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(System.currentTimeMillis() + offsetMs.get());
        }
    }
}
