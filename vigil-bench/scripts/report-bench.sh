#!/usr/bin/env bash
# 30-day report for 100 hosts x 4 fields, timed through the HTTP API (target < 3 s).
#
# usage: vigil-bench/scripts/report-bench.sh [HOSTS] [DAYS] [RUNS]     (default 100 30 5)
#
# 1. starts vigil-server/target/vigil-server.jar on a throw-away data directory and enrols HOSTS
#    hosts; 2. stops it and backfills DAYS days of cpu, mem, fs and net at 60 s for every host
#    straight into the server's QuestDB directory (io.vigil.bench.report.ReportBench backfill),
#    waiting for the 1-hour rollups; 3. starts the server again and times GET /api/v1/reports over
#    the whole range (the first request after the start = cold, then the median of RUNS) and the
#    PDF export; 4. unless UI=0, times the reports screen in headless Chromium (/usr/bin/chromium)
#    from the click on "Run report" to all rows and the heat map rendered (ReportUiBench, compiled
#    with `mvn -pl vigil-bench test-compile`). Needs: curl; ./vigil build (or the two jars).
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
hosts="${1:-100}"; days="${2:-30}"; runs="${3:-5}"
java="${JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/java}}"; java="${java:-java}"
server_jar="$here/vigil-server/target/vigil-server.jar"
bench_jar="$here/vigil-bench/target/vigil-bench.jar"
[[ -f "$server_jar" && -f "$bench_jar" ]] || { echo "build first: ./vigil build" >&2; exit 1; }
command -v curl >/dev/null || { echo "curl is missing" >&2; exit 1; }

work="$(mktemp -d /tmp/report-bench.XXXXXX)"
port=18520
pid=""
cleanup() { [[ -n "$pid" ]] && kill "$pid" 2>/dev/null || true; wait 2>/dev/null || true; }
trap cleanup EXIT

start_server() {
  "$java" -jar "$server_jar" --vigil.data-dir="$work/vigil" --server.port=$port >>"$work/vigil.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 240); do
    curl -sf "http://127.0.0.1:$port/api/v1/health" >/dev/null && return 0; sleep 0.5
  done
  echo "the server did not start; see $work/vigil.log" >&2; exit 1
}
stop_server() { kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""; }

start_server
password="$(sed -n "s/.*created user 'admin' with password *\([A-Za-z0-9]*\).*/\1/p" "$work/vigil.log" | head -1)"
[[ -n "$password" ]] || { echo "no admin password in $work/vigil.log" >&2; exit 1; }
"$java" -cp "$bench_jar" io.vigil.bench.report.ReportBench enrol \
  --server "http://127.0.0.1:$port" --enrol-token "$(cat "$work/vigil/enrolment-token")" \
  --hosts "$hosts" --out "$work/hosts.txt"
stop_server

end=$(( $(date +%s) / 3600 * 3600 * 1000 ))
"$java" -cp "$bench_jar" io.vigil.bench.report.ReportBench backfill \
  --metrics "$work/vigil/metrics" --hosts-file "$work/hosts.txt" --days "$days" --end "$end"

start_server
echo "server: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB RAM; java $("$java" -version 2>&1 | head -1)"
"$java" -cp "$bench_jar" io.vigil.bench.report.ReportBench time \
  --server "http://127.0.0.1:$port" --password "$password" --hosts-file "$work/hosts.txt" \
  --days "$days" --end "$end" --runs "$runs"
if [[ "${UI:-1}" == 1 ]]; then
  [[ -d "$here/vigil-bench/target/test-classes/io/vigil/bench/report" ]] \
    || (cd "$here" && mvn -B -o -q -pl vigil-bench test-compile)
  (cd "$here" && mvn -B -o -q -pl vigil-bench dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$work/classpath" >/dev/null)
  "$java" -cp "$here/vigil-bench/target/test-classes:$bench_jar:$(cat "$work/classpath")" \
    io.vigil.bench.report.ReportUiBench "http://127.0.0.1:$port" "$password" "$work/hosts.txt" "$runs"
fi
echo "data directory: $(du -sh "$work/vigil" | cut -f1) ($work)"
