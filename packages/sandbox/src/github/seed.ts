import { RepoFile } from '../repoFiles';
import { FileEntry } from './objects';
import { GitHubState, signatureOf } from './state';

/** A commit of the seeded history of the default branch. */
export interface SeedCommit {
  sha: string;
  message: string;
  date: number;
  author: string;
  /** The deployer image tag the commit's push pipeline built, if any. */
  deployerTag?: string;
}

/** What the seed needs to know about the Prefect deployer image. */
export interface SeedImageOptions {
  /** Repository path of the Terraform file pinning the image. */
  terraformFile: string;
  /** Tag prefix; the commit's short SHA follows. */
  deployerTagPrefix: string;
  /** A path segment that marks the deployer image's build context. */
  deployerContext: string;
}

const DAY = 24 * 60 * 60 * 1000;

/**
 * The history the repository is seeded with: this repository's own files,
 * added in the order a team would have written them. Files go to the first
 * stage whose prefix they match; the last stage takes the rest.
 */
const STAGES: Array<{ message: string; prefixes: string[] }> = [
  {
    message: 'Add CircleCI config and repository scaffolding',
    prefixes: ['.circleci/', '.'],
  },
  {
    message:
      'infra: Terraform modules for networking, ECS, Aurora, S3, IAM and Lambda',
    prefixes: ['infra/platform/infra/modules/'],
  },
  {
    message: 'infra: Prefect base and deployer images, terraform-prod wrapper',
    prefixes: ['infra/platform/docker/', 'infra/platform/scripts/'],
  },
  {
    message: 'infra: prod root module pinning the Prefect images',
    prefixes: ['infra/'],
  },
  {
    message: 'portal: Backstage app and backend',
    prefixes: ['packages/', 'docker/'],
  },
  { message: 'portal: environments plugins', prefixes: ['plugins/'] },
  { message: 'portal: catalog, templates and docs', prefixes: [''] },
];

function stageOf(path: string): number {
  return STAGES.findIndex(stage =>
    stage.prefixes.some(prefix =>
      prefix === '.' ? !path.includes('/') : path.startsWith(prefix),
    ),
  );
}

function pin(content: Buffer, prefix: string, tag: string): Buffer | undefined {
  const escaped = prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`${escaped}[0-9a-f]{7,40}`, 'g');
  const text = content.toString('utf8');
  if (!pattern.test(text)) return undefined;
  return Buffer.from(text.replace(pattern, tag));
}

/**
 * Seeds the repository's default branch with `files` as a short history
 * ending `anchor`: one commit a day, each adding a part of the tree. Every
 * commit from the one that adds the deployer image's build context on is
 * given a deployer tag (its push pipeline built the image), and the Terraform
 * file is pinned to the newest tag before it was added, so newer images exist
 * to bump to. Returns the commits, oldest first.
 */
export function seedRepository(
  state: GitHubState,
  files: RepoFile[],
  anchor: number,
  image: SeedImageOptions,
  warn: (message: string) => void,
): SeedCommit[] {
  const stages = STAGES.map(() => [] as RepoFile[]);
  for (const file of files) stages[stageOf(file.path)].push(file);
  const used = stages.filter(s => s.length > 0);
  const hasContext = files.some(f => f.path.includes(image.deployerContext));

  const tree = new Map<string, FileEntry>();
  const commits: SeedCommit[] = [];
  let parent: string | undefined;
  let contextSeen = !hasContext;
  used.forEach((stage, i) => {
    const latestTag = [...commits]
      .reverse()
      .find(c => c.deployerTag)?.deployerTag;
    for (const file of stage) {
      let content = file.content;
      if (file.path === image.terraformFile) {
        const pinned = latestTag
          ? pin(content, image.deployerTagPrefix, latestTag)
          : undefined;
        if (pinned) content = pinned;
        else
          warn(
            `${file.path} pins no ${image.deployerTagPrefix}<sha> tag to seed`,
          );
      }
      tree.set(file.path, {
        sha: state.repo.writeBlob(content),
        mode: file.mode,
      });
      if (file.path.includes(image.deployerContext)) contextSeen = true;
    }
    const date = anchor - (used.length - 1 - i) * DAY;
    const author = state.site.owner;
    const message = STAGES[stages.indexOf(stage)].message;
    const sha = state.repo.writeCommit({
      tree: state.repo.writeFiles(tree),
      parents: parent ? [parent] : [],
      author: signatureOf(author, date),
      committer: signatureOf(author, date),
      message,
    });
    parent = sha;
    commits.push({
      sha,
      message,
      date,
      author,
      deployerTag: contextSeen
        ? `${image.deployerTagPrefix}${sha.slice(0, 7)}`
        : undefined,
    });
  });
  if (parent)
    state.repo.setRef(`refs/heads/${state.site.defaultBranch}`, parent);
  state.site.createdAt = commits[0]?.date ?? state.site.createdAt;
  state.pushedAt = commits[commits.length - 1]?.date ?? state.pushedAt;
  return commits;
}
