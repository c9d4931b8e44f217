/**
 * What a Dockerfile says, read line by line (continuations joined).
 *
 * @public
 */
export interface Dockerfile {
  /** ARG defaults, global and per stage. */
  args: Record<string, string>;
  /** FROM images with ARG defaults substituted. */
  from: string[];
  /** The last USER of the final stage. */
  user?: string;
  instructions: Array<{ keyword: string; rest: string }>;
}

/**
 * Parses the instructions of a Dockerfile that matter to the checks.
 *
 * @public
 */
export function parseDockerfile(text: string): Dockerfile {
  const logical = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map(line => line.trim())
    .filter(line => line && !line.startsWith('#'));
  const result: Dockerfile = { args: {}, from: [], instructions: [] };
  for (const line of logical) {
    const [keyword, ...restParts] = line.split(/\s+/);
    const rest = restParts.join(' ');
    result.instructions.push({ keyword: keyword.toUpperCase(), rest });
    const upper = keyword.toUpperCase();
    if (upper === 'ARG') {
      const [name, value] = rest.split('=');
      if (value !== undefined) result.args[name] = value;
    } else if (upper === 'FROM') {
      const image = rest
        .split(/\s+/)[0]
        .replace(/\$\{(\w+)\}/g, (_, n) => result.args[n] ?? `\${${n}}`);
      result.from.push(image);
      // USER applies per stage: what counts is the final stage's.
      result.user = undefined;
    } else if (upper === 'USER') {
      result.user = rest;
    }
  }
  return result;
}

const SECRET_NAME =
  /(TOKEN|SECRET|PASSWORD|PASSWD|API_KEY|ACCESS_KEY|AUTH_STRING)/i;

/**
 * The rules every image here follows: base images pinned to a version (no
 * floating or latest tag), a non-root user, and no secret-looking ARG or
 * ENV with a value baked in.
 *
 * @public
 */
export function checkDockerfileBasics(
  path: string,
  file: Dockerfile,
  stages: string[] = [],
): string[] {
  const problems: string[] = [];
  for (const image of file.from) {
    if (stages.includes(image)) continue;
    const tag = /:([^@]+)(@sha256:[0-9a-f]{64})?$/.exec(image)?.[1];
    if (
      !tag ||
      !/\d+\.\d+\.\d+/.test(tag) ||
      /latest/i.test(tag) ||
      tag.includes('${')
    ) {
      problems.push(`${path}: FROM ${image} is not pinned to a full version`);
    }
  }
  if (!file.user || /^(root|0)(:|$)/.test(file.user)) {
    problems.push(
      `${path}: runs as ${
        file.user ?? 'root (no USER)'
      }, not an unprivileged user`,
    );
  }
  for (const { keyword, rest } of file.instructions) {
    if (
      (keyword === 'ENV' || keyword === 'ARG') &&
      SECRET_NAME.test(rest.split('=')[0]) &&
      rest.includes('=')
    ) {
      problems.push(
        `${path}: ${keyword} ${
          rest.split('=')[0]
        } bakes a secret into the image`,
      );
    }
  }
  return problems;
}

/**
 * The two Prefect images: FROM the official Prefect 3 / Python 3.12 image,
 * prefect-aws[ecs] installed, the same pins in both, and the deployer
 * running `prefect deploy --all`.
 *
 * @public
 */
export function checkPrefectImages(
  base: { path: string; text: string },
  deployer: { path: string; text: string; entrypointText: string },
): string[] {
  const problems: string[] = [];
  const parsed = [base, deployer].map(f => ({
    ...f,
    file: parseDockerfile(f.text),
  }));
  for (const { path, text, file } of parsed) {
    problems.push(...checkDockerfileBasics(path, file));
    if (
      !file.from.some(image =>
        /^prefecthq\/prefect:3\.\d+\.\d+-python3\.12$/.test(image),
      )
    ) {
      problems.push(
        `${path}: not FROM the official prefecthq/prefect:3.x.y-python3.12 image (${file.from.join(
          ', ',
        )})`,
      );
    }
    if (
      !/prefect-aws\[ecs\]==\$\{PREFECT_AWS_VERSION\}/.test(text) ||
      !/^\d+\.\d+\.\d+$/.test(file.args.PREFECT_AWS_VERSION ?? '')
    ) {
      problems.push(`${path}: does not install a pinned prefect-aws[ecs]`);
    }
  }
  for (const arg of ['PREFECT_VERSION', 'PREFECT_AWS_VERSION']) {
    const [a, b] = parsed.map(p => p.file.args[arg]);
    if (a !== b)
      problems.push(
        `${base.path} and ${deployer.path} pin ${arg} differently (${a} vs ${b})`,
      );
  }
  if (!/^prefect deploy --all\b/m.test(deployer.entrypointText)) {
    problems.push(
      `${deployer.path}: its entry point does not run \`prefect deploy --all\``,
    );
  }
  return problems;
}

/**
 * The portal's image: a pinned multi-stage build of packages/backend with
 * yarn through corepack, running as an unprivileged user.
 *
 * @public
 */
export function checkPortalDockerfile(path: string, text: string): string[] {
  const file = parseDockerfile(text);
  const stages = file.instructions
    .filter(i => i.keyword === 'FROM')
    .map(i => /\bAS\s+(\S+)/i.exec(i.rest)?.[1])
    .filter((s): s is string => Boolean(s));
  const problems = checkDockerfileBasics(path, file, stages);
  if (stages.length < 2) problems.push(`${path}: not a multi-stage build`);
  if (
    !file.from.some(image => /^node:22\.\d+\.\d+-bookworm-slim$/.test(image))
  ) {
    problems.push(`${path}: not based on a pinned node:22.x.y-bookworm-slim`);
  }
  for (const needed of ['corepack enable', 'yarn workspace backend build']) {
    if (!text.includes(needed))
      problems.push(`${path}: does not run \`${needed}\``);
  }
  problems.push(...checkRuntimeStage(path, file));
  return problems;
}

const BUILD_TOOLS = /\b(build-essential|g\+\+|gcc|make|python3)\b/;

/**
 * The final stage installs no build tools, and every remote `ADD` (in any
 * stage) is pinned with `--checksum=sha256:...`.
 *
 * @public
 */
export function checkRuntimeStage(path: string, file: Dockerfile): string[] {
  const problems: string[] = [];
  const lastFrom = file.instructions.map(i => i.keyword).lastIndexOf('FROM');
  for (const [index, { keyword, rest }] of file.instructions.entries()) {
    if (index > lastFrom && keyword === 'RUN' && BUILD_TOOLS.test(rest)) {
      problems.push(
        `${path}: the runtime stage installs build tools (${
          BUILD_TOOLS.exec(rest)![1]
        })`,
      );
    }
    if (
      keyword === 'ADD' &&
      /\bhttps?:\/\//.test(rest) &&
      !/--checksum=sha256:[0-9a-f]{64}\b/.test(rest)
    ) {
      problems.push(`${path}: ADD of a URL without --checksum=sha256:...`);
    }
  }
  return problems;
}
