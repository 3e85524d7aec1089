#!/usr/bin/env bash
# Starts and stops a private, disposable PostgreSQL cluster for tests.
#
#   scripts/postgres-throwaway.sh start DIR PORT   # initdb DIR, listen on 127.0.0.1:PORT, start
#   scripts/postgres-throwaway.sh stop DIR         # immediate stop; the caller removes DIR
#
# The cluster trades durability for speed (fsync, synchronous_commit and full_page_writes off):
# it is for tests only and never touches the machine's own cluster. POSTGRES_THROWAWAY_DURABLE=1
# keeps PostgreSQL's durable defaults instead (the benchmark harness measures commits as production
# pays them). It listens on loopback only, with its socket inside DIR, and trusts local TCP
# connections, so any user name works.
# PostgreSQL refuses to run as root, so when we are root the server runs as the `postgres` user.
set -euo pipefail

usage() {
  echo "usage: $0 start DIR PORT | stop DIR" >&2
  exit 2
}

# Finds a PostgreSQL binary directory: PATH first, then Debian's versioned directories (newest first).
find_bindir() {
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(command -v initdb)"
    return 0
  fi
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k4 -V -r); do
    if [[ -x "$dir/initdb" && -x "$dir/pg_ctl" ]]; then
      echo "$dir"
      return 0
    fi
  done
  echo "postgres-throwaway: initdb/pg_ctl not found in PATH or /usr/lib/postgresql/*/bin." >&2
  echo "Install the server binaries: apt-get install -y postgresql (Debian package 'postgresql')." >&2
  return 1
}

# Runs a command as the cluster owner: ourselves, unless we are root.
as_owner() {
  if [[ "$(id -u)" -eq 0 ]]; then
    if ! id postgres >/dev/null 2>&1; then
      echo "postgres-throwaway: running as root needs the 'postgres' user (created by apt-get install postgresql)." >&2
      return 1
    fi
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

start() {
  local dir="$1" port="$2"
  [[ "$port" =~ ^[0-9]+$ ]] || { echo "postgres-throwaway: PORT must be a number, got '$port'" >&2; exit 2; }
  local bindir
  bindir="$(find_bindir)"
  mkdir -p "$dir"
  dir="$(cd "$dir" && pwd)"
  if [[ -e "$dir/data/PG_VERSION" ]]; then
    echo "postgres-throwaway: $dir/data already holds a cluster; use a fresh directory." >&2
    exit 1
  fi
  if [[ "$(id -u)" -eq 0 ]]; then
    chown postgres: "$dir"
  fi

  # --no-sync: nothing here needs to survive a crash, and skipping the fsyncs saves most of initdb's time.
  as_owner "$bindir/initdb" --pgdata="$dir/data" --username=postgres --auth=trust \
    --encoding=UTF8 --locale=C.UTF-8 --no-sync --no-instructions >"$dir/initdb.log" 2>&1 || {
    echo "postgres-throwaway: initdb failed; its output:" >&2
    cat "$dir/initdb.log" >&2
    exit 1
  }

  # Settings appended last win over initdb's defaults.
  cat >>"$dir/data/postgresql.conf" <<CONF

# --- throwaway test cluster (scripts/postgres-throwaway.sh) ---
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
max_connections = 200
CONF
  if [[ "${POSTGRES_THROWAWAY_DURABLE:-}" != 1 ]]; then
    printf 'fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n' >>"$dir/data/postgresql.conf"
  fi

  # Trust only loopback TCP and the private socket; nothing else is reachable anyway.
  cat >"$dir/data/pg_hba.conf" <<HBA
local all all              trust
host  all all 127.0.0.1/32 trust
HBA

  as_owner "$bindir/pg_ctl" --pgdata="$dir/data" --log="$dir/server.log" --wait --timeout=30 \
    --silent start || {
    echo "postgres-throwaway: pg_ctl start failed; server log:" >&2
    cat "$dir/server.log" >&2 || true
    exit 1
  }
  echo "postgres-throwaway: started PostgreSQL ($("$bindir/postgres" --version)) in $dir on 127.0.0.1:$port"
}

stop() {
  local dir="$1"
  if [[ ! -e "$dir/data/postmaster.pid" ]]; then
    echo "postgres-throwaway: no running cluster in $dir"
    return 0
  fi
  local bindir
  bindir="$(find_bindir)"
  as_owner "$bindir/pg_ctl" --pgdata="$dir/data" --mode=immediate --wait --silent stop
  echo "postgres-throwaway: stopped the cluster in $dir"
}

case "${1:-}" in
  start) [[ $# -eq 3 ]] || usage; start "$2" "$3" ;;
  stop) [[ $# -eq 2 ]] || usage; stop "$2" ;;
  *) usage ;;
esac
