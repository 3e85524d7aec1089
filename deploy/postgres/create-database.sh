#!/usr/bin/env bash
# Creates the Streaming database if it is missing and applies the Orleans ADO.NET scripts beside
# this file (00-main, 10-clustering, 20-persistence, 30-reminders) in order.
#
#   PGHOST=db.example PGPORT=5432 PGUSER=postgres PGDATABASE=streaming deploy/postgres/create-database.sh
#
# Connection settings are libpq's environment variables (PGHOST, PGPORT, PGUSER, PGPASSWORD,
# PGSSLMODE, ...). PGUSER defaults to postgres and PGDATABASE to streaming. The user needs the
# right to create databases (or the database must exist) and to create tables and functions in it.
#
# Safe to run again: every script is idempotent, and each is applied in one transaction that
# stops at the first error, so a failed run leaves that script's changes out entirely.
set -euo pipefail

export PGUSER="${PGUSER:-postgres}"
export PGDATABASE="${PGDATABASE:-streaming}"
script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

psql_bin="$(command -v psql || true)"
if [[ -z "$psql_bin" ]]; then
  psql_bin="$(ls -d /usr/lib/postgresql/*/bin/psql 2>/dev/null | sort -V | tail -n 1 || true)"
fi
if [[ -z "$psql_bin" ]]; then
  echo "create-database: psql not found. Install it: apt-get install -y postgresql-client" >&2
  exit 1
fi

target="${PGUSER}@${PGHOST:-local socket}:${PGPORT:-5432}/${PGDATABASE}"

psql_admin() {
  "$psql_bin" --dbname=postgres --no-psqlrc --quiet --tuples-only --no-align -v ON_ERROR_STOP=1 "$@"
}

# CREATE DATABASE cannot run inside a transaction block or a function, so the check and the
# creation are two steps; losing a race to a concurrent creator is reported by PostgreSQL.
exists="$(psql_admin -v db="$PGDATABASE" <<'SQL'
SELECT count(*) FROM pg_database WHERE datname = :'db';
SQL
)"
if [[ "$exists" == "0" ]]; then
  psql_admin -v db="$PGDATABASE" <<'SQL'
SELECT format('CREATE DATABASE %I', :'db') \gexec
SQL
  echo "create-database: created database $target"
else
  echo "create-database: database $target already exists"
fi

for script in 00-main.sql 10-clustering.sql 20-persistence.sql 30-reminders.sql; do
  # client_min_messages=warning hides the "already exists, skipping" notices of a re-run.
  PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning" \
    "$psql_bin" --no-psqlrc --quiet --single-transaction -v ON_ERROR_STOP=1 \
    --file="$script_dir/$script" >/dev/null
  echo "create-database: applied $script"
done

queries="$("$psql_bin" --no-psqlrc --quiet --tuples-only --no-align -c 'SELECT count(*) FROM OrleansQuery')"
echo "create-database: $target is ready ($queries Orleans queries installed)"
