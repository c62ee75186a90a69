package org.pavilion.itest.bench;

import java.time.Duration;

import org.pavilion.itest.process.DistributionProcess;

/**
 * Cold start of the full distribution: a freshly unpacked archive (first start: schema migrations, first
 * administrator) and then a warm restart of the same installation. Prints seconds from launch to a healthy
 * /api/v1/platform/health and the resident memory of the JVM once healthy (and after a short settle).
 * Run with integration-tests/bench/cold-start.sh; figures, not assertions.
 */
public final class ColdStartBenchmark {

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        String db = System.getProperty("pavilion.itest.db", "h2");
        System.out.printf("Pavilion cold start, database %s, %d round(s), %d cores, java %s%n", db, rounds,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        System.out.println("round  first-start-s  rss-healthy-MiB  rss-settled-MiB  restart-s  rss-restart-MiB");
        for (int i = 1; i <= rounds; i++) {
            try (DistributionProcess pavilion = DistributionProcess.unpack("bench")) {
                long t0 = System.nanoTime();
                pavilion.start();
                pavilion.awaitHealthy(Duration.ofMinutes(5));
                double firstS = (System.nanoTime() - t0) / 1e9;
                long rssHealthy = pavilion.residentKiB();
                Thread.sleep(10_000);
                long rssSettled = pavilion.residentKiB();
                pavilion.stop();
                long t1 = System.nanoTime();
                pavilion.start();
                pavilion.awaitHealthy(Duration.ofMinutes(5));
                double restartS = (System.nanoTime() - t1) / 1e9;
                long rssRestart = pavilion.residentKiB();
                System.out.printf("%5d  %13.1f  %15d  %15d  %9.1f  %15d%n", i, firstS, rssHealthy / 1024,
                        rssSettled / 1024, restartS, rssRestart / 1024);
            }
        }
    }

    private ColdStartBenchmark() {
    }
}
