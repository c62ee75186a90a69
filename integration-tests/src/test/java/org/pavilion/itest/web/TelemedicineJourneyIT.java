package org.pavilion.itest.web;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.BeforeClass;
import org.junit.Test;
import org.pavilion.testsupport.Await;
import org.pavilion.testsupport.Http;
import org.openqa.selenium.WebElement;

/**
 * Issue #28's proof: a video consultation between two real browsers. Amara Diallo books a video visit, waits in the
 * portal on her phone, Dr Nkemelu admits her from the workspace, and both headless Chromiums (fake camera and
 * microphone) see each other: frames decoded grow on both sides, over a candidate pair whose two ends are loopback
 * addresses. They chat both ways, she shares a file (with her consent) that lands in her documents, his note lands
 * in the TELECONSULTATION encounter, a dropped connection comes back by itself, she switches to audio only and is
 * still heard, a third signed-in user is turned away by the signalling server (1008), and his hanging up closes the
 * encounter. Her daughter joins as an interpreter through the single-use guest link he creates in the call (a third
 * Chromium, no account): the three see each other (one peer connection per pair), she chats, hangs up, and the same
 * link opened again is refused.
 *
 * <p>Every packet stays on loopback: failsafe's execution {@code itest-netns} starts this JVM through
 * {@code src/test/netns/bin/java} in a network namespace of its own holding only {@code lo} (so the container,
 * chromedriver and both browsers are there too); {@link #onlyLoopback()} refuses to run anywhere else.
 */
public class TelemedicineJourneyIT {

    private static final String SCHEDULING = "/api/v1/scheduling";
    private static final String TELE = "/api/v1/telemedicine";
    private static final Duration MEDIA = Duration.ofSeconds(60);
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|[0-9a-fA-F:]*:[0-9a-fA-F:.]*");

    private static WebPlatform platform;
    private static String mrn;
    private static String patientPassword;
    private static String doctorPassword;
    private static String intruderPassword;
    private static Http drNkemelu;

    @BeforeClass
    public static void platform() throws Exception {
        onlyLoopback();
        platform = WebPlatform.get();
        Http admin = platform.admin();
        Http.Response service = admin.post(SCHEDULING + "/services", obj().put("code", "VIDEO-GP")
                .put("name", "Video consultation").put("slotMinutes", 20)
                .set("visitTypes", Http.json().createArrayNode().add("VIDEO")));
        assertTrue(service.toString(), service.status == 201 || service.status == 409);
        ObjectNode d = obj().put("displayName", "Dr Ifeoma Nkemelu").put("title", "MD").put("username", "dr.nkemelu");
        d.putArray("specialties").add("General practice");
        d.putArray("languages").add("en");
        d.putArray("services").addObject().put("code", "VIDEO-GP");
        Http.Response doctor = admin.post(SCHEDULING + "/doctors", d);
        assertEquals(doctor.toString(), 201, doctor.status);
        String doctorId = doctor.json().path("id").asText();
        for (int weekday = 1; weekday <= 7; weekday++) {
            Http.Response hours = admin.post(SCHEDULING + "/doctors/" + doctorId + "/working-hours", obj()
                    .put("location", "VIRTUAL").put("weekday", weekday).put("start", "09:00").put("end", "12:00")
                    .put("validFrom", LocalDate.now().minusDays(1).toString()));
            assertEquals(hours.toString(), 201, hours.status);
        }
        mrn = platform.registerPatient("Amara", "Diallo", "1986-03-11", "FEMALE");
        String other = platform.registerPatient("Felix", "Brandt", "1979-08-30", "MALE");
        patientPassword = platform.createUser("amara.diallo", "PATIENT", mrn);
        intruderPassword = platform.createUser("felix.brandt", "PATIENT", other);
        doctorPassword = platform.createUser("dr.nkemelu", "DOCTOR", null);
        drNkemelu = Http.login(platform.baseUrl(), "dr.nkemelu", doctorPassword);

        // The video visit, booked through scheduling's REST as the desk would; its event opens the room.
        Http.Response booked = admin.post(SCHEDULING + "/appointments", obj().put("patientId", mrn)
                .put("doctorId", doctorId).put("serviceCode", "VIDEO-GP").put("visitType", "VIDEO")
                .put("start", LocalDate.now().plusDays(1) + "T09:00").put("reason", "Persistent cough"));
        assertEquals(booked.toString(), 201, booked.status);
        // The room is opened by scheduling's event, delivered after the booking's commit: the portal card reads it once.
        String appointment = booked.json().path("id").asText();
        Http amara = Http.login(platform.baseUrl(), "amara.diallo", patientPassword);
        Await.until("the video appointment has a room", Duration.ofSeconds(60), () -> {
            Http.Response mine = amara.get(TELE + "/my/consultations");
            assertEquals(mine.toString(), 200, mine.status);
            boolean found = false;
            for (JsonNode c : mine.json()) {
                found |= c.path("appointmentId").asText().equals(appointment);
            }
            assertTrue("no room yet for appointment " + appointment, found);
        });
    }

    @Test
    public void aVideoConsultationBetweenTwoBrowsers() throws Exception {
        Axe axe = new Axe();
        Path diary = Files.createTempFile("peak-flow-diary-", ".pdf");
        Files.writeString(diary, "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
                StandardCharsets.US_ASCII);
        try (Browser amara = Browser.openWithFakeMedia(platform.baseUrl());
                Browser doctor = Browser.openWithFakeMedia(platform.baseUrl());
                Browser daughter = Browser.openWithFakeMedia(platform.baseUrl())) {
            // Amara, on her phone, sees the card and enters the waiting room.
            amara.size(Browser.PHONE);
            amara.openSignedIn("/portal", "amara.diallo", patientPassword);
            amara.containing("telemedicine-portal-card", "Scheduled");
            axe.check(amara, "portal-home-video-card");
            amara.follow("/portal/video");
            amara.clickInView(amara.clickable("button.tele-enter"));
            amara.containing("#tele-waiting-title", "The doctor will see you soon");
            amara.containing("#tele-status", "Waiting for the doctor to let you in");
            axe.check(amara, "portal-waiting-room");

            // Dr Nkemelu sees her waiting, and since when, and admits her.
            doctor.openSignedIn("/", "dr.nkemelu", doctorPassword);
            doctor.navTo("/telemedicine/waiting-room");
            doctor.containing("table.tele-table", mrn);
            doctor.containing("table.tele-table", "since");
            axe.check(doctor, "video-waiting-room");
            doctor.clickInView(doctor.clickable("button.tele-admit"));

            // Both see a live video of the other, over loopback only.
            Stats doctorSees = framesGrow(doctor, "the doctor");
            Stats amaraSees = framesGrow(amara, "Amara");
            doctorSees.assertLoopbackOnly("the doctor's");
            amaraSees.assertLoopbackOnly("Amara's");
            amara.containing("#tele-status", "In the call with");
            assertTrue("the call fits 360 px", ((Number) amara.js("return document.documentElement.scrollWidth;"))
                    .intValue() <= 360);
            axe.check(amara, "portal-call");
            axe.check(doctor, "workspace-call");

            // Her daughter interprets: Dr Nkemelu invites her from the call, and the single-use link opens a page
            // without any account. All three see each other; the daughter sees no record number.
            String guestLink = inviteGuest(doctor, "Daughter (interpreter)");
            daughter.go(guestLink);
            daughter.containing("#tele-guest-label", "Daughter (interpreter)");
            assertEquals("the token leaves the address bar at once", "", daughter.js("return location.hash;"));
            framesGrow(daughter, "the daughter from the doctor", "HOST").assertLoopbackOnly("the daughter's");
            framesGrow(daughter, "the daughter from Amara", "PATIENT").assertLoopbackOnly("the daughter's");
            framesGrow(doctor, "the doctor from the daughter", "GUEST").assertLoopbackOnly("the doctor's");
            framesGrow(amara, "Amara from the daughter", "GUEST").assertLoopbackOnly("Amara's");
            framesGrow(doctor, "the doctor from Amara, three in the call", "PATIENT");
            framesGrow(amara, "Amara from the doctor, three in the call", "HOST");
            doctor.containing("#tele-presence", "Daughter (interpreter) joined the call");
            daughter.containing("#tele-status", "In the call with");
            say(daughter, "I will translate for my mother");
            doctor.containing("#tele-chat-log", "I will translate for my mother");
            amara.containing("#tele-chat-log", "I will translate for my mother");
            assertFalse("the guest page shows no record number", String.valueOf(
                    daughter.js("return document.body.innerText;")).contains(mrn));
            axe.check(daughter, "guest-call");

            // They chat, both ways.
            say(amara, "Good morning doctor, the cough is worse at night");
            doctor.containing("#tele-chat-log", "the cough is worse at night");
            say(doctor, "Please share your peak flow diary");
            amara.containing("#tele-chat-log", "peak flow diary");

            // She shares her diary: refused without her consent, stored in her documents with it.
            amara.find("#tele-share-file").sendKeys(diary.toString());
            amara.fill(amara.find("#tele-share-form"), "title", "Peak flow diary");
            amara.submit(amara.find("#tele-share-form"));
            amara.containing("#tele-share-form [role=alert]", "Tick the box");
            amara.clickInView(amara.find("#tele-share-consent"));
            amara.submit(amara.find("#tele-share-form"));
            amara.containing("#tele-share-form [role=status]", "was added to the health record");
            doctor.containing("#tele-chat-log", "Shared a file: Peak flow diary");
            JsonNode docs = ok(drNkemelu.get("/api/v1/emr/documents?mrn=" + mrn));
            assertTrue(docs.toString(), docs.toString().contains("Peak flow diary"));

            // His note goes into the encounter the admission opened.
            JsonNode consultation = consultationOf(mrn);
            String encounterId = consultation.path("encounterId").asText(null);
            assertNotNull("the consultation has its TELECONSULTATION encounter: " + consultation, encounterId);
            doctor.fill(doctor.find("#tele-note-form"), "text", "Nocturnal cough for three weeks; peak flow dips.");
            doctor.submit(doctor.find("#tele-note-form"));
            doctor.containing("#tele-note-form [role=status]", "Note saved");
            boolean noteInEncounter = false;
            for (JsonNode n : ok(drNkemelu.get("/api/v1/emr/records/" + mrn + "/notes?size=50"))) {
                noteInEncounter |= n.path("text").asText().startsWith("Nocturnal cough")
                        && encounterId.equals(n.path("encounterId").asText());
            }
            assertTrue("the note is in encounter " + encounterId, noteInEncounter);

            // Her connection drops (the socket closes, her video stops a moment): it comes back by itself.
            long restartsBefore = ((Number) doctor.js("return window.__pavilionCall.iceRestarts;")).longValue();
            long daughterRestartsBefore = ((Number) daughter.js("return window.__pavilionCall.iceRestarts;"))
                    .longValue();
            Object firstSocket = amara.js("const c = window.__pavilionCall; c.__before = c.socket;"
                    + "for (const s of c.pc.getSenders()) if (s.track && s.track.kind === 'video') {"
                    + "  const track = s.track; s.replaceTrack(null);"
                    + "  setTimeout(() => s.replaceTrack(track), 3000); }"
                    + "c.socket.close(4000, 'network drop'); return true;");
            assertEquals(Boolean.TRUE, firstSocket);
            amara.until("a new signalling socket", MEDIA, d -> Boolean.TRUE.equals(amara.js(
                    "const c = window.__pavilionCall; return !!c.socket && c.socket !== c.__before"
                    + " && c.socket.readyState === 1;")) ? true : null);
            doctor.until("an ICE restart from the doctor's side", MEDIA, d -> ((Number) doctor.js(
                    "return window.__pavilionCall.iceRestarts;")).longValue() > restartsBefore ? true : null);
            framesGrow(doctor, "the doctor after the drop").assertLoopbackOnly("the doctor's, after the drop,");
            framesGrow(amara, "Amara after the drop").assertLoopbackOnly("Amara's, after the drop,");
            // Each peer connection comes back on its own: the daughter's to Amara restarts ICE as well.
            daughter.until("an ICE restart from the daughter's side", MEDIA, d -> ((Number) daughter.js(
                    "return window.__pavilionCall.iceRestarts;")).longValue() > daughterRestartsBefore ? true : null);
            framesGrow(daughter, "the daughter from Amara after the drop", "PATIENT");
            framesGrow(amara, "Amara from the daughter after the drop", "GUEST");
            amara.containing("#tele-status", "In the call with");

            // The daughter hangs up; the doctor sees her leave. The same link, opened again, is refused.
            daughter.clickInView(daughter.clickable("#tele-leave"));
            daughter.containing("#tele-over-title", "You left the call");
            doctor.containing("#tele-presence", "Daughter (interpreter) left the call");
            daughter.driver().navigate().to("about:blank"); // a new page load, not a fragment change
            daughter.go(guestLink);
            daughter.containing("#tele-over-title", "This link has already been used");
            axe.check(daughter, "guest-link-used");
            amara.until("the call is two again", MEDIA, d -> ((Number) amara.js(
                    "return window.__pavilionCall.others.length;")).intValue() == 1 ? true : null);

            // Her connection is poor: audio only: the camera is released, and the doctor still hears her.
            amara.clickInView(amara.clickable("#tele-audio-only"));
            amara.until("no video sent any more", MEDIA, d -> Boolean.TRUE.equals(amara.js(
                    "const c = window.__pavilionCall; return c.audioOnly && c.local.getVideoTracks().length === 0"
                    + " && c.pc.getSenders().every((s) => !s.track || s.track.kind !== 'video');")) ? true : null);
            long heard = audioPackets(doctor);
            doctor.until("the doctor still hears her", MEDIA, d -> audioPackets(doctor) > heard + 50 ? true : null);

            // Felix, signed in to the portal too, has no way in: no ticket, and the signalling server closes 1008.
            try (Browser felix = Browser.open(platform.baseUrl())) {
                felix.openSignedIn("/portal", "felix.brandt", intruderPassword);
                String refused = String.valueOf(felix.jsAsync("const done = arguments[arguments.length - 1];"
                        + "const id = arguments[0];"
                        + "fetch('/api/v1/telemedicine/my/consultations/' + id + '/signal-ticket', {method: 'POST',"
                        + "  headers: {'X-Pavilion-Request': '1', 'Content-Type': 'application/json'}, body: '{}'})"
                        + ".then((r) => { const ws = new WebSocket('ws://' + location.host + '/telemedicine-signal/'"
                        + "  + id + '?ticket=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');"
                        + "  ws.onclose = (e) => done(r.status + ' ' + e.code); })"
                        + ".catch((e) => done('error ' + e));", consultation.path("id").asText()));
                assertEquals("no ticket for him, and the socket refused", "403 1008", refused);
            }

            // He ends the consultation: she is told, and the encounter closes.
            doctor.clickInView(doctor.clickable("#tele-leave"));
            doctor.containing("#tele-over-title", "The consultation has ended");
            amara.containing("#tele-over-title", "The consultation has ended");
            axe.check(amara, "portal-call-ended");
            assertEquals("ENDED", consultationOf(mrn).path("state").asText());
            Await.until("the TELECONSULTATION encounter is closed", MEDIA, () -> {
                for (JsonNode e : ok(drNkemelu.get("/api/v1/emr/records/" + mrn + "/encounters"))) {
                    if (encounterId.equals(e.path("id").asText())) {
                        assertEquals(e.toString(), "CLOSED", e.path("status").asText());
                        return;
                    }
                }
                throw new AssertionError("no encounter " + encounterId);
            });
        } finally {
            Files.deleteIfExists(diary);
        }
        axe.assertNone();
    }

    /** This JVM's only network is loopback (the namespace the itest-netns execution made); anything else: stop. */
    private static void onlyLoopback() throws Exception {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nic.isUp() && !nic.isLoopback()) {
                throw new IllegalStateException("TelemedicineJourneyIT sends WebRTC media and must run in a network"
                        + " namespace holding only lo (failsafe execution itest-netns), but " + nic.getName()
                        + " is up here");
            }
        }
    }

    /** The doctor creates a guest link from the call's side panel; returns its path with the token fragment. */
    private static String inviteGuest(Browser doctor, String label) {
        WebElement form = doctor.find("#tele-invite-form");
        doctor.fill(form, "guestLabel", label);
        doctor.submit(form);
        String url = doctor.until("the guest link", MEDIA, d -> {
            Object v = doctor.js("const f = document.querySelector('#tele-invite-url'); return f ? f.value : null;");
            return v == null || v.toString().isEmpty() ? null : v.toString();
        });
        int path = url.indexOf("/telemedicine/guest#");
        assertTrue("a link with the token in its fragment: " + url, path > 0 && url.length() > path + 40);
        doctor.containing("#tele-invite-result", "Valid until");
        return url.substring(path);
    }

    private static void say(Browser b, String text) {
        WebElement form = b.find("#tele-chat-form");
        b.fill(form, "text", text);
        b.submit(form);
    }

    private static JsonNode consultationOf(String patient) throws Exception {
        JsonNode page = ok(drNkemelu.get(TELE + "/consultations?size=100"));
        for (JsonNode c : page.path("items")) {
            if (patient.equals(c.path("patientId").asText())) {
                return ok(drNkemelu.get(TELE + "/consultations/" + c.path("id").asText()));
            }
        }
        throw new AssertionError("no consultation for " + patient + ": " + page);
    }

    /** Audio packets the page's call has received so far. */
    private static long audioPackets(Browser b) {
        return ((Number) b.jsAsync("const done = arguments[arguments.length - 1];"
                + "window.__pavilionCall.pc.getStats().then((stats) => { let n = 0; stats.forEach((s) => {"
                + " if (s.type === 'inbound-rtp' && s.kind === 'audio') n += s.packetsReceived || 0; }); done(n); });"))
                .longValue();
    }

    private static Stats framesGrow(Browser b, String who) throws Exception {
        return framesGrow(b, who, null);
    }

    /**
     * Waits until the inbound video's frames decoded, on the connection to the participant in {@code role} (null: the
     * first), grow by a good second's worth; returns the stats then.
     */
    private static Stats framesGrow(Browser b, String who, String role) throws Exception {
        Stats first = b.until(who + " receives video", MEDIA, d -> {
            Stats s = Stats.read(b, role);
            return s != null && s.framesDecoded > 0 ? s : null;
        });
        return b.until(who + "'s decoded frames grow past " + first.framesDecoded, MEDIA, d -> {
            Stats s = Stats.read(b, role);
            return s != null && s.framesDecoded >= first.framesDecoded + 15 && s.local != null ? s : null;
        });
    }

    /** What RTCPeerConnection.getStats() of the page's call says: frames decoded, the selected pair, all candidates. */
    record Stats(long framesDecoded, String local, String remote, List<String> candidates) {

        private static final String SCRIPT = "const done = arguments[arguments.length - 1];"
                + "const role = arguments[0]; const c = window.__pavilionCall;"
                + "const peer = c && c.others.find((p) => p.pc && (!role || p.role === role));"
                + "if (!peer) { done(null); return; }"
                + "peer.pc.getStats().then((stats) => {"
                + "  let frames = 0; let pair = null; const candidates = [];"
                + "  const address = (x) => x ? (x.address || x.ip || '') : null;"
                + "  stats.forEach((s) => {"
                + "    if (s.type === 'inbound-rtp' && s.kind === 'video') frames += s.framesDecoded || 0;"
                + "    if (s.type === 'transport' && s.selectedCandidatePairId) {"
                + "      pair = stats.get(s.selectedCandidatePairId); }"
                + "    if (s.type === 'local-candidate' || s.type === 'remote-candidate') candidates.push(address(s));"
                + "  });"
                + "  done(JSON.stringify({frames, candidates,"
                + "    local: pair ? address(stats.get(pair.localCandidateId)) : null,"
                + "    remote: pair ? address(stats.get(pair.remoteCandidateId)) : null}));"
                + "}).catch((e) => done(JSON.stringify({error: String(e)})));";

        static Stats read(Browser b, String role) {
            Object raw = b.jsAsync(SCRIPT, role);
            if (raw == null) {
                return null;
            }
            try {
                JsonNode j = Http.json().readTree(raw.toString());
                if (j.has("error")) {
                    throw new AssertionError("getStats failed: " + j);
                }
                List<String> candidates = new java.util.ArrayList<>();
                j.path("candidates").forEach(c -> candidates.add(c.asText()));
                return new Stats(j.path("frames").asLong(), j.path("local").asText(null), j.path("remote").asText(null),
                        candidates);
            } catch (java.io.IOException e) {
                throw new AssertionError(raw.toString(), e);
            }
        }

        /** The selected pair's two ends, and every candidate gathered or received, are loopback addresses. */
        void assertLoopbackOnly(String whose) throws Exception {
            assertLoopback(whose + " selected local candidate", local);
            assertLoopback(whose + " selected remote candidate", remote);
            for (String c : candidates) {
                assertLoopback(whose + " candidate (of " + candidates + ")", c);
            }
        }

        private static void assertLoopback(String what, String address) throws Exception {
            assertNotNull(what + " has no address", address);
            String bare = address.startsWith("[") ? address.substring(1, address.length() - 1) : address;
            // Only an address literal: a name (an mDNS .local) would be a lookup, and is not loopback anyway.
            assertTrue(what + " is not an address literal: " + address, IP_LITERAL.matcher(bare).matches());
            assertTrue(what + " is not loopback: " + address, InetAddress.getByName(bare).isLoopbackAddress());
        }
    }

    private static JsonNode ok(Http.Response r) throws Exception {
        assertEquals(r.toString(), 200, r.status);
        return r.json();
    }

    private static ObjectNode obj() {
        return Http.json().createObjectNode();
    }
}
