#!/usr/bin/env bash
# `./run start`: the loopback stand-ins of packages/sandbox (CircleCI, GitHub,
# ECR, the environment's endpoints) and the portal (frontend :3000, backend
# :7007), all on local defaults. Ctrl-C (SIGINT) or SIGTERM stops everything
# it started, within 10 s.
# shellcheck disable=SC2317 # stop_all and on_signal run from traps
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# 3000 frontend, 7007 backend, 7010-7013 sandbox (CircleCI, GitHub, ECR,
# endpoints).
PORTS=(3000 7007 7010 7011 7012 7013)
STOP_GRACE_S=8

# Whether anything accepts connections on the port, over IPv4 or IPv6.
port_taken() {
  node -e '
    const net = require("net");
    const port = Number(process.argv[1]);
    const tryHost = host => new Promise(done => {
      const s = net.connect({ port, host });
      s.setTimeout(1000, () => { s.destroy(); done(false); });
      s.on("connect", () => { s.destroy(); done(true); });
      s.on("error", () => done(false));
    });
    Promise.all(["127.0.0.1", "::1"].map(tryHost))
      .then(r => process.exit(r.some(Boolean) ? 0 : 1));
  ' "$1"
}

taken=()
for port in "${PORTS[@]}"; do
  if port_taken "$port"; then taken+=("$port"); fi
done
if [[ ${#taken[@]} -gt 0 ]]; then
  for port in "${taken[@]}"; do
    echo "port $port is already in use; see who holds it with: ss -ltnp 'sport = :$port'" >&2
  done
  echo "nothing was started: stop what holds the port(s), then run ./run start again" >&2
  exit 1
fi

# Each part runs in a session of its own (setsid), so that stopping it
# reaches every process it spawned (yarn, backstage-cli, node, the dev
# server) and none is left holding a port.
groups=()
start_group() {
  setsid "$@" &
  groups+=("$!")
}

stopping=0
stop_all() {
  [[ $stopping -eq 1 ]] && return
  stopping=1
  local pgid alive
  for pgid in "${groups[@]}"; do
    kill -TERM -- "-$pgid" 2>/dev/null || true
  done
  for _ in $(seq 1 $((STOP_GRACE_S * 10))); do
    alive=0
    for pgid in "${groups[@]}"; do
      if kill -0 -- "-$pgid" 2>/dev/null; then alive=1; fi
    done
    [[ $alive -eq 0 ]] && return
    sleep 0.1
  done
  for pgid in "${groups[@]}"; do
    kill -KILL -- "-$pgid" 2>/dev/null || true
  done
}

on_signal() {
  echo "stopping the portal and the sandbox..." >&2
  stop_all
  exit 130
}
trap on_signal INT TERM
trap stop_all EXIT

start_group yarn workspace @rocket-club/sandbox start --parked-nights 3

# The backend's first ingestion should find the stand-ins listening.
for _ in $(seq 1 120); do
  port_taken 7010 && break
  sleep 0.5
done

start_group yarn start "$@"

# Until Ctrl-C, or until either part ends on its own (then stop the other).
set +e
wait -n
status=$?
set -e
echo "a part of the portal exited (status $status); stopping the rest" >&2
exit "$status"
