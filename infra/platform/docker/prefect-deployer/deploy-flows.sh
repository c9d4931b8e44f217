#!/usr/bin/env bash
# Entry point of the Prefect deployer image: fetch the flows repository at
# FLOWS_REF (a branch, tag or commit) and run `prefect deploy --all` against
# PREFECT_API_URL. Extra arguments are passed to `prefect deploy`.
set -euo pipefail

: "${PREFECT_API_URL:?PREFECT_API_URL is required (the Prefect API inside the VPC)}"
: "${FLOWS_REPOSITORY:?FLOWS_REPOSITORY is required (HTTPS clone URL of the flows repository)}"
ref="${FLOWS_REF:-main}"

workdir="$(mktemp -d)"
trap 'rm -rf "$workdir"' EXIT

git_auth=()
if [[ -n "${GITHUB_TOKEN:-}" ]]; then
  # The token travels in a header of these git commands only: never in the
  # URL, a config file or the log.
  basic="$(printf 'x-access-token:%s' "$GITHUB_TOKEN" | base64 -w0)"
  git_auth=(-c "http.extraHeader=Authorization: Basic ${basic}")
fi

cd "$workdir"
git init --quiet flows
cd flows
git remote add origin "$FLOWS_REPOSITORY"
git "${git_auth[@]}" fetch --quiet --depth 1 origin "$ref"
git checkout --quiet --detach FETCH_HEAD

echo "deploy-flows: $(git rev-parse HEAD) of ${FLOWS_REPOSITORY} (${ref}) to ${PREFECT_API_URL}"
prefect deploy --all "$@"
