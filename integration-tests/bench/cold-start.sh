#!/usr/bin/env bash
# Cold-start benchmark of the full Pavilion distribution: seconds from launch to a healthy
# /api/v1/platform/health, and resident memory (VmRSS) of the JVM, for a fresh install and a restart.
#   integration-tests/bench/cold-start.sh [rounds]            (embedded H2)
#   PAVILION_DB=postgresql integration-tests/bench/cold-start.sh [rounds]
# Needs a built distribution (mvn -B -DskipTests install).
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds="${1:-3}"
mvn -B -q -pl integration-tests test-compile exec:java \
  -Dexec.mainClass=org.pavilion.itest.bench.ColdStartBenchmark \
  -Dexec.classpathScope=test \
  -Dexec.args="$rounds" \
  -Dpavilion.itest.db="${PAVILION_DB:-h2}" \
  -Dpavilion.distribution.archive="$PWD/karaf-distribution/target/pavilion-distribution-0.2.0-SNAPSHOT.tar.gz"
