#!/usr/bin/env bash
# Dispensing under concurrent pharmacists: N prescriptions issued in the EMR reach the dispensing queue; then 8
# pharmacists dispense them from one main pharmacy (20 medicines, 3 batches each, first expiry first); prints
# dispenses/second and latency p50/p95/p99 next to an authenticated catalogue read from the same clients, and checks
# that stock = received - dispensed.
#   integration-tests/bench/pharmacy-dispense.sh [h2|postgresql]   (PAVILION_BENCH_PRESCRIPTIONS, default 2000)
# PostgreSQL: a fresh database on PAVILION_PG_URL's server (default jdbc:postgresql://127.0.0.1:5432/). Needs a built
# distribution (mvn -B -DskipTests install); PAVILION_DISTRIBUTION=<tar.gz> measures another build. Never run by the build.
set -euo pipefail
cd "$(dirname "$0")/../.."
db="${1:-h2}"
mvn -B -q -pl integration-tests test-compile exec:java \
  -Dexec.mainClass=org.pavilion.itest.bench.PharmacyDispenseBenchmark \
  -Dexec.classpathScope=test \
  -Dexec.args="$db" \
  -Dpavilion.bench.prescriptions="${PAVILION_BENCH_PRESCRIPTIONS:-2000}" \
  -Dpavilion.itest.pg.url="${PAVILION_PG_URL:-jdbc:postgresql://127.0.0.1:5432/pavilion_itest}" \
  -Dpavilion.distribution.archive="${PAVILION_DISTRIBUTION:-$PWD/karaf-distribution/target/pavilion-distribution-0.2.0-SNAPSHOT.tar.gz}" \
  ${MAVEN_ARGS:-}
