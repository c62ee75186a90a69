#!/usr/bin/env bash
# Patient search benchmark: imports N synthetic patients through the bulk import endpoint into a fresh
# installation of the distribution, prints the load rate, then p50/p95/p99 of name (prefix and typo), MRN and
# birth-date searches over REST from concurrent clients.
#   integration-tests/bench/patient-search.sh [patients] [h2|postgresql]     (default 1000000 h2)
# PostgreSQL: a fresh database pavilion_bench (PAVILION_BENCH_PG_DB to change it) on PAVILION_PG_URL's server
# (default jdbc:postgresql://127.0.0.1:5432/), dropped at the end. PAVILION_BENCH_CLIENTS (4),
# PAVILION_BENCH_SEARCHES (2000 per client and kind), PAVILION_BENCH_EVENTS (false: PatientRegistered off),
# PAVILION_BENCH_KEEP (false: true keeps the PostgreSQL database and the unpacked installation).
# Searches only, against a running Pavilion that holds patients (e.g. from another machine):
#   PAVILION_BENCH_ATTACH=http://host:8181 PAVILION_BENCH_ADMIN_PASSWORD=... patient-search.sh 0 postgresql
# Needs a built distribution (mvn -B -DskipTests install); never run by the build.
set -euo pipefail
cd "$(dirname "$0")/../.."
patients="${1:-1000000}"
db="${2:-h2}"
mvn -B -q -pl integration-tests test-compile exec:java \
  -Dexec.mainClass=org.pavilion.itest.bench.PatientSearchBenchmark \
  -Dexec.classpathScope=test \
  -Dexec.args="$patients $db" \
  -Dpavilion.itest.db=h2 \
  -Dpavilion.itest.pg.url="${PAVILION_PG_URL:-jdbc:postgresql://127.0.0.1:5432/pavilion_itest}" \
  -Dpavilion.bench.pg.db="${PAVILION_BENCH_PG_DB:-pavilion_bench}" \
  -Dpavilion.bench.clients="${PAVILION_BENCH_CLIENTS:-4}" \
  -Dpavilion.bench.searches="${PAVILION_BENCH_SEARCHES:-2000}" \
  -Dpavilion.bench.events="${PAVILION_BENCH_EVENTS:-false}" \
  -Dpavilion.bench.keep="${PAVILION_BENCH_KEEP:-false}" \
  -Dpavilion.bench.attach="${PAVILION_BENCH_ATTACH:-}" \
  -Dpavilion.bench.admin.password="${PAVILION_BENCH_ADMIN_PASSWORD:-}" \
  -Dpavilion.distribution.archive="$PWD/karaf-distribution/target/pavilion-distribution-0.2.0-SNAPSHOT.tar.gz" \
  ${MAVEN_ARGS:-}
