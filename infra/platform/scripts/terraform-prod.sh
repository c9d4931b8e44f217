#!/usr/bin/env bash
# The one way Terraform runs against prod (infra/platform/infra/envs/prod),
# in CircleCI and on a laptop alike: same backend configuration, no prompts,
# the same lock timeout, plans saved to a file and applied exactly as saved.
#
#   terraform-prod.sh init     init with prod.s3.tfbackend
#   terraform-prod.sh plan     plan to .terraform-plans/prod.tfplan (+ .txt, and
#                              .summary.json: what changes, never to what)
#   terraform-prod.sh apply    apply that saved plan, nothing else
#   terraform-prod.sh park     record parked=true and apply it
#   terraform-prod.sh unpark   record parked=false and apply it
#
# The park state lives in the SSM parameter /rocket-club/prod/parked. Every
# plan reads it and passes -var parked=<value>; only park/unpark write it. So
# an ordinary plan/apply keeps a parked environment parked. A new environment
# (no record yet) is planned parked, portal included: its secrets and
# database users are set after the first apply, then `unpark` starts it
# (infra/README.md, "First apply").
#
# Environment: TF_LOCK_TIMEOUT (default 10m), TF_PLAN_DIR (default
# <root>/.terraform-plans), TF_PLAN_NO_LOCK=1 or true (read-only plans of pull
# requests and drift checks: no state lock), AWS_REGION (default eu-west-2);
# AWS credentials from the usual chain (CircleCI: OIDC, see
# .circleci/config.yml).
set -euo pipefail

readonly PARK_PARAMETER=/rocket-club/prod/parked
readonly SECRET_PREFIX=rocket-club/prod/
# What park/unpark may change: these resources, in place, and in them only the
# attribute park mode drives (desired_count of a service, enabled of an event
# source mapping). Anything else in their plan means prod has changes that
# did not go through terraform-prod's reviewed plan and approval; park/unpark
# then refuse. packages/infra-checks keeps this list in step with the modules.
readonly PARK_SCOPE=(
  module.ecs.aws_ecs_service.portal
  module.ecs.aws_ecs_service.prefect_server
  module.ecs.aws_ecs_service.prefect_worker
  module.ork_processor.aws_lambda_event_source_mapping.uploads
)

usage() {
  echo "usage: terraform-prod.sh init|plan|apply|park|unpark" >&2
  exit 64
}

die() {
  echo "terraform-prod.sh: $*" >&2
  exit 1
}

[[ $# -eq 1 ]] || usage
command="$1"
case "$command" in
  init | plan | apply | park | unpark) ;;
  *)
    echo "terraform-prod.sh: unknown subcommand '$command'" >&2
    usage
    ;;
esac

scripts="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$scripts/../infra/envs/prod" && pwd)"
plan_dir="${TF_PLAN_DIR:-$root/.terraform-plans}"
plan_file="$plan_dir/prod.tfplan"
lock_timeout="${TF_LOCK_TIMEOUT:-10m}"
export AWS_REGION="${AWS_REGION:-eu-west-2}"
export TF_IN_AUTOMATION=1

tf() {
  terraform -chdir="$root" "$@"
}

# The recorded park state: true or false, or none when the parameter does not
# exist (a new environment: the first apply creates it).
read_record() {
  local value
  if ! value="$(aws ssm get-parameter --name "$PARK_PARAMETER" --query Parameter.Value --output text 2>&1)"; then
    if [[ "$value" == *ParameterNotFound* ]]; then
      echo none
      return 0
    fi
    die "cannot read $PARK_PARAMETER: $value"
  fi
  [[ "$value" == true || "$value" == false ]] || die "$PARK_PARAMETER holds '$value', expected true or false"
  echo "$value"
}

# Secrets whose value was never set: unparking with them would start tasks
# that cannot start, and wait for a steady state that never comes.
unseeded_secrets() {
  aws secretsmanager list-secrets --filters "Key=name,Values=$SECRET_PREFIX" \
    --query 'SecretList[?SecretVersionsToStages == null].Name' --output text
}

write_parked() {
  aws ssm put-parameter --name "$PARK_PARAMETER" --type String --overwrite --value "$1" >/dev/null
  echo "terraform-prod.sh: recorded $PARK_PARAMETER=$1"
}

# plan_to FILE PARKED [ARG...]: a saved plan, its human-readable rendering and
# its value-free summary (plan-summary.jq).
plan_to() {
  local lock=()
  [[ "${TF_PLAN_NO_LOCK:-}" != 1 && "${TF_PLAN_NO_LOCK:-}" != true ]] || lock=(-lock=false)
  mkdir -p "$(dirname "$1")"
  tf plan -input=false -lock-timeout="$lock_timeout" "${lock[@]}" -var "parked=$2" "${@:3}" -out="$1"
  tf show -no-color "$1" >"$1.txt"
  # An assignment first, so that a failing show or jq stops the script.
  local summary
  summary="$(tf show -json "$1" | jq -f "$scripts/plan-summary.jq")"
  printf '%s\n' "$summary" >"$1.summary.json"
  echo "terraform-prod.sh: saved plan $1 (parked=$2), summary $1.summary.json"
}

apply_saved() {
  tf apply -input=false -lock-timeout="$lock_timeout" "$1"
}

# Lists "<actions> <address> (<attributes>)" for every change in a saved plan
# outside PARK_SCOPE, that is not an in-place update, or that changes (or
# leaves unknown) anything but the attribute park mode drives.
out_of_park_scope() {
  local scope
  scope="$(printf '%s\n' "${PARK_SCOPE[@]}" | jq -R . | jq -s .)"
  tf show -json "$1" | jq -r --argjson scope "$scope" '
    def driven: {aws_ecs_service: "desired_count", aws_lambda_event_source_mapping: "enabled"}[.type];
    def without($key): if type == "object" and $key != null then del(.[$key]) else . end;
    def changed($key): (.change.before // {} | without($key)) as $b
      | (.change.after // {} | without($key)) as $a
      | (.change.after_unknown // {} | without($key)) as $u
      | [($b + $a + $u) | keys[] | select($b[.] != $a[.] or ([$u[.] | .. | select(. == true)] != []))];
    .resource_changes[]?
    | select(.change.actions != ["no-op"] and .change.actions != ["read"])
    | driven as $key
    | (if .change.actions == ["update"] and (.address | IN($scope[])) then changed($key) else ["*"] end) as $stray
    | select($stray != [])
    | "\(.change.actions | join(",")) \(.address) (\($stray | join(", ")))"'
}

park_to() {
  local target="$1" park_plan="$plan_dir/park.tfplan" stray record
  record="$(read_record)"
  [[ "$record" != none ]] || die "prod has never been applied (no $PARK_PARAMETER): run terraform-prod first"
  if [[ "$target" == false ]]; then
    local unseeded
    unseeded="$(unseeded_secrets)"
    [[ -z "$unseeded" || "$unseeded" == None ]] ||
      die "refusing to unpark: these secrets have no value yet (infra/README.md, \"Secrets\"): $unseeded"
  fi
  plan_to "$park_plan" "$target"
  stray="$(out_of_park_scope "$park_plan")"
  if [[ -n "$stray" ]]; then
    printf 'terraform-prod.sh: refusing to %s: the plan also contains changes outside park mode:\n%s\n' \
      "$command" "$stray" >&2
    die "apply them through the terraform-prod workflow (plan, approval, apply) first"
  fi
  # Record the intent before applying: if the apply fails half way, the next
  # plan still aims at the requested state instead of undoing it.
  write_parked "$target"
  apply_saved "$park_plan"
}

case "$command" in
  init)
    lockfile_mode=()
    # A lock file from the plan job (or the repository) is used as is.
    if [[ -f "$root/.terraform.lock.hcl" ]]; then
      lockfile_mode=(-lockfile=readonly)
    fi
    tf init -input=false -lock-timeout="$lock_timeout" \
      -backend-config="$root/prod.s3.tfbackend" "${lockfile_mode[@]}"
    ;;
  plan)
    # An assignment, so that a failure to read the record stops the script.
    record="$(read_record)"
    if [[ "$record" == none ]]; then
      echo "terraform-prod.sh: no park record at $PARK_PARAMETER yet: a new environment is planned parked, portal included, until its secrets and database users exist" >&2
      plan_to "$plan_file" true -var park_portal=true
    else
      plan_to "$plan_file" "$record"
    fi
    ;;
  apply)
    [[ -f "$plan_file" ]] || die "no saved plan at $plan_file: run 'terraform-prod.sh plan' first (in CI it comes from terraform-prod-plan)"
    planned="$(tf show -json "$plan_file" | jq -r '.variables.parked.value')"
    recorded="$(read_record)"
    # A new environment's plan is a parked one (see plan).
    [[ "$recorded" != none ]] || recorded=true
    [[ "$planned" == "$recorded" ]] ||
      die "the saved plan was made with parked=$planned but prod is now recorded as parked=$recorded: plan again"
    apply_saved "$plan_file"
    ;;
  park)
    park_to true
    ;;
  unpark)
    park_to false
    ;;
esac
