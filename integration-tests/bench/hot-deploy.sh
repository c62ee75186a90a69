#!/usr/bin/env bash
# Hot deploy of a vendor department under load (issue #27): the distribution on H2 without the reference department;
# receptionists registering and searching patients over REST and ADT^A04/A08 over MLLP without pause; meanwhile,
# N times (default 5), a quiet window, then the department's KAR (features/pavilion-example-kar) dropped into deploy/
# and timed until its REST path answers 200 signed in, then deleted and timed until the path answers 404 and its
# feature is no longer installed. Prints each cycle, median and max, the failed requests and NAK'd messages elsewhere,
# and REST and MLLP throughput in the quiet windows against the deploy cycles, with the machine's load.
#   integration-tests/bench/hot-deploy.sh [cycles]
# PAVILION_BENCH_CLIENTS (4 REST clients), PAVILION_BENCH_HL7_CONNECTIONS (2), PAVILION_BENCH_QUIET_SECONDS (10),
# PAVILION_BENCH_WARMUP_SECONDS (20), PAVILION_BENCH_THINK_MS (0: each client sends again as soon as answered);
# PAVILION_DISTRIBUTION=<tar.gz> and PAVILION_KAR=<kar> measure other builds.
# Needs a built distribution and KAR (mvn -B -DskipTests install). Never run by the build.
set -euo pipefail
cd "$(dirname "$0")/../.."
cycles="${1:-5}"
mvn -B -q -pl integration-tests test-compile exec:java \
  -Dexec.mainClass=org.pavilion.itest.bench.HotDeployBenchmark \
  -Dexec.classpathScope=test \
  -Dexec.args="$cycles" \
  -Dpavilion.itest.db=h2 \
  -Dpavilion.bench.clients="${PAVILION_BENCH_CLIENTS:-4}" \
  -Dpavilion.bench.hl7.connections="${PAVILION_BENCH_HL7_CONNECTIONS:-2}" \
  -Dpavilion.bench.quiet.seconds="${PAVILION_BENCH_QUIET_SECONDS:-10}" \
  -Dpavilion.bench.warmup.seconds="${PAVILION_BENCH_WARMUP_SECONDS:-20}" \
  -Dpavilion.bench.think.ms="${PAVILION_BENCH_THINK_MS:-0}" \
  -Dpavilion.bench.kar="${PAVILION_KAR:-$PWD/features/pavilion-example-kar/target/pavilion-example-kar-0.2.0-SNAPSHOT.kar}" \
  -Dpavilion.distribution.archive="${PAVILION_DISTRIBUTION:-$PWD/karaf-distribution/target/pavilion-distribution-0.2.0-SNAPSHOT.tar.gz}" \
  ${MAVEN_ARGS:-}
