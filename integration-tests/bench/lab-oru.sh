#!/usr/bin/env bash
# Laboratory results over HL7: N orders (3 tests on one serum specimen) placed, collected and received over REST,
# then one ORU^R01 per order from an external LIS over 4 concurrent MLLP connections; prints messages/second and ACK
# latency p50/p95/p99 next to ADT^A04 measured the same way in the same run, with the CPU per message.
#   integration-tests/bench/lab-oru.sh [h2|postgresql]      (PAVILION_BENCH_ORDERS orders, default 2000)
# PostgreSQL: a fresh database on PAVILION_PG_URL's server (default jdbc:postgresql://127.0.0.1:5432/), dropped at
# the end. Needs a built distribution with the laboratory (mvn -B -DskipTests install);
# PAVILION_DISTRIBUTION=<tar.gz> measures another build; PAVILION_BENCH_HL7_PORT fixes the listener's port.
# Never run by the build.
set -euo pipefail
cd "$(dirname "$0")/../.."
db="${1:-h2}"
mvn -B -q -pl integration-tests test-compile exec:java \
  -Dexec.mainClass=org.pavilion.itest.bench.LabOruBenchmark \
  -Dexec.classpathScope=test \
  -Dexec.args="${PAVILION_BENCH_ORDERS:-2000}" \
  -Dpavilion.itest.db="$db" \
  ${PAVILION_BENCH_HL7_PORT:+-Dpavilion.bench.hl7.port=$PAVILION_BENCH_HL7_PORT} \
  -Dpavilion.itest.pg.url="${PAVILION_PG_URL:-jdbc:postgresql://127.0.0.1:5432/pavilion_itest}" \
  -Dpavilion.distribution.archive="${PAVILION_DISTRIBUTION:-$PWD/karaf-distribution/target/pavilion-distribution-0.2.0-SNAPSHOT.tar.gz}" \
  ${MAVEN_ARGS:-}
