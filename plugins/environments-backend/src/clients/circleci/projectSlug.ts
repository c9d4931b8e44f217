import { InputError } from '@backstage/errors';

/**
 * A CircleCI project slug, normalised.
 */
export interface ProjectSlug {
  /** The short form the API uses: `gh/<org>/<repo>`, `bb/…` or `circleci/<org-id>/<project-id>`. */
  slug: string;
  /** The form the web app uses in its URLs: `github/<org>/<repo>`, … */
  appPath: string;
  vcs: 'gh' | 'bb' | 'circleci';
  organization: string;
  project: string;
}

const VCS_ALIASES: Record<string, ProjectSlug['vcs']> = {
  gh: 'gh',
  github: 'gh',
  bb: 'bb',
  bitbucket: 'bb',
  circleci: 'circleci',
};

const APP_VCS: Record<ProjectSlug['vcs'], string> = {
  gh: 'github',
  bb: 'bitbucket',
  circleci: 'circleci',
};

const SEGMENT = /^[A-Za-z0-9_.-]+$/;

/**
 * Parses a project slug in any of the forms CircleCI accepts
 * (`gh/org/repo`, `github/org/repo`, `bb/…`, `bitbucket/…`,
 * `circleci/<org-id>/<project-id>`) into one normal form.
 */
export function parseProjectSlug(input: string): ProjectSlug {
  const parts = input.trim().split('/');
  const vcs = VCS_ALIASES[parts[0]?.toLowerCase() ?? ''];
  if (
    parts.length !== 3 ||
    !vcs ||
    !SEGMENT.test(parts[1]) ||
    !SEGMENT.test(parts[2])
  ) {
    throw new InputError(
      `Invalid CircleCI project slug '${input}': expected <vcs>/<org>/<project> with vcs one of gh, github, bb, bitbucket, circleci`,
    );
  }
  const [, organization, project] = parts;
  return {
    slug: `${vcs}/${organization}/${project}`,
    appPath: `${APP_VCS[vcs]}/${organization}/${project}`,
    vcs,
    organization,
    project,
  };
}
