import type { RepositoryRef } from '../../clients/github/GithubClient';
import { commitShaFromTag } from '../../clients/ecr/images';

/** What a bump pull request is about. */
export interface BumpFacts {
  environment: string;
  image: string;
  local: string;
  file: string;
  fromTag: string;
  toTag: string;
  digest: string;
  pushedAt: string;
  repository: RepositoryRef;
}

/** The GitHub compare link between the commits two tags encode. */
export function compareUrl(facts: BumpFacts): string | undefined {
  const from = commitShaFromTag(facts.fromTag);
  const to = commitShaFromTag(facts.toTag);
  if (!from || !to) return undefined;
  const { host, owner, name } = facts.repository;
  return `https://${host}/${owner}/${name}/compare/${from}...${to}`;
}

/** Title, commit message and body of the pull request. */
export function bumpText(facts: BumpFacts) {
  const title = `Bump ${facts.environment} ${facts.image} image to ${facts.toTag}`;
  const compare = compareUrl(facts);
  const body = [
    `Pins \`local.${facts.local}\` in \`${facts.file}\` to a newer image.`,
    '',
    '| | |',
    '| --- | --- |',
    `| from | \`${facts.fromTag}\` |`,
    `| to | \`${facts.toTag}\` |`,
    `| digest | \`${facts.digest}\` |`,
    `| pushed at | ${facts.pushedAt} |`,
    ...(compare ? [`| commits | ${compare} |`] : []),
    '',
    'Merging runs the `terraform-prod` workflow, which holds for approval before it applies.',
    '',
    `**Roll back:** revert this pull request, or bump ${facts.environment} ${facts.image} back to \`${facts.fromTag}\` from the portal; ECR tags are immutable, so the old image is still there.`,
    '',
    '_Opened by the rocket-club portal._',
  ].join('\n');
  return { title, commitMessage: title, body };
}
