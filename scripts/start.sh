#!/usr/bin/env bash
# `./run start`: the loopback stand-ins of packages/sandbox (CircleCI, GitHub,
# ECR, the environment's endpoints) and the portal (frontend :3000, backend
# :7007), all on local defaults. Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

set -m
yarn workspace @rocket-club/sandbox start &
sandbox=$!
trap 'kill -TERM -- -"$sandbox" 2>/dev/null || true' EXIT INT TERM

# The backend's first ingestion should find the stand-ins listening.
for _ in $(seq 1 60); do
  if node -e 'require("net").connect(7010,"127.0.0.1").on("connect",()=>process.exit(0)).on("error",()=>process.exit(1))'; then
    break
  fi
  sleep 0.5
done

yarn start "$@"
