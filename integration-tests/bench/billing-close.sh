#!/usr/bin/env bash
# Closing encounters into invoices: N encounters of 10 charges each arrive as HL7 DFT^P03 (one message per encounter,
# 4 MLLP connections), then 8 billing clerks close them (POST /invoices + POST /invoices/{id}/issue each); prints
# invoices/second and the latency of a close next to an authenticated price-list read from the same clients, and
# checks one issued invoice per encounter with the expected total and a balanced journal.
#   integration-tests/bench/billing-close.sh [h2|postgresql]   (PAVILION_BENCH_ENCOUNTERS, default 10000)
# PostgreSQL: a fresh database on PAVILION_PG_URL's server (default jdbc:postgresql://127.0.0.1:5432/). Needs a built
# distribution (mvn -B -DskipTests install); PAVILION_DISTRIBUTION=<tar.gz> measures another build. Never run by the build.
set -euo pipefail
cd "$(dirname "$0")/../.."
db="${1:-h2}"
mvn -B -q -pl integration-tests test-compile exec:java \
  -Dexec.mainClass=org.pavilion.itest.bench.BillingCloseBenchmark \
  -Dexec.classpathScope=test \
  -Dexec.args="$db" \
  -Dpavilion.bench.encounters="${PAVILION_BENCH_ENCOUNTERS:-10000}" \
  -Dpavilion.bench.clients="${PAVILION_BENCH_CLIENTS:-8}" \
  -Dpavilion.itest.pg.url="${PAVILION_PG_URL:-jdbc:postgresql://127.0.0.1:5432/pavilion_itest}" \
  -Dpavilion.distribution.archive="${PAVILION_DISTRIBUTION:-$PWD/karaf-distribution/target/pavilion-distribution-0.2.0-SNAPSHOT.tar.gz}" \
  ${MAVEN_ARGS:-}
