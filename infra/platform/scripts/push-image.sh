#!/usr/bin/env bash
# Builds one image and pushes it to an IMMUTABLE ECR repository of this
# account, in the region of AWS_REGION. Used by the CircleCI image jobs.
#
#   push-image.sh --context DIR [--dockerfile FILE] --repository NAME --tag TAG
#                 --if-exists keep|retag [--archive-tag TAG] [--label KEY=VALUE]...
#
# --if-exists keep   an existing TAG is never overwritten: the script says so
#                    and pushes nothing (re-running a job for the same commit
#                    is then harmless).
# --if-exists retag  the one deliberate exception, for the base image's fixed
#                    tag: the new image is first pushed under --archive-tag
#                    (which must be new), then TAG is removed from the old
#                    image and pushed again for the new one.
# A tag named "latest" is refused outright.
set -euo pipefail

usage() {
  cat >&2 <<'USAGE'
usage: push-image.sh --context DIR [--dockerfile FILE] --repository NAME --tag TAG
                     --if-exists keep|retag [--archive-tag TAG] [--label KEY=VALUE]...
USAGE
  exit 64
}

die() {
  echo "push-image.sh: $*" >&2
  exit 1
}

context="" dockerfile="" repository="" tag="" if_exists="" archive_tag=""
labels=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --context | --dockerfile | --repository | --tag | --if-exists | --archive-tag | --label)
      [[ $# -ge 2 && -n "$2" ]] || { echo "push-image.sh: $1 needs a value" >&2; usage; }
      case "$1" in
        --context) context="$2" ;;
        --dockerfile) dockerfile="$2" ;;
        --repository) repository="$2" ;;
        --tag) tag="$2" ;;
        --if-exists) if_exists="$2" ;;
        --archive-tag) archive_tag="$2" ;;
        --label) labels+=(--label "$2") ;;
      esac
      shift 2
      ;;
    *)
      echo "push-image.sh: unknown argument '$1'" >&2
      usage
      ;;
  esac
done

[[ -n "$context" && -n "$repository" && -n "$tag" && -n "$if_exists" ]] || usage
[[ "$if_exists" == keep || "$if_exists" == retag ]] || { echo "push-image.sh: --if-exists must be keep or retag, not '$if_exists'" >&2; usage; }
[[ "$if_exists" == keep || -n "$archive_tag" ]] || { echo "push-image.sh: --if-exists retag needs --archive-tag" >&2; usage; }
dockerfile="${dockerfile:-$context/Dockerfile}"
[[ -d "$context" ]] || die "no build context '$context'"
[[ -f "$dockerfile" ]] || die "no Dockerfile '$dockerfile'"
: "${AWS_REGION:?AWS_REGION is required}"

check_tag() {
  [[ "$1" =~ ^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$ ]] || die "invalid image tag '$1'"
  [[ "${1,,}" != latest ]] || die "refusing the mutable-looking tag '$1': every tag here names one build"
}
check_tag "$tag"
[[ -z "$archive_tag" ]] || check_tag "$archive_tag"

# Prints the digest TAG names in the repository, nothing if it names none;
# any other failure (permissions, a missing repository) stops the script.
digest_of() {
  local out
  if out="$(aws ecr describe-images --repository-name "$repository" --image-ids "imageTag=$1" \
    --query 'imageDetails[0].imageDigest' --output text 2>&1)"; then
    echo "$out"
  elif [[ "$out" == *ImageNotFoundException* ]]; then
    return 0
  else
    die "describe-images for '$repository:$1' failed: $out"
  fi
}

mutability="$(aws ecr describe-repositories --repository-names "$repository" \
  --query 'repositories[0].imageTagMutability' --output text)"
[[ "$mutability" == IMMUTABLE ]] || die "repository '$repository' is $mutability, not IMMUTABLE: refusing to push"

existing="$(digest_of "$tag")"
if [[ -n "$existing" && "$if_exists" == keep ]]; then
  echo "push-image.sh: $repository:$tag already exists ($existing); refusing to overwrite it, nothing pushed."
  exit 0
fi
if [[ -n "$archive_tag" && -n "$(digest_of "$archive_tag")" ]]; then
  die "$repository:$archive_tag already exists; refusing to overwrite it"
fi

account="$(aws sts get-caller-identity --query Account --output text)"
registry="$account.dkr.ecr.$AWS_REGION.amazonaws.com"
aws ecr get-login-password --region "$AWS_REGION" | docker login --username AWS --password-stdin "$registry"
# Base images come from Docker Hub: pull as a user (DOCKERHUB_USERNAME and
# DOCKERHUB_TOKEN, context rocket-club-dockerhub), not anonymously, so that its
# anonymous rate limit cannot fail a build.
if [[ -n "${DOCKERHUB_USERNAME:-}" && -n "${DOCKERHUB_TOKEN:-}" ]]; then
  printf '%s' "$DOCKERHUB_TOKEN" | docker login --username "$DOCKERHUB_USERNAME" --password-stdin
elif [[ "${DOCKERHUB_REQUIRED:-}" == 1 ]]; then
  die "DOCKERHUB_USERNAME and DOCKERHUB_TOKEN are required (DOCKERHUB_REQUIRED=1)"
fi

image="$registry/$repository"
docker build --pull \
  --file "$dockerfile" \
  --tag "$image:$tag" \
  --label "org.opencontainers.image.created=$(date -u +%Y-%m-%dT%H:%M:%SZ)" \
  "${labels[@]}" \
  "$context"

if [[ -n "$archive_tag" ]]; then
  docker tag "$image:$tag" "$image:$archive_tag"
  docker push "$image:$archive_tag"
fi
if [[ -n "$existing" ]]; then
  # retag: the tag moves only here, deliberately, and the previous image stays
  # addressable by digest (and by its own archive tag).
  echo "push-image.sh: moving $repository:$tag from $existing to the new build"
  aws ecr batch-delete-image --repository-name "$repository" --image-ids "imageTag=$tag" >/dev/null
fi
docker push "$image:$tag"

# An assignment, not a $(...) inside echo: a failing lookup stops the script.
pushed="$(digest_of "$tag")"
[[ -n "$pushed" ]] || die "$repository:$tag is not in ECR after the push"
echo "push-image.sh: pushed $repository:$tag ($pushed)"
