#!/usr/bin/env bash
# Scale benchmark of issue 8, side by side in one run on this machine: the same reproducible
# line-protocol data set (10,000 hosts x 20 fields x 30 timestamps = 6M samples, 4 parallel
# senders) into Vigil's ILP endpoint, Debian's VictoriaMetrics and Debian's InfluxDB 1.6, one after
# the other (each alone on the machine); then bytes per sample on disk after a flush and the four
# dashboard queries (io.vigil.bench.scale.ScaleBench says which).
#
# usage: vigil-bench/scripts/scale-bench.sh [ScaleBench options, e.g. --hosts 1000 --reps 10]
#        TARGETS="vigil victoriametrics influxdb" (default all three)
# Needs: victoria-metrics, influxdb, curl (apt-get install -y victoria-metrics influxdb curl);
#        ./vigil build.
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
java="${JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/java}}"; java="${java:-java}"
for tool in victoria-metrics influxd curl du; do
  command -v "$tool" >/dev/null || { echo "$tool is missing: apt-get install -y victoria-metrics influxdb curl" >&2; exit 1; }
done
server_jar="$here/vigil-server/target/vigil-server.jar"
bench_jar="$here/vigil-bench/target/vigil-bench.jar"
[[ -f "$server_jar" && -f "$bench_jar" ]] || { echo "build first: ./vigil build" >&2; exit 1; }

work="$(mktemp -d /tmp/scale-bench.XXXXXX)"
script_args=("$@")
pid=""
stop() { [[ -n "$pid" ]] && { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }; pid=""; }
trap stop EXIT
await() { # url
  for _ in $(seq 1 240); do curl -sf -o /dev/null "$1" && return 0; sleep 0.5; done
  echo "$1 did not answer" >&2; exit 1
}
opt() { # name default: the value of --name in the script's arguments
  local name="--$1" value="$2" prev=""
  for arg in "${script_args[@]}"; do [[ "$prev" == "$name" ]] && value="$arg"; prev="$arg"; done
  echo "$value"
}
bench() { # target url data
  "$java" -cp "$bench_jar" io.vigil.bench.scale.ScaleBench --target "$1" --url "$2" --pid "$pid" --data "$3" "${@:4}"
}

echo "Scale benchmark, $(date -u +%FT%TZ), $(nproc) CPUs, $(java -version 2>&1 | head -1); logs in $work"
echo
echo "| target | samples/s, new series | samples/s, again | wall, new | target CPU, new | bytes/sample after flush | q1 raw 1 h (median / p95 ms) | q2 1-min avg all hosts | q3 top-10 max 5 min | q4 5-min buckets 20 fields |"
echo "|---|---|---|---|---|---|---|---|---|---|"
targets="${TARGETS:-vigil victoriametrics influxdb}"
notes=()

if [[ "$targets" == *vigil* ]]; then
  vm_flags=(--enable-native-access=ALL-UNNAMED)
  [[ "$("$java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1)" -ge 23 ]] && vm_flags+=(--sun-misc-unsafe-memory-access=allow)
  # shellcheck disable=SC2086
  "$java" "${vm_flags[@]}" ${VIGIL_SERVER_OPTS:-} -jar "$server_jar" --vigil.data-dir="$work/vigil" \
    --server.port=18600 >"$work/vigil.log" 2>&1 &
  pid=$!
  await http://127.0.0.1:18600/api/v1/health
  password="$(sed -n "s/.*created user 'admin' with password *\([A-Za-z0-9]*\).*/\1/p" "$work/vigil.log" | head -1)"
  bench vigil http://127.0.0.1:18600 "$work/vigil" --password "$password" "$@"
  stop
  # A clean stop closes QuestDB's writers, which trims each column file to its data.
  table="$(ls -d "$work"/vigil/metrics/db/bench~*)"
  raw="$(du -s --block-size=1 --exclude='wal*' --exclude=txn_seq "$table" | cut -f1)"
  views="$(du -cs --block-size=1 "$work"/vigil/metrics/db/bench_1[mh]~* | tail -1 | cut -f1)"
  samples=$(( $(opt hosts 10000) * $(opt fields 20) * $(opt timestamps 30) ))
  notes+=("Vigil after a clean stop (QuestDB trims its column files): raw table $raw bytes = $(awk "BEGIN {printf \"%.2f\", $raw / $samples}") B/sample; its 1-minute and 1-hour rollup views $views bytes")
fi

if [[ "$targets" == *victoriametrics* ]]; then
  victoria-metrics -storageDataPath="$work/vm" -httpListenAddr=127.0.0.1:18601 \
    -search.latencyOffset=0s -dedup.minScrapeInterval=1ms -loggerLevel=ERROR >"$work/vm.log" 2>&1 &
  pid=$!
  await http://127.0.0.1:18601/health
  bench victoriametrics http://127.0.0.1:18601 "$work/vm" "$@"
  stop
fi

if [[ "$targets" == *influxdb* ]]; then
  mkdir -p "$work/influxdb"
  cat >"$work/influxdb.conf" <<CONF
reporting-disabled = true
bind-address = "127.0.0.1:18688"
[meta]
  dir = "$work/influxdb/meta"
[data]
  dir = "$work/influxdb/data"
  wal-dir = "$work/influxdb/wal"
  cache-snapshot-write-cold-duration = "5s"
  query-log-enabled = false
[http]
  bind-address = "127.0.0.1:18686"
  log-enabled = false
[monitor]
  store-enabled = false
[continuous_queries]
  enabled = false
CONF
  influxd -config "$work/influxdb.conf" >"$work/influxdb.log" 2>&1 &
  pid=$!
  await http://127.0.0.1:18686/ping
  bench influxdb http://127.0.0.1:18686 "$work/influxdb" "$@"
  stop
fi
echo
for note in "${notes[@]}"; do echo "$note"; done
