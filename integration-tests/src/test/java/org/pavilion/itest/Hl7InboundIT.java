package org.pavilion.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.net.URLEncoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.After;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runners.MethodSorters;
import org.ops4j.pax.exam.Option;
import org.pavilion.testsupport.Await;
import org.pavilion.testsupport.HapiMllp;
import org.pavilion.testsupport.Http;

import ca.uhn.hl7v2.model.Message;

/**
 * The HL7 hub as an ADT system sees it: HAPI's own MLLP client ({@link HapiMllp}: {@code HapiContext.newClient}
 * and its Initiator) against the listener of the running container, every ACK parsed by HAPI. A plain socket only
 * where HAPI cannot send the bytes: segments separated by LF or CR LF, and a version HAPI does not know.
 * Registration, update, admission and discharge, merge, duplicates answered with the original ACK and applied
 * once, AE with ERR for content errors, AR for what the hub does not take, answers in the sender's version,
 * character sets and line endings, an oversize message, and a parked message edited and replayed over REST.
 * Methods run in name order, as a feed's day; each uses its own identifiers.
 */
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class Hl7InboundIT extends PavilionTestSupport {

    static final String PORT_PROPERTY = "pavilion.itest.hl7.port";
    static final int MAX_MESSAGE_BYTES = 65536;
    /** This test method's sending system; closed when the method ends. */
    private HapiMllp client;

    @Override
    protected Option[] extraOptions() {
        return new Option[] {
                editConfigurationFilePut(HL7_LISTENER_CFG, "maxMessageBytes", String.valueOf(MAX_MESSAGE_BYTES))};
    }

    @After
    public void closeClient() throws Exception {
        if (client != null) {
            client.close();
            client = null;
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private static int port() {
        return Integer.parseInt(System.getProperty(PORT_PROPERTY));
    }

    private synchronized HapiMllp client() {
        if (client == null) {
            client = new HapiMllp("localhost", port());
        }
        return client;
    }

    /**
     * Sends with HAPI's own MLLP client (waits, bounded, for the listener) and returns the ACK HAPI received,
     * re-encoded as HAPI sees it: the answer must be a message HAPI accepts.
     */
    private String send(String text) throws Exception {
        Message ack = exchange(text);
        return HapiMllp.withHapiLoaderChecked(() -> client().context().getPipeParser().encode(ack));
    }

    private Message exchange(String text) throws Exception {
        return Await.value("the HL7 listener answers", BOOT_BOUND, () -> client().sendAndReceive(text));
    }

    /** The HL7 class HAPI parses the answer into, e.g. ca.uhn.hl7v2.model.v23.message.ACK. */
    private String ackClass(String text) throws Exception {
        return exchange(text).getClass().getName();
    }

    /** Sends raw bytes in an MLLP frame over a plain socket and returns the ACK decoded with {@code charset}. */
    private static String sendRaw(byte[] message, Charset charset) throws Exception {
        return HapiMllp.sendFramed(port(), message, charset);
    }

    static String msh(String version, String type, String controlId) {
        return "MSH|^~\\&|ADT1|HOSP|PAVILION|HOSP|20240501083000||" + type + "|" + controlId + "|P|" + version + "\r";
    }

    static String pid(String id, String family, String given, String birth, String sex) {
        return "PID|1||" + id + "^^^HOSP^MR||" + family + "^" + given + "||" + birth + "|" + sex + "\r";
    }

    static String pv1(String patientClass, String visit) {
        return "PV1|1|" + patientClass + "|W1^101^A" + "|".repeat(16) + visit + "^^^HOSP\r";
    }

    static String a04(String version, String controlId, String pid) {
        String structure = version.equals("2.3") ? "ADT^A04" : "ADT^A04^ADT_A01";
        return msh(version, structure, controlId) + "EVN|A04|20240501083000\r" + pid;
    }

    static Http admin() throws Exception {
        Http admin = loginAsAdmin();
        Await.until("HL7 and EMR REST published", BOOT_BOUND, () -> {
            assertEquals(200, admin.get("/api/v1/hl7/messages").status);
            assertEquals(400, admin.get("/api/v1/emr/patients").status);
        });
        return admin;
    }

    static Http user(Http admin, String username, String role) throws Exception {
        ObjectNode user = Http.json().createObjectNode().put("username", username).put("password", username + "-password-1");
        user.putArray("roles").add(role);
        Http.Response r = admin.post("/api/v1/platform/users", user);
        assertEquals(r.toString(), 201, r.status);
        return Http.login(baseUrl(), username, username + "-password-1");
    }

    static JsonNode patientsNamed(Http reader, String name) throws Exception {
        Http.Response r = reader.get("/api/v1/emr/patients?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8));
        assertEquals(r.toString(), 200, r.status);
        return r.json().path("items");
    }

    static JsonNode stored(Http reader, String controlId) throws Exception {
        Http.Response r = reader.get("/api/v1/hl7/messages?controlId=" + controlId);
        assertEquals(r.toString(), 200, r.status);
        assertEquals(r.toString(), 1, r.json().path("total").asLong());
        return r.json().path("items").get(0);
    }

    private long outboxEvents(String type, String mrn) throws Exception {
        DataSource ds = awaitService(DataSource.class, "(osgi.jndi.service.name=pavilion)", BOOT_BOUND);
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT payload FROM events_outbox WHERE event_type = ? AND source = 'org.pavilion.emr'")) {
            s.setString(1, type);
            long n = 0;
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    JsonNode payload = Http.json().readTree(rs.getString(1));
                    // PatientsMerged names the patient as survivorMrn
                    if (payload.path("mrn").asText().equals(mrn) || payload.path("survivorMrn").asText().equals(mrn)) {
                        n++;
                    }
                }
            }
            return n;
        }
    }

    // ---- the day ---------------------------------------------------------------------------------------------

    @Test
    public void t01_anA04RegistersThePatientWhoIsThenFoundOverRest() throws Exception {
        Http admin = admin();
        String ack = send(a04("2.5.1", "REG-0001", "PID|1||H1001^^^HOSP^MR||Okafor^Adaeze||19750312|F|||"
                + "1 Marina Rd^^Lagos^^100001^NGA||+234 801 234 5678\r"));
        assertEquals(ack, "AA", msa1(ack));
        assertEquals("REG-0001", field(segment(ack, "MSA"), 2));
        assertEquals("2.5.1", field(segment(ack, "MSH"), 11));
        JsonNode found = patientsNamed(admin, "Okafor");
        assertEquals(found.toString(), 1, found.size());
        assertEquals("Adaeze", found.get(0).path("givenName").asText());
        assertEquals("1975-03-12", found.get(0).path("birthDate").asText());
        assertEquals("FEMALE", found.get(0).path("sex").asText());
        assertEquals("hl7:ADT1", found.get(0).path("registeredBy").asText());
        JsonNode row = stored(admin, "REG-0001");
        assertEquals("PROCESSED", row.path("status").asText());
        assertEquals("AA", row.path("ackCode").asText());
        assertEquals("ADT1|HOSP", row.path("sender").asText());
        assertEquals("ADT^A04", row.path("messageType").asText());
    }

    @Test
    public void t02_aDuplicateIsAnsweredWithTheOriginalAckAndAppliedOnce() throws Exception {
        Http admin = admin();
        String first = send(a04("2.5.1", "DUP-0001", pid("H1101", "Duplessis", "Marc", "19660101", "M")));
        assertEquals(first, "AA", msa1(first));
        // The same message again (the sender missed the ACK): the stored ACK, byte for byte, and applied once.
        String again = send(a04("2.5.1", "DUP-0001", pid("H1101", "Duplessis", "Marc", "19660101", "M")));
        assertEquals(first, again);
        assertEquals(1, stored(admin, "DUP-0001").path("attempts").asInt());
        // Same sender and control id, different content: not a duplicate but a reused id, answered AE and parked.
        String reused = send(a04("2.5.1", "DUP-0001", pid("H1101", "Changed", "Marc", "19660101", "M")));
        assertEquals(reused, "AE", msa1(reused));
        JsonNode found = patientsNamed(admin, "Duplessis");
        assertEquals(found.toString(), 1, found.size());
        assertEquals(0, patientsNamed(admin, "Changed").size());
        String mrn = found.get(0).path("mrn").asText();
        assertEquals(1, outboxEvents("PatientRegistered", mrn));
        assertEquals(0, outboxEvents("PatientUpdated", mrn));
        Http.Response parked = admin.get("/api/v1/hl7/messages?controlId=DUP-0001&status=PARKED");
        assertEquals(parked.toString(), 1, parked.json().path("total").asLong());
        // The same patient under a new control id is a new message: applied, and it changes nothing.
        String resent = send(a04("2.5.1", "DUP-0002", pid("H1101", "Duplessis", "Marc", "19660101", "M")));
        assertEquals(resent, "AA", msa1(resent));
        assertEquals(1, patientsNamed(admin, "Duplessis").size());
        assertEquals(0, outboxEvents("PatientUpdated", mrn));
    }

    @Test
    public void t03_anA08UpdatesTheDemographicsItCarries() throws Exception {
        Http admin = admin();
        send(a04("2.5.1", "UPD-0001", pid("H1201", "Nakamura", "Yui", "19900505", "F")));
        String mrn = patientsNamed(admin, "Nakamura").get(0).path("mrn").asText();
        String ack = send(msh("2.5.1", "ADT^A08^ADT_A01", "UPD-0002") + "EVN|A08|20240501090000\r"
                + "PID|1||H1201^^^HOSP^MR||Nakamura-Sato^Yui||19900505|F|||||+81 90 1234 5678\r");
        assertEquals(ack, "AA", msa1(ack));
        JsonNode p = admin.get("/api/v1/emr/patients/" + mrn).json();
        assertEquals("Nakamura-Sato", p.path("familyName").asText());
        assertEquals("+81 90 1234 5678", p.path("phones").get(0).asText());
        assertEquals(1, outboxEvents("PatientUpdated", mrn));
    }

    @Test
    public void t04_anA01OpensTheVisitsEncounterOnceAndAnA03ClosesIt() throws Exception {
        Http admin = admin();
        Http doctor = user(admin, "hl7.dr.house", "DOCTOR");
        String a01 = msh("2.5.1", "ADT^A01^ADT_A01", "ADM-0001") + "EVN|A01|20240501100000\r"
                + pid("H1301", "Lindqvist", "Astrid", "19581120", "F") + pv1("I", "V5001");
        String ack = send(a01);
        assertEquals(ack, "AA", msa1(ack));
        String mrn = patientsNamed(admin, "Lindqvist").get(0).path("mrn").asText();
        JsonNode encounters = doctor.get("/api/v1/emr/records/" + mrn + "/encounters").json();
        assertEquals(encounters.toString(), 1, encounters.size());
        assertEquals("ADMISSION", encounters.get(0).path("kind").asText());
        assertEquals("OPEN", encounters.get(0).path("status").asText());
        // The same visit again under a new control id is the same encounter.
        assertEquals("AA", msa1(send(a01.replace("ADM-0001", "ADM-0002"))));
        assertEquals(1, doctor.get("/api/v1/emr/records/" + mrn + "/encounters").json().size());

        String a03 = msh("2.5.1", "ADT^A03^ADT_A03", "DIS-0001") + "EVN|A03|20240503100000\r"
                + pid("H1301", "Lindqvist", "Astrid", "19581120", "F") + pv1("I", "V5001");
        assertEquals("AA", msa1(send(a03)));
        encounters = doctor.get("/api/v1/emr/records/" + mrn + "/encounters").json();
        assertEquals("CLOSED", encounters.get(0).path("status").asText());
        assertEquals(1, outboxEvents("EncounterClosed", mrn));
        // A discharge delivered again under a new control id: accepted, nothing closes twice.
        assertEquals("AA", msa1(send(a03.replace("DIS-0001", "DIS-0002"))));
        assertEquals(1, outboxEvents("EncounterClosed", mrn));
        assertEquals(1, outboxEvents("EncounterOpened", mrn));
    }

    @Test
    public void t05_anA40MergesTheDuplicateIntoTheSurvivor() throws Exception {
        Http admin = admin();
        send(a04("2.5.1", "MRG-0001", pid("H1401", "Mensah", "Kofi", "19800101", "M")));
        send(a04("2.5.1", "MRG-0002", pid("H1402", "Mensah", "Kofi Jr", "19800101", "M")));
        JsonNode both = patientsNamed(admin, "Mensah");
        assertEquals(both.toString(), 2, both.size());
        String a40 = msh("2.5.1", "ADT^A40^ADT_A39", "MRG-0003") + "EVN|A40|20240501110000\r"
                + pid("H1401", "Mensah", "Kofi", "19800101", "M") + "MRG|H1402^^^HOSP^MR\r";
        String ack = send(a40);
        assertEquals(ack, "AA", msa1(ack));
        JsonNode left = patientsNamed(admin, "Mensah");
        assertEquals(left.toString(), 1, left.size());
        assertEquals("Kofi", left.get(0).path("givenName").asText());
        String survivor = left.get(0).path("mrn").asText();
        assertEquals(1, outboxEvents("PatientsMerged", survivor));
        // Delivered again under a new control id: already merged, accepted, not merged twice.
        assertEquals("AA", msa1(send(a40.replace("MRG-0003", "MRG-0004"))));
        assertEquals(1, outboxEvents("PatientsMerged", survivor));
        // The duplicate's identifier now names the survivor: an A08 for it updates the survivor.
        assertEquals("AA", msa1(send(msh("2.5.1", "ADT^A08^ADT_A01", "MRG-0005") + "EVN|A08|20240501120000\r"
                + pid("H1402", "Mensah", "Kofi", "19800101", "M").replace("|M\r", "|M|||||+233 20 123 4567\r"))));
        assertEquals("+233 20 123 4567", admin.get("/api/v1/emr/patients/" + survivor).json().path("phones").get(0).asText());
    }

    @Test
    public void t06_aMissingPid3IsAnsweredAeWithErrAndParked() throws Exception {
        Http admin = admin();
        String ack = send(a04("2.5.1", "BAD-0001", "PID|1||||Papadopoulos^Eleni||19700707|F\r"));
        assertEquals(ack, "AE", msa1(ack));
        String err = segment(ack, "ERR");
        assertEquals(ack, "PID^1^3", field(err, 2));
        assertTrue(ack, field(err, 3).startsWith("101^"));
        assertEquals("E", field(err, 4));
        assertTrue(ack, field(err, 8).contains("PID-3"));
        assertEquals("PARKED", stored(admin, "BAD-0001").path("status").asText());
        assertEquals(0, patientsNamed(admin, "Papadopoulos").size());
        // A birth date that is no date: AE naming PID-7 as a data type error.
        String badDate = send(a04("2.5.1", "BAD-0002", pid("H1501", "Ivanova", "Olga", "19701345", "F")));
        assertEquals(badDate, "AE", msa1(badDate));
        assertEquals(badDate, "PID^1^7", field(segment(badDate, "ERR"), 2));
        assertTrue(badDate, field(segment(badDate, "ERR"), 3).startsWith("102^"));
        // A date, but one the EMR refuses (born tomorrow): AE 207 with the EMR's reason, parked, nobody registered.
        String future = send(a04("2.5.1", "BAD-0003", pid("H1502", "Quennell", "Maja", "20991231", "F")));
        assertEquals(future, "AE", msa1(future));
        assertTrue(future, field(segment(future, "ERR"), 3).startsWith("207^"));
        assertTrue(future, future.contains("in the future"));
        assertEquals("PARKED", stored(admin, "BAD-0003").path("status").asText());
        assertEquals(0, patientsNamed(admin, "Quennell").size());
    }

    @Test
    public void t07_unknownTypesAndDepartmentsNotInstalledAreAnsweredAr() throws Exception {
        Http admin = admin();
        String unknown = send(msh("2.5.1", "ZZZ^Z01", "UNK-0001") + "PID|1||H1601^^^HOSP^MR||X^Y\r");
        assertEquals(unknown, "AR", msa1(unknown));
        assertTrue(unknown, field(segment(unknown, "ERR"), 3).startsWith("200^"));
        assertEquals("REJECTED", stored(admin, "UNK-0001").path("status").asText());
        // A charge reaches billing (installed since issue 25): one without any FT1 is refused for its content, AE.
        String dft = send(msh("2.5.1", "DFT^P03^DFT_P03", "DFT-0001") + "EVN|P03\r"
                + pid("H1602", "Charge", "Only", "19700101", "F"));
        assertEquals(dft, "AE", msa1(dft));
        assertTrue(dft, field(segment(dft, "ERR"), 3).startsWith("100^"));
        String event = send(msh("2.5.1", "ADT^A17^ADT_A17", "UNK-0002") + "EVN|A17\r");
        assertEquals(event, "AR", msa1(event));
    }

    @Test
    public void t08_v23AndV28MessagesAreAnsweredInTheirOwnVersion() throws Exception {
        Http admin = admin();
        String v23 = a04("2.3", "V23-0001", pid("H1701", "Oyelaran", "Tunde", "19850214", "M"));
        String ack23 = send(v23);
        assertEquals(ack23, "AA", msa1(ack23));
        assertEquals("2.3", field(segment(ack23, "MSH"), 11));
        assertEquals("ca.uhn.hl7v2.model.v23.message.ACK", ackClass(v23.replace("V23-0001", "V23-0002")));
        String v28 = a04("2.8", "V28-0001", pid("H1702", "Haddad", "Rania", "19920830", "F"));
        String ack28 = send(v28);
        assertEquals(ack28, "AA", msa1(ack28));
        assertEquals("2.8", field(segment(ack28, "MSH"), 11));
        assertEquals("ca.uhn.hl7v2.model.v28.message.ACK", ackClass(v28.replace("V28-0001", "V28-0002")));
        assertEquals(1, patientsNamed(admin, "Oyelaran").size());
        assertEquals(1, patientsNamed(admin, "Haddad").size());
        // A v2.3 error: ERR-1 carries location and code, as that version lays it out.
        String bad23 = send(a04("2.3", "V23-0003", "PID|1||||Nobody^Here||19700101|F\r"));
        assertEquals(bad23, "AE", msa1(bad23));
        assertEquals(bad23, "PID^1^3^101&Required field missing&HL70357", field(segment(bad23, "ERR"), 1));
        // A version we do not take: AR.
        // (over a plain socket: HAPI's client cannot build a message of a version it does not know)
        String v29 = sendRaw(a04("2.5.1", "V29-0001", pid("H1703", "Future", "Version", "19700101", "F"))
                .replace("|P|2.5.1", "|P|2.9").getBytes(StandardCharsets.US_ASCII), StandardCharsets.US_ASCII);
        assertEquals(v29, "AR", msa1(v29));
    }

    @Test
    public void t09_characterSetsLineEndingsAndOversizeMessages() throws Exception {
        Http admin = admin();
        String utf8 = msh("2.5.1", "ADT^A04^ADT_A01", "CS-0001").replace("|P|2.5.1\r", "|P|2.5.1||||||UNICODE UTF-8\r")
                + "EVN|A04\r" + pid("H1801", "Żółkiewska", "Łucja", "19770707", "F");
        // HAPI's client encodes each message in the character set its MSH-18 names (and reads the ACK so).
        String ack = send(utf8);
        assertEquals(ack, "AA", msa1(ack));
        assertEquals("UNICODE UTF-8", field(segment(ack, "MSH"), 17));
        assertEquals("Łucja", patientsNamed(admin, "Żółkiewska").get(0).path("givenName").asText());

        String latin1 = msh("2.5.1", "ADT^A04^ADT_A01", "CS-0002").replace("|P|2.5.1\r", "|P|2.5.1||||||8859/1\r")
                + "EVN|A04\r" + pid("H1802", "Müller", "Jürgen", "19640229", "M");
        ack = send(latin1);
        assertEquals(ack, "AA", msa1(ack));
        assertEquals("Jürgen", patientsNamed(admin, "Müller").get(0).path("givenName").asText());

        // Segments separated by LF and by CR LF, as some senders and edited files have them: over a plain socket,
        // because HAPI's client always separates segments with CR.
        String lf = a04("2.5.1", "LF-0001", pid("H1803", "Novak", "Petra", "19810303", "F")).replace("\r", "\n");
        assertEquals("AA", msa1(sendRaw(lf.getBytes(StandardCharsets.US_ASCII), StandardCharsets.US_ASCII)));
        String crlf = a04("2.5.1", "LF-0002", pid("H1804", "Horvat", "Ivan", "19820404", "M")).replace("\r", "\r\n");
        assertEquals("AA", msa1(sendRaw(crlf.getBytes(StandardCharsets.US_ASCII), StandardCharsets.US_ASCII)));
        assertEquals(1, patientsNamed(admin, "Novak").size());
        assertEquals(1, patientsNamed(admin, "Horvat").size());

        // Larger than this listener's limit: AR, only the header stored, nothing applied.
        String big = a04("2.5.1", "BIG-0001", pid("H1805", "Oversize", "Olaf", "19700101", "M"))
                + "NTE|1||" + "x".repeat(MAX_MESSAGE_BYTES) + "\r";
        ack = send(big);
        assertEquals(ack, "AR", msa1(ack));
        assertTrue(ack, ack.contains("exceeds the limit"));
        assertEquals(0, patientsNamed(admin, "Oversize").size());
        JsonNode row = stored(admin, "BIG-0001");
        assertEquals("REJECTED", row.path("status").asText());
        String rawText = admin.get("/api/v1/hl7/messages/" + row.path("id").asText()).json().path("rawText").asText();
        assertFalse(rawText.contains("PID"));
    }

    @Test
    public void t10_aParkedMessageIsEditedAndReplayedByAnIntegrator() throws Exception {
        Http admin = admin();
        // Editing and replaying need hl7.message.replay (seeded for ADMIN only): the hospital's own repair role.
        Http.Response role = admin.post("/api/v1/platform/roles", Http.json().createObjectNode()
                .put("name", "hl7-repair").put("description", "Repairs parked HL7 messages"));
        assertEquals(role.toString(), 201, role.status);
        assertEquals(200, admin.put("/api/v1/platform/roles/hl7-repair/privileges/hl7.message.view", null).status);
        assertEquals(200, admin.put("/api/v1/platform/roles/hl7-repair/privileges/hl7.message.replay", null).status);
        Http integrator = user(admin, "hl7.integrator", "hl7-repair");
        Http clerk = user(admin, "hl7.clerk", "RECEPTIONIST");
        String ack = send(a04("2.5.1", "FIX-0001", "PID|1||||Fonseca^Beatriz||19880808|F\r"));
        assertEquals(ack, "AE", msa1(ack));
        assertEquals(403, clerk.get("/api/v1/hl7/messages?status=PARKED").status);
        JsonNode parked = integrator.get("/api/v1/hl7/messages?status=PARKED&controlId=FIX-0001").json();
        assertEquals(parked.toString(), 1, parked.path("total").asLong());
        String id = parked.path("items").get(0).path("id").asText();
        JsonNode one = integrator.get("/api/v1/hl7/messages/" + id).json();
        assertTrue(one.toString(), one.path("error").asText().contains("PID-3"));
        assertTrue(one.path("ackText").asText().contains("MSA|AE|FIX-0001"));

        // Not an HL7 message: 400, nothing changed. A processed message cannot be replayed: 409.
        assertEquals(400, integrator.put("/api/v1/hl7/messages/" + id + "/raw",
                Http.json().createObjectNode().put("rawText", "hello")).status);
        String processedId = stored(integrator, "REG-0001").path("id").asText();
        assertEquals(409, integrator.post("/api/v1/hl7/messages/" + processedId + "/replay",
                Http.json().createObjectNode()).status);

        String fixed = one.path("rawText").asText().replace("PID|1||||", "PID|1||H1901^^^HOSP^MR||");
        Http.Response edited = integrator.put("/api/v1/hl7/messages/" + id + "/raw",
                Http.json().createObjectNode().put("rawText", fixed));
        assertEquals(edited.toString(), 200, edited.status);
        assertEquals("hl7.integrator", edited.json().path("editedBy").asText());
        assertTrue(edited.json().path("originalText").asText().contains("PID|1||||Fonseca"));

        Http.Response replayed = integrator.post("/api/v1/hl7/messages/" + id + "/replay", Http.json().createObjectNode());
        assertEquals(replayed.toString(), 200, replayed.status);
        assertEquals("PROCESSED", replayed.json().path("status").asText());
        assertEquals("AA", replayed.json().path("ackCode").asText());
        assertEquals(2, replayed.json().path("attempts").asInt());
        JsonNode found = patientsNamed(admin, "Fonseca");
        assertEquals(found.toString(), 1, found.size());
        assertNotEquals("", found.get(0).path("mrn").asText());
        // The sender retrying the original control id still gets the stored answer, and nothing more is applied.
        String retry = send(a04("2.5.1", "FIX-0001", "PID|1||||Fonseca^Beatriz||19880808|F\r"));
        assertEquals(retry, "AA", msa1(retry));
        assertEquals(1, patientsNamed(admin, "Fonseca").size());
    }

    @Test
    public void t11_anA01CarriesAllergiesDiagnosesLocationAndDoctorsIntoTheRecordThenTransferAndDischarge()
            throws Exception {
        Http admin = admin();
        Http doctor = user(admin, "hl7.dr.mensah", "DOCTOR");
        String pid = pid("H1901", "Achterberg", "Femke", "19670412", "F");
        String visit = "PV1|1|I|W4^12^B||||D123^Mensah^Kwame^^^Dr||||||||||D456^Hale^Ruth||V7001^^^HOSP\r";
        String a01 = msh("2.5.1", "ADT^A01^ADT_A01", "ADR-0001") + "EVN|A01|20240601080000\r" + pid
                + "NK1|1|Achterberg^Joost|SPO^Spouse||+31201234567\r" + visit
                + "AL1|1|DA|7980^Penicillin^RXNORM|SV|Anaphylaxis\r"
                + "DG1|1||J18.9^Pneumonia, unspecified organism^I10||20240601|A\r"
                + "DG1|2||Z99.999^Machine dependence^I10||20240601|A\r"
                + "IN1|1|GOLD^Gold plan|ZK01|Zilveren Kruis||||||||20240101|20251231||||SEL" + "|".repeat(19)
                + "ZK-4471190\r";
        String ack = send(a01);
        assertEquals(ack, "AA", msa1(ack));
        // The code the catalogue does not hold is kept as a note, and the ACK says so (ERR severity W at DG1-3).
        String err = segment(ack, "ERR");
        assertEquals(ack, "W", field(err, 4));
        assertTrue(ack, field(err, 2).startsWith("DG1^2^3"));
        String mrn = patientsNamed(admin, "Achterberg").get(0).path("mrn").asText();
        String record = "/api/v1/emr/records/" + mrn;
        JsonNode patient = admin.get("/api/v1/emr/patients/" + mrn).json();
        assertEquals(patient.toString(), "Joost Achterberg", patient.path("nextOfKin").get(0).path("name").asText());
        assertEquals("SPOUSE", patient.path("nextOfKin").get(0).path("relationship").asText());
        assertEquals("+31201234567", patient.path("nextOfKin").get(0).path("phone").asText());
        assertEquals("Zilveren Kruis", patient.path("insurance").get(0).path("insurer").asText());
        assertEquals("ZK-4471190", patient.path("insurance").get(0).path("policyNumber").asText());
        assertEquals("2025-12-31", patient.path("insurance").get(0).path("validTo").asText());

        JsonNode allergies = doctor.get(record + "/allergies").json();
        assertEquals(allergies.toString(), 1, allergies.size());
        assertEquals("Penicillin", allergies.get(0).path("substance").asText());
        assertEquals("SEVERE", allergies.get(0).path("severity").asText());
        assertEquals("Anaphylaxis", allergies.get(0).path("reaction").asText());
        JsonNode problems = doctor.get(record + "/problems").json();
        assertEquals(problems.toString(), 1, problems.size());
        assertEquals("J18.9", problems.get(0).path("code").asText());
        JsonNode encounter = doctor.get(record + "/encounters").json().get(0);
        assertEquals(encounter.toString(), "W4^12^B", encounter.path("location").asText());
        assertEquals("the doctor PV1-7 names, not the sender", "D123", encounter.path("attending").asText());
        assertEquals("Kwame Mensah", encounter.path("attendingName").asText());
        assertEquals("Ruth Hale", encounter.path("admittingName").asText());
        assertEquals(problems.get(0).path("encounterId").asText(), encounter.path("id").asText());

        // The same admission again under a new control id changes nothing.
        assertEquals("AA", msa1(send(a01.replace("ADR-0001", "ADR-0002"))));
        assertEquals(1, doctor.get(record + "/allergies").json().size());
        assertEquals(1, doctor.get(record + "/problems").json().size());
        assertEquals(1, outboxEvents("AllergyRecorded", mrn));

        String a02 = msh("2.5.1", "ADT^A02^ADT_A02", "ADR-0003") + "EVN|A02|20240602080000\r" + pid
                + visit.replace("W4^12^B", "CARDIO^204^A");
        assertEquals("AA", msa1(send(a02)));
        assertEquals("CARDIO^204^A", doctor.get(record + "/encounters").json().get(0).path("location").asText());
        assertEquals(1, outboxEvents("EncounterMoved", mrn));
        String a12 = msh("2.5.1", "ADT^A12^ADT_A12", "ADR-0004") + "EVN|A12|20240602090000\r" + pid + visit;
        assertEquals("AA", msa1(send(a12)));
        assertEquals("W4^12^B", doctor.get(record + "/encounters").json().get(0).path("location").asText());
        assertEquals(2, outboxEvents("EncounterMoved", mrn));

        String a03 = msh("2.5.1", "ADT^A03^ADT_A03", "ADR-0005") + "EVN|A03|20240605100000\r" + pid
                + visit.replace("V7001^^^HOSP", "V7001^^^HOSP" + "|".repeat(17) + "01");
        assertEquals("AA", msa1(send(a03)));
        assertEquals("CLOSED", doctor.get(record + "/encounters").json().get(0).path("status").asText());
        assertEquals(1, outboxEvents("PatientDischarged", mrn));

        // The discharge was a mistake (A13): reopened. Then the admission itself was (A11): cancelled, not deleted.
        String a13 = msh("2.5.1", "ADT^A13^ADT_A01", "ADR-0006") + "EVN|A13|20240605110000\r" + pid + visit;
        assertEquals("AA", msa1(send(a13)));
        assertEquals("OPEN", doctor.get(record + "/encounters").json().get(0).path("status").asText());
        String a11 = msh("2.5.1", "ADT^A11^ADT_A09", "ADR-0007") + "EVN|A11|20240605120000\r" + pid + visit;
        assertEquals("AA", msa1(send(a11)));
        assertEquals("AA", msa1(send(a11.replace("ADR-0007", "ADR-0008"))));
        JsonNode cancelled = doctor.get(record + "/encounters").json();
        assertEquals(cancelled.toString(), 1, cancelled.size());
        assertEquals("CANCELLED", cancelled.get(0).path("status").asText());
        assertEquals("reopened once, cancelled once", 2, outboxEvents("EncounterStatusChanged", mrn));
        assertEquals("what was recorded on it is kept", 1, doctor.get(record + "/problems").json().size());
    }

    @Test
    public void t12_anAdmissionWithoutVisitNumberAPreAdmissionAClassChangeAndAnIdentifierChange() throws Exception {
        Http admin = admin();
        Http doctor = user(admin, "hl7.dr.okafor", "DOCTOR");
        String pid = pid("H2001", "Brennan", "Siobhan", "19720918", "F");
        // A01 without PV1-19: an encounter without a visit number, known by facility, patient, PV1-44 and class.
        String a01 = msh("2.5.1", "ADT^A01^ADT_A01", "NVN-0001") + "EVN|A01|20240701080000\r" + pid
                + "PV1|1|E|ED^3" + "|".repeat(41) + "202407010745\r"
                + "AL1|1|DA|7980^Penicillin^RXNORM|SV|Anaphylaxis\r";
        String ack = send(a01);
        assertEquals(ack, "AA", msa1(ack));
        String mrn = patientsNamed(admin, "Brennan").get(0).path("mrn").asText();
        String record = "/api/v1/emr/records/" + mrn;
        JsonNode encounters = doctor.get(record + "/encounters").json();
        assertEquals(encounters.toString(), 1, encounters.size());
        assertEquals("EMERGENCY", encounters.get(0).path("kind").asText());
        assertEquals("OPEN", encounters.get(0).path("status").asText());
        // The allergen's code beside its text.
        JsonNode allergy = doctor.get(record + "/allergies").json().get(0);
        assertEquals(allergy.toString(), "7980", allergy.path("code").asText());
        assertEquals("RXNORM", allergy.path("codeSystem").asText());
        // Resent under a new control id: the same visit, no second encounter, no redundant update.
        assertEquals("AA", msa1(send(a01.replace("NVN-0001", "NVN-0002"))));
        assertEquals(1, doctor.get(record + "/encounters").json().size());
        assertEquals(1, outboxEvents("EncounterOpened", mrn));
        assertEquals(0, outboxEvents("PatientUpdated", mrn));

        // A05: her elective surgery next month is pre-admitted: a PLANNED encounter of its own.
        String a05 = msh("2.5.1", "ADT^A05^ADT_A05", "NVN-0003") + "EVN|A05|20240701090000\r" + pid
                + "PV1|1|O|DAYSURG^1" + "|".repeat(16) + "V8001^^^HOSP\r";
        assertEquals("AA", msa1(send(a05)));
        JsonNode planned = doctor.get(record + "/encounters").json().get(0);
        assertEquals(planned.toString(), "PLANNED", planned.path("status").asText());
        assertEquals("OUTPATIENT", planned.path("kind").asText());

        // A06: the day case becomes an inpatient stay on the same visit.
        String a06 = msh("2.5.1", "ADT^A06^ADT_A06", "NVN-0004") + "EVN|A06|20240801150000\r" + pid
                + "PV1|1|I|W2^7^A" + "|".repeat(16) + "V8001^^^HOSP\r";
        String ack06 = send(a06);
        assertEquals(ack06, "AA", msa1(ack06));
        JsonNode changed = doctor.get(record + "/encounters").json().get(0);
        assertEquals(changed.toString(), "ADMISSION", changed.path("kind").asText());
        assertEquals(planned.path("id").asText(), changed.path("id").asText());
        assertEquals(1, outboxEvents("EncounterClassChanged", mrn));
        assertEquals(2, doctor.get(record + "/encounters").json().size());

        // A47: the PAS corrects her identifier; the record follows, an A08 for the new one updates her.
        String a47 = msh("2.5.1", "ADT^A47^ADT_A30", "NVN-0005") + "EVN|A47|20240801160000\r"
                + "PID|1||H2001B^^^HOSP^MR\rMRG|H2001^^^HOSP^MR\r";
        assertEquals("AA", msa1(send(a47)));
        assertEquals("AA", msa1(send(msh("2.5.1", "ADT^A08^ADT_A01", "NVN-0006") + "EVN|A08|20240801170000\r"
                + pid("H2001B", "Brennan", "Siobhan", "19720918", "F").replace("|F\r", "|F|||||+353 1 555 0101\r"))));
        assertEquals(1, patientsNamed(admin, "Brennan").size());
        assertEquals("+353 1 555 0101", admin.get("/api/v1/emr/patients/" + mrn).json().path("phones").get(0).asText());
        // An identifier that already names another patient: AE, 205 at PID-3, nothing changed.
        send(a04("2.5.1", "NVN-0007", pid("H2002", "Byrne", "Declan", "19650203", "M")));
        String conflict = send(msh("2.5.1", "ADT^A47^ADT_A30", "NVN-0008") + "EVN|A47|20240801180000\r"
                + "PID|1||H2002^^^HOSP^MR\rMRG|H2001B^^^HOSP^MR\r");
        assertEquals(conflict, "AE", msa1(conflict));
        String err = segment(conflict, "ERR");
        assertEquals(conflict, "PID^1^3", field(err, 2));
        assertTrue(conflict, field(err, 3).startsWith("205^"));
        assertTrue(conflict, field(err, 8).contains("another patient"));
        assertEquals(1, patientsNamed(admin, "Byrne").size());
    }
}
