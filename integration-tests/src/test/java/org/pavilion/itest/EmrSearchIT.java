package org.pavilion.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.Test;
import org.pavilion.testsupport.Await;
import org.pavilion.testsupport.Http;

/**
 * Typo-tolerant patient search and the bulk import, through the real HTTP surface: misspelt names still find the
 * patient (ranked after exact and prefix hits, with how each field matched), merged duplicates never show, an
 * administrator imports NDJSON with bad lines reported by number, and nobody else may import. Each test uses
 * its own names and birth dates, so they run in any order in one container.
 */
public class EmrSearchIT extends PavilionTestSupport {

    private static final String PATIENTS = "/api/v1/emr/patients";
    private static final String IMPORT = "/api/v1/emr/patient-import";

    private static Http adminOnceEmrIsUp() throws Exception {
        Http admin = loginAsAdmin();
        Await.until("EMR search and import endpoints are published", BOOT_BOUND, () -> {
            assertEquals(400, admin.get(PATIENTS).status);
            assertEquals(400, postNdjson(admin, IMPORT + "?batchSize=0", "").statusCode());
        });
        return admin;
    }

    private Http staff(Http admin, String username, String role) throws Exception {
        ObjectNode user = Http.json().createObjectNode().put("username", username).put("password", username + "-password-1");
        user.putArray("roles").add(role);
        Http.Response r = admin.post("/api/v1/platform/users", user);
        assertEquals(r.toString(), 201, r.status);
        return Http.login(baseUrl(), username, username + "-password-1");
    }

    private static String register(Http clerk, String given, String family, String birthDate) throws Exception {
        ObjectNode body = Http.json().createObjectNode().put("givenName", given).put("familyName", family)
                .put("sex", "FEMALE").put("birthDate", birthDate);
        Http.Response r = clerk.post(PATIENTS + "?confirmDuplicate=true", body);
        assertEquals(r.toString(), 201, r.status);
        return r.json().path("mrn").asText();
    }

    private static JsonNode search(Http reader, String query) throws Exception {
        Http.Response r = reader.get(PATIENTS + "?" + query);
        assertEquals(r.toString(), 200, r.status);
        return r.json();
    }

    private static List<String> mrns(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.path("items").forEach(p -> out.add(p.path("mrn").asText()));
        return out;
    }

    /** The match reported for {@code field} of the hit with {@code mrn}, as "HOW" or "TYPO:distance". */
    private static String match(JsonNode page, String mrn, String field) {
        for (JsonNode p : page.path("items")) {
            if (p.path("mrn").asText().equals(mrn)) {
                for (JsonNode m : p.path("matches")) {
                    if (m.path("field").asText().equals(field)) {
                        String how = m.path("how").asText();
                        return how.equals("TYPO") ? how + ":" + m.path("distance").asInt() : how;
                    }
                }
                return "none";
            }
        }
        return "absent";
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static HttpResponse<String> postNdjson(Http caller, String path, String body) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofMinutes(2))
                .header("Authorization", "Bearer " + caller.token()).header("Content-Type", "application/x-ndjson")
                .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString());
    }

    private DataSource dataSource() throws Exception {
        return awaitService(DataSource.class, "(osgi.jndi.service.name=pavilion)", BOOT_BOUND);
    }

    private long count(String sql, String arg) throws Exception {
        try (Connection c = dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, arg);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Test
    public void misspeltNamesFindThePatientAndSayHowTheyMatched() throws Exception {
        Http admin = adminOnceEmrIsUp();
        Http clerk = staff(admin, "search.tess", "RECEPTIONIST");
        String johnson = register(clerk, "Emma", "Johnson", "1950-01-01");
        String nguyen = register(clerk, "Thi", "Nguyen", "1951-02-02");

        for (String typo : List.of("Jonhson", "Jhonson", "JOHNSON", "jonson")) {
            JsonNode hits = search(clerk, "name=" + enc(typo));
            assertTrue(typo + ": " + hits, mrns(hits).contains(johnson));
        }
        JsonNode swapped = search(clerk, "name=Jonhson");
        assertEquals("TYPO:1", match(swapped, johnson, "familyName"));
        assertEquals("none", match(swapped, johnson, "givenName"));
        JsonNode nguyn = search(clerk, "name=Nguyn");
        assertTrue(nguyn.toString(), mrns(nguyn).contains(nguyen));
        assertEquals("TYPO:1", match(nguyn, nguyen, "familyName"));
        // Given and family name together, one of them misspelt.
        JsonNode both = search(clerk, "name=" + enc("emma jonhson"));
        assertTrue(both.toString(), mrns(both).contains(johnson));
        assertEquals("EXACT", match(both, johnson, "givenName"));
        // fuzzy=false: prefix only.
        assertFalse(mrns(search(clerk, "name=Jonhson&fuzzy=false")).contains(johnson));
        assertTrue(mrns(search(clerk, "name=johns&fuzzy=false")).contains(johnson));
        // Not every name is "similar": too far, or too short to guess at.
        assertFalse(mrns(search(clerk, "name=Jackson")).contains(johnson));
        assertFalse(mrns(search(clerk, "name=Ngu")).isEmpty());
        assertFalse(mrns(search(clerk, "name=Nu")).contains(nguyen));
        // Other criteria are still combined with the name.
        assertEquals(List.of(johnson), mrns(search(clerk, "name=Jhonson&birthDate=1950-01-01")));
    }

    @Test
    public void exactHitsComeFirstThenPrefixThenTyposAndPagesSpanTheRanks() throws Exception {
        Http admin = adminOnceEmrIsUp();
        Http clerk = staff(admin, "search.rank", "RECEPTIONIST");
        String dob = "1960-06-06";
        String typo = register(clerk, "Karl", "Jons", dob);
        String prefix = register(clerk, "Anna", "Johnsen", dob);
        String exact = register(clerk, "Peter", "Johns", dob);

        JsonNode all = search(clerk, "name=johns&birthDate=" + dob);
        assertEquals(List.of(exact, prefix, typo), mrns(all));
        assertEquals(3, all.path("total").asInt());
        assertEquals("EXACT", match(all, exact, "familyName"));
        assertEquals("PREFIX", match(all, prefix, "familyName"));
        assertEquals("TYPO:1", match(all, typo, "familyName"));
        // One per page: the ranking holds across pages and tiers.
        for (int page = 0; page < 3; page++) {
            JsonNode one = search(clerk, "name=johns&birthDate=" + dob + "&size=1&page=" + page);
            assertEquals(List.of(List.of(exact, prefix, typo).get(page)), mrns(one));
            assertEquals(3, one.path("total").asInt());
        }
        assertEquals(List.of(exact, prefix), mrns(search(clerk, "name=johns&fuzzy=false&birthDate=" + dob)));

        // Each patient shown leaves its own SEARCH record (written together, in one transaction): each of the
        // three was shown by the full search and by its own page; exact and prefix also by the fuzzy=false one.
        for (String mrn : List.of(exact, prefix, typo)) {
            JsonNode audit = admin.get("/api/v1/platform/audit?action=SEARCH&actor=search.rank&patientId=" + mrn).json();
            assertEquals(audit.toString(), mrn.equals(typo) ? 2 : 3, audit.path("total").asInt());
        }
        JsonNode chain = admin.get("/api/v1/platform/audit/verify").json();
        assertTrue(chain.toString(), chain.path("intact").asBoolean());
    }

    /**
     * A common name in a big registry: the operator caps how many hits of a rank are counted (here 3, by dropping
     * etc/org.pavilion.emr.search.cfg in at runtime); the answer then says its total is a lower bound, pages
     * still come in rank order, and a page beyond the cap is served with the rank counted exactly (no longer a
     * lower bound).
     */
    @Test
    public void ranksWithMoreHitsThanCountedMakeTheTotalALowerBound() throws Exception {
        Http admin = adminOnceEmrIsUp();
        Http clerk = staff(admin, "search.cap", "RECEPTIONIST");
        String dob = "1933-03-03";
        List<String> expected = new ArrayList<>();
        for (String given : List.of("Ada", "Bea", "Cy", "Di", "Eve", "Flo")) {
            expected.add(register(clerk, given, "Capwell", dob));
        }
        String query = PATIENTS + "?name=capwell&birthDate=" + dob + "&size=2&page=";
        java.nio.file.Path cfg = java.nio.file.Paths.get(System.getProperty("karaf.etc"), "org.pavilion.emr.search.cfg");
        try {
            java.nio.file.Files.writeString(cfg, "countCap = 3\n", StandardCharsets.UTF_8);
            Await.until("the count cap of 3 applies", BOOT_BOUND, () -> assertEquals("true",
                    get(clerk, query + 0).headers().firstValue("Pavilion-Total-Is-Lower-Bound").orElse("false")));
            List<String> seen = new ArrayList<>();
            for (int page = 0; page < 3; page++) {
                HttpResponse<String> r = get(clerk, query + page);
                assertEquals(r.body(), 200, r.statusCode());
                JsonNode body = Http.json().readTree(r.body());
                seen.addAll(mrns(body));
                // Pages 0 and 1 lie within the cap: "3+". Page 2 starts beyond it: the rank is counted exactly.
                assertEquals(r.body(), page < 2 ? 3 : 6, body.path("total").asInt());
                assertEquals(page < 2 ? "true" : "false",
                        r.headers().firstValue("Pavilion-Total-Is-Lower-Bound").orElse("false"));
            }
            assertEquals(expected, seen);
        } finally {
            java.nio.file.Files.deleteIfExists(cfg);
        }
        Await.until("the default cap is back", BOOT_BOUND, () -> {
            HttpResponse<String> r = get(clerk, query + 0);
            assertEquals(6, Http.json().readTree(r.body()).path("total").asInt());
            assertTrue(r.headers().firstValue("Pavilion-Total-Is-Lower-Bound").isEmpty());
        });
    }

    private static HttpResponse<String> get(Http caller, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("Authorization", "Bearer " + caller.token()).header("Accept", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    public void mergedDuplicatesAreNotFound() throws Exception {
        Http admin = adminOnceEmrIsUp();
        Http clerk = staff(admin, "search.merge", "RECEPTIONIST");
        String survivor = register(clerk, "Olga", "Wierzbicka", "1944-04-04");
        String duplicate = register(clerk, "Olga", "Wierzbicka", "1944-04-04");
        // Merging has no endpoint yet: mark the tombstone the way the merge will.
        try (Connection c = dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("UPDATE emr_patient SET merged_into = ? WHERE mrn = ?")) {
            s.setString(1, survivor);
            s.setString(2, duplicate);
            assertEquals(1, s.executeUpdate());
        }
        assertEquals(List.of(survivor), mrns(search(clerk, "name=wierzbicka")));
        assertEquals(List.of(survivor), mrns(search(clerk, "name=wierzbika")));
        assertEquals(List.of(), mrns(search(clerk, "mrn=" + duplicate)));
    }

    @Test
    public void anAdministratorImportsNdjsonAndBadLinesAreReportedByNumber() throws Exception {
        Http admin = adminOnceEmrIsUp();
        String[] given = {"Ada", "Bela", "Cora", "Dima", "Enzo", "Fiona", "Gus", "Hana"};
        StringBuilder body = new StringBuilder();
        for (int line = 1; line <= 1000; line++) {
            if (line == 10) {
                body.append("{\"givenName\": \"Nofamily\", \"sex\": \"MALE\", \"birthDate\": \"1990-01-01\"}\n");
            } else if (line == 500) {
                body.append("{\"givenName\": \"Ada\", \"familyName\": \"Quillfeather\", \"sex\": \"FEMALE\", \"birthDate\": \"1990-02-30\"}\n");
            } else if (line == 1000) {
                body.append("{\"givenName\": \"Broken\", \"familyName\": \n");
            } else {
                body.append(String.format("{\"givenName\": \"%s\", \"familyName\": \"Quillfeather\", \"sex\": \"%s\", "
                        + "\"birthDate\": \"19%02d-%02d-%02d\", \"phones\": [\"+44 20 7946 %04d\"]}%n",
                        given[line % given.length], line % 2 == 0 ? "FEMALE" : "MALE", line % 100, 1 + line % 12,
                        1 + line % 28, line));
            }
        }
        HttpResponse<String> r = postNdjson(admin, IMPORT + "?batchSize=250", body.toString());
        assertEquals(r.body(), 200, r.statusCode());
        JsonNode report = Http.json().readTree(r.body());
        assertEquals(r.body(), 997, report.path("imported").asInt());
        assertEquals(3, report.path("rejected").asInt());
        assertEquals(0, report.path("failed").asInt());
        assertEquals(4, report.path("batches").asInt());
        List<Long> badLines = new ArrayList<>();
        report.path("rejectedLines").forEach(l -> badLines.add(l.path("line").asLong()));
        assertEquals(List.of(10L, 500L, 1000L), badLines);
        assertTrue(report.toString(), report.path("rejectedLines").get(0).path("reason").asText().contains("familyName"));
        assertTrue(report.toString(), report.path("rejectedLines").get(1).path("reason").asText().contains("birthDate"));

        // Searchable at once, with a typo too; each has its own MRN; PatientRegistered went through the outbox.
        assertEquals(997, search(admin, "name=quillfeather&size=1").path("total").asInt());
        assertEquals(997, search(admin, "name=quilfeather&size=1").path("total").asInt());
        assertEquals(997, count("SELECT COUNT(DISTINCT mrn) FROM emr_patient WHERE family_name = ?", "Quillfeather"));
        String first = report.path("firstMrn").asText();
        String last = report.path("lastMrn").asText();
        assertEquals(List.of(first), mrns(search(admin, "mrn=" + first)));
        assertEquals(List.of(last), mrns(search(admin, "phone=" + enc("+442079460999"))));
        assertEquals(1, count("SELECT COUNT(*) FROM events_outbox WHERE event_type = 'PatientRegistered' AND payload LIKE ?",
                "%" + last + "%"));
        // One audit record per batch, naming its MRN range.
        JsonNode audit = admin.get("/api/v1/platform/audit?action=IMPORT&size=50").json();
        assertEquals(audit.toString(), 4, audit.path("total").asInt());
        assertTrue(audit.toString(), audit.toString().contains(last));

        // A migration may skip the events; the audit says so.
        HttpResponse<String> quiet = postNdjson(admin, IMPORT + "?publishEvents=false",
                "{\"givenName\": \"Ivo\", \"familyName\": \"Silentimport\", \"sex\": \"MALE\", \"birthDate\": \"1977-07-07\"}\n");
        assertEquals(quiet.body(), 200, quiet.statusCode());
        String quietMrn = Http.json().readTree(quiet.body()).path("firstMrn").asText();
        assertEquals(0, count("SELECT COUNT(*) FROM events_outbox WHERE payload LIKE ?", "%" + quietMrn + "%"));
        Set<String> distinct = new HashSet<>(List.of(first, last, quietMrn));
        assertEquals(3, distinct.size());
    }

    @Test
    public void onlyAnAdministratorMayImport() throws Exception {
        Http admin = adminOnceEmrIsUp();
        Http clerk = staff(admin, "search.clerk", "RECEPTIONIST");
        String line = "{\"givenName\": \"Zed\", \"familyName\": \"Forbiddenimport\", \"sex\": \"MALE\", \"birthDate\": \"1980-01-01\"}\n";
        assertEquals(403, postNdjson(clerk, IMPORT, line).statusCode());
        assertEquals(401, HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl() + IMPORT))
                .header("Content-Type", "application/x-ndjson").POST(HttpRequest.BodyPublishers.ofString(line)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(0, count("SELECT COUNT(*) FROM emr_patient WHERE family_name = ?", "Forbiddenimport"));
        assertEquals(400, postNdjson(admin, IMPORT + "?batchSize=100000", line).statusCode());
    }
}
