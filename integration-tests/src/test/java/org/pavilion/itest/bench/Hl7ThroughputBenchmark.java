package org.pavilion.itest.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.pavilion.itest.PavilionTestSupport;
import org.pavilion.itest.process.DistributionProcess;
import org.pavilion.itest.process.MllpFeed;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.app.HL7Service;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.protocol.ReceivingApplication;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;

/**
 * HL7 inbound throughput: N ADT^A04 (distinct control ids and patients) over 1 and over 4 concurrent MLLP
 * connections with HAPI's client, against (a) a bare HAPI MLLP echo server in this JVM (generateACK, nothing
 * stored: the ceiling of client, MLLP and machine) and (b) the built distribution's hub, which stores each
 * message, registers the patient in the EMR and answers after the commit. A third hub run sends DFT^P03, which
 * the hub stores and answers AR (billing not installed) without a department: the cost of the store alone.
 * Prints messages/second and ACK latency p50/p99. Run with integration-tests/bench/hl7-throughput.sh.
 */
public final class Hl7ThroughputBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ALL_RUNS = "echo1,echo4,adt1,adt4,store1,store4";
    private static final String HOST = "127.0.0.1";

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        String db = System.getProperty("pavilion.itest.db", "h2");
        System.out.printf("Pavilion HL7 throughput: %,d messages per run, database %s, %d cores, java %s%n",
                messages, db, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        System.out.printf("%-34s %5s %8s %9s %8s %8s  %s%n", "target", "conns", "msgs", "msg/s", "p50 ms", "p99 ms",
                "ACKs");

        // PAVILION_BENCH_RUNS (or -Dpavilion.bench.runs) picks runs, e.g. "adt4" while working on the ADT path.
        Set<String> runs = Set.of(System.getProperty("pavilion.bench.runs",
                Optional.ofNullable(System.getenv("PAVILION_BENCH_RUNS")).orElse(ALL_RUNS)).split(","));
        if (runs.contains("echo1") || runs.contains("echo4")) {
            int echoPort = PavilionTestSupport.freePort();
            HapiContext echoContext = new DefaultHapiContext();
            echoContext.setValidationContext(ValidationContextFactory.noValidation());
            HL7Service echo = echoContext.newServer(echoPort, false);
            echo.registerApplication("*", "*", new EchoApplication());
            echo.startAndWait();
            CpuMeter inThisJvm = new CpuMeter(-1); // the echo server runs in the client's JVM
            try {
                run("echo (HAPI, no storage) warm-up", echoPort, 1, Math.min(2_000, messages), "W", Hl7ThroughputBenchmark::a04, null);
                if (runs.contains("echo1")) {
                    run("echo (HAPI, no storage)", echoPort, 1, messages, "E1", Hl7ThroughputBenchmark::a04, inThisJvm);
                }
                if (runs.contains("echo4")) {
                    run("echo (HAPI, no storage)", echoPort, 4, messages, "E4", Hl7ThroughputBenchmark::a04, inThisJvm);
                }
            } finally {
                echo.stopAndWait();
                // echoContext stays open: closing it would shut the executor HAPI's clients below share
            }
        }
        if (runs.stream().noneMatch(r -> r.startsWith("adt") || r.startsWith("store"))) {
            return;
        }
        try (DistributionProcess pavilion = DistributionProcess.unpack("bench-hl7")) {
            int hl7Port = PavilionTestSupport.freePort();
            pavilion.writeEtc("org.pavilion.hl7.listener-default.cfg", "port", String.valueOf(hl7Port));
            pavilion.start();
            pavilion.awaitHealthy(Duration.ofMinutes(5));
            BenchSupport.awaitEmr(pavilion.baseUrl(), BenchSupport.login(pavilion.baseUrl(), "admin", pavilion.adminPassword()));
            BenchSupport.awaitListening(HOST, hl7Port);
            CpuMeter cpu = new CpuMeter(pavilion.javaPid());
            // A fresh JVM spends its first tens of seconds compiling Karaf, CXF, OpenJPA and the hub (the C2 compiler
            // thread takes one of the two cores): warm up as long as a measured run and at least 10,000 messages (after
            // 4,000 the platform still used 1.3-1.5 ms of CPU per message, after 10,000 0.7-0.8), a server's steady state.
            int warmUp = Integer.getInteger("pavilion.bench.warmup", Optional.ofNullable(System.getenv(
                    "PAVILION_BENCH_WARMUP")).map(Integer::parseInt).orElse(Math.max(messages, 10_000)));
            run("hub warm-up (ADT^A04)", hl7Port, 4, warmUp, "WARM", Hl7ThroughputBenchmark::a04, null);
            if (runs.contains("adt1")) {
                run("hub, ADT^A04 -> EMR " + db, hl7Port, 1, messages, "H1", Hl7ThroughputBenchmark::a04, cpu);
            }
            if (runs.contains("adt4")) {
                run("hub, ADT^A04 -> EMR " + db, hl7Port, 4, messages, "H4", Hl7ThroughputBenchmark::a04, cpu);
            }
            if (runs.contains("store1")) {
                run("hub, DFT^P03 store only " + db, hl7Port, 1, messages, "S1", Hl7ThroughputBenchmark::p03, cpu);
            }
            if (runs.contains("store4")) {
                run("hub, DFT^P03 store only " + db, hl7Port, 4, messages, "S4", Hl7ThroughputBenchmark::p03, cpu);
            }
        }
    }

    /** Sends {@code messages} over {@code connections} feeds at once (each its share, back to back). */
    private static void run(String label, int port, int connections, int messages, String prefix,
            IntFunction<String[]> kind, CpuMeter cpu) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        List<MllpFeed> feeds = new ArrayList<>();
        List<Message[]> prepared = new ArrayList<>();
        int per = messages / connections;
        String stamp = Long.toString(System.currentTimeMillis(), 36).toUpperCase();
        for (int c = 0; c < connections; c++) {
            MllpFeed feed = new MllpFeed(HOST, port);
            feeds.add(feed);
            Message[] batch = new Message[per];
            for (int i = 0; i < per; i++) {
                String[] parts = kind.apply(c * per + i);
                batch[i] = feed.parse(parts[0].replace("{ID}", prefix + stamp + "-" + c + "-" + i));
            }
            prepared.add(batch);
        }
        List<Future<long[]>> results = new ArrayList<>();
        String[] codes = new String[connections];
        CpuMeter.Reading cpuFrom = cpu == null ? null : cpu.read();
        long start = System.nanoTime();
        for (int c = 0; c < connections; c++) {
            int conn = c;
            results.add(pool.submit((Callable<long[]>) () -> {
                long[] nanos = new long[per];
                MllpFeed feed = feeds.get(conn);
                String notAa = null;
                for (int i = 0; i < per; i++) {
                    long t = System.nanoTime();
                    String code = feed.send(prepared.get(conn)[i]);
                    nanos[i] = System.nanoTime() - t;
                    if (notAa == null && !expected(prefix).equals(code)) {
                        notAa = code;
                    }
                }
                codes[conn] = notAa;
                return nanos;
            }));
        }
        long[] all = new long[per * connections];
        for (int c = 0; c < connections; c++) {
            System.arraycopy(results.get(c).get(), 0, all, c * per, per);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String cpuUse = cpu == null ? "" : cpu.perMessage(cpuFrom, all.length);
        pool.shutdown();
        feeds.forEach(MllpFeed::close);
        if (cpu != null) {
            Arrays.sort(all);
            String acks = Arrays.stream(codes).allMatch(x -> x == null) ? "all " + expected(prefix)
                    : "NOT ALL " + expected(prefix) + ": " + Arrays.toString(codes);
            System.out.printf("%-34s %5d %8d %9.0f %8.2f %8.2f  %s; %s%n", label, connections, all.length,
                    all.length / seconds, pct(all, 50), pct(all, 99), acks, cpuUse);
        }
    }

    private static String expected(String prefix) {
        return prefix.startsWith("S") ? "AR" : "AA";
    }

    private static double pct(long[] sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, i)] / 1e6;
    }

    private static final String[] FAMILY = {"Okafor", "Lindqvist", "Nakamura", "Mensah", "Garcia", "Novak", "Haddad",
        "O'Brien", "Kowalski", "Silva", "Fischer", "Rossi", "Dubois", "Tanaka", "Nguyen", "Petrov"};
    private static final String[] GIVEN = {"Adaeze", "Astrid", "Yui", "Kofi", "Lucia", "Jan", "Rania", "Siobhan",
        "Piotr", "Tiago", "Lena", "Marco", "Claire", "Haruto", "Linh", "Irina"};

    /** ADT^A04 of a new patient; {ID} becomes the control id and, with a prefix, the patient identifier. */
    private static String[] a04(int n) {
        String text = MllpFeed.a04("{ID}", "{ID}", FAMILY[n % FAMILY.length], GIVEN[(n / 16) % GIVEN.length],
                String.format("19%02d%02d%02d", 30 + n % 70, 1 + n % 12, 1 + n % 28), n % 2 == 0 ? "F" : "M");
        return new String[] {text.replace("^^^GENHOSP^MR", "-P^^^GENHOSP^MR")};
    }

    /**
     * DFT^P03 (a charge from a department system): stored and answered AR while billing is not installed. (SIU^S12
     * served this until the scheduling department took it.)
     */
    private static String[] p03(int n) {
        return new String[] {"MSH|^~\\&|RADSYS|GENHOSP|PAVILION|GENHOSP|20240601080000||DFT^P03^DFT_P03|{ID}|P|2.5.1\r"
                + "EVN|P03|20240601080000\r"};
    }

    /** The ceiling: answers every message with HAPI's generateACK, nothing stored. */
    private static final class EchoApplication implements ReceivingApplication<Message> {
        @Override
        public Message processMessage(Message message, Map<String, Object> metadata) throws HL7Exception {
            try {
                return message.generateACK();
            } catch (java.io.IOException e) {
                throw new HL7Exception(e);
            }
        }

        @Override
        public boolean canProcess(Message message) {
            return true;
        }
    }



    private Hl7ThroughputBenchmark() {
    }
}
