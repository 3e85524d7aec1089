#!/usr/bin/env bash
# Runs one end-to-end benchmark scenario of tests/Streaming.Harness against the real silo process and appends its row
# (date, commit, machine, scenario, figures, notes) to the "End-to-end harness" table of docs/benchmarks.md.
#   bash scripts/bench.sh SCENARIO [options]
# Scenarios: cold-start, sensors-mqtt, sensors-http, sensors-kafka, transport-mqtt, transport-http, transport-kafka,
#   memory-entities, replay (--duration caps the ingest), images (default --rate 10, --sources 20 cameras),
#   address-search (default --rate 100).
# Options (all optional): --rate N (events/s; default 200), --duration S (default 20), --find-max, --step S (default 10),
#   --growth F (1.5), --max-p99 MS (1000), --connections N (100), --sources N (10000), --qos 0|1 (1), --warmup S (5),
#   --repeat N (cold starts, 3), --entities N (memory-entities, 100000), --history M (sensors-*: M minutes of one event a
#   minute per source first, 0), --set KEY=VALUE (a silo setting, repeatable),
#   --broker embedded|separate (sensors-*: the Kafka-protocol broker in the silo, or as `Streaming.Silo.dll kafka-broker` in
#   a process of its own with its CPU reported apart), --storage memory|postgres|postgres-durable (sensors-*: grain state in the
#   silo, or a throwaway PostgreSQL with deploy/postgres applied, as in production, its CPU counted; without fsync, or with
#   PostgreSQL's durable defaults). See tests/Streaming.Harness/Settings.cs.
# Builds Release once into its own artifacts folder (artifacts/bench), so it never fights a test build; the harness
# starts the silo on free 127.0.0.1 ports (embedded MQTT and Kafka-protocol brokers) and every process goes at the end.
# BENCH_SILO_DLL=path/Streaming.Silo.dll measures a silo built elsewhere instead (e.g. from `git archive` of a commit
# while the work tree does not build); BENCH_COMMIT then names that build in the row.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ $# -lt 1 ] || [[ $1 == -* ]]; then
  awk 'NR > 1 && !/^#/ { exit } NR > 1' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi
scenario=$1
shift

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
artifacts=artifacts/bench
silo_dll=${BENCH_SILO_DLL:-$artifacts/bin/Streaming.Silo/release/Streaming.Silo.dll}
if [ -z "${BENCH_SILO_DLL:-}" ]; then
  dotnet build silo/Streaming.Silo -c Release --artifacts-path "$artifacts" --nologo -v q -clp:ErrorsOnly
fi
dotnet build tests/Streaming.Harness -c Release --artifacts-path "$artifacts" --nologo -v q -clp:ErrorsOnly
harness_dll="$artifacts/bin/Streaming.Harness/release/Streaming.Harness.dll"

out=$(mktemp)
harness_pid=""
cleanup() {
  # The harness and the silo it starts share one process group (setsid below): end that group, and nothing else.
  if [ -n "$harness_pid" ] && kill -0 "$harness_pid" 2>/dev/null; then
    kill -TERM -- "-$harness_pid" 2>/dev/null || true
    sleep 2
    kill -KILL -- "-$harness_pid" 2>/dev/null || true
  fi
  rm -f "$out"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Progress goes to stderr (the terminal); the FIGURES and NOTES lines to $out.
setsid dotnet "$harness_dll" "$scenario" --silo "$silo_dll" "$@" >"$out" &
harness_pid=$!
status=0
wait "$harness_pid" || status=$?
harness_pid=""
if [ "$status" -ne 0 ]; then
  cat "$out"
  echo "bench: the harness failed (exit $status); no row written" >&2
  exit "$status"
fi

figures=$(sed -n 's/^FIGURES: //p' "$out")
notes=$(sed -n 's/^NOTES: //p' "$out")
if [ -z "$figures" ]; then
  cat "$out"
  echo "bench: the harness printed no FIGURES line; no row written" >&2
  exit 1
fi
if [ -n "${BENCH_SILO_DLL:-}" ]; then notes="$notes; silo prebuilt outside the work tree: $BENCH_SILO_DLL"; fi

if [ -n "${BENCH_COMMIT:-}" ]; then
  commit=$BENCH_COMMIT
else
  commit=$(git rev-parse --short HEAD)
  if [ -n "$(git status --porcelain 2>/dev/null)" ]; then commit="$commit-dirty"; fi
fi
mem=$(awk '/^MemTotal:/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)
os=$(. /etc/os-release && echo "$PRETTY_NAME")
machine="$(nproc) cores, $mem, $os, .NET SDK $(dotnet --version)"
cell() { printf '%s' "$1" | sed 's/|/\\|/g'; }
row="| $(date -u '+%Y-%m-%d %H:%M') UTC | \`$commit\` | $(cell "$machine") | \`$(cell "$scenario${*:+ $*}")\` | $(cell "$figures") | $(cell "$notes") |"

doc=docs/benchmarks.md
section="## End-to-end harness"
if ! grep -qx "$section" "$doc"; then
  cat >>"$doc" <<'DOC'

## End-to-end harness

`bash scripts/bench.sh SCENARIO [options]` (tests/Streaming.Harness) runs the Release silo as its own process with the
embedded default on free loopback ports and appends one row here per run. Throughput scenarios are open loop: events
are sent at a fixed rate over many connections whatever the replies do, and latency runs from each event's *intended*
send time until it is on the clean-events topic (`streaming.clean.v1`, matched by `ce_id`), in an HdrHistogram, so a
stall shows in the tail. *ack* is the transport's own acknowledgement (PUBACK after durability, HTTP 202, Kafka
delivery). Each run starts with an unreported warm-up long enough to send every source's first event (grain
activation). A rate is *sustainable* when everything sent is out within the drain time, the backlog never passes 5 s of
sending, and p99 (also over the step's last quarter) stays under 1 s (defaults of `--backlog`, `--max-p99`). CPU is
the silo process's utime + stime from /proc/PID/stat; it includes the embedded Kafka-protocol broker, which runs inside it.
*Allocated/event* is the silo's `alloc-rate` counter summed over the step, and memory-entities forces a full blocking GC
before reading `gc-heap-size`, both through the .NET diagnostics port (EventPipe, as dotnet-counters and dotnet-gcdump do).

| Date | Commit | Machine | Scenario | Figures | Notes |
|---|---|---|---|---|---|
DOC
fi
# Insert after the last table line of the section, so rows stay in one table even if sections follow it.
# (The row goes through the environment: awk -v would read its backslashes as escapes.)
SECTION="$section" ROW="$row" awk '
  BEGIN { section = ENVIRON["SECTION"]; row = ENVIRON["ROW"] }
  { lines[NR] = $0 }
  $0 == section { in_section = 1; next }
  in_section && /^## / { in_section = 0 }
  in_section && /^\|/ { last = NR }
  END { for (i = 1; i <= NR; i++) { print lines[i]; if (i == last) print row } }
' "$doc" >"$doc.tmp" && mv "$doc.tmp" "$doc"

echo "$row"
