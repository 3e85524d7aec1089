#!/usr/bin/env bash
# Runs every test tier. Installs the Debian packages the tests need (only those missing), builds once,
# runs each test project, and prints one closing line: "N passed, N failed, N skipped".
# Exits non-zero when a test fails, a project fails to run, or no test ran at all.
set -uo pipefail
cd "$(dirname "$0")/.."

# package:command pairs; a package is installed when its command is missing (node may come from elsewhere).
packages=(postgresql:/usr/lib/postgresql mosquitto:mosquitto mosquitto-clients:mosquitto_pub kcat:kcat nodejs:node npm:npm
  chromium:chromium fonts-dejavu-core:/usr/share/fonts/truetype/dejavu)
missing=()
for entry in "${packages[@]}"; do
  p=${entry%%:*}; c=${entry#*:}
  if [[ $c == /* ]]; then [ -e "$c" ] || missing+=("$p"); else command -v "$c" >/dev/null 2>&1 || missing+=("$p"); fi
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" \
    || { echo "apt-get could not install: ${missing[*]}"; exit 1; }
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# kafkajs, the independent Kafka client of the Kafka end-to-end tests, exactly as tests/node/package-lock.json pins it.
(cd tests/node && npm ci --no-audit --no-fund --silent) || { echo "0 passed, 1 failed"; echo "npm ci in tests/node failed"; exit 1; }
results=artifacts/test-results
rm -rf "$results"; mkdir -p "$results"

dotnet build Streaming.sln -c Release --nologo -v q || { echo "0 passed, 1 failed"; echo "build failed"; exit 1; }

status=0
for project in tests/*.Tests/*.Tests.csproj; do
  name=$(basename "$project" .csproj)
  echo "== $name"
  dotnet test "$project" -c Release --no-build --nologo \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=normal" \
    --results-directory "$results" --blame-hang-timeout 10m || status=1
done

passed=0; failed=0; skipped=0; total=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  t=$(get total); e=$(get executed); p=$(get passed); f=$(get failed)
  passed=$((passed + p)); failed=$((failed + f + $(get error) + $(get timeout) + $(get aborted)))
  skipped=$((skipped + t - e)); total=$((total + t))
done

# Name each failed test and the first line of its message here, so the last lines of a run say what failed.
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  awk '/<UnitTestResult / && /outcome="Failed"/ { match($0, /testName="[^"]*"/); name = substr($0, RSTART + 10, RLENGTH - 11); want = 1 }
       want && /<Message>/ { sub(/.*<Message>/, ""); print "FAILED " name ": " substr($0, 1, 400); want = 0 }' "$trx"
done
echo "$passed passed, $failed failed, $skipped skipped"
if [ "$total" -eq 0 ]; then echo "no test ran"; exit 1; fi
if [ "$failed" -gt 0 ] || [ "$status" -ne 0 ]; then exit 1; fi
exit 0
