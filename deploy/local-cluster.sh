#!/usr/bin/env bash
# Starts an N-silo cluster on this machine, the production layout in miniature: a throwaway PostgreSQL
# (clustering, grain state, reminders) and N silo processes on 127.0.0.1, HTTP on 5080, 5081, ...
# MQTT on 1883, 1884, ...; one Kafka-protocol broker embedded in the first silo, used by all; and the dashboard on its own
# (an Orleans client) on http://127.0.0.1:5090, beside each silo's.
#   deploy/local-cluster.sh [N=3]        Ctrl-C stops everything and deletes the database.
# Uses an existing database instead when ORLEANS_CONNECTION is set (then nothing is created or deleted).
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-3}
work=$(mktemp -d /tmp/streaming-cluster.XXXXXX)
chmod 755 "$work"   # the postgres user must reach its data folder inside
pids=()

cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  # Silos shut down gracefully (deactivating grains, flushing Kafka); give them 20 s, then stop them hard.
  for _ in $(seq 1 20); do
    alive=0; for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ $alive -eq 0 ] && break; sleep 1
  done
  for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  if [ -z "${ORLEANS_CONNECTION:-}" ]; then bash scripts/postgres-throwaway.sh stop "$work/pg" >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

if [ -z "${ORLEANS_CONNECTION:-}" ]; then
  port=55432
  bash scripts/postgres-throwaway.sh start "$work/pg" "$port"
  PGHOST=127.0.0.1 PGPORT=$port PGUSER=postgres PGDATABASE=streaming bash deploy/postgres/create-database.sh
  ORLEANS_CONNECTION="Host=127.0.0.1;Port=$port;Database=streaming;Username=postgres"
fi

dotnet build silo/Streaming.Silo -c Release -v q --nologo
dotnet build dashboard/Streaming.Dashboard.Host -c Release -v q --nologo
silo=artifacts/bin/Streaming.Silo/release/Streaming.Silo.dll
dashboard=artifacts/bin/Streaming.Dashboard.Host/release/Streaming.Dashboard.Host.dll

start_silo() { # index, extra env...
  local i=$1; shift
  env ConnectionStrings__Orleans="$ORLEANS_CONNECTION" Urls="http://127.0.0.1:$((5080 + i))" \
    Orleans__SiloPort=$((11111 + i)) Orleans__GatewayPort=$((30000 + i)) Mqtt__Port=$((1883 + i)) \
    Replay__ArchiveFolder="$work/history$i" Media__Folder="$work/media" "$@" \
    dotnet "$silo" > "$work/silo$i.log" 2>&1 &
  pids+=($!)
}

start_silo 0
for _ in $(seq 1 60); do curl -sf http://127.0.0.1:5080/health >/dev/null && break; sleep 1; done
bootstrap=$(curl -sf http://127.0.0.1:5080/api/info | sed -n 's/.*"bootstrapServers":"\([^"]*\)".*/\1/p')
for i in $(seq 1 $((n - 1))); do start_silo "$i" Kafka__BootstrapServers="$bootstrap"; done
for i in $(seq 0 $((n - 1))); do
  for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$((5080 + i))/health" >/dev/null && break; sleep 1; done
  echo "silo $i: http://127.0.0.1:$((5080 + i))  mqtt 127.0.0.1:$((1883 + i))  log $work/silo$i.log"
done
env ConnectionStrings__Orleans="$ORLEANS_CONNECTION" Urls="http://127.0.0.1:5090" Media__Folder="$work/media" \
  dotnet "$dashboard" > "$work/dashboard.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 60); do curl -sf http://127.0.0.1:5090/health >/dev/null && break; sleep 1; done
echo "dashboard: http://127.0.0.1:5090  log $work/dashboard.log (its sign-in is printed there)"
echo "Kafka bootstrap: $bootstrap (in silo 0's memory). Ctrl-C to stop."
wait
