package org.pavilion.itest.web;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.BeforeClass;
import org.junit.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.pavilion.testsupport.Await;
import org.pavilion.testsupport.Http;

/**
 * Notifications in the browser. Aminata Diallo is registered with an e-mail address and a mobile number and books a
 * consultation; the booking's message is in the delivery log. The administrator records receptionist Rita's alert
 * contact; Rita opens "My alert contact", sees the address the administrator set, types a phone number the API refuses
 * (its reason appears under the phone field), corrects it and saves. She then opens "Messages", filters on Aminata's
 * MRN and the booking event, and opens the message: its text and its attempts. On her phone, Aminata opens "Messages
 * and reminders" from the portal's home card, sees the messages the API lists for her, and switches text messages off:
 * the API then has her opted out of SMS. axe checks every page state on the way.
 */
public class NotificationsJourneyIT {

    private static final String API = "/api/v1/notifications";
    private static final String RECEPTIONIST = "nt-rita.reception";
    private static final String PATIENT_USER = "nt-aminata.diallo";
    private static final String RITA_EMAIL = "rita.reception@pavilion.example";
    private static final Duration EVENTS = Duration.ofSeconds(60);

    private static WebPlatform platform;
    private static final Map<String, String> passwords = new HashMap<>();
    private static String mrn;
    private static String messageId;

    @BeforeClass
    public static void anAppointmentIsBooked() throws Exception {
        platform = WebPlatform.get();
        Await.until("notifications' pages", WebPlatform.BOOT, () -> {
            String manifest = platform.admin().get("/api/v1/ui/manifest").body;
            assertTrue("no notifications contribution in the manifest yet: " + manifest,
                    manifest.contains("\"id\":\"notifications\""));
        });
        Await.until("notifications' REST resources", WebPlatform.BOOT, () -> {
            Http.Response r = platform.admin().get(API + "/rules");
            assertEquals(r.toString(), 200, r.status);
        });
        ObjectNode patient = obj().put("givenName", "Aminata").put("familyName", "Diallo").put("birthDate", "1991-04-17")
                .put("sex", "FEMALE").put("email", "aminata.diallo@patients.example");
        patient.putArray("phones").add("+33612340001");
        mrn = status(platform.admin().post("/api/v1/emr/patients?confirmDuplicate=true", patient), 201)
                .path("mrn").asText();
        passwords.put(RECEPTIONIST, platform.createUser(RECEPTIONIST, "RECEPTIONIST", null));
        passwords.put(PATIENT_USER, platform.createUser(PATIENT_USER, "PATIENT", mrn));

        // The administrator records Rita's alert contact (the contacts' admin resource).
        status(platform.admin().put(API + "/staff-contacts/" + RECEPTIONIST, obj().put("email", RITA_EMAIL)
                .put("language", "en")), 200, 201);

        // Aminata books a consultation with a doctor of this test's own, in two days.
        String doctor = doctor("Dr Ibrahima Sow (nt journey " + mrn + ")");
        String start = LocalDate.now().plusDays(2) + "T10:00";
        status(platform.admin().post("/api/v1/scheduling/appointments", obj().put("patientId", mrn)
                .put("doctorId", doctor).put("serviceCode", "CONSULT").put("visitType", "IN_PERSON").put("start", start)),
                201);
        // The booking's message reaches the log once the event has gone through the intake.
        messageId = Await.value("the booking's message in the log", EVENTS, () -> {
            JsonNode page = status(login(RECEPTIONIST).get(API + "/deliveries?patientId=" + mrn
                    + "&eventType=AppointmentBooked"), 200);
            JsonNode items = page.isArray() ? page : page.path("items");
            assertTrue("no message of the booking yet: " + page, items.size() > 0);
            return items.get(0).path("id").asText();
        });
    }

    @Test
    public void theReceptionistSeesTheBookingsMessageAndThePatientStopsTextMessages() throws Exception {
        Axe axe = new Axe();

        // 1. Rita's own alert contact: the administrator's address, a refused phone number, then a good one.
        try (Browser b = Browser.open(platform.baseUrl())) {
            b.openSignedIn("/", RECEPTIONIST, passwords.get(RECEPTIONIST));
            b.navTo("/notifications/contact");
            assertEquals("My alert contact", b.heading());
            WebElement form = b.visible("form#nt-contact-form");
            assertEquals(RITA_EMAIL, b.valueOf(form, "email"));
            axe.check(b, "notifications-contact");

            b.fill(form, "phone", "call me maybe");
            b.submit(form);
            WebElement reason = b.until("the phone's reason under the field", d -> {
                List<WebElement> e = d.findElements(By.cssSelector("#nt-contact-phone-error"));
                return !e.isEmpty() && e.get(0).isDisplayed() && !e.get(0).getText().isBlank() ? e.get(0) : null;
            });
            assertEquals("true", b.find("#nt-contact-phone").getAttribute("aria-invalid"));
            assertFalse(b.find("#nt-contact-error").getText().isBlank());
            assertTrue(reason.getText(), b.find("#nt-contact-phone").getAttribute("aria-describedby")
                    .contains("nt-contact-phone-error"));
            axe.check(b, "notifications-contact-refused");

            b.fill(form, "phone", "+33 6 12 34 00 99");
            b.submit(form);
            Await.until("Rita's phone number saved", EVENTS, () -> {
                JsonNode contact = status(platform.admin().get(API + "/staff-contacts/" + RECEPTIONIST), 200);
                assertTrue(contact.toString(), contact.path("phone").asText().replaceAll("\\D", "").endsWith("612340099"));
                assertEquals(contact.toString(), RITA_EMAIL, contact.path("email").asText());
            });
            b.until("the refusal cleared", d -> d.findElement(By.id("nt-contact-phone-error")).isDisplayed() ? null : true);

            // 2. The delivery log: Aminata's booking message, its text and its attempts.
            b.navTo("/notifications/messages");
            assertEquals("Messages", b.heading());
            b.submit(b.fillForm("nt-messages-filter", "patientId", mrn, "eventType", "AppointmentBooked"));
            WebElement row = b.until("the booking's message in the table", d -> {
                List<WebElement> r = d.findElements(By.cssSelector("#nt-messages-table tbody tr[data-id='" + messageId
                        + "']"));
                return r.isEmpty() ? null : r.get(0);
            });
            assertTrue(row.getText(), row.getText().contains("Appointment booked"));
            for (WebElement r : b.all("#nt-messages-table tbody tr[data-id]")) {
                assertEquals("only the filtered event: " + r.getText(), "AppointmentBooked", r.getAttribute("data-event"));
            }
            axe.check(b, "notifications-messages");

            b.clickInView(row.findElement(By.cssSelector("button.nt-open")));
            b.containing("#nt-message-title", "Appointment booked");
            JsonNode detail = status(login(RECEPTIONIST).get(API + "/deliveries/" + messageId), 200);
            WebElement body = b.visible("#nt-message-body");
            assertEquals("the message's text as the log has it", detail.path("body").asText().trim(), body.getText().trim());
            // The dispatcher may be sending it meanwhile: the panel is judged by the status it shows.
            assertFalse(b.all("#nt-message-attempts tbody tr").isEmpty());
            String shown = b.find("#nt-message-status").getText().trim();
            assertEquals("send again only for a failed, bounced or cancelled message (" + shown + ")",
                    List.of("Failed", "Bounced", "Cancelled").contains(shown), b.present("#nt-retry"));
            assertFalse("patient data in the address: " + b.address(), b.address().contains(mrn));
            axe.check(b, "notifications-message-detail");
            b.screenshot("notifications-message");
        }

        // 3. Aminata on her phone: the home card, her messages, and text messages switched off.
        try (Browser b = Browser.open(platform.baseUrl())) {
            b.size(Browser.PHONE);
            b.openSignedIn("/portal", PATIENT_USER, passwords.get(PATIENT_USER));
            b.visible("#portal-cards");
            b.visible("notifications-portal-card a.portal-card-link");
            axe.check(b, "portal-home-notifications");

            b.follow("/portal/notifications");
            assertEquals("Messages and reminders", b.heading());
            JsonNode mine = status(login(PATIENT_USER).get(API + "/portal/messages?page=0&size=20"), 200);
            TreeSet<String> listed = new TreeSet<>();
            for (JsonNode m : mine.isArray() ? mine : mine.path("items")) {
                listed.add(m.path("id").asText());
            }
            b.until("the messages the API lists for her", d -> {
                TreeSet<String> shown = new TreeSet<>();
                for (WebElement li : d.findElements(By.cssSelector("#nt-portal-messages li"))) {
                    shown.add(li.getAttribute("data-id"));
                }
                return shown.equals(listed) ? true : null;
            });
            // The switches are usable once her choices are loaded (the fieldset is disabled until then).
            WebElement sms = b.until("the SMS switch, on", d -> {
                List<WebElement> s = d.findElements(By.cssSelector(
                        "#nt-portal-preferences:not([disabled]) #nt-portal-channel-SMS:not([disabled])"));
                return s.isEmpty() || !s.get(0).isSelected() ? null : s.get(0);
            });
            assertEquals("switch", sms.getAttribute("role"));
            axe.check(b, "portal-notifications");

            b.clickInView(b.find("label[for='nt-portal-channel-SMS']"));
            Await.until("Aminata opted out of SMS", EVENTS, () -> {
                JsonNode prefs = status(login(PATIENT_USER).get(API + "/portal/preferences"), 200);
                assertTrue(prefs.toString(), optedOut(prefs).contains("SMS"));
                assertFalse(prefs.toString(), optedOut(prefs).contains("EMAIL"));
            });
            b.until("the switch shows it", d -> d.findElement(By.id("nt-portal-channel-SMS")).isSelected() ? null : true);
            assertTrue("the page fits 360 px: " + b.js("return document.documentElement.scrollWidth;"),
                    ((Number) b.js("return document.documentElement.scrollWidth;")).intValue() <= 360);
            String storage = b.webStorage();
            assertFalse("patient data in web storage: " + storage, storage.contains(mrn));
            assertFalse("patient data in the address: " + b.address(), b.address().contains(mrn));
            axe.check(b, "portal-notifications-sms-off");
            b.screenshot("notifications-portal");
        }
        axe.assertNone();
    }

    /** The channels a preferences answer has opted out: {channels: {SMS: {optedOut}}}, or a list of {channel, optedOut}. */
    private static List<String> optedOut(JsonNode prefs) {
        if (prefs.path("channels").isObject()) {
            List<String> out = new ArrayList<>();
            prefs.path("channels").fields().forEachRemaining(e -> {
                if (e.getValue().path("optedOut").asBoolean()) {
                    out.add(e.getKey());
                }
            });
            return out;
        }
        JsonNode list = prefs;
        for (String name : List.of("items", "preferences", "channels")) {
            if (prefs.path(name).isArray()) {
                list = prefs.path(name);
            }
        }
        List<String> out = new ArrayList<>();
        if (list.isArray()) {
            list.forEach(p -> {
                if (p.path("optedOut").asBoolean()) {
                    out.add(p.path("channel").asText());
                }
            });
        } else if (prefs.path("optedOut").isObject()) {
            prefs.path("optedOut").fields().forEachRemaining(e -> {
                if (e.getValue().asBoolean()) {
                    out.add(e.getKey());
                }
            });
        }
        return out;
    }

    /** A doctor offering CONSULT every day, 09:00-13:00 (the service is shared with other journeys). */
    private static String doctor(String name) throws Exception {
        Http.Response service = platform.admin().post("/api/v1/scheduling/services", obj().put("code", "CONSULT")
                .put("name", "Consultation").put("slotMinutes", 20)
                .set("visitTypes", Http.json().createArrayNode().add("IN_PERSON")));
        assertTrue(service.toString(), service.status == 201 || service.status == 409);
        ObjectNode d = obj().put("displayName", name).put("title", "MD");
        d.putArray("specialties").add("General medicine");
        d.putArray("languages").add("en");
        d.putArray("services").addObject().put("code", "CONSULT");
        String id = status(platform.admin().post("/api/v1/scheduling/doctors", d), 201).path("id").asText();
        for (int weekday = 1; weekday <= 7; weekday++) {
            status(platform.admin().post("/api/v1/scheduling/doctors/" + id + "/working-hours", obj()
                    .put("location", "OPD-1").put("weekday", weekday).put("start", "09:00").put("end", "13:00")
                    .put("validFrom", LocalDate.now().minusDays(1).toString())), 201);
        }
        return id;
    }

    private static Http login(String user) throws Exception {
        return Http.login(platform.baseUrl(), user, passwords.get(user));
    }

    private static JsonNode status(Http.Response r, int... expected) throws Exception {
        for (int e : expected) {
            if (r.status == e) {
                return r.body == null || r.body.isBlank() ? Http.json().createObjectNode() : r.json();
            }
        }
        throw new AssertionError("expected " + java.util.Arrays.toString(expected) + ": " + r);
    }

    private static ObjectNode obj() {
        return Http.json().createObjectNode();
    }
}
