#!/usr/bin/env bash
# Alert latency, Vigil beside Prometheus + Alertmanager, in one run on this machine.
#
# usage: vigil-bench/scripts/alert-latency.sh [ALERTS]     (default 20)
#        TARGETS="prometheus" or "vigil" to measure one side only (default both)
#
# Starts on loopback: Debian's prometheus (scrape and evaluation every 1 s) and
# prometheus-alertmanager (group_wait 0s) with throw-away configs, and a Vigil server from
# vigil-server/target/vigil-server.jar with a throw-away data directory; then runs
# io.vigil.bench.alert.AlertLatencyBench, which serves the gauge Prometheus scrapes, receives both
# webhooks and prints the table. Needs: prometheus, prometheus-alertmanager, curl; ./vigil build.
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
alerts="${1:-20}"
java="${JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/java}}"; java="${java:-java}"
for tool in prometheus prometheus-alertmanager curl; do
  command -v "$tool" >/dev/null || { echo "$tool is missing: apt-get install -y prometheus prometheus-alertmanager curl" >&2; exit 1; }
done
server_jar="$here/vigil-server/target/vigil-server.jar"
bench_jar="$here/vigil-bench/target/vigil-bench.jar"
[[ -f "$server_jar" && -f "$bench_jar" ]] || { echo "build first: ./vigil build" >&2; exit 1; }

work="$(mktemp -d /tmp/alert-latency.XXXXXX)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

exporter=19110; prom_hook=19112; prom=19190; am=19193; vigil=18500
cat > "$work/rules.yml" <<YAML
groups:
  - name: bench
    interval: 1s
    rules:
      - alert: BenchValueHigh
        expr: vigil_bench_value > 50
        for: 0s
YAML
cat > "$work/prometheus.yml" <<YAML
global: {scrape_interval: 1s, evaluation_interval: 1s}
rule_files: [$work/rules.yml]
alerting:
  alertmanagers: [{static_configs: [{targets: ['127.0.0.1:$am']}]}]
scrape_configs:
  - job_name: bench
    static_configs: [{targets: ['127.0.0.1:$exporter']}]
YAML
cat > "$work/alertmanager.yml" <<YAML
route:
  receiver: bench
  group_by: [alertname, cycle]
  group_wait: 0s
  group_interval: 1s
  repeat_interval: 1h
receivers:
  - name: bench
    webhook_configs: [{url: 'http://127.0.0.1:$prom_hook/prometheus', send_resolved: false}]
YAML
prometheus-alertmanager --config.file="$work/alertmanager.yml" --storage.path="$work/am" \
  --web.listen-address=127.0.0.1:$am --cluster.listen-address= >"$work/alertmanager.log" 2>&1 &
pids+=($!)
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/prom" \
  --web.listen-address=127.0.0.1:$prom >"$work/prometheus.log" 2>&1 &
pids+=($!)
targets="${TARGETS:-vigil prometheus}"
args=(--alerts "$alerts")
if [[ "$targets" == *vigil* ]]; then
  "$java" -jar "$server_jar" --vigil.data-dir="$work/vigil" --server.port=$vigil >"$work/vigil.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$vigil/api/v1/health" >/dev/null && break; sleep 0.5
  done
  password="$(sed -n "s/.*created user 'admin' with password *\([A-Za-z0-9]*\).*/\1/p" "$work/vigil.log" | head -1)"
  [[ -n "$password" ]] || { echo "no admin password in $work/vigil.log" >&2; exit 1; }
  args+=(--server "http://127.0.0.1:$vigil" --enrol-token "$(cat "$work/vigil/enrolment-token")" --password "$password")
fi
if [[ "$targets" == *prometheus* ]]; then
  args+=(--prometheus-exporter-port $exporter --prometheus-hook-port $prom_hook)
fi

echo "Alert latency, $alerts alerts each, $(date -u +%FT%TZ), $(nproc) CPUs; logs in $work"
"$java" -cp "$bench_jar" io.vigil.bench.alert.AlertLatencyBench "${args[@]}"
