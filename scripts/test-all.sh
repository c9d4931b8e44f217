#!/usr/bin/env bash
# Every check and test, in the order a failure is cheapest to find.
# Called by `./run test` (which has already set up the toolchain).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
export CI=true
export BACKSTAGE_TEST_DISABLE_DOCKER=1

summary=()
step() {
  local name="$1"
  shift
  local started=$SECONDS
  printf '\n=== %s\n' "$name"
  "$@"
  summary+=("$(printf '%-28s ok  %4ss' "$name" $((SECONDS - started)))")
}

cleanup_pg=""
cleanup_redis=""
cleanup() {
  if [[ -n "$cleanup_pg" ]]; then
    eval "$cleanup_pg" || true
  fi
  if [[ -n "$cleanup_redis" ]]; then
    eval "$cleanup_redis" || true
  fi
}
trap cleanup EXIT

# A throwaway PostgreSQL 15 cluster for TestDatabases, when the server
# binaries exist: as root it runs as the `postgres` user (runuser), as any
# other user as that user (initdb needs no root). Whatever goes wrong, the
# PostgreSQL cases are skipped with one printed reason (TestDatabases skips
# an engine without a connection string); the run goes on.
pg_bindir=/usr/lib/postgresql/15/bin
skip_postgres() {
  echo "SKIPPING PostgreSQL cases: $*"
  return 0
}
start_postgres() {
  if [[ -n "${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:-}" ]]; then
    echo "using PostgreSQL from BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING"
    return 0
  fi
  if [[ ! -x "$pg_bindir/initdb" || ! -x "$pg_bindir/pg_ctl" ]]; then
    skip_postgres "no PostgreSQL 15 server binaries in $pg_bindir (Debian package postgresql-15)"
    return 0
  fi
  local as=()
  if [[ $(id -u) -eq 0 ]]; then
    if ! id postgres >/dev/null 2>&1; then
      skip_postgres "running as root and there is no postgres user to run the server as"
      return 0
    fi
    as=(runuser -u postgres --)
  fi
  local dir port
  dir="$(mktemp -d "${TMPDIR:-/tmp}/rocket-club-pg.XXXXXX")"
  chmod 700 "$dir"
  [[ ${#as[@]} -gt 0 ]] && chown postgres "$dir"
  port="$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
  if ! "${as[@]}" "$pg_bindir/initdb" -D "$dir/data" -A trust -U postgres >"$dir/initdb.log" 2>&1; then
    skip_postgres "initdb failed ($(tail -1 "$dir/initdb.log"))"
    rm -rf "$dir"
    return 0
  fi
  if ! "${as[@]}" "$pg_bindir/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" start >/dev/null 2>&1; then
    skip_postgres "the server did not start ($(tail -1 "$dir/log" 2>/dev/null))"
    rm -rf "$dir"
    return 0
  fi
  cleanup_pg="${as[*]} $pg_bindir/pg_ctl -D $dir/data -m immediate stop >/dev/null; rm -rf $dir"
  export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING="postgresql://postgres@127.0.0.1:$port"
  echo "PostgreSQL 15 running on 127.0.0.1:$port ($dir)"
}

# Debian's redis-server on a free loopback port, without persistence, for
# the shared-cache tests (TestCaches' REDIS_7 and the two-instance test).
# Installed with apt as root when missing; without it those cases skip.
start_redis() {
  if [[ -n "${BACKSTAGE_TEST_CACHE_REDIS7_CONNECTION_STRING:-}" ]]; then
    echo "using Redis from BACKSTAGE_TEST_CACHE_REDIS7_CONNECTION_STRING"
    return 0
  fi
  if ! command -v redis-server >/dev/null && [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    echo "installing redis-server with apt-get"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null ||
      { apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null; } || true
  fi
  if ! command -v redis-server >/dev/null; then
    echo "SKIPPING Redis cases: no redis-server (apt-get install redis-server)"
    return 0
  fi
  local port pid
  port="$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
  redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no >/dev/null &
  pid=$!
  cleanup_redis="kill $pid"
  for _ in $(seq 50); do
    redis-cli -p "$port" ping >/dev/null 2>&1 && break
    sleep 0.1
  done
  export BACKSTAGE_TEST_CACHE_REDIS7_CONNECTION_STRING="redis://127.0.0.1:$port"
  echo "Redis running on 127.0.0.1:$port (pid $pid)"
}

ensure_tools() {
  local missing=()
  command -v chromium >/dev/null || missing+=(chromium)
  command -v shellcheck >/dev/null || missing+=(shellcheck)
  if [[ ${#missing[@]} -gt 0 ]]; then
    if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
      echo "installing ${missing[*]} with apt-get"
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null ||
        { apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null; }
    else
      echo "missing ${missing[*]}; install them with your package manager" >&2
    fi
  fi
}

step "tools (chromium, shellcheck)" ensure_tools
# From scratch: the API reports are made from the declarations tsc emits,
# and an incremental build may print the members of an inferred union in
# another order than a fresh one (CI's) does.
fresh_tsc() {
  rm -rf dist-types
  yarn tsc
}

step "tsc" fresh_tsc
step "lint" yarn lint:all
step "prettier" yarn prettier:check
step "package metadata" yarn fix --check
# The code generated from openapi.yaml (server spec, common types) is current.
step "generated REST contract" yarn workspace @rocket-club/plugin-environments-backend schema:check
step "api and sql reports" yarn check:api-reports
step "knip reports (unused and unlisted dependencies)" yarn check:knip-reports
step "postgresql" start_postgres
step "redis" start_redis
step "unit and database tests" yarn test --passWithNoTests
# The browser flows need Debian's Chromium (installed above as root).
browser_tests() {
  local chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
  if [[ ! -x "$chromium" ]]; then
    echo "SKIPPING browser flows: no Chromium at $chromium (apt-get install chromium, or set CHROMIUM_PATH)"
    return 0
  fi
  yarn test:browser
}
step "browser" browser_tests

printf '\n=== summary\n'
printf '%s\n' "${summary[@]}"
