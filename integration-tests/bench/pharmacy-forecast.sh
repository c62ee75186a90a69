#!/usr/bin/env bash
# Pharmacy forecasts at scale: 10,000 items in one store with a year of daily DISPENSE movements (3.65 million ledger
# rows), seeded with JDBC batches; times (a) the store's reorder suggestions and (b) the forecasts of all its items,
# a cold and a warm run each, and prints items, movements, seconds and items/s.
#   integration-tests/bench/pharmacy-forecast.sh [h2|postgresql]
# H2: a file database under bundles/pavilion-pharmacy/target/pharmacy-forecast-bench (remade each run).
# PAVILION_BENCH_REUSE=true measures the H2 file of the last run again without seeding.
# PostgreSQL: a fresh schema on PAVILION_PG_URL (default jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres),
# dropped at the end. PAVILION_BENCH_ITEMS changes the number of items; MAVEN_REPO a local Maven repository.
# Runs offline: needs the modules the pharmacy depends on installed (mvn -o install). Never run by the build.
set -euo pipefail
cd "$(dirname "$0")/../.."
db="${1:-h2}"
repo=(${MAVEN_REPO:+-Dmaven.repo.local=$MAVEN_REPO})
module=bundles/pavilion-pharmacy
mvn -o -q "${repo[@]}" -pl "$module" test-compile
mvn -o -q "${repo[@]}" -pl "$module" dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/forecast-bench.classpath
cd "$module"
java -Xmx3g -cp "target/test-classes:target/classes:$(cat target/forecast-bench.classpath)" \
  -Dpavilion.bench.reuse="${PAVILION_BENCH_REUSE:-false}" \
  -Dpavilion.bench.items="${PAVILION_BENCH_ITEMS:-10000}" \
  -Dpavilion.bench.pg.url="${PAVILION_PG_URL:-jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}" \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  org.pavilion.pharmacy.internal.forecast.ForecastBenchmark "$db"
