#!/usr/bin/env bash
# Smoke checks of prod's public surfaces through CloudFront, run after every
# apply and unpark (verify-prod-endpoints). Each URL must answer 2xx within
# the retry budget. While prod is parked the pipelines surface is expected
# down, so only the portal is checked.
#
# Environment: PROD_PORTAL_HEALTH_URL, PROD_PIPELINES_HEALTH_URL (CircleCI
# context rocket-club-prod), VERIFY_ATTEMPTS (default 20), VERIFY_DELAY
# (seconds, default 15), PARKED (true/false; read from SSM when unset),
# PROD_ECS_CLUSTER (default rocket-club-prod: asked whether a parked portal
# runs).
set -euo pipefail

readonly PARK_PARAMETER=/rocket-club/prod/parked

[[ $# -eq 0 ]] || {
  echo "usage: verify-prod-endpoints.sh (configured through the environment)" >&2
  exit 64
}
: "${PROD_PORTAL_HEALTH_URL:?PROD_PORTAL_HEALTH_URL is required}"
: "${PROD_PIPELINES_HEALTH_URL:?PROD_PIPELINES_HEALTH_URL is required}"
attempts="${VERIFY_ATTEMPTS:-20}"
delay="${VERIFY_DELAY:-15}"
cluster="${PROD_ECS_CLUSTER:-rocket-club-prod}"

parked="${PARKED:-}"
if [[ -z "$parked" ]]; then
  parked="$(aws ssm get-parameter --name "$PARK_PARAMETER" --query Parameter.Value --output text)"
fi
[[ "$parked" == true || "$parked" == false ]] || {
  echo "verify-prod-endpoints.sh: park state '$parked' is neither true nor false" >&2
  exit 1
}

# check NAME URL: retries until a 2xx answer or the budget is spent.
check() {
  local name="$1" url="$2" attempt status
  for ((attempt = 1; attempt <= attempts; attempt++)); do
    status="$(curl --silent --show-error --location --max-time 10 --output /dev/null \
      --write-out '%{http_code}' "$url" 2>/dev/null || true)"
    if [[ "$status" =~ ^2[0-9][0-9]$ ]]; then
      echo "ok    $name $url ($status, attempt $attempt)"
      return 0
    fi
    echo "wait  $name $url (${status:-no answer}, attempt $attempt/$attempts)"
    if ((attempt < attempts)); then
      sleep "$delay"
    fi
  done
  echo "FAIL  $name $url did not answer 2xx after $attempts attempts" >&2
  return 1
}

# Parked with park_portal (as a new environment starts, see terraform-prod.sh)
# the portal runs no task either: skip it then, asking ECS.
portal_tasks=1
if [[ "$parked" == true ]]; then
  portal_tasks="$(aws ecs describe-services --cluster "$cluster" --services portal \
    --query 'services[0].desiredCount' --output text)"
fi

failed=0
if [[ "$portal_tasks" == 0 ]]; then
  echo "skip  portal $PROD_PORTAL_HEALTH_URL (prod is parked with the portal: expected down)"
else
  check portal "$PROD_PORTAL_HEALTH_URL" || failed=1
fi
if [[ "$parked" == true ]]; then
  echo "skip  pipelines $PROD_PIPELINES_HEALTH_URL (prod is parked: expected down)"
else
  check pipelines "$PROD_PIPELINES_HEALTH_URL" || failed=1
fi
exit "$failed"
