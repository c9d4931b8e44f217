#!/usr/bin/env bash
# The one way Terraform runs against prod (infra/platform/infra/envs/prod),
# in CircleCI and on a laptop alike: same backend configuration, no prompts,
# the same lock timeout, plans saved to a file and applied exactly as saved.
#
#   terraform-prod.sh init     init with prod.s3.tfbackend
#   terraform-prod.sh plan     plan to .terraform-plans/prod.tfplan (+ .txt)
#   terraform-prod.sh apply    apply that saved plan, nothing else
#   terraform-prod.sh park     record parked=true and apply it
#   terraform-prod.sh unpark   record parked=false and apply it
#
# The park state lives in the SSM parameter /rocket-club/prod/parked. Every
# plan reads it and passes -var parked=<value>; only park/unpark write it. So
# an ordinary plan/apply keeps a parked environment parked.
#
# Environment: TF_LOCK_TIMEOUT (default 10m), TF_PLAN_DIR (default
# <root>/.terraform-plans), AWS_REGION (default eu-west-2); AWS credentials
# from the usual chain (CircleCI: OIDC, see .circleci/config.yml).
set -euo pipefail

readonly PARK_PARAMETER=/rocket-club/prod/parked
# What park/unpark may change, and only in place. Anything else in their plan
# means prod has changes that did not go through terraform-prod's reviewed
# plan and approval; park/unpark then refuse. packages/infra-checks keeps this
# list in step with the modules.
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

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../infra/envs/prod" && pwd)"
plan_dir="${TF_PLAN_DIR:-$root/.terraform-plans}"
plan_file="$plan_dir/prod.tfplan"
lock_timeout="${TF_LOCK_TIMEOUT:-10m}"
export AWS_REGION="${AWS_REGION:-eu-west-2}"
export TF_IN_AUTOMATION=1

tf() {
  terraform -chdir="$root" "$@"
}

# The recorded park state: true or false. A missing parameter means the
# environment has never been applied (the first apply creates it): active.
read_parked() {
  local value
  if ! value="$(aws ssm get-parameter --name "$PARK_PARAMETER" --query Parameter.Value --output text 2>&1)"; then
    if [[ "$value" == *ParameterNotFound* ]]; then
      echo "terraform-prod.sh: no park record at $PARK_PARAMETER yet; treating prod as active" >&2
      value=false
    else
      die "cannot read $PARK_PARAMETER: $value"
    fi
  fi
  [[ "$value" == true || "$value" == false ]] || die "$PARK_PARAMETER holds '$value', expected true or false"
  echo "$value"
}

write_parked() {
  aws ssm put-parameter --name "$PARK_PARAMETER" --type String --overwrite --value "$1" >/dev/null
  echo "terraform-prod.sh: recorded $PARK_PARAMETER=$1"
}

# plan_to FILE PARKED: a saved plan plus its human-readable rendering.
plan_to() {
  mkdir -p "$(dirname "$1")"
  tf plan -input=false -lock-timeout="$lock_timeout" -var "parked=$2" -out="$1"
  tf show -no-color "$1" >"$1.txt"
  echo "terraform-prod.sh: saved plan $1 (parked=$2)"
}

apply_saved() {
  tf apply -input=false -lock-timeout="$lock_timeout" "$1"
}

# Lists "<actions> <address>" for every change in a saved plan outside
# PARK_SCOPE, or that is not an in-place update.
out_of_park_scope() {
  local scope
  scope="$(printf '%s\n' "${PARK_SCOPE[@]}" | jq -R . | jq -s .)"
  tf show -json "$1" | jq -r --argjson scope "$scope" '
    .resource_changes[]?
    | select(.change.actions != ["no-op"] and .change.actions != ["read"])
    | select((.change.actions != ["update"]) or ((.address | IN($scope[])) | not))
    | "\(.change.actions | join(",")) \(.address)"'
}

park_to() {
  local target="$1" park_plan="$plan_dir/park.tfplan" stray
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
    parked="$(read_parked)"
    plan_to "$plan_file" "$parked"
    ;;
  apply)
    [[ -f "$plan_file" ]] || die "no saved plan at $plan_file: run 'terraform-prod.sh plan' first (in CI it comes from terraform-prod-plan)"
    planned="$(tf show -json "$plan_file" | jq -r '.variables.parked.value')"
    recorded="$(read_parked)"
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
