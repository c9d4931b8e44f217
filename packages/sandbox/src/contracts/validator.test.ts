import { loadContracts } from './contracts';

const contracts = loadContracts();

const pipeline = {
  id: '5034460f-c7c4-4c43-9457-de07e2029e7b',
  errors: [],
  project_slug: 'gh/rlhatcher/rocket-club',
  number: 7,
  state: 'created',
  created_at: '2025-06-02T09:00:00.000Z',
  updated_at: '2025-06-02T09:00:00.000Z',
  trigger: {
    type: 'api',
    received_at: '2025-06-02T09:00:00.000Z',
    actor: { login: 'rlhatcher', avatar_url: null },
  },
  vcs: {
    provider_name: 'GitHub',
    origin_repository_url: 'https://github.com/rlhatcher/rocket-club',
    target_repository_url: 'https://github.com/rlhatcher/rocket-club',
    revision: 'a'.repeat(40),
    branch: 'main',
    commit: { subject: 'x', body: null },
  },
};

describe('CircleCI contract', () => {
  const { circleci } = contracts;

  it('accepts a real pipeline body, x-nullable fields as null', () => {
    expect(
      circleci.checkResponse({
        method: 'GET',
        path: `/pipeline/${pipeline.id}`,
        status: 200,
        body: pipeline,
      }),
    ).toEqual([]);
  });

  it('rejects a deliberately invalid pipeline', () => {
    const problems = circleci.checkResponse({
      method: 'GET',
      path: `/pipeline/${pipeline.id}`,
      status: 200,
      body: { ...pipeline, state: 'finished', trigger: undefined },
    });
    expect(problems.join('\n')).toMatch(/state must be equal to one of/);
    expect(problems.join('\n')).toMatch(
      /must have required property 'trigger'/,
    );
  });

  it('matches project slugs with raw or escaped slashes', () => {
    for (const path of [
      '/project/gh/rlhatcher/rocket-club/pipeline',
      '/project/gh%2Frlhatcher%2Frocket-club/pipeline',
    ]) {
      expect(
        circleci.checkRequest({
          method: 'GET',
          path,
          query: { branch: 'main' },
        }),
      ).toEqual({
        operation: 'GET /project/{project-slug}/pipeline',
        problems: [],
      });
    }
  });

  it('routes /pipeline/run and /pipeline/mine to their own operations', () => {
    expect(
      circleci.checkRequest({
        method: 'POST',
        path: '/project/gh/rlhatcher/rocket-club/pipeline/run',
        query: {},
        body: { config: { branch: 'main' }, checkout: { branch: 'main' } },
      }).operation,
    ).toBe('POST /project/{provider}/{organization}/{project}/pipeline/run');
    expect(
      circleci.checkRequest({
        method: 'GET',
        path: '/project/gh/rlhatcher/rocket-club/pipeline/mine',
        query: {},
      }).operation,
    ).toBe('GET /project/{project-slug}/pipeline/mine');
  });

  it('rejects a request body with unknown fields and a bad path id', () => {
    const run = circleci.checkRequest({
      method: 'POST',
      path: '/project/gh/rlhatcher/rocket-club/pipeline/run',
      query: {},
      body: { branch: 'main' },
    });
    expect(run.problems).toEqual([
      'request body (root) must NOT have additional properties "branch"',
    ]);
    expect(
      circleci.checkRequest({
        method: 'GET',
        path: '/workflow/nope',
        query: {},
      }).problems,
    ).toEqual(['path parameter "id": (root) must match format "uuid"']);
  });
});

describe('GitHub contract', () => {
  const { github } = contracts;

  it('accepts the real 409 body of a stale contents sha (oneOf as anyOf)', () => {
    expect(
      github.checkResponse({
        method: 'PUT',
        path: '/repos/rlhatcher/rocket-club/contents/infra%2Fmain.tf',
        status: 409,
        body: {
          message: 'infra/main.tf does not match abc',
          documentation_url: 'https://docs.github.com/rest',
          status: '409',
        },
      }),
    ).toEqual([]);
  });

  it('decodes URL-encoded contents paths before matching', () => {
    expect(
      github.checkRequest({
        method: 'GET',
        path: '/repos/rlhatcher/rocket-club/contents/infra%2Fplatform%2Fmain.tf',
        query: { ref: 'main' },
      }),
    ).toEqual({
      operation: 'GET /repos/{owner}/{repo}/contents/{path}',
      problems: [],
    });
  });

  it('flags operations outside the contract and undeclared statuses', () => {
    expect(
      github.checkRequest({ method: 'DELETE', path: '/repos/a/b', query: {} })
        .problems,
    ).toEqual(['DELETE /repos/a/b is not an operation of the contract']);
    expect(
      github.checkResponse({
        method: 'GET',
        path: '/repos/a/b/git/ref/heads/main',
        status: 500,
        body: {},
      }),
    ).toEqual([
      'status 500 is not declared for GET /repos/{owner}/{repo}/git/ref/{ref}',
    ]);
  });
});

describe('CircleCI config schema', () => {
  it('tells a valid config from an invalid one', () => {
    const jobs = {
      a: { docker: [{ image: 'cimg/base:current' }], steps: ['checkout'] },
    };
    expect(
      contracts.checkCircleCiConfig({
        version: 2.1,
        jobs,
        workflows: { w: { jobs: ['a'] } },
      }),
    ).toEqual([]);
    expect(
      contracts.checkCircleCiConfig({
        version: 2.1,
        jobs,
        workflows: { w: { jobs: [{ a: { requires: 5 } }] } },
      }).length,
    ).toBeGreaterThan(0);
  });
});
