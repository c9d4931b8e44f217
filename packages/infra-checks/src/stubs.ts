import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/*
 * Stand-ins for terraform, aws and docker, so the scripts of
 * infra/platform/scripts run for real (bash, jq, their own logic) while
 * every external call is recorded instead of reaching AWS.
 */
const TERRAFORM = `#!/usr/bin/env bash
echo "terraform $*" >>"$STUB_LOG"
args=("$@")
[[ "\${args[0]}" == -chdir=* ]] && args=("\${args[@]:1}")
case "\${args[0]}" in
  show) if [[ " \${args[*]} " == *" -json "* ]]; then cat "$STUB_PLAN_JSON"; else echo "rendered plan"; fi ;;
  plan) for a in "\${args[@]}"; do [[ "$a" == -out=* ]] && : >"\${a#-out=}"; done ;;
esac
exit 0
`;

const AWS = `#!/usr/bin/env bash
echo "aws $*" >>"$STUB_LOG"
tag=""
for a in "$@"; do [[ "$a" == imageTag=* ]] && tag="\${a#imageTag=}"; done
case "$1 $2" in
  "ssm get-parameter")
    if [[ "$STUB_PARKED" == missing ]]; then
      echo "An error occurred (ParameterNotFound) when calling the GetParameter operation" >&2; exit 254
    fi
    echo "$STUB_PARKED" ;;
  "ecr describe-repositories") echo "\${STUB_MUTABILITY:-IMMUTABLE}" ;;
  "ecr describe-images")
    if [[ " \${STUB_EXISTING_TAGS:-} " == *" $tag "* ]]; then echo "sha256:old-$tag"
    elif grep -qx "$tag" "$STUB_LOG.pushed" 2>/dev/null; then echo "sha256:new-$tag"
    else echo "An error occurred (ImageNotFoundException) when calling the DescribeImages operation" >&2; exit 254; fi ;;
  "sts get-caller-identity") echo 111122223333 ;;
  "ecs describe-services") echo "\${STUB_PORTAL_TASKS:-1}" ;;
  "secretsmanager list-secrets") echo "\${STUB_UNSEEDED:-}" ;;
  "ecr get-login-password") echo stub-password ;;
esac
exit 0
`;

const DOCKER = `#!/usr/bin/env bash
echo "docker $*" >>"$STUB_LOG"
[[ "$1" == login ]] && cat >/dev/null
[[ "$1" == push && -z "\${STUB_LOSE_PUSHES:-}" ]] && echo "\${2##*:}" >>"$STUB_LOG.pushed"
exit 0
`;

/** The outcome of one script run against the stand-ins. */
export interface StubRun {
  status: number | null;
  stdout: string;
  stderr: string;
  /** Every call to terraform, aws or docker, in order. */
  calls: string[];
  dir: string;
}

/**
 * Runs `script` with `args`, the stand-ins first on PATH and `env` added.
 * `planJson` is what `terraform show -json` prints.
 */
export async function runWithStubs(
  script: string,
  args: string[],
  options: {
    env?: Record<string, string>;
    planJson?: unknown;
    cwd?: string;
  } = {},
): Promise<StubRun> {
  const dir = mkdtempSync(join(tmpdir(), 'infra-checks-stubs-'));
  for (const [name, text] of Object.entries({
    terraform: TERRAFORM,
    aws: AWS,
    docker: DOCKER,
  })) {
    writeFileSync(join(dir, name), text);
    chmodSync(join(dir, name), 0o755);
  }
  const log = join(dir, 'calls.log');
  writeFileSync(log, '');
  const planJson = join(dir, 'plan.json');
  writeFileSync(planJson, JSON.stringify(options.planJson ?? {}));
  const child = spawn('bash', [script, ...args], {
    cwd: options.cwd,
    env: {
      ...process.env,
      PATH: `${dir}:${process.env.PATH}`,
      STUB_LOG: log,
      STUB_PLAN_JSON: planJson,
      TF_PLAN_DIR: join(dir, 'plans'),
      AWS_REGION: 'eu-west-2',
      ...options.env,
    },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', chunk => (stdout += chunk));
  child.stderr.on('data', chunk => (stderr += chunk));
  // Async, so that a test can serve HTTP to the script while it runs.
  const status = await new Promise<number | null>((done, fail) => {
    child.on('error', fail);
    child.on('close', done);
  });
  return {
    status,
    stdout,
    stderr,
    calls: readFileSync(log, 'utf8').split('\n').filter(Boolean),
    dir,
  };
}
