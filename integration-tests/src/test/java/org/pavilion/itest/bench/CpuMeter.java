package org.pavilion.itest.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.stream.Stream;

/**
 * CPU time spent by the benchmark's client (this JVM), the platform's JVM and PostgreSQL's processes between two
 * readings, from Linux's /proc (zero elsewhere): where a message's CPU goes when client, server and database share
 * the machine. PostgreSQL backends that exit between the readings are not counted.
 */
final class CpuMeter {

    /** Clock ticks per second of /proc/[pid]/stat; 100 on every Linux this runs on. */
    private static final double TICKS_PER_SECOND = 100.0;

    record Reading(long clientTicks, long platformTicks, long postgresTicks) {
    }

    private final long platformPid;

    CpuMeter(long platformPid) {
        this.platformPid = platformPid;
    }

    Reading read() {
        return new Reading(ticks(ProcessHandle.current().pid()), platformPid < 0 ? 0 : ticks(platformPid), postgres());
    }

    /** "client x / platform y / postgres z" in CPU milliseconds per message between {@code from} and now. */
    String perMessage(Reading from, int messages) {
        Reading to = read();
        return String.format("cpu ms/msg client %.2f, platform %.2f, postgres %.2f",
                ms(to.clientTicks - from.clientTicks, messages), ms(to.platformTicks - from.platformTicks, messages),
                ms(to.postgresTicks - from.postgresTicks, messages));
    }

    /** CPU seconds the platform's JVM spent since {@code from}. */
    double platformSeconds(Reading from) {
        return (read().platformTicks - from.platformTicks) / TICKS_PER_SECOND;
    }

    private static double ms(long ticks, int messages) {
        return ticks / TICKS_PER_SECOND * 1000.0 / messages;
    }

    private static long postgres() {
        long sum = 0;
        try (Stream<Path> procs = Files.list(Paths.get("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    if ("postgres".equals(Files.readString(p.resolve("comm")).trim())) {
                        sum += ticks(Long.parseLong(name));
                    }
                } catch (IOException | RuntimeException gone) {
                    // the process ended while listed
                }
            }
        } catch (IOException notLinux) {
            return 0;
        }
        return sum;
    }

    /** utime + stime of a process (fields 14 and 15 of /proc/[pid]/stat, after the parenthesised name). */
    private static long ticks(long pid) {
        try {
            String stat = Files.readString(Paths.get("/proc", String.valueOf(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
