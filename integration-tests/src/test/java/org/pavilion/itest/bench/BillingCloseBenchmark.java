package org.pavilion.itest.bench;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.pavilion.itest.PavilionTestSupport;
import org.pavilion.itest.process.DistributionProcess;

/**
 * Closing encounters into invoices, against the real distribution started as an OS process (H2, or a fresh PostgreSQL
 * database). Set-up: patients imported into the EMR, ten prices, then every encounter's ten charges sent by an outside
 * system as one HL7 DFT^P03 of ten FT1 segments over MLLP (the hub's handler API, ACK after commit). Measured: billing
 * clerks close the encounters, each one {@code POST /invoices} (a draft from the encounter's open charges) and
 * {@code POST /invoices/{id}/issue} (numbered, posted to the journal, its event published); prints invoices/second and
 * the latency of a close, next to the HTTP floor (an authenticated price-list read) from the same clients in the same
 * run. Afterwards every encounter must have exactly one issued invoice of the expected total, and the journal's trial
 * balance must balance (exit 1 if not).
 */
public final class BillingCloseBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String API = "/api/v1/billing";
    private static final String HOST = "127.0.0.1";
    private static final int LINES = 10;
    private static final int PATIENTS = 1000;
    /** Unit prices of the ten codes: each encounter's total is their sum, 10 x 1 each, exempt from tax. */
    private static final String[] PRICES = {"12.50", "7.25", "30.00", "4.99", "18.40", "2.35", "55.00", "9.90",
        "21.15", "3.33"};

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private String base;
    private String admin;

    public static void main(String[] args) throws Exception {
        String db = args.length > 0 ? args[0] : "h2";
        int encounters = Integer.getInteger("pavilion.bench.encounters", 10_000);
        int clerks = Integer.getInteger("pavilion.bench.clients", 8);
        System.exit(new BillingCloseBenchmark().run(db, encounters, clerks));
    }

    private int run(String db, int encounters, int clerks) throws Exception {
        System.out.printf("Pavilion billing benchmark: database %s, %,d encounters of %d lines, %d clerks, %d cores, "
                + "java %s%n", db, encounters, LINES, clerks, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        try (DistributionProcess pavilion = DistributionProcess.unpack("bench-billing")) {
            if ("postgresql".equals(db)) {
                BenchSupport.usePostgreSql(pavilion, "pavilion_bench_billing");
            }
            int hl7Port = Integer.getInteger("pavilion.bench.hl7.port", PavilionTestSupport.freePort());
            pavilion.writeEtc("org.pavilion.hl7.listener-default.cfg", "port", String.valueOf(hl7Port));
            pavilion.start();
            pavilion.awaitHealthy(Duration.ofMinutes(5));
            base = pavilion.baseUrl();
            admin = BenchSupport.login(base, "admin", pavilion.adminPassword());
            BenchSupport.awaitEmr(base, admin);
            await(API + "/tax-categories");
            BenchSupport.awaitListening(HOST, hl7Port);

            long t0 = System.nanoTime();
            List<String> clerkTokens = new ArrayList<>();
            for (int i = 0; i < clerks; i++) {
                clerkTokens.add(user("bench.clerk" + i, "BILLING"));
            }
            for (int p = 0; p < PRICES.length; p++) {
                ObjectNode price = JSON.createObjectNode().put("code", "BENCH-" + p).put("name", "Bench service " + p)
                        .put("category", "PROCEDURE").put("unitPrice", PRICES[p]).put("taxCategory", "EXEMPT")
                        .put("validFrom", "2000-01-01").put("active", true);
                check(send(post(admin, API + "/prices", price)));
            }
            List<String> patients = importPatients(Math.min(PATIENTS, encounters));
            String day = LocalDate.now().format(DateTimeFormatter.BASIC_ISO_DATE);
            BenchSupport.MllpRun charges = BenchSupport.sendOverMllp(HOST, hl7Port, 4, encounters, "DFT",
                    n -> dft(n, patients.get(n % patients.size()), day), "AA", null);
            System.out.printf("SETUP   %,d patients, %,d encounters charged by DFT^P03 (%,d charges) in %.1f s; "
                    + "DFT %s, %.0f msg/s%n", patients.size(), encounters, encounters * LINES,
                    (System.nanoTime() - t0) / 1e9, charges.acks(), encounters / charges.seconds());

            Latencies floor = floor(clerkTokens, Math.max(200, encounters / clerks / 4));
            Latencies closes = new Latencies(encounters);
            AtomicInteger next = new AtomicInteger();
            AtomicInteger failed = new AtomicInteger();
            AtomicInteger client = new AtomicInteger();
            long t1 = System.nanoTime();
            BenchSupport.parallel(clerks, () -> {
                String token = clerkTokens.get(client.getAndIncrement());
                for (int n; (n = next.getAndIncrement()) < encounters; ) {
                    long t = System.nanoTime();
                    HttpResponse<String> draft = send(post(token, API + "/invoices", JSON.createObjectNode()
                            .put("patientId", patients.get(n % patients.size())).put("encounterId", encounter(n))));
                    HttpResponse<String> issued = draft.statusCode() != 201 ? draft
                            : send(post(token, API + "/invoices/" + JSON.readTree(draft.body()).path("id").asText()
                                    + "/issue", JSON.createObjectNode()));
                    closes.add(System.nanoTime() - t);
                    if (issued.statusCode() != 200) {
                        if (failed.incrementAndGet() <= 5) {
                            System.out.println("  unexpected " + issued.statusCode() + " " + issued.body());
                        }
                    }
                }
                return null;
            });
            double s = (System.nanoTime() - t1) / 1e9;
            System.out.printf("CLOSE   %,d encounters closed by %d clerks in %.1f s = %.0f invoices/s, %d failed%n",
                    encounters, clerks, s, encounters / s, failed.get());
            closes.print("CLOSE   POST /invoices + POST /invoices/{id}/issue");
            floor.print("FLOOR   GET /prices?code (same run, same clients)");
            return check(encounters, patients) ? 0 : 1;
        }
    }

    private static String encounter(int n) {
        return "BENCH-ENC-" + n;
    }

    /** One encounter's ten charges as a DFT^P03 from a radiology system; {ID} becomes the control id. */
    private static String dft(int n, String mrn, String day) {
        StringBuilder m = new StringBuilder();
        m.append("MSH|^~\\&|RADIS|GENHOSP|PAVILION|GENHOSP|").append(day).append("0900||DFT^P03^DFT_P03|{ID}|P|2.5\r");
        m.append("EVN|P03|").append(day).append("0900\r");
        m.append("PID|1||").append(mrn).append("^^^PAVILION^MR||Bench^Patient\r");
        m.append("PV1|1|O|||||||||||||||||").append(encounter(n)).append("\r");
        for (int l = 0; l < LINES; l++) {
            m.append("FT1|").append(l + 1).append('|').append(encounter(n)).append('-').append(l).append("||")
                    .append(day).append('|').append(day).append("|CG|BENCH-").append(l).append("^Bench service ")
                    .append(l).append("|||1\r");
        }
        return m.toString();
    }

    /** Each encounter closed once with the expected total; the trial balance balances. */
    private boolean check(int encounters, List<String> patients) throws Exception {
        BigDecimal expected = BigDecimal.ZERO;
        for (String p : PRICES) {
            expected = expected.add(new BigDecimal(p));
        }
        JsonNode issued = JSON.readTree(check(send(get(admin, API + "/invoices?status=ISSUED&size=1"))).body());
        long count = issued.path("total").asLong();
        JsonNode sample = JSON.readTree(check(send(get(admin, API + "/invoices/"
                + issued.path("items").path(0).path("id").asText()))).body());
        boolean totals = expected.compareTo(new BigDecimal(sample.path("grossTotal").asText())) == 0;
        JsonNode trial = JSON.readTree(check(send(get(admin, API + "/journal/trial-balance"))).body());
        BigDecimal debits = BigDecimal.ZERO;
        BigDecimal credits = BigDecimal.ZERO;
        for (JsonNode a : trial.path("accounts")) {
            debits = debits.add(new BigDecimal(a.path("debit").asText()));
            credits = credits.add(new BigDecimal(a.path("credit").asText()));
        }
        boolean balanced = debits.compareTo(credits) == 0 && debits.signum() > 0;
        System.out.printf("CHECK   %,d issued invoices of %,d encounters, sample total %s (expected %s), journal "
                + "debits %s = credits %s: %s%n", count, encounters, sample.path("grossTotal").asText(), expected,
                debits, credits, count == encounters && totals && balanced ? "right" : "WRONG");
        return count == encounters && totals && balanced;
    }

    // ---- set-up ----

    private List<String> importPatients(int n) throws Exception {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < n; i++) {
            body.append("{\"givenName\":\"Bench\",\"familyName\":\"Billing").append(i)
                    .append("\",\"sex\":\"MALE\",\"birthDate\":\"1980-01-01\"}\n");
        }
        HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/api/v1/emr/patient-import?publishEvents=false"))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/x-ndjson")
                .timeout(Duration.ofMinutes(10)).POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        JsonNode report = JSON.readTree(check(send(req)).body());
        String first = report.path("firstMrn").asText();
        long seq = Long.parseLong(first.substring(0, first.length() - 2));
        List<String> mrns = new ArrayList<>();
        for (int i = 0; i < report.path("imported").asInt(); i++) {
            mrns.add(PatientSearchBenchmark.mrn(seq + i));
        }
        return mrns;
    }

    private String user(String username, String role) throws Exception {
        ObjectNode u = JSON.createObjectNode().put("username", username).put("password", username + "-password-1");
        u.putArray("roles").add(role);
        check(send(post(admin, "/api/v1/platform/users", u)));
        return BenchSupport.login(base, username, username + "-password-1");
    }

    private void await(String path) throws Exception {
        for (int attempt = 0; ; attempt++) {
            if (send(get(admin, path)).statusCode() == 200) {
                return;
            }
            if (attempt > 240) {
                throw new IllegalStateException(path + " not published");
            }
            Thread.sleep(500);
        }
    }

    // ---- measuring ----

    private Latencies floor(List<String> tokens, int perClient) throws Exception {
        Latencies latencies = new Latencies(tokens.size() * perClient);
        AtomicInteger client = new AtomicInteger();
        BenchSupport.parallel(tokens.size(), () -> {
            String token = tokens.get(client.getAndIncrement());
            for (int i = 0; i < perClient; i++) {
                long t = System.nanoTime();
                send(get(token, API + "/prices?q=BENCH-" + (i % PRICES.length) + "&size=1"));
                latencies.add(System.nanoTime() - t);
            }
            return null;
        });
        return latencies;
    }

    // ---- plumbing ----

    private HttpRequest post(String token, String path, JsonNode body) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").timeout(Duration.ofMinutes(2))
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
    }

    private HttpRequest get(String token, String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofMinutes(2)).GET().build();
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> check(HttpResponse<String> r) {
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(r.request().method() + " " + r.request().uri() + ": " + r.statusCode()
                    + " " + r.body());
        }
        return r;
    }
}
