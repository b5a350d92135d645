#!/usr/bin/env bash
# Agent overhead: runs Prometheus node_exporter and the Vigil agent side by side at a 10 s
# interval and compares their resident memory (VmRSS) and CPU time (utime+stime).
#
# usage: vigil-bench/scripts/agent-overhead.sh SERVER_URL ENROL_TOKEN [SECONDS]
#   SERVER_URL   a Vigil server the agent reports to, or "none": the agent then points at a closed
#                local port and spools (enrolment fails and is retried with back-off; collection,
#                batching and spooling run exactly as usual, only the HTTP sends are missing)
#   ENROL_TOKEN  an enrolment token of that server (anything when SERVER_URL is none)
#   SECONDS      measured window, default 120; a 15 s warm-up before it is not counted
#
# Environment: JAVA (java binary, default $JAVA_HOME/bin/java or java on PATH, must be >= 21),
#   AGENT_JAR (default vigil-agent/target/vigil-agent.jar), NODE_EXPORTER_PORT (default 19100).
# Needs: Debian's prometheus-node-exporter, curl. It installs nothing.
set -euo pipefail

here="$(cd "$(dirname "$0")/../.." && pwd)"
server="${1:-}"; token="${2:-}"; window="${3:-120}"
if [[ -z "$server" || -z "$token" ]]; then
  sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi
warmup=15
interval=10
port="${NODE_EXPORTER_PORT:-19100}"
jar="${AGENT_JAR:-$here/vigil-agent/target/vigil-agent.jar}"
opts_file="$here/vigil-agent/jvm.options"
java="${JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/java}}"; java="${java:-java}"

ne="$(command -v prometheus-node-exporter || command -v node_exporter || true)"
if [[ -z "$ne" ]]; then
  echo "prometheus-node-exporter is not installed. On Debian/Ubuntu install it with:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y prometheus-node-exporter" >&2
  echo "(the package also starts a service on :9100; this script runs its own copy on :$port)" >&2
  exit 1
fi
command -v curl >/dev/null || { echo "curl is needed to scrape node_exporter" >&2; exit 1; }
[[ -f "$jar" ]] || { echo "agent jar $jar not found: mvn -B -q -pl vigil-agent install" >&2; exit 1; }
jv="$("$java" -XshowSettings:properties -version 2>&1 | awk -F= '/java.specification.version/{gsub(/ /,"",$2);print $2}')"
[[ "${jv%%.*}" -ge 21 ]] 2>/dev/null || { echo "$java is Java '$jv'; the agent needs >= 21 (set JAVA or JAVA_HOME)" >&2; exit 1; }
if ss -ltn 2>/dev/null | grep -q ":$port "; then
  echo "port $port is busy; set NODE_EXPORTER_PORT" >&2; exit 1
fi

mapfile -t jvm_opts < <(grep -v '^\s*#' "$opts_file" | sed '/^\s*$/d')
work="$(mktemp -d /tmp/agent-overhead.XXXXXX)"
[[ "$server" == none ]] && server="http://127.0.0.1:9"
ne_pid=""; agent_pid=""
cleanup() {
  set +e # stop both even if one already died
  for pid in $agent_pid $ne_pid; do
    kill "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
  done
  return 0
}
trap cleanup EXIT

"$ne" --web.listen-address="127.0.0.1:$port" >"$work/node_exporter.log" 2>&1 &
ne_pid=$!
MALLOC_ARENA_MAX=2 "$java" "${jvm_opts[@]}" -jar "$jar" --server "$server" --enrol-token "$token" \
  --state-dir "$work/agent-state" >"$work/agent.log" 2>&1 &
agent_pid=$!

hz="$(getconf CLK_TCK)"
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
rss_kb() { awk '/^VmRSS:/{print $2}' "/proc/$1/status"; }
alive() { kill -0 "$1" 2>/dev/null || { echo "process $1 died; logs in $work" >&2; exit 1; }; }

scrape() { curl -fsS -o /dev/null "http://127.0.0.1:$port/metrics" || echo "scrape failed" >&2; }

echo "warm-up ${warmup}s (node_exporter pid $ne_pid, agent pid $agent_pid, logs in $work)" >&2
for ((t = 0; t < warmup; t++)); do
  ((t % interval == 0)) && scrape
  sleep 1
done
alive "$ne_pid"; alive "$agent_pid"
ne_cpu0=$(cpu_ticks "$ne_pid"); ag_cpu0=$(cpu_ticks "$agent_pid")
ne_sum=0; ne_max=0; ag_sum=0; ag_max=0; n=0
echo "measuring ${window}s" >&2
for ((t = 0; t < window; t++)); do
  ((t % interval == 0)) && scrape
  alive "$ne_pid"; alive "$agent_pid"
  r=$(rss_kb "$ne_pid"); ne_sum=$((ne_sum + r)); ((r > ne_max)) && ne_max=$r
  r=$(rss_kb "$agent_pid"); ag_sum=$((ag_sum + r)); ((r > ag_max)) && ag_max=$r
  n=$((n + 1))
  sleep 1
done
ne_cpu1=$(cpu_ticks "$ne_pid"); ag_cpu1=$(cpu_ticks "$agent_pid")
spooled=$(find "$work/agent-state" -name '*.json.gz' -not -path '*/rejected/*' | wc -l)

mb() { awk -v kb="$1" 'BEGIN{printf "%.1f", kb/1024}'; }
secs() { awk -v t="$1" -v hz="$hz" 'BEGIN{printf "%.2f", t/hz}'; }
echo
echo "Agent overhead, ${window}s window after ${warmup}s warm-up, ${interval}s interval, $(nproc) CPUs, $(date -u +%FT%TZ)"
echo "Agent: $("$java" -version 2>&1 | head -1), server ${1}; batches left in spool: $spooled"
echo
echo "| process | RSS avg MB | RSS max MB | CPU s (window) | CPU s (total incl. start-up) |"
echo "|---|---:|---:|---:|---:|"
echo "| node_exporter ($("$ne" --version 2>&1 | awk 'NR==1{print $3}')) | $(mb $((ne_sum / n))) | $(mb "$ne_max") | $(secs $((ne_cpu1 - ne_cpu0))) | $(secs "$ne_cpu1") |"
echo "| vigil-agent | $(mb $((ag_sum / n))) | $(mb "$ag_max") | $(secs $((ag_cpu1 - ag_cpu0))) | $(secs "$ag_cpu1") |"
