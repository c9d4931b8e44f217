import express from 'express';
import { once } from 'node:events';
import { AddressInfo } from 'node:net';
import { Server } from 'node:http';
import { silentLogger } from '../logger';
import { loadContracts } from './contracts';
import { contractMiddleware } from './middleware';
import { ContractViolation, ViolationLog } from './violations';

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

/**
 * One upstream's contract check in front of a route that answers whatever
 * the test says, in strict mode: the validator and the quirk normaliser
 * without a stand-in's own behaviour in the way.
 */
function checkedUpstream(upstream: 'circleci' | 'github') {
  const violations = new ViolationLog(silentLogger);
  const answer: { status: number; body: unknown } = { status: 200, body: {} };
  const seen: { path: string; query: unknown; body: unknown }[] = [];
  const app = express();
  app.use(express.json());
  app.use(
    contractMiddleware({
      upstream,
      validator: contracts[upstream],
      mode: 'strict',
      violations,
      errorBody: (_status, message) => ({ message }),
    }),
  );
  app.all('*', (req, res) => {
    seen.push({ path: req.url, query: req.query, body: req.body });
    res.status(answer.status).json(answer.body);
  });
  let server: Server;
  let base = '';
  beforeAll(async () => {
    server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.close();
    await once(server, 'close');
  });
  beforeEach(() => {
    violations.clear();
    seen.length = 0;
  });

  return {
    seen,
    violations: (): ContractViolation[] => violations.list(),
    /** Sends a request; the route answers `status` and `body`. */
    async exchange(
      method: string,
      path: string,
      options: { body?: unknown; status?: number; answer?: unknown } = {},
    ) {
      answer.status = options.status ?? 200;
      answer.body = options.answer ?? {};
      const response = await fetch(`${base}${path}`, {
        method,
        headers:
          options.body === undefined
            ? undefined
            : { 'content-type': 'application/json' },
        body:
          options.body === undefined ? undefined : JSON.stringify(options.body),
      });
      return { status: response.status, body: await response.json() };
    },
  };
}

describe('CircleCI contract', () => {
  const circleci = checkedUpstream('circleci');

  it('accepts a real pipeline body, x-nullable fields as null', async () => {
    const res = await circleci.exchange('GET', `/pipeline/${pipeline.id}`, {
      answer: pipeline,
    });
    expect(res).toEqual({ status: 200, body: pipeline });
    expect(circleci.violations()).toEqual([]);
  });

  it('rejects a deliberately invalid pipeline', async () => {
    const res = await circleci.exchange('GET', `/pipeline/${pipeline.id}`, {
      answer: { ...pipeline, state: 'finished', trigger: undefined },
    });
    expect(res.status).toBe(500);
    const [violation] = circleci.violations();
    expect(violation).toMatchObject({
      direction: 'response',
      method: 'GET',
      status: 200,
    });
    const problems = violation.problems.join('\n');
    expect(problems).toMatch(
      /response body \/state must be equal to one of the allowed values/,
    );
    expect(problems).toMatch(/must have required property 'trigger'/);
  });

  it('accepts a job that has not started (started_at null)', async () => {
    const job = {
      id: '6034460f-c7c4-4c43-9457-de07e2029e7b',
      name: 'hold',
      type: 'approval',
      status: 'on_hold',
      started_at: null,
      dependencies: [],
      project_slug: 'gh/rlhatcher/rocket-club',
      approval_request_id: '7034460f-c7c4-4c43-9457-de07e2029e7b',
    };
    const res = await circleci.exchange('GET', `/workflow/${pipeline.id}/job`, {
      answer: { items: [job], next_page_token: null },
    });
    expect(res.status).toBe(200);
    expect(circleci.violations()).toEqual([]);
  });

  it('matches project slugs with raw or escaped slashes, and raw slashes in query values', async () => {
    for (const path of [
      '/project/gh/rlhatcher/rocket-club/pipeline?branch=feature/x',
      '/project/gh%2Frlhatcher%2Frocket-club/pipeline?branch=main',
    ]) {
      const res = await circleci.exchange('GET', path, {
        answer: { items: [pipeline], next_page_token: null },
      });
      expect(res.status).toBe(200);
    }
    expect(circleci.violations()).toEqual([]);
    // The stand-in's route sees the request as sent.
    expect(circleci.seen.map(s => s.path)).toEqual([
      '/project/gh/rlhatcher/rocket-club/pipeline?branch=feature/x',
      '/project/gh%2Frlhatcher%2Frocket-club/pipeline?branch=main',
    ]);
  });

  it('routes /pipeline/run and /pipeline/mine to their own operations', async () => {
    const run = await circleci.exchange(
      'POST',
      '/project/gh/rlhatcher/rocket-club/pipeline/run',
      {
        body: { config: { branch: 'main' }, checkout: { branch: 'main' } },
        status: 201,
        answer: {
          id: pipeline.id,
          state: 'created',
          number: 7,
          created_at: pipeline.created_at,
        },
      },
    );
    expect(run.status).toBe(201);
    const mine = await circleci.exchange(
      'GET',
      '/project/gh/rlhatcher/rocket-club/pipeline/mine',
      { answer: { items: [], next_page_token: null } },
    );
    expect(mine.status).toBe(200);
    expect(circleci.violations()).toEqual([]);
    // The same bodies are wrong for the neighbouring operations.
    await circleci.exchange(
      'GET',
      '/project/gh/rlhatcher/rocket-club/pipeline/7',
      { answer: { items: [], next_page_token: null } },
    );
    expect(circleci.violations()).toEqual([
      expect.objectContaining({ direction: 'response' }),
    ]);
  });

  it('rejects a request body with unknown fields and a bad path id, without calling the route', async () => {
    const run = await circleci.exchange(
      'POST',
      '/project/gh/rlhatcher/rocket-club/pipeline/run',
      { body: { branch: 'main' } },
    );
    expect(run.status).toBe(400);
    expect(run.body.message).toBe(
      'Request violates the circleci contract: request body /branch must NOT have additional properties',
    );
    const bad = await circleci.exchange('GET', '/workflow/nope');
    expect(bad.status).toBe(400);
    expect(circleci.violations().map(v => v.problems)).toEqual([
      ['request body /branch must NOT have additional properties'],
      ['request path /id must match format "uuid"'],
    ]);
    expect(circleci.seen).toEqual([]);
  });

  it('hands the route the query and body as sent, not as coerced', async () => {
    await circleci.exchange(
      'POST',
      '/project/gh/rlhatcher/rocket-club/pipeline',
      {
        body: {
          branch: 'main',
          parameters: { 'park-infrastructure-mode': true },
        },
        status: 201,
        answer: {
          id: pipeline.id,
          state: 'pending',
          number: 8,
          created_at: pipeline.created_at,
        },
      },
    );
    expect(circleci.seen).toEqual([
      {
        path: '/project/gh/rlhatcher/rocket-club/pipeline',
        query: {},
        body: {
          branch: 'main',
          parameters: { 'park-infrastructure-mode': true },
        },
      },
    ]);
    expect(circleci.violations()).toEqual([]);
  });
});

describe('GitHub contract', () => {
  const github = checkedUpstream('github');

  it('accepts the real 409 body of a stale contents sha (oneOf as anyOf)', async () => {
    const res = await github.exchange(
      'PUT',
      '/repos/rlhatcher/rocket-club/contents/infra%2Fmain.tf',
      {
        body: { message: 'm', content: 'eA==', sha: 'abc', branch: 'main' },
        status: 409,
        answer: {
          message: 'infra/main.tf does not match abc',
          documentation_url: 'https://docs.github.com/rest',
          status: '409',
        },
      },
    );
    expect(res.status).toBe(409);
    expect(github.violations()).toEqual([]);
  });

  it('matches URL-encoded and raw multi-segment contents paths and refs', async () => {
    for (const path of [
      '/repos/rlhatcher/rocket-club/contents/infra%2Fplatform%2Fmain.tf?ref=main',
      '/repos/rlhatcher/rocket-club/contents/infra/platform/main.tf?ref=main',
    ]) {
      const res = await github.exchange('GET', path, { status: 404 });
      expect(res.status).toBe(404);
    }
    await github.exchange(
      'GET',
      '/repos/rlhatcher/rocket-club/git/ref/heads/environments/bump',
      { status: 404 },
    );
    expect(github.violations()).toEqual([]);
  });

  it('checks pull requests by number against the pull-request schema', async () => {
    const res = await github.exchange(
      'GET',
      '/repos/rlhatcher/rocket-club/pulls/41',
      { answer: { number: 41 } },
    );
    expect(res.status).toBe(500);
    expect(github.violations()).toEqual([
      expect.objectContaining({
        direction: 'response',
        problems: expect.arrayContaining([
          "response body /url must have required property 'url'",
        ]),
      }),
    ]);
  });

  it('flags operations outside the contract and undeclared statuses', async () => {
    const outside = await github.exchange('DELETE', '/repos/a/b/hooks');
    expect(outside.status).toBe(400);
    expect(github.violations()[0].problems).toEqual(['request not found']);
    const undeclared = await github.exchange(
      'GET',
      '/repos/a/b/git/ref/heads/main',
      { status: 418, answer: {} },
    );
    expect(undeclared.status).toBe(500);
    expect(github.violations()[1].problems).toEqual([
      "response no schema defined for status code '418' in the openapi spec",
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
