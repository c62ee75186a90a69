package org.pavilion.itest.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.pavilion.itest.PavilionTestSupport;
import org.pavilion.itest.process.DistributionProcess;

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
                run("echo (HAPI, no storage) warm-up", echoPort, 1, Math.min(2_000, messages), "W", BenchSupport::a04, null);
                if (runs.contains("echo1")) {
                    run("echo (HAPI, no storage)", echoPort, 1, messages, "E1", BenchSupport::a04, inThisJvm);
                }
                if (runs.contains("echo4")) {
                    run("echo (HAPI, no storage)", echoPort, 4, messages, "E4", BenchSupport::a04, inThisJvm);
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
            run("hub warm-up (ADT^A04)", hl7Port, 4, warmUp, "WARM", BenchSupport::a04, null);
            if (runs.contains("adt1")) {
                run("hub, ADT^A04 -> EMR " + db, hl7Port, 1, messages, "H1", BenchSupport::a04, cpu);
            }
            if (runs.contains("adt4")) {
                run("hub, ADT^A04 -> EMR " + db, hl7Port, 4, messages, "H4", BenchSupport::a04, cpu);
            }
            if (runs.contains("store1")) {
                run("hub, DFT^P03 store only " + db, hl7Port, 1, messages, "S1", Hl7ThroughputBenchmark::p03, cpu);
            }
            if (runs.contains("store4")) {
                run("hub, DFT^P03 store only " + db, hl7Port, 4, messages, "S4", Hl7ThroughputBenchmark::p03, cpu);
            }
        }
    }

    /** One measured (or, without {@code cpu}, warm-up) run over {@code connections} feeds; printed when measured. */
    private static void run(String label, int port, int connections, int messages, String prefix,
            IntFunction<String> kind, CpuMeter cpu) throws Exception {
        BenchSupport.MllpRun r = BenchSupport.sendOverMllp(HOST, port, connections, messages, prefix, kind,
                expected(prefix), cpu);
        if (cpu != null) {
            System.out.printf("%-34s %5d %8d %9.0f %8.2f %8.2f  %s; %s%n", label, connections, r.messages(),
                    r.perSecond(), r.percentile(50), r.percentile(99), r.acks(), r.cpu());
        }
    }

    private static String expected(String prefix) {
        return prefix.startsWith("S") ? "AR" : "AA";
    }

    /**
     * DFT^P03 (a charge from a department system): stored and answered AR while billing is not installed. (SIU^S12
     * served this until the scheduling department took it.)
     */
    private static String p03(int n) {
        return "MSH|^~\\&|RADSYS|GENHOSP|PAVILION|GENHOSP|20240601080000||DFT^P03^DFT_P03|{ID}|P|2.5.1\r"
                + "EVN|P03|20240601080000\r";
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
