#!/usr/bin/env bash
#
# Cold-start benchmark of the built Pavilion distribution.
#
#   bash integration-tests/bench/cold-start.sh [path/to/pavilion-distribution-<version>.tar.gz]
#
# Unpacks the archive into a fresh temporary folder (so the H2 database, data/ and the first administrator are
# all created from scratch), starts `bin/karaf server` on free ports, measures the seconds from launch until
# GET /api/v1/platform/health answers 200, prints the resident memory (VmRSS from /proc) of the container's JVM
# at that moment, then stops it (bin/stop, SIGKILL after 60 s) and deletes the folder (PAVILION_BENCH_KEEP=1 keeps
# it). Bound: PAVILION_BENCH_BOUND seconds (default 300); exceeding it fails with the tail of karaf.log.
# Build the archive first: mvn -B -DskipTests install
#
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
archive="${1:-}"
if [ -z "$archive" ]; then
  archive="$(ls "$(cd "$here/../.." && pwd)"/karaf-distribution/target/pavilion-distribution-*.tar.gz 2>/dev/null | head -n 1 || true)"
fi
if [ -z "$archive" ] || [ ! -f "$archive" ]; then
  echo "No distribution archive; build it with: mvn -B -DskipTests install" >&2
  exit 2
fi
bound="${PAVILION_BENCH_BOUND:-300}"

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

work="$(mktemp -d "${TMPDIR:-/tmp}/pavilion-bench.XXXXXX")"
java_pid=""
cleanup() {
  if [ -n "$java_pid" ] && kill -0 "$java_pid" 2>/dev/null; then
    "$work/bin/stop" >/dev/null 2>&1 || true
    for _ in $(seq 1 60); do kill -0 "$java_pid" 2>/dev/null || break; sleep 1; done
    kill -9 "$java_pid" 2>/dev/null || true
  fi
  if [ "${PAVILION_BENCH_KEEP:-0}" = "1" ]; then
    echo "kept: $work"
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT

tar xzf "$archive" -C "$work" --strip-components=1
http_port="$(free_port)"
sed -i "s/^org.osgi.service.http.port *=.*/org.osgi.service.http.port = $http_port/" "$work/etc/org.ops4j.pax.web.cfg"
sed -i "s/^rmiRegistryPort *=.*/rmiRegistryPort = $(free_port)/; s/^rmiServerPort *=.*/rmiServerPort = $(free_port)/" \
  "$work/etc/org.apache.karaf.management.cfg"
export JAVA_HOME="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"

echo "archive: $archive"
echo "folder:  $work (HTTP port $http_port, bound ${bound}s)"
start_ns="$(date +%s%N)"
(cd "$work" && exec bin/karaf server >"$work/console.log" 2>&1) &

deadline=$(( $(date +%s) + bound ))
status=000
while [ "$(date +%s)" -lt "$deadline" ]; do
  if [ -z "$java_pid" ]; then
    java_pid="$(pgrep -f -- "-Dkaraf.base=$work" | head -n 1 || true)"
  fi
  status="$(curl -s -o /dev/null -m 5 -w '%{http_code}' "http://127.0.0.1:$http_port/api/v1/platform/health" || true)"
  [ "$status" = "200" ] && break
  sleep 0.2
done
end_ns="$(date +%s%N)"

if [ "$status" != "200" ]; then
  echo "FAILED: /api/v1/platform/health did not answer 200 within ${bound}s (last: $status)" >&2
  tail -n 60 "$work/data/log/karaf.log" >&2 2>/dev/null || true
  exit 1
fi

rss_kib="$(awk '/^VmRSS:/ {print $2}' "/proc/$java_pid/status")"
awk -v ns="$(( end_ns - start_ns ))" -v rss="$rss_kib" 'BEGIN {
  printf "cold start to health 200: %.1f s\n", ns / 1e9
  printf "resident memory (VmRSS):  %.0f MiB\n", rss / 1024
}'
echo "bundles: $(ls "$work/data/cache" 2>/dev/null | grep -c '^bundle' || true) (data/cache entries)"
