import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runWithStubs } from './stubs';
import { repository } from './testUtils';
import { findShellScripts, shellcheck, which } from './tools';

const PUSH = 'infra/platform/scripts/push-image.sh';
const VERIFY = 'infra/platform/scripts/verify-prod-endpoints.sh';

async function push(args: string[], env: Record<string, string> = {}) {
  const repo = await repository();
  return runWithStubs(join(repo.root, PUSH), args, { env, cwd: repo.root });
}

const deployer = (tag = 'prefect-deployer-3-python3.12-0123abc') => [
  '--context',
  'infra/platform/docker/prefect-deployer',
  '--repository',
  'blog-data',
  '--tag',
  tag,
  '--if-exists',
  'keep',
];

describe('shell scripts', () => {
  it('are shellcheck clean', async () => {
    if (!which('shellcheck')) {
      // eslint-disable-next-line no-console
      console.log(
        'SKIPPED shellcheck: not installed (Debian package shellcheck)',
      );
      return;
    }
    const repo = await repository();
    const scripts = findShellScripts(repo.root);
    expect(scripts).toEqual(
      expect.arrayContaining([
        'infra/platform/scripts/terraform-prod.sh',
        PUSH,
        VERIFY,
        'infra/platform/docker/prefect-deployer/deploy-flows.sh',
        'run',
      ]),
    );
    expect(shellcheck(repo.root, scripts)).toEqual([]);

    const dir = mkdtempSync(join(tmpdir(), 'infra-checks-sh-'));
    writeFileSync(join(dir, 'bad.sh'), '#!/usr/bin/env bash\nrm -rf $1/tmp\n');
    expect(shellcheck(dir, ['bad.sh'])).toEqual([
      expect.stringMatching(/^bad\.sh:2:8: .*SC2086/),
    ]);
  });
});

describe('push-image.sh', () => {
  it('builds and pushes a new tag to the IMMUTABLE repository', async () => {
    const run = await push(deployer());
    expect(run.status).toBe(0);
    const image =
      '111122223333.dkr.ecr.eu-west-2.amazonaws.com/blog-data:prefect-deployer-3-python3.12-0123abc';
    expect(run.calls.filter(c => c.startsWith('docker '))).toEqual([
      'docker login --username AWS --password-stdin 111122223333.dkr.ecr.eu-west-2.amazonaws.com',
      expect.stringMatching(
        new RegExp(
          `^docker build --pull --file infra/platform/docker/prefect-deployer/Dockerfile --tag ${image} `,
        ),
      ),
      `docker push ${image}`,
    ]);
    expect(run.stdout).toContain(
      'pushed blog-data:prefect-deployer-3-python3.12-0123abc (sha256:new-prefect-deployer-3-python3.12-0123abc)',
    );
  });

  it('logs in to Docker Hub before building when given credentials, and fails when required ones are missing', async () => {
    const run = await push(deployer(), {
      DOCKERHUB_USERNAME: 'rocketclub',
      DOCKERHUB_TOKEN: 'dckr_pat_example',
    });
    expect(run.status).toBe(0);
    const docker = run.calls.filter(c => c.startsWith('docker '));
    expect(docker[1]).toBe(
      'docker login --username rocketclub --password-stdin',
    );
    expect(docker[2]).toMatch(/^docker build /);
    // The token travels on stdin, never on a command line.
    expect(run.calls.join('\n')).not.toContain('dckr_pat_example');
    const missing = await push(deployer(), { DOCKERHUB_REQUIRED: '1' });
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain(
      'DOCKERHUB_USERNAME and DOCKERHUB_TOKEN are required',
    );
    expect(missing.calls.some(c => c.startsWith('docker build'))).toBe(false);
  });

  it('fails when the pushed tag cannot be found afterwards, instead of reporting an empty digest', async () => {
    const run = await push(deployer(), { STUB_LOSE_PUSHES: '1' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      'blog-data:prefect-deployer-3-python3.12-0123abc is not in ECR after the push',
    );
  });

  it('refuses to overwrite an existing tag and pushes nothing', async () => {
    const run = await push(deployer(), {
      STUB_EXISTING_TAGS: 'prefect-deployer-3-python3.12-0123abc',
    });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('refusing to overwrite it, nothing pushed');
    expect(run.calls.filter(c => c.startsWith('docker '))).toEqual([]);
  });

  it('refuses a latest tag, a mutable repository and bad usage', async () => {
    const latest = await push(deployer('latest'));
    expect(latest.status).toBe(1);
    expect(latest.stderr).toContain(
      "refusing the mutable-looking tag 'latest'",
    );
    const mutable = await push(deployer(), { STUB_MUTABILITY: 'MUTABLE' });
    expect(mutable.status).toBe(1);
    expect(mutable.stderr).toContain(
      "repository 'blog-data' is MUTABLE, not IMMUTABLE",
    );
    for (const run of [latest, mutable])
      expect(run.calls.filter(c => c.startsWith('docker '))).toEqual([]);
    const usage = await push(['--tag', 'x']);
    expect(usage.status).toBe(64);
  });

  it('moves the base tag only deliberately: archive tag first, then untag and push', async () => {
    const run = await push(
      [
        '--context',
        'infra/platform/docker/prefect-base-ecs',
        '--repository',
        'blog-data',
        '--tag',
        'prefect-3-python3.12-ecs',
        '--if-exists',
        'retag',
        '--archive-tag',
        'prefect-3-python3.12-ecs-0123abc-7',
      ],
      { STUB_EXISTING_TAGS: 'prefect-3-python3.12-ecs' },
    );
    expect(run.status).toBe(0);
    const effects = run.calls
      .filter(c => /^docker (tag|push)|batch-delete-image/.test(c))
      .map(c =>
        c.replace(/111122223333\.dkr\.ecr\.eu-west-2\.amazonaws\.com\//g, ''),
      );
    expect(effects).toEqual([
      'docker tag blog-data:prefect-3-python3.12-ecs blog-data:prefect-3-python3.12-ecs-0123abc-7',
      'docker push blog-data:prefect-3-python3.12-ecs-0123abc-7',
      'aws ecr batch-delete-image --repository-name blog-data --image-ids imageTag=prefect-3-python3.12-ecs',
      'docker push blog-data:prefect-3-python3.12-ecs',
    ]);
  });
});

describe('verify-prod-endpoints.sh', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      res.statusCode = req.url === '/portal' ? 200 : 503;
      res.end();
    });
    await new Promise<void>(done => server.listen(0, '127.0.0.1', done));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise(done => server.close(done)));

  async function verify(parked: string, env: Record<string, string> = {}) {
    const repo = await repository();
    return runWithStubs(join(repo.root, VERIFY), [], {
      env: {
        PARKED: parked,
        VERIFY_ATTEMPTS: '2',
        VERIFY_DELAY: '0',
        PROD_PORTAL_HEALTH_URL: `${base}/portal`,
        PROD_PIPELINES_HEALTH_URL: `${base}/pipelines`,
        ...env,
      },
    });
  }

  it('fails when a surface stays down', async () => {
    const run = await verify('false');
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(
      `ok    portal ${base}/portal (200, attempt 1)`,
    );
    expect(run.stderr).toContain(
      `FAIL  pipelines ${base}/pipelines did not answer 2xx after 2 attempts`,
    );
  });

  it('expects the portal down too when parked with it (a new environment), asking ECS', async () => {
    const run = await verify('true', {
      STUB_PORTAL_TASKS: '0',
      PROD_PORTAL_HEALTH_URL: `${base}/down`,
    });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('skip  portal');
    expect(run.calls).toEqual([
      'aws ecs describe-services --cluster rocket-club-prod --services portal --query services[0].desiredCount --output text',
    ]);
    const running = await verify('true', {
      PROD_PORTAL_HEALTH_URL: `${base}/down`,
    });
    expect(running.status).toBe(1);
  });

  it('expects the pipelines surface down while parked', async () => {
    const run = await verify('true');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('skip  pipelines');
  });
});
