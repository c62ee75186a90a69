#!/usr/bin/env bash
# HL7 inbound throughput: N ADT^A04 (distinct control ids and patients) over 1 and over 4 concurrent MLLP
# connections with HAPI's client; prints messages/second and ACK latency p50/p99 for a bare HAPI MLLP echo server
# (the ceiling, nothing stored), for the hub of a fresh installation of the distribution (stored, applied to the
# EMR, ACK after the commit), and for DFT^P03 that the hub stores and answers AR (billing not installed: the store
# alone).
#   integration-tests/bench/hl7-throughput.sh [messages] [h2|postgresql]     (default 20000 h2)
# PostgreSQL: a fresh database pavilion_proc_bench_hl7_<pid> on PAVILION_PG_URL's server (default
# jdbc:postgresql://127.0.0.1:5432/), dropped at the end. Needs a built distribution (mvn -B -DskipTests install);
# PAVILION_DISTRIBUTION=<tar.gz> measures another build; PAVILION_BENCH_RUNS picks runs (default
# echo1,echo4,adt1,adt4,store1,store4). Each line ends with the CPU milliseconds per message of the client JVM, the
# platform JVM and PostgreSQL (Linux /proc): on a shared 2-core machine that is where throughput goes. Never run by
# the build.
set -euo pipefail
cd "$(dirname "$0")/../.."
messages="${1:-20000}"
db="${2:-h2}"
mvn -B -q -pl integration-tests test-compile exec:java \
  -Dexec.mainClass=org.pavilion.itest.bench.Hl7ThroughputBenchmark \
  -Dexec.classpathScope=test \
  -Dexec.args="$messages" \
  -Dpavilion.itest.db="$db" \
  -Dpavilion.itest.pg.url="${PAVILION_PG_URL:-jdbc:postgresql://127.0.0.1:5432/pavilion_itest}" \
  -Dpavilion.distribution.archive="${PAVILION_DISTRIBUTION:-$PWD/karaf-distribution/target/pavilion-distribution-0.2.0-SNAPSHOT.tar.gz}" \
  ${MAVEN_ARGS:-}
