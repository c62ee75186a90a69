#!/usr/bin/env bash
# Appointment reminders at volume: N appointments booked the day after tomorrow (patients with an e-mail address and a
# mobile number), their e-mail and SMS reminders made due at once by moving the notifications clock (a fixture bundle
# dropped into deploy/); prints how long until GreenMail (SMTP, in the benchmark's JVM) has received every e-mail and
# the local SMS gateway every SMS, next to what the same servers take from the benchmark's JVM directly (the ceiling),
# and checks one e-mail and one SMS per appointment.
#   integration-tests/bench/notifications.sh [h2|postgresql]   (PAVILION_BENCH_REMINDERS, default 10000)
# PostgreSQL: a fresh database on PAVILION_PG_URL's server (default jdbc:postgresql://127.0.0.1:5432/). Needs a built
# distribution (mvn -B -DskipTests install); PAVILION_DISTRIBUTION=<tar.gz> measures another build. Never run by the build.
set -euo pipefail
cd "$(dirname "$0")/../.."
db="${1:-h2}"
mvn -B -q -pl integration-tests test-compile exec:java \
  -Dexec.mainClass=org.pavilion.itest.bench.NotificationsBenchmark \
  -Dexec.classpathScope=test \
  -Dexec.args="$db" \
  -Dpavilion.bench.reminders="${PAVILION_BENCH_REMINDERS:-10000}" \
  -Dpavilion.itest.pg.url="${PAVILION_PG_URL:-jdbc:postgresql://127.0.0.1:5432/pavilion_itest}" \
  -Dpavilion.distribution.archive="${PAVILION_DISTRIBUTION:-$PWD/karaf-distribution/target/pavilion-distribution-0.2.0-SNAPSHOT.tar.gz}" \
  ${MAVEN_ARGS:-}
