#!/usr/bin/env bash
# Scheduling benchmark: 500 clients race for 100 slots (prints how many were booked: exactly 100, and whether any
# slot was booked twice: exit 1 if so), then booking latency p50/p95/p99 and throughput of free-slot bookings, the
# free-slot search p95 over 200 doctors with a year of schedules, and the HTTP floor of the same run.
#   integration-tests/bench/scheduling.sh [h2|postgresql]                   (default h2)
# PostgreSQL: a fresh database pavilion_bench_sched on PAVILION_PG_URL's server (default 127.0.0.1:5432), recreated.
# PAVILION_BENCH_DOCTORS (200), PAVILION_BENCH_RACERS (500), PAVILION_BENCH_BOOKINGS (2000),
# PAVILION_BENCH_CLIENTS (8), PAVILION_BENCH_SEARCHES (500 per client and kind).
# Needs a built distribution (mvn -B -DskipTests install); never run by the build.
set -euo pipefail
cd "$(dirname "$0")/../.."
db="${1:-h2}"
mvn -B -q -pl integration-tests test-compile exec:java \
  -Dexec.mainClass=org.pavilion.itest.bench.SchedulingBenchmark \
  -Dexec.classpathScope=test \
  -Dexec.args="$db" \
  -Dpavilion.itest.db=h2 \
  -Dpavilion.itest.pg.url="${PAVILION_PG_URL:-jdbc:postgresql://127.0.0.1:5432/pavilion_itest}" \
  -Dpavilion.bench.doctors="${PAVILION_BENCH_DOCTORS:-200}" \
  -Dpavilion.bench.racers="${PAVILION_BENCH_RACERS:-500}" \
  -Dpavilion.bench.bookings="${PAVILION_BENCH_BOOKINGS:-2000}" \
  -Dpavilion.bench.clients="${PAVILION_BENCH_CLIENTS:-8}" \
  -Dpavilion.bench.searches="${PAVILION_BENCH_SEARCHES:-500}" \
  -Dpavilion.distribution.archive="$PWD/karaf-distribution/target/pavilion-distribution-0.2.0-SNAPSHOT.tar.gz" \
  ${MAVEN_ARGS:-}
