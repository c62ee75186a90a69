package org.pavilion.itest.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.pavilion.itest.PavilionTestSupport;
import org.pavilion.itest.process.DistributionProcess;

/**
 * Booking under contention and free-slot search at scale, against the real distribution started as an OS process
 * (H2, or a fresh PostgreSQL database). Sets up 200 doctors with a year of weekly schedules (Monday to Friday
 * 08:00-16:00, lunch 12:00-13:00, 20-minute slots) and 600 registered patients, then:
 * <ol>
 * <li>race: 500 clients released at once book 100 slots (5 clients per slot); prints how many bookings succeeded
 * (must be exactly 100), how many were refused 409, and checks the day lists for a double booking (exit 1 if any);
 * <li>booking: clients book distinct free slots; p50/p95/p99 and throughput;
 * <li>search: one-week free-slot searches by specialty over the 200 doctors, and two-week searches by doctor;
 * <li>the HTTP floor measured the same way in the same run (the public service list): the ceiling to compare with.
 * </ol>
 * Figures, not assertions (except the double-booking check): run with integration-tests/bench/scheduling.sh.
 */
public final class SchedulingBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String API = "/api/v1/scheduling";
    private static final String[] SPECIALTIES = {"Cardiology", "Dermatology", "Endocrinology", "Family medicine",
        "Gastroenterology", "Neurology", "Obstetrics", "Ophthalmology", "Orthopaedics", "Paediatrics"};
    private static final String[] LANGUAGES = {"en", "es", "fr", "de", "ar", "zh", "hi", "pt"};

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private String base;
    private String token;

    public static void main(String[] args) throws Exception {
        String db = args.length > 0 ? args[0] : "h2";
        int doctors = Integer.getInteger("pavilion.bench.doctors", 200);
        int racers = Integer.getInteger("pavilion.bench.racers", 500);
        int bookings = Integer.getInteger("pavilion.bench.bookings", 2000);
        int clients = Integer.getInteger("pavilion.bench.clients", 8);
        int searches = Integer.getInteger("pavilion.bench.searches", 500);
        int status = new SchedulingBenchmark().run(db, doctors, racers, bookings, clients, searches);
        System.exit(status);
    }

    private int run(String db, int doctors, int racers, int bookings, int clients, int searches) throws Exception {
        System.out.printf("Pavilion scheduling benchmark: database %s, %d doctors, %d racers for 100 slots, %,d "
                + "bookings by %d clients, %d cores, java %s%n", db, doctors, racers, bookings, clients,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        try (DistributionProcess pavilion = DistributionProcess.unpack("bench-scheduling")) {
            if ("postgresql".equals(db)) {
                BenchSupport.usePostgreSql(pavilion, "pavilion_bench_sched");
            }
            pavilion.start();
            pavilion.awaitHealthy(Duration.ofMinutes(5));
            base = pavilion.baseUrl();
            token = BenchSupport.login(base, "admin", pavilion.adminPassword());
            BenchSupport.awaitEmr(base, token);
            awaitScheduling();

            long t0 = System.nanoTime();
            List<String> patients = registerPatients(Math.max(racers, 600));
            List<String> doctorIds = setUp(doctors);
            System.out.printf("SETUP: %d patients, %d doctors with a year of schedules in %.1f s%n", patients.size(),
                    doctorIds.size(), (System.nanoTime() - t0) / 1e9);

            LocalDate raceDay = LocalDate.now().plusDays(7).with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
            boolean clean = race(doctorIds.subList(0, 5), raceDay, patients, racers);

            Latencies floor = floor(clients, Math.max(200, bookings / clients));
            steadyBookings(doctorIds.subList(5, doctorIds.size()), raceDay.plusDays(7), patients, bookings, clients);
            floor.print("FLOOR   GET /services (same run, same clients)");
            searches(doctorIds, raceDay, clients, searches);
            return clean ? 0 : 1;
        }
    }

    // ---- the race ----

    private boolean race(List<String> doctors, LocalDate day, List<String> patients, int racers) throws Exception {
        List<JsonNode> slots = new ArrayList<>();
        for (String d : doctors) {
            JsonNode free = get(API + "/slots?doctorId=" + d + "&from=" + day + "&to=" + day + "&limit=20");
            free.forEach(slots::add);
        }
        if (slots.size() != 100) {
            throw new IllegalStateException("expected 100 free slots on " + day + ", found " + slots.size());
        }
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        CountDownLatch ready = new CountDownLatch(racers);
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger booked = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger other = new AtomicInteger();
        Latencies latencies = new Latencies(racers);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            JsonNode slot = slots.get(i % slots.size());
            ObjectNode body = JSON.createObjectNode().put("patientId", patients.get(i))
                    .put("doctorId", slot.path("doctorId").asText()).put("serviceCode", "GP")
                    .put("visitType", "IN_PERSON").put("start", slot.path("start").asText()).put("reason", "Race");
            done.add(pool.submit(() -> {
                ready.countDown();
                go.await();
                long t = System.nanoTime();
                HttpResponse<String> r = send(post(API + "/appointments", body));
                latencies.add(System.nanoTime() - t);
                (r.statusCode() == 201 ? booked : r.statusCode() == 409 ? refused : other).incrementAndGet();
                if (r.statusCode() != 201 && r.statusCode() != 409) {
                    System.out.println("  unexpected " + r.statusCode() + " " + r.body());
                }
                return null;
            }));
        }
        ready.await();
        long t0 = System.nanoTime();
        go.countDown();
        int failures = 0;
        try {
            for (Future<?> f : done) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    // A racer whose request failed (no HTTP answer): counted, and the first few shown, instead of
                    // ending the run with the other racers' threads left waiting (exec:java would wait for them).
                    other.incrementAndGet();
                    if (failures++ < 5) {
                        System.out.println("  racer failed: " + e.getCause());
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("RACE    %d clients for 100 slots: %d booked, %d refused 409, %d other, in %.2f s%n",
                racers, booked.get(), refused.get(), other.get(), s);
        latencies.print("RACE    POST /appointments (contended)");
        // What the day lists say: one appointment per slot, no two overlapping.
        int appointments = 0;
        boolean overlap = false;
        for (String d : doctors) {
            JsonNode page = get(API + "/appointments?doctorId=" + d + "&day=" + day + "&size=100");
            Set<String> starts = new HashSet<>();
            for (JsonNode a : page.path("items")) {
                if ("BOOKED".equals(a.path("status").asText())) {
                    appointments++;
                    overlap |= !starts.add(a.path("start").asText());
                }
            }
        }
        boolean clean = booked.get() == 100 && appointments == 100 && !overlap;
        System.out.printf("RACE    day lists: %d booked appointments, %s%n", appointments,
                clean ? "no double booking" : "DOUBLE BOOKING OR LOSS");
        return clean;
    }

    // ---- steady booking latency ----

    private void steadyBookings(List<String> doctors, LocalDate firstDay, List<String> patients, int bookings,
            int clients) throws Exception {
        // Free slots to book, spread over doctors and days, each taken by one client only.
        List<JsonNode> slots = new ArrayList<>();
        for (int k = 0; slots.size() < bookings && k < doctors.size() * 40; k++) {
            String d = doctors.get(k % doctors.size());
            LocalDate day = firstDay.plusDays(k / doctors.size());
            get(API + "/slots?doctorId=" + d + "&from=" + day + "&to=" + day + "&limit=21").forEach(slots::add);
        }
        List<JsonNode> work = slots.subList(0, Math.min(bookings, slots.size()));
        Latencies latencies = new Latencies(work.size());
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        long t0 = System.nanoTime();
        BenchSupport.parallel(clients, () -> {
            for (int i; (i = next.getAndIncrement()) < work.size(); ) {
                JsonNode slot = work.get(i);
                ObjectNode body = JSON.createObjectNode().put("patientId", patients.get(i % patients.size()))
                        .put("doctorId", slot.path("doctorId").asText()).put("serviceCode", "GP")
                        .put("visitType", "IN_PERSON").put("start", slot.path("start").asText());
                long t = System.nanoTime();
                HttpResponse<String> r = send(post(API + "/appointments", body));
                latencies.add(System.nanoTime() - t);
                if (r.statusCode() != 201) {
                    failed.incrementAndGet();
                }
            }
            return null;
        });
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("BOOK    %,d bookings of free slots by %d clients in %.1f s = %.0f bookings/s, %d failed%n",
                work.size(), clients, s, work.size() / s, failed.get());
        latencies.print("BOOK    POST /appointments");
    }

    private Latencies floor(int clients, int perClient) throws Exception {
        Latencies latencies = new Latencies(clients * perClient);
        BenchSupport.parallel(clients, () -> {
            for (int i = 0; i < perClient; i++) {
                long t = System.nanoTime();
                send(HttpRequest.newBuilder(URI.create(base + API + "/services")).GET().build());
                latencies.add(System.nanoTime() - t);
            }
            return null;
        });
        return latencies;
    }

    // ---- search ----

    private void searches(List<String> doctors, LocalDate from, int clients, int perClient) throws Exception {
        Latencies bySpecialty = new Latencies(clients * perClient);
        Latencies byDoctor = new Latencies(clients * perClient);
        AtomicInteger empty = new AtomicInteger();
        BenchSupport.parallel(clients, () -> {
            Random random = new Random(Thread.currentThread().getId());
            for (int i = 0; i < perClient; i++) {
                LocalDate day = from.plusDays(random.nextInt(300));
                String q = API + "/slots?specialty=" + enc(SPECIALTIES[random.nextInt(SPECIALTIES.length)]) + "&from="
                        + day + "&to=" + day.plusDays(6) + "&limit=20";
                long t = System.nanoTime();
                HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + q)).GET().build());
                bySpecialty.add(System.nanoTime() - t);
                if (r.statusCode() != 200 || r.body().length() < 5) {
                    empty.incrementAndGet();
                }
                q = API + "/slots?doctorId=" + doctors.get(random.nextInt(doctors.size())) + "&from=" + day + "&to="
                        + day.plusDays(13) + "&limit=50";
                t = System.nanoTime();
                send(HttpRequest.newBuilder(URI.create(base + q)).GET().build());
                byDoctor.add(System.nanoTime() - t);
            }
            return null;
        });
        bySpecialty.print("SEARCH  one week, by specialty, over " + doctors.size() + " doctors");
        byDoctor.print("SEARCH  two weeks, one doctor");
        if (empty.get() > 0) {
            System.out.println("  searches answering nothing or failing: " + empty.get());
        }
    }

    // ---- set-up ----

    private void awaitScheduling() throws Exception {
        for (int attempt = 0; ; attempt++) {
            if (send(HttpRequest.newBuilder(URI.create(base + API + "/services")).GET().build()).statusCode() == 200) {
                return;
            }
            if (attempt > 240) {
                throw new IllegalStateException("scheduling not published");
            }
            Thread.sleep(500);
        }
    }

    private List<String> registerPatients(int n) throws Exception {
        StringBuilder body = new StringBuilder();
        Random random = new Random(7);
        for (int i = 0; i < n; i++) {
            body.append("{\"givenName\":\"Bench\",\"familyName\":\"Patient").append(i).append("\",\"sex\":\"")
                    .append(random.nextBoolean() ? "FEMALE" : "MALE").append("\",\"birthDate\":\"")
                    .append(LocalDate.of(1950, 1, 1).plusDays(random.nextInt(20_000))).append("\"}\n");
        }
        HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/api/v1/emr/patient-import?publishEvents=false"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/x-ndjson")
                .timeout(Duration.ofMinutes(10)).POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        HttpResponse<String> r = send(req);
        JsonNode report = JSON.readTree(r.body());
        String first = report.path("firstMrn").asText();
        long seq = Long.parseLong(first.substring(0, first.length() - 2));
        List<String> mrns = new ArrayList<>();
        for (int i = 0; i < report.path("imported").asInt(); i++) {
            mrns.add(PatientSearchBenchmark.mrn(seq + i));
        }
        return mrns;
    }

    private List<String> setUp(int doctors) throws Exception {
        check(send(post(API + "/services", JSON.createObjectNode().put("code", "GP").put("name", "Consultation")
                .put("slotMinutes", 20).set("visitTypes", JSON.createArrayNode().add("IN_PERSON").add("VIDEO")))));
        LocalDate from = LocalDate.now();
        List<String> ids = new ArrayList<>();
        AtomicInteger next = new AtomicInteger();
        String[] created = new String[doctors];
        BenchSupport.parallel(8, () -> {
            for (int i; (i = next.getAndIncrement()) < doctors; ) {
                ObjectNode d = JSON.createObjectNode().put("displayName", "Dr Bench " + i).put("title", "MD");
                d.set("specialties", JSON.createArrayNode().add(SPECIALTIES[i % SPECIALTIES.length]));
                d.set("languages", JSON.createArrayNode().add("en").add(LANGUAGES[i % LANGUAGES.length]));
                ArrayNode services = JSON.createArrayNode();
                services.addObject().put("code", "GP");
                d.set("services", services);
                HttpResponse<String> r = check(send(post(API + "/doctors", d)));
                String id = JSON.readTree(r.body()).path("id").asText();
                for (int weekday = 1; weekday <= 5; weekday++) {
                    ObjectNode hours = JSON.createObjectNode().put("location", "OPD-" + (i % 12)).put("weekday", weekday)
                            .put("start", "08:00").put("end", "16:00").put("validFrom", from.toString())
                            .put("validTo", from.plusDays(365).toString());
                    hours.set("breaks", JSON.createArrayNode().add(JSON.createObjectNode().put("start", "12:00")
                            .put("end", "13:00")));
                    check(send(post(API + "/doctors/" + id + "/working-hours", hours)));
                }
                created[i] = id;
            }
            return null;
        });
        ids.addAll(Arrays.asList(created));
        return ids;
    }

    // ---- plumbing ----

    private HttpRequest post(String path, JsonNode body) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").timeout(Duration.ofMinutes(2))
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> r = check(send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token).GET().build()));
        return JSON.readTree(r.body());
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

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
