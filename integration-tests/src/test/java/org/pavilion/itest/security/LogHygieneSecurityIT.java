package org.pavilion.itest.security;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static org.ops4j.pax.exam.CoreOptions.systemTimeout;

import org.junit.Assume;
import org.junit.Test;
import org.ops4j.pax.exam.Option;
import org.pavilion.testsupport.Await;
import org.pavilion.testsupport.Http;
import org.pavilion.itest.PavilionTestSupport;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Issue #20, PHI stays out of logs: identifiers that occur nowhere else (names, national id, phone, birth date, MRN,
 * HL7 message text) go through registration, an update, a search, a refused request and the MLLP listener (A04,
 * a malformed message answered AE, an unknown type answered AR); then no file under the log folder may hold any of
 * them in a line at INFO or above.
 */
public class LogHygieneSecurityIT extends PavilionTestSupport {

    private static final String RUN = Long.toString(System.nanoTime() % 1_000_000_000L, 36).toUpperCase(Locale.ROOT);
    private static final String GIVEN = "Quillonia" + RUN;
    private static final String FAMILY = "Thrasdottir" + RUN;
    private static final String NEW_FAMILY = "Vorkampf" + RUN;
    private static final String NATIONAL_ID = "NIX" + RUN + "77";
    private static final String PHONE = "+31 6 9173" + RUN.length() + "8264";
    private static final String BIRTH = "1953-11-27";
    private static final String HL7_GIVEN = "Zephyrine" + RUN;
    private static final String HL7_FAMILY = "Okwuosa" + RUN;
    private static final String HL7_ID = "LH" + RUN;
    private static final String HL7_BAD_FAMILY = "Brannigast" + RUN;
    private static final String HL7_UNKNOWN_FAMILY = "Xylander" + RUN;

    @Override
    protected Option[] extraOptions() {
        return new Option[] {systemTimeout(900_000)}; // slow boots on a loaded machine
    }

    private static String msh(String type, String controlId) {
        return "MSH|^~\\&|ADT1|HOSP|PAVILION|HOSP|20240501083000||" + type + "|" + controlId + "|P|2.5.1\r";
    }

    @Test
    public void noPatientIdentifierReachesALogLineAtInfoOrAbove() throws Exception {
        Assume.assumeTrue("h2".equals(database()));
        awaitHealthy();
        Http admin = loginAsAdmin();
        Http clerk = createUser(admin, "hygiene.clerk", "RECEPTIONIST", null);

        ObjectNode body = obj().put("givenName", GIVEN).put("familyName", FAMILY).put("sex", "FEMALE")
                .put("birthDate", BIRTH).put("nationalId", NATIONAL_ID);
        body.putArray("phones").add(PHONE);
        String mrn = created(clerk.post("/api/v1/emr/patients", body)).path("mrn").asText();
        ok(clerk.put("/api/v1/emr/patients/" + mrn, body.put("familyName", NEW_FAMILY)));
        ok(clerk.get("/api/v1/emr/patients?name=" + URLEncoder.encode(NEW_FAMILY, StandardCharsets.UTF_8)));
        ok(clerk.get("/api/v1/emr/patients?nationalId=" + URLEncoder.encode(NATIONAL_ID, StandardCharsets.UTF_8)));
        // refused: born in the future, with the same identifiers in the body
        Http.Response refused = clerk.post("/api/v1/emr/patients", obj().put("givenName", GIVEN)
                .put("familyName", FAMILY).put("sex", "FEMALE").put("birthDate", "2999-01-01")
                .put("nationalId", NATIONAL_ID));
        assertTrue(refused.toString(), refused.status == 422 || refused.status == 400);

        String a04 = msh("ADT^A04^ADT_A01", "LOG-" + RUN + "-1") + "EVN|A04|20240501083000\r"
                + "PID|1||" + HL7_ID + "^^^HOSP^MR||" + HL7_FAMILY + "^" + HL7_GIVEN + "||19520304|F|||||"
                + PHONE + "\r";
        String ack = Await.value("the HL7 listener answers", BOOT_BOUND, () -> hl7Client().send(a04));
        assertEquals(ack, "AA", msa1(ack));
        String malformed = hl7Client().send(msh("ADT^A04^ADT_A01", "LOG-" + RUN + "-2") + "EVN|A04\r"
                + "PID|1||||" + HL7_BAD_FAMILY + "^" + HL7_GIVEN + "||19701345|F\r");
        assertEquals(malformed, "AE", msa1(malformed));
        String unknown = hl7Client().send(msh("ZZZ^Z01", "LOG-" + RUN + "-3") + "PID|1||" + HL7_ID + "X^^^HOSP^MR||"
                + HL7_UNKNOWN_FAMILY + "^" + HL7_GIVEN + "\r");
        assertEquals(unknown, "AR", msa1(unknown));

        List<String> secrets = List.of(mrn, GIVEN, FAMILY, NEW_FAMILY, NATIONAL_ID, PHONE, PHONE.replace(" ", ""),
                BIRTH, "19520304", HL7_ID, HL7_GIVEN, HL7_FAMILY, HL7_BAD_FAMILY, HL7_UNKNOWN_FAMILY);
        List<Path> logs = new ArrayList<>();
        try (Stream<Path> files = Files.walk(karafData().resolve("log"))) {
            files.filter(Files::isRegularFile).forEach(logs::add);
        }
        assertTrue("no log file under " + karafData().resolve("log"), !logs.isEmpty());
        List<String> leaks = new ArrayList<>();
        for (Path log : logs) {
            List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.contains("| DEBUG") || line.contains("| TRACE")) {
                    continue;
                }
                for (String s : secrets) {
                    if (line.contains(s)) {
                        leaks.add(log.getFileName() + ":" + (i + 1) + " holds " + s + ": " + line);
                    }
                }
            }
        }
        assertTrue(String.join("\n", leaks), leaks.isEmpty());
    }
}
