package org.pavilion.itest.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.pavilion.itest.PavilionTestSupport;
import org.pavilion.itest.process.DistributionProcess;

/**
 * Laboratory results over HL7 against the built distribution (H2, or a fresh PostgreSQL database): a catalogue of
 * potassium, sodium and glucose, N orders placed by a doctor over REST for N registered patients with their serum
 * specimen collected and received, then one ORU^R01 per order (3 OBX) from the reference laboratory's LIS over 4
 * concurrent MLLP connections. Each ORU finds its order, checks the patient, files and flags three results and
 * commits with the hub's record before the ACK. Prints messages/second and ACK latency p50/p95/p99 next to ADT^A04
 * (a new patient to the EMR, the hub's reference path) measured the same way in the same run. Figures, not
 * assertions: run with integration-tests/bench/lab-oru.sh.
 */
public final class LabOruBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOST = "127.0.0.1";
    private static final String LAB = "/api/v1/lab";
    private static final int CONNECTIONS = 4;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private String base;

    /** A seeded order: what the LIS's ORU names. */
    private record Order(String orderNumber, String mrn) {
    }

    public static void main(String[] args) throws Exception {
        int orders = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        new LabOruBenchmark().run(orders, System.getProperty("pavilion.itest.db", "h2"));
    }

    private void run(int messages, String db) throws Exception {
        int warmUp = Integer.getInteger("pavilion.bench.warmup", Optional.ofNullable(System.getenv(
                "PAVILION_BENCH_WARMUP")).map(Integer::parseInt).orElse(Math.max(messages / 2, 1_000)));
        System.out.printf("Pavilion lab ORU^R01: %,d orders (3 results each) after %,d for warm-up, database %s, "
                + "%d connections, %d cores, java %s%n", messages, warmUp, db, CONNECTIONS,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        try (DistributionProcess pavilion = DistributionProcess.unpack("bench-lab-oru")) {
            int hl7Port = Integer.getInteger("pavilion.bench.hl7.port", PavilionTestSupport.freePort());
            pavilion.writeEtc("org.pavilion.hl7.listener-default.cfg", "port", String.valueOf(hl7Port));
            pavilion.start();
            pavilion.awaitHealthy(Duration.ofMinutes(5));
            base = pavilion.baseUrl();
            String admin = BenchSupport.login(base, "admin", pavilion.adminPassword());
            BenchSupport.awaitEmr(base, admin);
            BenchSupport.awaitListening(HOST, hl7Port);

            long setUp = System.nanoTime();
            String doctor = user(admin, "bench.doctor", "DOCTOR");
            String technician = user(admin, "bench.tech", "LAB_TECHNICIAN");
            catalogue(admin);
            List<String> mrns = registerPatients(admin, warmUp + messages);
            List<Order> orders = placeAndReceive(doctor, technician, mrns);
            System.out.printf("SETUP: %,d patients, %,d orders placed, collected and received in %.1f s%n",
                    mrns.size(), orders.size(), (System.nanoTime() - setUp) / 1e9);

            CpuMeter cpu = new CpuMeter(pavilion.javaPid());
            BenchSupport.sendOverMllp(HOST, hl7Port, CONNECTIONS, warmUp, "WA", BenchSupport::a04, "AA", null);
            List<Order> warmOrders = orders.subList(0, warmUp);
            BenchSupport.sendOverMllp(HOST, hl7Port, CONNECTIONS, warmUp, "WO", n -> oru(warmOrders.get(n), n), "AA",
                    null);

            System.out.printf("%-30s %5s %8s %9s %8s %8s %8s  %s%n", "target", "conns", "msgs", "msg/s", "p50 ms",
                    "p95 ms", "p99 ms", "ACKs; CPU");
            print("hub, ADT^A04 -> EMR " + db, BenchSupport.sendOverMllp(HOST, hl7Port, CONNECTIONS, messages, "A",
                    BenchSupport::a04, "AA", cpu));
            List<Order> measured = orders.subList(warmUp, orders.size());
            print("hub, ORU^R01 -> lab " + db, BenchSupport.sendOverMllp(HOST, hl7Port, CONNECTIONS, messages, "R",
                    n -> oru(measured.get(n), n), "AA", cpu));
            spotCheck(technician, measured.get(measured.size() - 1));
        }
    }

    private static void print(String label, BenchSupport.MllpRun r) {
        System.out.printf("%-30s %5d %8d %9.0f %8.2f %8.2f %8.2f  %s; %s%n", label, r.connections(), r.messages(),
                r.perSecond(), r.percentile(50), r.percentile(95), r.percentile(99), r.acks(), r.cpu());
    }

    /** The reference LIS's final chemistry for one order: potassium, sodium and glucose, values varying by n. */
    static String oru(Order o, int n) {
        String k = String.format(Locale.ROOT, "%.1f", 3.2 + (n % 25) / 10.0);
        String na = Integer.toString(132 + n % 14);
        String glu = String.format(Locale.ROOT, "%.1f", 4.0 + (n % 30) / 10.0);
        return "MSH|^~\\&|REFLAB|REFLAB|PAVILION|GENHOSP|20261204093000||ORU^R01^ORU_R01|{ID}|P|2.5.1\r"
                + "PID|1||" + o.mrn() + "^^^PAV^MR\r"
                + "ORC|RE|" + o.orderNumber() + "\r"
                + "OBR|1|" + o.orderNumber() + "|RL{ID}|CHEM^Chemistry^L|||20261204090000||||||||||||||"
                + "20261204093000|||F\r"
                + "OBX|1|NM|K^Potassium^L^2823-3^Potassium^LN||" + k + "|mmol/L|3.5-5.1||||F|||20261204091500\r"
                + "OBX|2|NM|NA^Sodium^L^2951-2^Sodium^LN||" + na + "|mmol/L|135-145||||F|||20261204091500\r"
                + "OBX|3|NM|GLU^Glucose^L^2345-7^Glucose^LN||" + glu + "|mmol/L|3.9-5.5||||F|||20261204091500\r";
    }

    // ---- set-up over REST ----

    private String user(String admin, String username, String role) throws Exception {
        ObjectNode u = JSON.createObjectNode().put("username", username).put("password", username + "-Bench-1");
        u.putArray("roles").add(role);
        check(send(admin, "POST", "/api/v1/platform/users", u));
        return BenchSupport.login(base, username, username + "-Bench-1");
    }

    /** The starter catalogue (change set lab-2-orders-starter-catalogue) has the three tests: check they are there. */
    private void catalogue(String admin) throws Exception {
        for (String code : List.of("K", "NA", "GLU")) {
            check(send(admin, "GET", LAB + "/tests/" + code, null));
        }
    }

    /** {@code n} patients through the EMR's bulk import; their MRNs follow from the first one it reports. */
    private List<String> registerPatients(String admin, int n) throws Exception {
        StringBuilder body = new StringBuilder();
        Random random = new Random(23);
        for (int i = 0; i < n; i++) {
            body.append("{\"givenName\":\"Lab\",\"familyName\":\"Patient").append(i).append("\",\"sex\":\"")
                    .append(random.nextBoolean() ? "FEMALE" : "MALE").append("\",\"birthDate\":\"")
                    .append(LocalDate.of(1940, 1, 1).plusDays(random.nextInt(25_000))).append("\"}\n");
        }
        HttpResponse<String> r = check(http.send(HttpRequest.newBuilder(URI.create(base
                + "/api/v1/emr/patient-import?publishEvents=false")).header("Authorization", "Bearer " + admin)
                .header("Content-Type", "application/x-ndjson").timeout(Duration.ofMinutes(10))
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                HttpResponse.BodyHandlers.ofString()));
        JsonNode report = JSON.readTree(r.body());
        String first = report.path("firstMrn").asText();
        long seq = Long.parseLong(first.substring(0, first.length() - 2));
        List<String> mrns = new ArrayList<>();
        for (int i = 0; i < report.path("imported").asInt(); i++) {
            mrns.add(PatientSearchBenchmark.mrn(seq + i));
        }
        return mrns;
    }

    /** One order per patient (K, NA, GLU on one serum specimen), its specimen collected and received, 8 at a time. */
    private List<Order> placeAndReceive(String doctor, String technician, List<String> mrns) throws Exception {
        Order[] placed = new Order[mrns.size()];
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Void>> done = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
            done.add(pool.submit(() -> {
                for (int i; (i = next.getAndIncrement()) < placed.length; ) {
                    ObjectNode o = JSON.createObjectNode().put("patientId", mrns.get(i))
                            .put("priority", i % 10 == 0 ? "STAT" : "ROUTINE").put("clinicalNote", "bench");
                    o.putArray("tests").add("K").add("NA").add("GLU");
                    JsonNode order = JSON.readTree(check(send(doctor, "POST", LAB + "/orders", o)).body());
                    for (JsonNode s : order.path("specimens")) {
                        String id = s.path("id").asText();
                        check(send(technician, "POST", LAB + "/specimens/" + id + "/collect",
                                JSON.createObjectNode()));
                        check(send(technician, "POST", LAB + "/specimens/" + id + "/receive",
                                JSON.createObjectNode()));
                    }
                    placed[i] = new Order(order.path("orderNumber").asText(), mrns.get(i));
                }
                return null;
            }));
        }
        for (Future<Void> f : done) {
            f.get();
        }
        pool.shutdown();
        return List.of(placed);
    }

    /** The last order's three results must be there, ENTERED from HL7 (a run whose ACKs lied would show here). */
    private void spotCheck(String technician, Order last) throws Exception {
        JsonNode order = JSON.readTree(check(send(technician, "GET", LAB + "/orders/" + last.orderNumber(), null))
                .body());
        int results = 0;
        for (JsonNode item : order.path("items")) {
            JsonNode r = item.path("result");
            if (r.isObject() && "HL7".equals(r.path("source").asText())) {
                results++;
            }
        }
        System.out.printf("CHECK: order %s has %d of 3 results from HL7%n", last.orderNumber(), results);
    }

    private HttpResponse<String> send(String token, String method, String path, JsonNode body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer "
                + token).timeout(Duration.ofMinutes(2));
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json").method(method,
                    HttpRequest.BodyPublishers.ofString(body.toString()));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> check(HttpResponse<String> r) {
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(r.request().method() + " " + r.request().uri() + ": " + r.statusCode()
                    + " " + r.body());
        }
        return r;
    }

    private LabOruBenchmark() {
    }
}
