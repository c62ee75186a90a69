package org.pavilion.itest.bench;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.pavilion.itest.PavilionTestSupport;
import org.pavilion.itest.process.DistributionProcess;

/**
 * Patient search at scale: starts the real distribution as an OS process on H2 or on a fresh PostgreSQL
 * database, imports N synthetic patients through POST /api/v1/emr/patient-import (NDJSON, in requests of
 * 50,000 lines), prints the load rate, then runs name-prefix, name-typo, MRN and birth-date searches over REST
 * from several concurrent clients and prints p50/p95/p99 per kind. Figures, not assertions: run with
 * integration-tests/bench/patient-search.sh, never in the build.
 *
 * <p>Names: a Zipf-weighted list of common given and family names (the most common family name about 1% of
 * patients), and for a third of the patients a family name from a long tail of generated ones, as real
 * registries have; birth dates uniform over 100 years.
 */
public final class PatientSearchBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CHUNK = 50_000;

    static final String[] FAMILY = ("Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez "
            + "Hernandez Lopez Gonzalez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White "
            + "Harris Sanchez Clark Ramirez Lewis Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill "
            + "Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts Gomez Phillips Evans "
            + "Turner Diaz Parker Cruz Edwards Collins Reyes Stewart Morris Morales Murphy Cook Rogers Gutierrez "
            + "Ortiz Morgan Cooper Peterson Bailey Reed Kelly Howard Ramos Kim Cox Ward Richardson Watson Brooks "
            + "Chavez Wood James Bennett Gray Mendoza Ruiz Hughes Price Alvarez Castillo Sanders Patel Myers Long "
            + "Ross Foster Jimenez Powell Jenkins Perry Russell Sullivan Bell Coleman Butler Henderson Barnes "
            + "Gonzales Fisher Vasquez Simmons Romero Jordan Patterson Alexander Hamilton Graham Reynolds Griffin "
            + "Wallace Moreno West Cole Hayes Bryant Herrera Gibson Ellis Tran Medina Aguilar Stevens Murray Ford "
            + "Castro Marshall Owens Harrison Fernandez McDonald Woods Washington Kennedy Wells Vargas Henry Chen "
            + "Freeman Webb Tucker Guzman Burns Crawford Olson Simpson Porter Hunter Gordon Mendez Silva Shaw Snyder "
            + "Mason Dixon Munoz Hunt Hicks Holmes Palmer Wagner Black Robertson Boyd Rose Stone Salazar Fox Warren "
            + "Mills Meyer Rice Schmidt Garza Daniels Ferguson Nichols Stephens Soto Weaver Ryan Gardner Payne Grant "
            + "Dunn Kelley Spencer Hawkins Arnold Pierce Vazquez Hansen Peters Santos Hart Bradley Knight Elliott "
            + "Cunningham Duncan Armstrong Hudson Carroll Lane Riley Andrews Alvarado Ray Delgado Berry Perkins "
            + "Hoffman Johnston Matthews Pena Richards Contreras Willis Carpenter Lawrence Sandoval Kowalski Nowak "
            + "Muller Schneider Fischer Weber Rossi Russo Ferrari Esposito Bianchi Dubois Durand Leroy Moreau Okafor "
            + "Okonkwo Adeyemi Mensah Haddad Khan Ali Ahmed Singh Kumar Sharma Yamamoto Tanaka Suzuki Wang Zhang Liu")
            .split(" ");
    static final String[] GIVEN = ("James Mary Robert Patricia John Jennifer Michael Linda David Elizabeth William "
            + "Barbara Richard Susan Joseph Jessica Thomas Sarah Charles Karen Christopher Lisa Daniel Nancy Matthew "
            + "Betty Anthony Margaret Mark Sandra Donald Ashley Steven Kimberly Paul Emily Andrew Donna Joshua "
            + "Michelle Kenneth Carol Kevin Amanda Brian Dorothy George Melissa Timothy Deborah Ronald Stephanie "
            + "Edward Rebecca Jason Sharon Jeffrey Laura Ryan Cynthia Jacob Kathleen Gary Amy Nicholas Angela Eric "
            + "Shirley Jonathan Anna Stephen Brenda Larry Pamela Justin Emma Scott Nicole Brandon Helen Benjamin "
            + "Samantha Samuel Katherine Gregory Christine Alexander Debra Frank Rachel Patrick Carolyn Raymond "
            + "Janet Jack Catherine Dennis Maria Jerry Heather Tyler Diane Aaron Ruth Jose Julie Adam Olivia Nathan "
            + "Joyce Henry Virginia Douglas Victoria Zachary Kelly Peter Lauren Kyle Christina Ethan Joan Walter "
            + "Evelyn Noah Judith Jeremy Megan Christian Andrea Keith Cheryl Roger Hannah Terry Jacqueline Gerald "
            + "Martha Harold Gloria Sean Teresa Austin Ann Carl Sara Arthur Madison Lawrence Frances Dylan Kathryn "
            + "Jesse Janice Jordan Jean Bryan Abigail Billy Alice Joe Judy Bruce Sophia Gabriel Grace Logan Denise "
            + "Albert Amber Willie Doris Alan Marilyn Juan Danielle Wayne Beverly Elijah Isabella Randy Theresa Roy "
            + "Diana Vincent Natalie Ralph Brittany Eugene Charlotte Russell Marie Bobby Kayla Mason Alexis Philip "
            + "Lori Louis Ahmed Fatima Wei Mei Hiroshi Yuki Olusegun Chiamaka Priya Arjun Sofia Lucas Mateo Lucia")
            .split(" ");
    private static final String[] SYLLABLES = ("ka lo mi ran der sto vel ban ti mor gan rei sha zu pel dor "
            + "wen fa bri cal ho nus tam ver lin ost ek ach berg mann sen ski").split(" ");

    private final Random random = new Random(42);
    private final double[] familyCdf = zipfCdf(FAMILY.length, 1.0);
    private final double[] givenCdf = zipfCdf(GIVEN.length, 0.9);
    private final LocalDate oldest = LocalDate.now().minusYears(100);

    public static void main(String[] args) throws Exception {
        int patients = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        String db = args.length > 1 ? args[1] : System.getProperty("pavilion.itest.db", "h2");
        int clients = Integer.getInteger("pavilion.bench.clients", 4);
        int perClient = Integer.getInteger("pavilion.bench.searches", 2000);
        boolean events = Boolean.getBoolean("pavilion.bench.events");
        new PatientSearchBenchmark().run(patients, db, clients, perClient, events);
    }

    private void run(int patients, String db, int clients, int perClient, boolean events) throws Exception {
        String attach = System.getProperty("pavilion.bench.attach");
        if (attach != null && !attach.isBlank()) {
            attached(attach, db, clients, perClient);
            return;
        }
        System.out.printf("Pavilion patient search benchmark: %,d patients, database %s, %d clients x %,d searches "
                + "per kind, %d cores, java %s%n", patients, db, clients, perClient,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        String pgUrl = null;
        try (DistributionProcess pavilion = DistributionProcess.unpack("bench-search")) {
            if ("postgresql".equals(db)) {
                pgUrl = usePostgreSql(pavilion);
            }
            pavilion.start();
            pavilion.awaitHealthy(Duration.ofMinutes(5));
            String base = pavilion.baseUrl();
            String adminPassword = pavilion.adminPassword();
            String admin = BenchSupport.login(base, "admin", adminPassword);
            BenchSupport.awaitEmr(base, admin);

            // ---- load ----
            long t0 = System.nanoTime();
            long imported = 0;
            long firstSeq = -1;
            for (int done = 0; done < patients; done += CHUNK) {
                int n = Math.min(CHUNK, patients - done);
                admin = BenchSupport.login(base, "admin", adminPassword);
                JsonNode report = importChunk(base, admin, n, events);
                imported += report.path("imported").asLong();
                if (firstSeq < 0) {
                    String first = report.path("firstMrn").asText();
                    firstSeq = Long.parseLong(first.substring(0, first.length() - 2));
                }
                if (report.path("rejected").asLong() + report.path("failed").asLong() > 0) {
                    System.out.println("  rejected/failed: " + report);
                }
                double s = (System.nanoTime() - t0) / 1e9;
                System.out.printf("  imported %,9d in %7.1f s (%,.0f patients/s)%n", imported, s, imported / s);
            }
            double loadS = (System.nanoTime() - t0) / 1e9;
            System.out.printf("LOAD %s: %,d patients in %.1f s = %,.0f patients/s (events %s)%n", db, imported, loadS,
                    imported / loadS, events ? "published" : "off");
            if (pgUrl != null) {
                analyze(pgUrl);
            }

            // ---- search ----
            long lastSeq = firstSeq + imported - 1;
            long mrnFirst = firstSeq;
            searches(base, createClerk(base, admin), db, clients, perClient,
                    r -> mrn(mrnFirst + (long) (r.nextDouble() * (lastSeq - mrnFirst + 1))));
        } finally {
            if (pgUrl != null && !Boolean.getBoolean("pavilion.bench.keep")) {
                dropDatabase(pgUrl);
            }
        }
    }

    private record Kind(String name, Function<Random, String> query) {
    }

    private void searches(String base, String clerk, String db, int clients, int perClient,
            Function<Random, String> anMrn) throws Exception {
        List<Kind> kinds = List.of(
                new Kind("name-prefix", r -> "name=" + enc(prefixOf(r))),
                new Kind("name-typo", r -> "name=" + enc(typoOf(r))),
                new Kind("name-typo-given-family", r -> "name=" + enc(pick(GIVEN, givenCdf, r) + " " + typoOf(r))),
                new Kind("mrn", r -> "mrn=" + anMrn.apply(r)),
                new Kind("birth-date", r -> "birthDate=" + oldest.plusDays(r.nextInt(36_500))));
        System.out.printf("%-24s %8s %8s %8s %8s %9s %10s%n", "SEARCH " + db, "p50 ms", "p95 ms", "p99 ms",
                "max ms", "req/s", "avg hits");
        for (Kind kind : kinds) {
            measure(base, clerk, kind, clients, Math.min(200, perClient), false);
            measure(base, clerk, kind, clients, perClient, true);
        }
    }

    /**
     * Searches only, against a Pavilion already running at {@code base} with patients loaded (by an earlier run
     * kept with pavilion.bench.keep, or a real test registry), e.g. from another machine so the client does not
     * share the server's cores. MRNs to look up are sampled from birth-date searches first.
     */
    private void attached(String base, String db, int clients, int perClient) throws Exception {
        System.out.printf("Pavilion patient search benchmark against %s (database %s), %d clients x %,d searches per"
                + " kind, client cores %d%n", base, db, clients, perClient, Runtime.getRuntime().availableProcessors());
        String admin = BenchSupport.login(base, "admin", System.getProperty("pavilion.bench.admin.password", ""));
        String clerk = createClerk(base, admin);
        List<String> mrns = new ArrayList<>();
        Random r = new Random(7);
        HttpClient http = HttpClient.newHttpClient();
        while (mrns.size() < 2000) {
            HttpResponse<String> resp = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/emr/patients?size=50"
                    + "&birthDate=" + oldest.plusDays(r.nextInt(36_500)))).header("Authorization", "Bearer " + clerk)
                    .build(), HttpResponse.BodyHandlers.ofString());
            JSON.readTree(resp.body()).path("items").forEach(p -> mrns.add(p.path("mrn").asText()));
        }
        searches(base, clerk, db, clients, perClient, rr -> mrns.get(rr.nextInt(mrns.size())));
    }

    private void measure(String base, String token, Kind kind, int clients, int perClient, boolean print)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<long[]>> futures = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            long seed = kind.name().hashCode() * 31L + c + (print ? 1000 : 0);
            futures.add(pool.submit((Callable<long[]>) () -> {
                Random r = new Random(seed);
                HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
                long[] nanos = new long[perClient * 2];
                for (int i = 0; i < perClient; i++) {
                    HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/api/v1/emr/patients?" + kind.query().apply(r)))
                            .header("Authorization", "Bearer " + token).header("Accept", "application/json")
                            .timeout(Duration.ofSeconds(30)).GET().build();
                    long t = System.nanoTime();
                    HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
                    nanos[i] = System.nanoTime() - t;
                    if (resp.statusCode() != 200) {
                        throw new IllegalStateException(req.uri() + " -> " + resp.statusCode() + " " + resp.body());
                    }
                    nanos[perClient + i] = JSON.readTree(resp.body()).path("items").size();
                }
                return nanos;
            }));
        }
        long[] all = new long[clients * perClient];
        long hits = 0;
        for (int c = 0; c < clients; c++) {
            long[] n = futures.get(c).get();
            System.arraycopy(n, 0, all, c * perClient, perClient);
            for (int i = 0; i < perClient; i++) {
                hits += n[perClient + i];
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        if (!print) {
            return;
        }
        Arrays.sort(all);
        System.out.printf("%-24s %8.1f %8.1f %8.1f %8.1f %9.0f %10.1f%n", kind.name(), pct(all, 50), pct(all, 95),
                pct(all, 99), all[all.length - 1] / 1e6, all.length / seconds, hits / (double) all.length);
    }

    private static double pct(long[] sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, i)] / 1e6;
    }

    // ---- synthetic data ----

    private JsonNode importChunk(String base, String token, int n, boolean events) throws Exception {
        StringBuilder body = new StringBuilder(n * 160);
        for (int i = 0; i < n; i++) {
            String family = random.nextInt(3) == 0 ? tailName(random) : pick(FAMILY, familyCdf, random);
            body.append("{\"givenName\":\"").append(pick(GIVEN, givenCdf, random)).append("\",\"familyName\":\"")
                    .append(family).append("\",\"sex\":\"").append(random.nextBoolean() ? "FEMALE" : "MALE")
                    .append("\",\"birthDate\":\"").append(oldest.plusDays(1 + random.nextInt(36_499)))
                    .append("\",\"phones\":[\"+1 555 ").append(String.format("%07d", random.nextInt(10_000_000)))
                    .append("\"]}\n");
        }
        HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/api/v1/emr/patient-import?publishEvents=" + events))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/x-ndjson")
                .timeout(Duration.ofMinutes(30)).POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        HttpResponse<String> r = HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("import -> " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body());
    }

    /** A long tail of rarer family names made of two or three syllables (about 35,000 distinct). */
    private static String tailName(Random r) {
        String s = SYLLABLES[r.nextInt(SYLLABLES.length)] + SYLLABLES[r.nextInt(SYLLABLES.length)]
                + (r.nextBoolean() ? SYLLABLES[r.nextInt(SYLLABLES.length)] : "");
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private String prefixOf(Random r) {
        String name = pick(FAMILY, familyCdf, r);
        return name.substring(0, Math.min(name.length(), 3 + r.nextInt(3)));
    }

    /** A family name (5+ letters) with one typo: neighbours swapped, a letter dropped, doubled or replaced. */
    private String typoOf(Random r) {
        String name;
        do {
            name = pick(FAMILY, familyCdf, r).toLowerCase();
        } while (name.length() < 5);
        int i = 1 + r.nextInt(name.length() - 2);
        switch (r.nextInt(4)) {
            case 0:
                return name.substring(0, i) + name.charAt(i + 1) + name.charAt(i) + name.substring(i + 2);
            case 1:
                return name.substring(0, i) + name.substring(i + 1);
            case 2:
                return name.substring(0, i) + name.charAt(i) + name.substring(i);
            default:
                return name.substring(0, i) + "aeiou".charAt(r.nextInt(5)) + name.substring(i + 1);
        }
    }

    private static String pick(String[] names, double[] cdf, Random r) {
        int i = Arrays.binarySearch(cdf, r.nextDouble());
        return names[Math.min(names.length - 1, i < 0 ? -i - 1 : i)];
    }

    private static double[] zipfCdf(int n, double s) {
        double[] cdf = new double[n];
        double sum = 0;
        for (int k = 1; k <= n; k++) {
            sum += 1 / Math.pow(k + 10, s); // +10 flattens the head: the top name is ~1-2%, not 15%
            cdf[k - 1] = sum;
        }
        for (int k = 0; k < n; k++) {
            cdf[k] /= sum;
        }
        return cdf;
    }

    /** MRN of a sequence number: 8+ digits and ISO 7064 MOD 97-10 check digits (as the EMR allocates them). */
    static String mrn(long seq) {
        String body = String.format("%08d", seq);
        int mod = new BigInteger(body + "00").mod(BigInteger.valueOf(97)).intValue();
        return body + String.format("%02d", 98 - mod);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    // ---- platform plumbing ----



    private static String createClerk(String base, String adminToken) throws Exception {
        String body = JSON.createObjectNode().put("username", "bench.clerk").put("password", "bench-clerk-password-1")
                .set("roles", JSON.createArrayNode().add("RECEPTIONIST")).toString();
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(base + "/api/v1/platform/users")).header("Authorization", "Bearer " + adminToken)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201 && r.statusCode() != 409) { // 409: made by an earlier run against this registry
            throw new IllegalStateException("create clerk: " + r.statusCode() + " " + r.body());
        }
        return BenchSupport.login(base, "bench.clerk", "bench-clerk-password-1");
    }

    /** Points the installation at a fresh database {@code pavilion.bench.pg.db} (default pavilion_bench). */
    private static String usePostgreSql(DistributionProcess pavilion) throws IOException {
        String server = System.getProperty("pavilion.itest.pg.url", PavilionTestSupport.DEFAULT_PG_URL);
        server = server.substring(0, server.lastIndexOf('/') + 1);
        String url = server + System.getProperty("pavilion.bench.pg.db", "pavilion_bench");
        String user = System.getProperty("pavilion.itest.pg.user", "postgres");
        String password = System.getProperty("pavilion.itest.pg.password", "");
        PavilionTestSupport.recreateDatabase(url, user, password);
        Files.writeString(pavilion.home().resolve("etc/org.ops4j.datasource-pavilion.cfg"),
                "osgi.jdbc.driver.class=org.postgresql.Driver\ndataSourceName=pavilion\nurl=" + url + "\nuser=" + user
                        + "\npassword=" + password + "\npool=dbcp2\nxa=false\n", StandardCharsets.UTF_8);
        return url;
    }

    /** Fresh statistics after the bulk load, as an operator runs after a migration. */
    private static void analyze(String url) throws Exception {
        long t = System.nanoTime();
        try (Connection c = DriverManager.getConnection(url, System.getProperty("pavilion.itest.pg.user", "postgres"),
                System.getProperty("pavilion.itest.pg.password", "")); Statement s = c.createStatement()) {
            s.execute("VACUUM ANALYZE emr_patient");
            s.execute("VACUUM ANALYZE emr_patient_phone");
        }
        System.out.printf("VACUUM ANALYZE after the load: %.1f s%n", (System.nanoTime() - t) / 1e9);
    }

    private static void dropDatabase(String url) throws Exception {
        String admin = url.substring(0, url.lastIndexOf('/') + 1) + "postgres";
        String name = url.substring(url.lastIndexOf('/') + 1);
        try (Connection c = DriverManager.getConnection(admin, System.getProperty("pavilion.itest.pg.user", "postgres"),
                System.getProperty("pavilion.itest.pg.password", "")); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    private PatientSearchBenchmark() {
    }
}
