import {
  checkPortalDockerfile,
  checkPrefectImages,
  parseDockerfile,
} from './dockerfiles';
import { repository } from './testUtils';

const BASE = 'infra/platform/docker/prefect-base-ecs/Dockerfile';
const DEPLOYER = 'infra/platform/docker/prefect-deployer/Dockerfile';
const ENTRYPOINT = 'infra/platform/docker/prefect-deployer/deploy-flows.sh';
const PORTAL = 'docker/Dockerfile';

async function prefectFiles(
  edit: {
    base?: (t: string) => string;
    deployer?: (t: string) => string;
    entrypoint?: (t: string) => string;
  } = {},
) {
  const repo = await repository();
  const same = (t: string) => t;
  return checkPrefectImages(
    { path: BASE, text: (edit.base ?? same)(repo.read(BASE)) },
    {
      path: DEPLOYER,
      text: (edit.deployer ?? same)(repo.read(DEPLOYER)),
      entrypointText: (edit.entrypoint ?? same)(repo.read(ENTRYPOINT)),
    },
  );
}

describe('Dockerfiles', () => {
  it('builds both Prefect images from the pinned official image with prefect-aws[ecs]', async () => {
    expect(await prefectFiles()).toEqual([]);
    const repo = await repository();
    const base = parseDockerfile(repo.read(BASE));
    expect(base.from).toEqual([
      expect.stringMatching(/^prefecthq\/prefect:3\.\d+\.\d+-python3\.12$/),
    ]);
    expect(base.user).toBe('10001:10001');
  });

  it('reports an unpinned base, diverging pins, root and a deployer that does not deploy', async () => {
    const problems = await prefectFiles({
      base: t =>
        t
          .replace(/ARG PREFECT_VERSION=\S+/, 'ARG PREFECT_VERSION=3')
          .replace(/\nUSER .*\n/, '\n'),
      deployer: t =>
        t.replace(
          /ARG PREFECT_AWS_VERSION=\S+/,
          'ARG PREFECT_AWS_VERSION=0.4.0',
        ),
      entrypoint: t =>
        t.replace(/prefect deploy --all/g, 'prefect deploy --name nightly'),
    });
    expect(problems).toEqual([
      `${BASE}: FROM prefecthq/prefect:3-python3.12 is not pinned to a full version`,
      `${BASE}: runs as root (no USER), not an unprivileged user`,
      `${BASE}: not FROM the official prefecthq/prefect:3.x.y-python3.12 image (prefecthq/prefect:3-python3.12)`,
      expect.stringMatching(
        /pin PREFECT_VERSION differently \(3 vs 3\.\d+\.\d+\)$/,
      ),
      expect.stringMatching(
        /pin PREFECT_AWS_VERSION differently \(\S+ vs 0\.4\.0\)$/,
      ),
      `${DEPLOYER}: its entry point does not run \`prefect deploy --all\``,
    ]);
  });

  it('reports a secret baked into an image', async () => {
    const problems = await prefectFiles({
      deployer: t => `${t}\nENV GITHUB_TOKEN=ghp_example\n`,
    });
    expect(problems).toEqual([
      `${DEPLOYER}: ENV GITHUB_TOKEN bakes a secret into the image`,
    ]);
  });

  it("keeps build tools out of the portal's runtime stage and pins the CA bundle it downloads", async () => {
    const repo = await repository();
    const text = repo.read(PORTAL);
    // The old runtime stage: build tools, and a download without checksum.
    const broken = text.replace(
      /ADD --checksum=sha256:[0-9a-f]{64} /,
      'RUN apt-get install -y --no-install-recommends python3 g++ build-essential\nADD ',
    );
    expect(checkPortalDockerfile(PORTAL, broken)).toEqual([
      `${PORTAL}: the runtime stage installs build tools (python3)`,
      `${PORTAL}: ADD of a URL without --checksum=sha256:...`,
    ]);
  });

  it("builds the portal's image in stages from a pinned node image, as an unprivileged user", async () => {
    const repo = await repository();
    expect(checkPortalDockerfile(PORTAL, repo.read(PORTAL))).toEqual([]);
    const broken = repo
      .read(PORTAL)
      .replace(/ARG NODE_IMAGE=\S+/, 'ARG NODE_IMAGE=node:lts-slim')
      .replace(
        /\nUSER node\nWORKDIR \/app\nCOPY --from=production-dependencies/,
        '\nWORKDIR /app\nCOPY --from=production-dependencies',
      );
    expect(checkPortalDockerfile(PORTAL, broken)).toEqual([
      `${PORTAL}: FROM node:lts-slim is not pinned to a full version`,
      `${PORTAL}: FROM node:lts-slim is not pinned to a full version`,
      `${PORTAL}: FROM node:lts-slim is not pinned to a full version`,
      `${PORTAL}: FROM node:lts-slim is not pinned to a full version`,
      `${PORTAL}: runs as root (no USER), not an unprivileged user`,
      `${PORTAL}: not based on a pinned node:22.x.y-bookworm-slim`,
    ]);
  });
});
