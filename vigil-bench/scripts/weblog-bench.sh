#!/usr/bin/env bash
# Web log analysis benchmark, in one run:
#  1. a reproducible 2,000,000-line combined access log (seeded generator, realistic skew);
#  2. Debian's goaccess and `./vigil weblog analyze` on it, each RUNS times, alternating, after
#     the file was read once into the page cache: wall time, lines/s, CPU time and peak RSS
#     (/usr/bin/time -v), median run reported;
#  3. the agent's steady-state cost at RATE lines/s: two agents side by side, one without and
#     one with a weblog item following a file a writer appends RATE lines/s to; CPU time of each
#     (utime+stime from /proc/PID/stat) over WINDOW seconds after a warm-up.
#
# usage: vigil-bench/scripts/weblog-bench.sh [WORK_DIR]
# Environment: LINES (2000000), SEED (7), RUNS (3), RATE (1000), WINDOW (90), WARMUP (20),
#   SKIP_ANALYZE=1 or SKIP_AGENT=1 to run one part only, AGENT_JVM_OPTIONS (a file of JVM flags
#   for both agents, default vigil-agent/jvm.options).
# Needs: goaccess, /usr/bin/time (Debian package "time"), the jars (./vigil build). Installs nothing.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
work="${1:-/tmp/vigil-weblog-bench}"
lines="${LINES:-2000000}"; seed="${SEED:-7}"; runs="${RUNS:-3}"
rate="${RATE:-1000}"; window="${WINDOW:-90}"; warmup="${WARMUP:-20}"
agent_jar="$root/vigil-agent/target/vigil-agent.jar"
bench_jar="$root/vigil-bench/target/vigil-bench.jar"
java="${JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/java}}"; java="${java:-java}"

[[ -x /usr/bin/time ]] || { echo "/usr/bin/time is missing: apt-get install -y time" >&2; exit 1; }
command -v goaccess >/dev/null || { echo "goaccess is missing: apt-get install -y goaccess" >&2; exit 1; }
[[ -f "$agent_jar" && -f "$bench_jar" ]] || { echo "jars missing: ./vigil build" >&2; exit 1; }
mkdir -p "$work"
log="$work/access.log"


# one measured run: label, command...; appends "label wall user sys rss_kb" to $work/runs.txt
measure() {
  local label="$1"; shift
  /usr/bin/time -v -o "$work/time.txt" "$@" >"$work/$label.out" 2>"$work/$label.err"
  awk -v label="$label" '
    /Elapsed \(wall clock\)/ { n = split($NF, t, ":"); wall = (n == 3) ? t[1]*3600 + t[2]*60 + t[3] : t[1]*60 + t[2] }
    /User time/ { user = $NF } /System time/ { sys = $NF } /Maximum resident/ { rss = $NF }
    END { printf "%s %.2f %.2f %.2f %d\n", label, wall, user, sys, rss }' "$work/time.txt" >>"$work/runs.txt"
}

if [[ "${SKIP_ANALYZE:-0}" != 1 ]]; then
  echo "generating $lines lines (seed $seed) ..." >&2
  "$java" -cp "$bench_jar" io.vigil.bench.weblog.AccessLogGenerator --lines "$lines" --seed "$seed" --out "$log"
  size_mb=$(awk -v b="$(stat -c %s "$log")" 'BEGIN{printf "%.0f", b/1048576}')
  sha=$(sha256sum "$log" | cut -c1-16)
  cat "$log" >/dev/null # both tools read from the page cache
  : >"$work/runs.txt"
  for ((i = 1; i <= runs; i++)); do
    echo "run $i/$runs: goaccess ..." >&2
    measure goaccess goaccess "$log" --log-format=COMBINED --no-progress -o "$work/goaccess.json"
    echo "run $i/$runs: goaccess --process-and-exit ..." >&2
    measure goaccess-parse goaccess "$log" --log-format=COMBINED --no-progress --process-and-exit
    echo "run $i/$runs: vigil weblog analyze ..." >&2
    measure vigil "$root/vigil" weblog analyze "$log" --json
  done
  median() { # label column -> median value over the runs
    awk -v l="$1" -v c="$2" '$1 == l { print $c }' "$work/runs.txt" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
  }
  goaccess_requests=$(python3 -c "import json;print(json.load(open('$work/goaccess.json'))['general']['valid_requests'])" 2>/dev/null || echo "?")
  vigil_requests=$(python3 -c "import json;print(json.load(open('$work/vigil.out'))['requests'])" 2>/dev/null || echo "?")
  echo
  echo "Offline analysis of $lines combined lines ($size_mb MiB, seed $seed, sha256 $sha…), median of $runs runs, $(nproc) CPUs, $(date -u +%FT%TZ)"
  echo "goaccess $(goaccess --version 2>/dev/null | awk 'NR==1{print $3}' | tr -d '.' | sed 's/./&./g;s/\.$//') counted $goaccess_requests valid requests, vigil $vigil_requests"
  echo
  echo "| tool | wall s | lines/s | CPU s (user+sys) | peak RSS MiB |"
  echo "|---|---:|---:|---:|---:|"
  for label in goaccess goaccess-parse vigil; do
    wall=$(median "$label" 2); user=$(median "$label" 3); sys=$(median "$label" 4); rss=$(median "$label" 5)
    name="$label"
    [[ "$label" == goaccess ]] && name="goaccess --log-format=COMBINED -o report.json"
    [[ "$label" == goaccess-parse ]] && name="goaccess --log-format=COMBINED --process-and-exit"
    [[ "$label" == vigil ]] && name="./vigil weblog analyze --json"
    awk -v n="$name" -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" -v l="$lines" \
      'BEGIN { printf "| %s | %.2f | %\047d | %.2f | %.0f |\n", n, w, l / w, u + s, r / 1024 }'
  done
  gw=$(median goaccess 2); vw=$(median vigil 2)
  awk -v g="$gw" -v v="$vw" 'BEGIN { printf "\nvigil / goaccess lines/s: %.1f×\n", g / v }'
fi

if [[ "${SKIP_AGENT:-0}" != 1 ]]; then
  mapfile -t jvm_opts < <(grep -v '^\s*#' "${AGENT_JVM_OPTIONS:-$root/vigil-agent/jvm.options}" | sed '/^\s*$/d')
  live="$work/live.log"; : >"$live"
  for name in base weblog; do
    rm -rf "$work/agent-$name"; mkdir -p "$work/agent-$name"
  done
  echo '{"version":1,"items":{}}' >"$work/agent-base/config.json"
  printf '{"version":1,"items":{"web":{"intervalSeconds":10,"enabled":true,"kind":"weblog","params":{"paths":"%s"}}}}\n' \
    "$live" >"$work/agent-weblog/config.json"
  pids=()
  cleanup() { set +e; for p in "${pids[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done; return 0; }
  trap cleanup EXIT
  for name in base weblog; do
    # no server: enrolment is retried with back-off; collection, checks and spooling run as usual
    MALLOC_ARENA_MAX=2 "$java" "${jvm_opts[@]}" -jar "$agent_jar" --server http://127.0.0.1:9 \
      --enrol-token none --state-dir "$work/agent-$name" >"$work/agent-$name.log" 2>&1 &
    pids+=($!)
  done
  base_pid=${pids[0]}; weblog_pid=${pids[1]}
  "$java" -cp "$bench_jar" io.vigil.bench.weblog.AccessLogGenerator --rate "$rate" \
    --seconds $((warmup + window + 15)) --seed "$seed" --out "$live" &
  pids+=($!)
  hz=$(getconf CLK_TCK)
  ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
  rss() { awk '/^VmRSS:/{print $2}' "/proc/$1/status"; }
  echo "agents: base pid $base_pid, weblog pid $weblog_pid; writer at $rate lines/s; warm-up ${warmup}s" >&2
  sleep "$warmup"
  b0=$(ticks "$base_pid"); w0=$(ticks "$weblog_pid"); size0=$(stat -c %s "$live")
  echo "measuring ${window}s" >&2
  sleep "$window"
  b1=$(ticks "$base_pid"); w1=$(ticks "$weblog_pid"); size1=$(stat -c %s "$live")
  brss=$(rss "$base_pid"); wrss=$(rss "$weblog_pid")
  offset=$(awk -F'[:\t]' '/^[0-9]/{print $3}' "$work/agent-weblog/checks/web.state" 2>/dev/null || echo 0)
  echo
  echo "Agent steady state at $rate lines/s, ${window}s window after ${warmup}s warm-up, $(nproc) CPUs, $(date -u +%FT%TZ)"
  echo "(log grew $(( (size1 - size0) / 1024 )) KiB in the window; the weblog agent's saved offset $offset of $(stat -c %s "$live") bytes)"
  echo
  echo "| agent | CPU s in window | % of one core | RSS MiB |"
  echo "|---|---:|---:|---:|"
  awk -v t="$((b1 - b0))" -v hz="$hz" -v w="$window" -v r="$brss" 'BEGIN { printf "| without weblog item | %.2f | %.2f | %.1f |\n", t / hz, 100 * t / hz / w, r / 1024 }'
  awk -v t="$((w1 - w0))" -v hz="$hz" -v w="$window" -v r="$wrss" 'BEGIN { printf "| with weblog item | %.2f | %.2f | %.1f |\n", t / hz, 100 * t / hz / w, r / 1024 }'
  awk -v d="$((w1 - w0 - b1 + b0))" -v hz="$hz" -v w="$window" 'BEGIN { printf "| **weblog item alone** | %.2f | **%.2f** | |\n", d / hz, 100 * d / hz / w }'
fi
