package org.pavilion.itest;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.Test;
import org.ops4j.pax.exam.Option;
import org.pavilion.testsupport.Await;
import org.pavilion.testsupport.Http;

/**
 * Documents and images on the medical record through the real HTTP surface, on H2 and PostgreSQL: a nurse
 * attaches a lab PDF, a wound photo (PNG) and a DICOM image, a doctor downloads them unchanged; a 12 MiB scan
 * streams in and out in chunks; oversize, wrong-type and damaged uploads are refused with nothing stored; a
 * patient sees only their own documents, billing none; a document entered in error stays but is no longer
 * served; the FILE store (switched on by editing etc/ as an operator would) writes one file per document.
 * Each test registers its own patients and users, so they run in any order in one container.
 */
public class EmrDocumentsIT extends PavilionTestSupport {

    private static final String DOCUMENTS = "/api/v1/emr/documents";
    /** The limit this container runs with (etc/org.pavilion.emr.documents.cfg): 16 MiB. */
    private static final long MAX_BYTES = 16L * 1024 * 1024;
    private static final String CFG = "org.pavilion.emr.documents.cfg";
    private static final AtomicInteger SEQ = new AtomicInteger();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    protected Option[] extraOptions() {
        return new Option[] {editConfigurationFilePut("etc/" + CFG, "maxSizeBytes", String.valueOf(MAX_BYTES))};
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static Http adminOnceDocumentsAreUp() throws Exception {
        Http admin = loginAsAdmin();
        Await.until("EMR patients and documents endpoints are published", BOOT_BOUND, () -> {
            assertEquals(400, admin.get("/api/v1/emr/patients").status);
            assertEquals(401, Http.anonymous(baseUrl()).get(DOCUMENTS).status);
        });
        return admin;
    }

    private static Http user(Http admin, String role, String patientId) throws Exception {
        String username = "doc." + role.toLowerCase() + "." + SEQ.incrementAndGet();
        ObjectNode user = Http.json().createObjectNode().put("username", username).put("password", username + "-password-1");
        user.putArray("roles").add(role);
        if (patientId != null) {
            user.put("patientId", patientId);
        }
        Http.Response r = admin.post("/api/v1/platform/users", user);
        assertEquals(r.toString(), 201, r.status);
        return Http.login(baseUrl(), username, username + "-password-1");
    }

    private static String registerPatient(Http admin, String given, String family) throws Exception {
        Http clerk = user(admin, "RECEPTIONIST", null);
        int n = SEQ.incrementAndGet();
        ObjectNode body = Http.json().createObjectNode().put("givenName", given).put("familyName", family)
                .put("sex", "FEMALE").put("birthDate", String.format("19%02d-0%d-1%d", 30 + n % 60, 1 + n % 9, n % 10));
        Http.Response r = clerk.post("/api/v1/emr/patients?confirmDuplicate=true", body);
        assertEquals(r.toString(), 201, r.status);
        return r.json().path("mrn").asText();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private HttpResponse<String> upload(Http who, String mrn, String title, String category, String contentType,
            HttpRequest.BodyPublisher body, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + DOCUMENTS + "?mrn=" + enc(mrn)
                + "&title=" + enc(title) + "&category=" + category)).timeout(Duration.ofMinutes(2))
                .header("Authorization", "Bearer " + who.token()).header("Content-Type", contentType)
                .header("Accept", "application/json").POST(body);
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode attach(Http who, String mrn, String title, String category, String contentType, byte[] content)
            throws Exception {
        HttpResponse<String> r = upload(who, mrn, title, category, contentType, HttpRequest.BodyPublishers.ofByteArray(content));
        assertEquals(r.body(), 201, r.statusCode());
        JsonNode d = Http.json().readTree(r.body());
        assertEquals(sha256(content), d.path("sha256").asText());
        assertEquals(content.length, d.path("sizeBytes").asLong());
        assertEquals(mrn, d.path("mrn").asText());
        assertEquals("CURRENT", d.path("status").asText());
        assertEquals(DOCUMENTS + "/" + d.path("id").asText(), r.headers().firstValue("Location").orElse(""));
        return d;
    }

    private HttpResponse<InputStream> download(Http who, String id) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(baseUrl() + DOCUMENTS + "/" + id + "/content"))
                .timeout(Duration.ofMinutes(2)).header("Authorization", "Bearer " + who.token()).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
    }

    /** Downloads, asserting status 200, headers and bytes. */
    private void assertDownload(Http who, JsonNode doc, String contentType, byte[] expected) throws Exception {
        HttpResponse<InputStream> r = download(who, doc.path("id").asText());
        byte[] body;
        try (InputStream in = r.body()) {
            body = in.readAllBytes();
        }
        assertEquals(new String(body, StandardCharsets.UTF_8), 200, r.statusCode());
        assertArrayEquals(expected, body);
        assertEquals(sha256(expected), sha256(body));
        assertEquals(contentType, r.headers().firstValue("Content-Type").orElse(""));
        assertEquals(String.valueOf(expected.length), r.headers().firstValue("Content-Length").orElse(""));
        assertEquals("\"" + sha256(expected) + "\"", r.headers().firstValue("ETag").orElse(""));
        String b64 = Base64.getEncoder().encodeToString(HexFormat.of().parseHex(sha256(expected)));
        assertEquals("SHA-256=" + b64, r.headers().firstValue("Digest").orElse(""));
        assertEquals("sha-256=:" + b64 + ":", r.headers().firstValue("Repr-Digest").orElse(""));
        assertTrue(r.headers().firstValue("Content-Disposition").orElse(""),
                r.headers().firstValue("Content-Disposition").orElse("").startsWith("attachment; filename="));
    }

    private static JsonNode list(Http who, String mrn, String extra) throws Exception {
        Http.Response r = who.get(DOCUMENTS + "?mrn=" + mrn + extra);
        assertEquals(r.toString(), 200, r.status);
        return r.json();
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    static byte[] pdf(int size) {
        byte[] b = new byte[size];
        new Random(size).nextBytes(b);
        byte[] head = "%PDF-1.4\n%\u00e2\u00e3\n1 0 obj\n".getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(head, 0, b, 0, head.length);
        return b;
    }

    static byte[] png() {
        // A complete 1x1 PNG.
        return Base64.getDecoder().decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
    }

    /** A tiny DICOM Part 10 file: preamble, DICM, and a File Meta group with the transfer syntax. */
    static byte[] dicom() {
        byte[] file = new byte[128 + 4 + 8 + 20];
        file[128] = 'D';
        file[129] = 'I';
        file[130] = 'C';
        file[131] = 'M';
        // (0002,0010) UI, length 20: "1.2.840.10008.1.2.1" + NUL pad (Explicit VR Little Endian)
        byte[] element = {0x02, 0x00, 0x10, 0x00, 'U', 'I', 20, 0};
        System.arraycopy(element, 0, file, 132, 8);
        byte[] uid = "1.2.840.10008.1.2.1\0".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(uid, 0, file, 140, 20);
        return file;
    }

    static byte[] tiff(int size) {
        byte[] b = new byte[size];
        new Random(size).nextBytes(b);
        b[0] = 'I';
        b[1] = 'I';
        b[2] = '*';
        b[3] = 0;
        return b;
    }

    private DataSource dataSource() throws InterruptedException {
        return awaitService(DataSource.class, "(osgi.jndi.service.name=pavilion)", BOOT_BOUND);
    }

    private long count(String sql, String param) throws Exception {
        try (Connection c = dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, param);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static Path documentsDir() {
        return karafData().resolve("pavilion/documents");
    }

    private static long stagedFiles() throws IOException {
        Path staging = documentsDir().resolve(".staging");
        if (!Files.isDirectory(staging)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(staging)) {
            return s.count();
        }
    }

    // ------------------------------------------------------------------------------------------------ tests

    @Test
    public void aNurseAttachesAPdfAPngAndADicomImageAndADoctorDownloadsThemUnchanged() throws Exception {
        Http admin = adminOnceDocumentsAreUp();
        String mrn = registerPatient(admin, "Ingrid", "Attachment");
        Http nurse = user(admin, "NURSE", null);
        Http doctor = user(admin, "DOCTOR", null);

        byte[] labPdf = pdf(40_000);
        byte[] photo = png();
        byte[] mri = dicom();
        JsonNode pdfDoc = attach(nurse, mrn, "Full blood count 2024-05-01", "LAB_REPORT", "application/pdf", labPdf);
        JsonNode pngDoc = attach(nurse, mrn, "Wound, day 3", "IMAGE", "image/png", photo);
        JsonNode dcmDoc = attach(nurse, mrn, "Knee MRI", "DICOM", "application/dicom", mri);
        assertEquals("application/pdf", pdfDoc.path("contentType").asText());
        assertEquals("DATABASE", pdfDoc.path("store").asText());

        assertDownload(doctor, pdfDoc, "application/pdf", labPdf);
        assertDownload(doctor, pngDoc, "image/png", photo);
        assertDownload(doctor, dcmDoc, "application/dicom", mri);

        JsonNode page = list(doctor, mrn, "");
        assertEquals(3, page.path("total").asLong());
        assertEquals("newest first", dcmDoc.path("id").asText(), page.path("items").get(0).path("id").asText());
        Http.Response meta = doctor.get(DOCUMENTS + "/" + pngDoc.path("id").asText());
        assertEquals(meta.toString(), 200, meta.status);
        assertEquals("Wound, day 3", meta.json().path("title").asText());
        assertEquals("IMAGE", meta.json().path("category").asText());

        // If-None-Match with the ETag: nothing sent again.
        HttpResponse<String> again = client.send(HttpRequest.newBuilder(URI.create(baseUrl() + DOCUMENTS + "/"
                + pdfDoc.path("id").asText() + "/content")).header("Authorization", "Bearer " + doctor.token())
                .header("If-None-Match", "\"" + sha256(labPdf) + "\"").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(304, again.statusCode());

        // DocumentAttached went out through the outbox, in the upload's transaction.
        assertEquals(3, count("SELECT COUNT(*) FROM events_outbox WHERE event_type = 'DocumentAttached' "
                + "AND payload LIKE ?", "%" + mrn + "%"));
        // Audited: three uploads, the metadata read, three downloads (and the 304 one).
        JsonNode trail = admin.get("/api/v1/platform/audit?size=200&resourceType=document&patientId=" + mrn).json();
        int created = 0, downloads = 0, reads = 0;
        for (JsonNode r : trail.path("items")) {
            if (r.path("outcome").asText().equals("SUCCESS")) {
                switch (r.path("action").asText()) {
                    case "CREATE": created++; break;
                    case "DOWNLOAD": downloads++; break;
                    case "READ": reads++; break;
                    default: break;
                }
            }
        }
        assertEquals(trail.toString(), 3, created);
        assertEquals(trail.toString(), 4, downloads);
        assertEquals(trail.toString(), 1, reads);
    }

    @Test
    public void aTwelveMebibyteScanStreamsInWithoutContentLengthAndOutInChunks() throws Exception {
        Http admin = adminOnceDocumentsAreUp();
        String mrn = registerPatient(admin, "Sven", "Bigscan");
        Http nurse = user(admin, "NURSE", null);
        byte[] scan = tiff(12 * 1024 * 1024);
        // ofInputStream has no length: sent chunked, so the server can only count while streaming.
        HttpResponse<String> r = upload(nurse, mrn, "Admission forms (scanned)", "SCANNED_FORM", "image/tiff",
                HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(scan)),
                "Content-SHA256", sha256(scan));
        assertEquals(r.body(), 201, r.statusCode());
        JsonNode doc = Http.json().readTree(r.body());
        assertEquals(scan.length, doc.path("sizeBytes").asLong());
        // 12 MiB in 256 KiB chunks.
        assertEquals(48, count("SELECT COUNT(*) FROM emr_document_chunk WHERE document_id = ?", doc.path("id").asText()));
        assertDownload(nurse, doc, "image/tiff", scan);
        assertEquals("no staged upload left behind", 0, stagedFiles());
    }

    @Test
    public void oversizeUploadsAreRefusedWith413AndNothingIsStored() throws Exception {
        Http admin = adminOnceDocumentsAreUp();
        String mrn = registerPatient(admin, "Olga", "Oversize");
        Http doctor = user(admin, "DOCTOR", null);
        byte[] tooBig = pdf((int) MAX_BYTES + 1);

        // With Content-Length: refused before the body is read.
        HttpResponse<String> declared = upload(doctor, mrn, "Too big", "OTHER", "application/pdf",
                HttpRequest.BodyPublishers.ofByteArray(tooBig));
        assertEquals(declared.body(), 413, declared.statusCode());
        assertTrue(declared.body(), declared.body().contains("payload-too-large"));
        // Chunked: counted while streaming and stopped at the limit.
        HttpResponse<String> chunked = upload(doctor, mrn, "Too big", "OTHER", "application/pdf",
                HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(tooBig)));
        assertEquals(chunked.body(), 413, chunked.statusCode());

        assertEquals(0, list(doctor, mrn, "&includeEnteredInError=true").path("total").asLong());
        assertEquals(0, count("SELECT COUNT(*) FROM emr_document WHERE mrn = ?", mrn));
        assertEquals(0, stagedFiles());
        // Exactly at the limit is fine.
        attach(doctor, mrn, "Just fits", "OTHER", "application/pdf", pdf((int) MAX_BYTES));
    }

    @Test
    public void wrongTypesAndDamagedUploadsAreRefusedWithNothingStored() throws Exception {
        Http admin = adminOnceDocumentsAreUp();
        String mrn = registerPatient(admin, "Mallory", "Renamed");
        Http doctor = user(admin, "DOCTOR", null);
        byte[] exe = new byte[4096];
        exe[0] = 'M';
        exe[1] = 'Z';
        HttpResponse<String> r = upload(doctor, mrn, "invoice.pdf", "LETTER", "application/pdf",
                HttpRequest.BodyPublishers.ofByteArray(exe));
        assertEquals(r.body(), 415, r.statusCode());
        assertTrue(r.body(), r.body().contains("unsupported-media-type"));
        // A real PNG declared as PDF: the bytes and the header disagree.
        r = upload(doctor, mrn, "photo", "IMAGE", "application/pdf", HttpRequest.BodyPublishers.ofByteArray(png()));
        assertEquals(r.body(), 415, r.statusCode());
        // A type we do not take at all, whatever the bytes.
        r = upload(doctor, mrn, "x", "OTHER", "application/octet-stream", HttpRequest.BodyPublishers.ofByteArray(pdf(100)));
        assertEquals(r.body(), 415, r.statusCode());
        // Damaged on the way: the announced digest does not match.
        byte[] letter = pdf(5000);
        r = upload(doctor, mrn, "Discharge letter", "LETTER", "application/pdf",
                HttpRequest.BodyPublishers.ofByteArray(letter), "Content-SHA256", sha256(pdf(5001)));
        assertEquals(r.body(), 400, r.statusCode());
        assertTrue(r.body(), r.body().contains("digest-mismatch"));
        // Bad category / missing title.
        r = upload(doctor, mrn, "x", "SELFIE", "application/pdf", HttpRequest.BodyPublishers.ofByteArray(letter));
        assertEquals(r.body(), 400, r.statusCode());
        r = upload(doctor, mrn, " ", "LETTER", "application/pdf", HttpRequest.BodyPublishers.ofByteArray(letter));
        assertEquals(r.body(), 400, r.statusCode());

        assertEquals(0, count("SELECT COUNT(*) FROM emr_document WHERE mrn = ?", mrn));
        assertEquals(0, stagedFiles());
        JsonNode refused = admin.get("/api/v1/platform/audit?size=50&resourceType=document&outcome=FAILED&patientId="
                + mrn).json();
        assertTrue(refused.toString(), refused.path("total").asLong() >= 4);

        // The right digest (RFC 3230 Digest header) is accepted.
        String b64 = Base64.getEncoder().encodeToString(HexFormat.of().parseHex(sha256(letter)));
        r = upload(doctor, mrn, "Discharge letter", "LETTER", "application/pdf",
                HttpRequest.BodyPublishers.ofByteArray(letter), "Digest", "SHA-256=" + b64);
        assertEquals(r.body(), 201, r.statusCode());
    }

    @Test
    public void aPatientReadsOnlyTheirOwnDocumentsAndBillingNone() throws Exception {
        Http admin = adminOnceDocumentsAreUp();
        String own = registerPatient(admin, "Petra", "Ownrecord");
        String other = registerPatient(admin, "Quentin", "Otherrecord");
        Http nurse = user(admin, "NURSE", null);
        byte[] mine = pdf(2000);
        JsonNode myDoc = attach(nurse, own, "My results", "LAB_REPORT", "application/pdf", mine);
        JsonNode theirDoc = attach(nurse, other, "Their results", "LAB_REPORT", "application/pdf", pdf(3000));

        Http patient = user(admin, "PATIENT", own);
        assertEquals(1, list(patient, own, "").path("total").asLong());
        assertDownload(patient, myDoc, "application/pdf", mine);
        assertEquals(403, patient.get(DOCUMENTS + "?mrn=" + other).status);
        assertEquals(403, patient.get(DOCUMENTS + "/" + theirDoc.path("id").asText()).status);
        assertEquals(403, download(patient, theirDoc.path("id").asText()).statusCode());
        assertEquals(403, upload(patient, own, "selfie", "IMAGE", "image/png",
                HttpRequest.BodyPublishers.ofByteArray(png())).statusCode());
        assertEquals(403, patient.delete(DOCUMENTS + "/" + myDoc.path("id").asText()).status);

        Http billing = user(admin, "BILLING", null);
        assertEquals(403, billing.get(DOCUMENTS + "?mrn=" + own).status);
        assertEquals(403, billing.get(DOCUMENTS + "/" + myDoc.path("id").asText()).status);
        assertEquals(403, download(billing, myDoc.path("id").asText()).statusCode());
        assertEquals(403, upload(billing, own, "claim", "OTHER", "application/pdf",
                HttpRequest.BodyPublishers.ofByteArray(pdf(100))).statusCode());

        JsonNode denied = admin.get("/api/v1/platform/audit?size=50&resourceType=document&outcome=DENIED&patientId="
                + other).json();
        assertTrue(denied.toString(), denied.path("total").asLong() >= 2);
        assertEquals(404, nurse.get(DOCUMENTS + "/" + java.util.UUID.randomUUID()).status);
        assertEquals(400, nurse.get(DOCUMENTS + "/not-a-uuid").status);
    }

    @Test
    public void aDocumentEnteredInErrorIsKeptButNoLongerListedOrServed() throws Exception {
        Http admin = adminOnceDocumentsAreUp();
        String mrn = registerPatient(admin, "Ernst", "Wrongpatient");
        Http doctor = user(admin, "DOCTOR", null);
        JsonNode doc = attach(doctor, mrn, "Someone else's x-ray report", "LAB_REPORT", "application/pdf", pdf(1234));
        String id = doc.path("id").asText();
        Http.Response deleted = doctor.delete(DOCUMENTS + "/" + id + "?reason=" + enc("filed on the wrong patient"));
        assertEquals(deleted.toString(), 200, deleted.status);
        assertEquals("ENTERED_IN_ERROR", deleted.json().path("status").asText());
        assertEquals("filed on the wrong patient", deleted.json().path("enteredInErrorReason").asText());

        assertEquals(0, list(doctor, mrn, "").path("total").asLong());
        assertEquals(1, list(doctor, mrn, "&includeEnteredInError=true").path("total").asLong());
        assertEquals(410, download(doctor, id).statusCode());
        // Kept for retention: the row and its content are still there.
        assertEquals(1, count("SELECT COUNT(*) FROM emr_document_chunk WHERE document_id = ?", id));
        JsonNode trail = admin.get("/api/v1/platform/audit?action=DELETE&resourceType=document&patientId=" + mrn).json();
        assertEquals(trail.toString(), 1, trail.path("total").asLong());
    }

    @Test
    public void theFileStoreKeepsOneCompleteFilePerDocumentAndOldDocumentsStayReadable() throws Exception {
        Http admin = adminOnceDocumentsAreUp();
        String mrn = registerPatient(admin, "Fiona", "Filestore");
        Http nurse = user(admin, "NURSE", null);
        JsonNode inDatabase = attach(nurse, mrn, "Before the switch", "LETTER", "application/pdf", pdf(700));
        Path cfg = Paths.get(System.getProperty("karaf.etc")).resolve(CFG);
        String original = Files.readString(cfg, StandardCharsets.UTF_8);
        try {
            // As an operator would: edit etc/, the change applies without a restart.
            Files.writeString(cfg, original.replaceAll("(?m)^store\\s*=.*$", "store = FILE"), StandardCharsets.UTF_8);
            awaitStore("FILE");
            byte[] scan = tiff(600_000);
            JsonNode inFile = attach(nurse, mrn, "Consent form", "SCANNED_FORM", "image/tiff", scan);
            assertEquals("FILE", inFile.path("store").asText());
            Path file = documentsDir().resolve(inFile.path("id").asText());
            assertArrayEquals(scan, Files.readAllBytes(file));
            assertEquals(0, count("SELECT COUNT(*) FROM emr_document_chunk WHERE document_id = ?",
                    inFile.path("id").asText()));
            assertDownload(nurse, inFile, "image/tiff", scan);
            assertDownload(nurse, inDatabase, "application/pdf", pdf(700));

            // A refused upload leaves no file behind.
            long files;
            try (Stream<Path> s = Files.list(documentsDir())) {
                files = s.filter(Files::isRegularFile).count();
            }
            assertEquals(415, upload(nurse, mrn, "x", "OTHER", "image/tiff",
                    HttpRequest.BodyPublishers.ofByteArray(pdf(5000))).statusCode());
            try (Stream<Path> s = Files.list(documentsDir())) {
                assertEquals(files, s.filter(Files::isRegularFile).count());
            }
            assertEquals(0, stagedFiles());
        } finally {
            Files.writeString(cfg, original, StandardCharsets.UTF_8);
            awaitStore("DATABASE");
        }
        // Back on DATABASE: the FILE document is still served from its file.
        JsonNode page = list(nurse, mrn, "");
        assertEquals(2, page.path("total").asLong());
        for (JsonNode d : page.path("items")) {
            HttpResponse<InputStream> r = download(nurse, d.path("id").asText());
            try (InputStream in = r.body()) {
                assertEquals(d.path("sha256").asText(), sha256(in.readAllBytes()));
            }
            assertEquals(200, r.statusCode());
        }
        assertFalse(Files.exists(documentsDir().resolve(inDatabase.path("id").asText())));
    }

    /** DS publishes the component's configuration as service properties: wait until the new store is there. */
    private void awaitStore(String store) throws InterruptedException {
        Await.until("documents store is " + store, Duration.ofSeconds(30), () -> {
            try {
                assertTrue(bundleContext.getServiceReferences((String) null,
                        "(&(objectClass=org.pavilion.emr.internal.document.DocumentService)(store=" + store + "))") != null);
            } catch (org.osgi.framework.InvalidSyntaxException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
