package org.pavilion.itest.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.pavilion.itest.process.DistributionProcess;

/**
 * Dispensing under 8 concurrent pharmacists, against the real distribution started as an OS process (H2, or a fresh
 * PostgreSQL database). Sets up 20 medicines with three batches each in the main pharmacy, imports patients, has a
 * doctor issue N prescriptions in the EMR (they reach the dispensing queue through the event bus) and the
 * pharmacists match and quantify them; then, measured: each pharmacist dispenses from the shared queue (every dispense
 * takes stock of a medicine others take too, first expiry first), printing dispenses/second and latency
 * percentiles, next to the HTTP floor (an authenticated catalogue read) from the same clients in the same run.
 * Afterwards the stock of every medicine must equal what was received minus what was dispensed (exit 1 if not).
 */
public final class PharmacyDispenseBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String API = "/api/v1/pharmacy";
    private static final int MEDICINES = 20;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private String base;
    private String admin;

    public static void main(String[] args) throws Exception {
        String db = args.length > 0 ? args[0] : "h2";
        int prescriptions = Integer.getInteger("pavilion.bench.prescriptions", 2000);
        int pharmacists = Integer.getInteger("pavilion.bench.clients", 8);
        System.exit(new PharmacyDispenseBenchmark().run(db, prescriptions, pharmacists));
    }

    private int run(String db, int prescriptions, int pharmacists) throws Exception {
        System.out.printf("Pavilion dispensing benchmark: database %s, %,d prescriptions, %d pharmacists, %d cores, "
                + "java %s%n", db, prescriptions, pharmacists, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        try (DistributionProcess pavilion = DistributionProcess.unpack("bench-pharmacy")) {
            if ("postgresql".equals(db)) {
                BenchSupport.usePostgreSql(pavilion, "pavilion_bench_pharmacy");
            }
            pavilion.start();
            pavilion.awaitHealthy(Duration.ofMinutes(5));
            base = pavilion.baseUrl();
            admin = BenchSupport.login(base, "admin", pavilion.adminPassword());
            BenchSupport.awaitEmr(base, admin);
            awaitPharmacy();

            long t0 = System.nanoTime();
            List<String> pharmacistTokens = new ArrayList<>();
            for (int i = 0; i < pharmacists; i++) {
                pharmacistTokens.add(user("bench.pharmacist" + i, "PHARMACIST"));
            }
            String doctor = user("bench.doctor", "DOCTOR");
            List<String> medicines = stockMedicines(pharmacistTokens.get(0), prescriptions);
            List<String> patients = importPatients(Math.min(prescriptions, 1000));
            List<String> queue = prescribe(doctor, pharmacistTokens.get(0), patients, medicines, prescriptions);
            System.out.printf("SETUP   %d medicines stocked, %,d patients, %,d prescriptions queued in %.1f s%n",
                    medicines.size(), patients.size(), queue.size(), (System.nanoTime() - t0) / 1e9);

            Latencies floor = floor(pharmacistTokens, Math.max(200, prescriptions / pharmacists));
            Latencies dispenses = new Latencies(queue.size());
            AtomicInteger next = new AtomicInteger();
            AtomicInteger failed = new AtomicInteger();
            AtomicInteger client = new AtomicInteger();
            long t1 = System.nanoTime();
            BenchSupport.parallel(pharmacists, () -> {
                String token = pharmacistTokens.get(client.getAndIncrement());
                for (int i; (i = next.getAndIncrement()) < queue.size(); ) {
                    long t = System.nanoTime();
                    HttpResponse<String> r = send(post(token, API + "/prescriptions/" + queue.get(i) + "/dispenses",
                            JSON.createObjectNode().put("storeCode", "MAIN").put("quantity", "10")));
                    dispenses.add(System.nanoTime() - t);
                    if (r.statusCode() != 201) {
                        if (failed.incrementAndGet() <= 5) {
                            System.out.println("  unexpected " + r.statusCode() + " " + r.body());
                        }
                    }
                }
                return null;
            });
            double s = (System.nanoTime() - t1) / 1e9;
            System.out.printf("DISPENSE %,d dispenses by %d pharmacists in %.1f s = %.0f dispenses/s, %d failed%n",
                    queue.size(), pharmacists, s, queue.size() / s, failed.get());
            dispenses.print("DISPENSE POST /prescriptions/{id}/dispenses");
            floor.print("FLOOR    GET /items/{code} (same run, same clients)");
            return checkStock(medicines, queue.size() - failed.get()) ? 0 : 1;
        }
    }

    // ---- set-up ----

    /** 20 medicines, three batches each in MAIN, enough for every prescription (10 units each). */
    private List<String> stockMedicines(String pharmacist, int prescriptions) throws Exception {
        List<String> codes = new ArrayList<>();
        long perMedicine = (long) prescriptions * 10 / MEDICINES + 100;
        for (int m = 0; m < MEDICINES; m++) {
            String code = "BENCH" + m;
            ObjectNode item = JSON.createObjectNode().put("code", code).put("name", "Bench medicine " + m + " 10 mg tablet")
                    .put("kind", "MEDICINE").put("genericName", "benchamol" + m).put("strength", "10 mg")
                    .put("form", "TABLET").put("atcCode", "N02BE01").put("unitOfIssue", "tablet")
                    .put("expiryRequired", true).put("active", true);
            check(send(put(pharmacist, API + "/items/" + code, item)));
            for (int b = 0; b < 3; b++) {
                check(send(post(pharmacist, API + "/stock/receipts", JSON.createObjectNode().put("storeCode", "MAIN")
                        .put("itemCode", code).put("batchNumber", code + "-B" + b)
                        .put("expiryDate", LocalDate.now().plusYears(1 + b).toString())
                        .put("quantity", Long.toString(perMedicine / 3 + 1)).put("reason", "Opening stock"))));
            }
            codes.add(code);
        }
        return codes;
    }

    private List<String> prescribe(String doctor, String pharmacist, List<String> patients, List<String> medicines,
            int n) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String mrn = patients.get(i % patients.size());
            String code = medicines.get(i % medicines.size()); // each medicine as often: stock covers all
            JsonNode rx = JSON.readTree(check(send(post(doctor, "/api/v1/emr/records/" + mrn + "/prescriptions",
                    JSON.createObjectNode().put("drug", "Bench medicine 10 mg tablet").put("drugCode", code)
                            .put("dose", "10 mg").put("route", "ORAL").put("frequency", "daily")
                            .put("durationDays", 10)))).body());
            ids.add(rx.path("id").asText());
        }
        // The queue fills through the event bus; then each prescription gets its quantity.
        for (String id : ids) {
            JsonNode p = null;
            for (int attempt = 0; p == null; attempt++) {
                HttpResponse<String> r = send(get(pharmacist, API + "/prescriptions/" + id));
                if (r.statusCode() == 200) {
                    p = JSON.readTree(r.body());
                } else if (attempt > 600) {
                    throw new IllegalStateException("prescription " + id + " never reached the queue");
                } else {
                    Thread.sleep(100);
                }
            }
            check(send(put(pharmacist, API + "/prescriptions/" + id, JSON.createObjectNode()
                    .put("itemCode", p.path("itemCode").asText()).put("quantityPrescribed", "10")
                    .put("version", p.path("version").asInt()))));
        }
        return ids;
    }

    private List<String> importPatients(int n) throws Exception {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < n; i++) {
            body.append("{\"givenName\":\"Bench\",\"familyName\":\"Dispense").append(i)
                    .append("\",\"sex\":\"FEMALE\",\"birthDate\":\"1970-01-01\"}\n");
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

    private void awaitPharmacy() throws Exception {
        for (int attempt = 0; ; attempt++) {
            if (send(get(admin, API + "/stores")).statusCode() == 200) {
                return;
            }
            if (attempt > 240) {
                throw new IllegalStateException("pharmacy not published");
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
                send(get(token, API + "/items/BENCH" + (i % MEDICINES)));
                latencies.add(System.nanoTime() - t);
            }
            return null;
        });
        return latencies;
    }

    /** Stock left must be what was received minus 10 per successful dispense, over all medicines. */
    private boolean checkStock(List<String> medicines, int dispensed) throws Exception {
        double received = 0;
        double onHand = 0;
        for (String code : medicines) {
            JsonNode ledger = JSON.readTree(check(send(get(admin, API + "/ledger?store=MAIN&item=" + code
                    + "&kind=RECEIPT&size=50"))).body());
            for (JsonNode m : ledger.path("items")) {
                received += Double.parseDouble(m.path("quantity").asText());
            }
            onHand += Double.parseDouble(JSON.readTree(check(send(get(admin, API + "/stock/MAIN/" + code))).body())
                    .path("onHand").asText());
        }
        boolean right = Math.abs(received - 10.0 * dispensed - onHand) < 0.001;
        System.out.printf("STOCK    received %.0f, dispensed %d x 10, on hand %.0f: %s%n", received, dispensed, onHand,
                right ? "right" : "WRONG");
        return right;
    }

    // ---- plumbing ----

    private HttpRequest post(String token, String path, JsonNode body) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").timeout(Duration.ofMinutes(2))
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
    }

    private HttpRequest put(String token, String path, JsonNode body) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").timeout(Duration.ofMinutes(2))
                .PUT(HttpRequest.BodyPublishers.ofString(body.toString())).build();
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
