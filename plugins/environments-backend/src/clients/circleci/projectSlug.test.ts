import { parseProjectSlug } from './projectSlug';

describe('parseProjectSlug', () => {
  it.each([
    [
      'gh/rlhatcher/rocket-club',
      'gh/rlhatcher/rocket-club',
      'github/rlhatcher/rocket-club',
    ],
    [
      'github/rlhatcher/rocket-club',
      'gh/rlhatcher/rocket-club',
      'github/rlhatcher/rocket-club',
    ],
    [
      'GitHub/rlhatcher/rocket-club',
      'gh/rlhatcher/rocket-club',
      'github/rlhatcher/rocket-club',
    ],
    ['bitbucket/team/repo', 'bb/team/repo', 'bitbucket/team/repo'],
    [
      'circleci/4e0c7f0e-0d47-4c52-9c2b-5e1d4b8c7a10/7a1b9c2d-1111-4e2f-8a3b-0c9d8e7f6a5b',
      'circleci/4e0c7f0e-0d47-4c52-9c2b-5e1d4b8c7a10/7a1b9c2d-1111-4e2f-8a3b-0c9d8e7f6a5b',
      'circleci/4e0c7f0e-0d47-4c52-9c2b-5e1d4b8c7a10/7a1b9c2d-1111-4e2f-8a3b-0c9d8e7f6a5b',
    ],
  ])('normalises %s', (input, slug, appPath) => {
    expect(parseProjectSlug(input)).toMatchObject({ slug, appPath });
  });

  it.each(['gh/only-org', 'gitlab/o/r', 'gh/o/r/extra', 'gh/o/r?x=1', ''])(
    'rejects %j, quoting it',
    input => {
      expect(() => parseProjectSlug(input)).toThrow(
        `Invalid CircleCI project slug '${input}'`,
      );
    },
  );
});
