import {
  mockCredentials,
  mockServices,
  registerMswTestHooks,
  TestDatabases,
} from '@backstage/backend-test-utils';
import type {
  AuditorService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { CircleCiClient } from '../../clients/circleci/CircleCiClient';
import type { EcrImage } from '../../clients/ecr/EcrClient';
import { GithubClient } from '../../clients/github/GithubClient';
import { DatabaseEnvironmentsStore } from '../../database/DatabaseEnvironmentsStore';
import { DatabaseOperationsStore } from '../../database/DatabaseOperationsStore';
import { FakeCircleCi } from '../../__testUtils__/fakeCircleCi';
import { FakeGitHub } from '../../__testUtils__/fakeGitHub';
import { pipelineRecord, workflowRecord } from '../../__testUtils__/records';
import {
  SECRETS,
  TEST_CONFIG,
  testEnvironmentsConfig,
  UPSTREAMS,
} from '../../__testUtils__/testConfig';
import { createOperationsService } from './createOperationsService';

jest.setTimeout(60_000);

const registry = '111122223333.dkr.ecr.eu-west-2.amazonaws.com';
const MAIN_TF = 'infra/platform/infra/envs/prod/main.tf';
const mainTf = `locals {
  prefect_base_image     = "${registry}/blog-data:prefect-3-python3.12-ecs"
  prefect_deployer_image = "${registry}/blog-data:prefect-deployer-3-python3.12-1a2b3c4"
}
`;
const circleConfig = `version: 2.1
parameters:
  terraform-prod-mode: { type: boolean, default: true }
  park-infrastructure-mode: { type: boolean, default: false }
  unpark-infrastructure-mode: { type: boolean, default: false }
  refresh-prefect-image-mode: { type: boolean, default: false }
workflows: {}
`;
const ecrImages: EcrImage[] = [
  {
    tags: ['prefect-3-python3.12-ecs'],
    digest: 'sha256:base',
    pushedAt: '2026-11-01T00:00:00.000Z',
  },
  {
    tags: ['prefect-deployer-3-python3.12-1a2b3c4'],
    digest: 'sha256:old',
    pushedAt: '2026-11-10T00:00:00.000Z',
  },
  {
    tags: ['prefect-deployer-3-python3.12-9f8e7d6'],
    digest: 'sha256:new',
    pushedAt: '2026-11-20T00:00:00.000Z',
  },
  {
    tags: ['other-image-abcdef0'],
    digest: 'sha256:other',
    pushedAt: '2026-11-25T00:00:00.000Z',
  },
];

const owner = mockCredentials.user('user:default/ada');
const stranger = mockCredentials.user('user:default/grace');

/** Owners of prod are allowed; everyone else is denied. */
const permissions: PermissionsService = {
  async authorize(requests, { credentials }) {
    const ref = (credentials.principal as { userEntityRef?: string })
      .userEntityRef;
    return requests.map(() => ({
      result:
        ref === 'user:default/ada'
          ? AuthorizeResult.ALLOW
          : AuthorizeResult.DENY,
    }));
  },
  async authorizeConditional() {
    throw new Error('not used');
  },
};

function recordingAuditor() {
  const events: {
    eventId: string;
    meta?: object;
    outcome?: string;
    error?: string;
    after?: object;
  }[] = [];
  const auditor: AuditorService = {
    async createEvent(options) {
      const event: (typeof events)[number] = {
        eventId: options.eventId,
        meta: options.meta,
      };
      events.push(event);
      return {
        async success(o) {
          event.outcome = 'success';
          event.after = o?.meta;
        },
        async fail(o) {
          event.outcome = 'fail';
          event.error = o.error.message;
        },
      };
    },
  };
  return { auditor, events };
}

const server = setupServer();
registerMswTestHooks(server);

describe('OperationsService', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  async function setup(databaseId: string) {
    const knex = await databases.init(databaseId as any);
    const database = mockServices.database({
      knex,
      migrations: { skip: false },
    });
    const history = await DatabaseEnvironmentsStore.create({ database });
    const store = await DatabaseOperationsStore.create({ database });
    const circle = new FakeCircleCi(UPSTREAMS.circleci);
    const triggered: { branch: string; parameters: Record<string, unknown> }[] =
      [];
    const approved: string[] = [];
    const github = new FakeGitHub(
      UPSTREAMS.github,
      'rlhatcher',
      'rocket-club',
      {
        [MAIN_TF]: mainTf,
        '.circleci/config.yml': circleConfig,
      },
    );
    server.use(
      http.post(
        `${UPSTREAMS.circleci}/project/gh/rlhatcher/rocket-club/pipeline`,
        async ({ request }) => {
          const body = (await request.json()) as (typeof triggered)[number];
          triggered.push(body);
          const p = circle.addPipeline({ state: 'created' });
          return HttpResponse.json(
            {
              id: p.id,
              number: p.number,
              state: 'pending',
              created_at: p.created_at,
            },
            { status: 201 },
          );
        },
      ),
      http.post(
        `${UPSTREAMS.circleci}/workflow/:id/approve/:request`,
        ({ params }) => {
          approved.push(`${params.id}/${params.request}`);
          return HttpResponse.json({ message: 'Accepted.' }, { status: 202 });
        },
      ),
      ...circle.handlers(),
      ...github.handlers(),
    );
    const ecrCalls: string[] = [];
    const { auditor, events } = recordingAuditor();
    const config = testEnvironmentsConfig();
    const service = createOperationsService({
      config,
      permissions,
      auditor,
      logger: mockServices.logger.mock(),
      store,
      history,
      circleci: new CircleCiClient({
        ...config.circleci!,
        retryBaseDelayMs: 1,
        sleep: async () => {},
      }),
      github: GithubClient.fromConfig(new ConfigReader(TEST_CONFIG)),
      ecr: {
        async listImages(repositoryName) {
          ecrCalls.push(repositoryName);
          return repositoryName === 'blog-data' ? ecrImages : [];
        },
      },
    });
    const upstreamCalls = () =>
      circle.calls.length +
      triggered.length +
      approved.length +
      github.calls.length +
      ecrCalls.length;
    return {
      service,
      history,
      store,
      circle,
      github,
      triggered,
      approved,
      ecrCalls,
      events,
      upstreamCalls,
    };
  }

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    it('parks with the configured parameters on the configured branch, once', async () => {
      const t = await setup(databaseId);
      const result = await t.service.park({
        environment: 'prod',
        credentials: owner,
      });
      expect(t.triggered).toEqual([
        {
          branch: 'main',
          parameters: {
            'park-infrastructure-mode': true,
            'terraform-prod-mode': false,
          },
        },
      ]);
      expect(result).toMatchObject({
        operation: 'park',
        environment: 'prod',
        dryRun: false,
        pipeline: {
          number: 1,
          url: `${UPSTREAMS.circleciApp}/pipelines/github/rlhatcher/rocket-club/1`,
        },
      });
      expect(t.events).toEqual([
        expect.objectContaining({
          eventId: 'environment-operation',
          outcome: 'success',
          meta: expect.objectContaining({
            operation: 'park',
            environment: 'prod',
            actor: 'user:default/ada',
          }),
          after: expect.objectContaining({
            pipeline: expect.objectContaining({ number: 1 }),
          }),
        }),
      ]);
      // The lock is held until the pipeline finishes.
      await expect(
        t.service.unpark({
          environment: 'resource:default/prod',
          credentials: owner,
        }),
      ).rejects.toThrow('prod is locked: park pipeline #1 is running');
      await t.service.pipelineFinished('prod', result.pipeline!.id);
      await expect(
        t.service.unpark({ environment: 'prod', credentials: owner }),
      ).resolves.toMatchObject({
        pipeline: { number: 2 },
      });
      expect(t.triggered[1].parameters).toEqual({
        'unpark-infrastructure-mode': true,
        'terraform-prod-mode': false,
      });
    });

    it('refuses a non-owner every mutation with no upstream call', async () => {
      const t = await setup(databaseId);
      const ctx = { environment: 'prod', credentials: stranger };
      const attempts = [
        t.service.park(ctx),
        t.service.unpark(ctx),
        t.service.rebuild(ctx),
        t.service.approve({
          ...ctx,
          workflowId: '3888f21b-eaa7-38e3-8f3d-75a63bba8895',
        }),
        t.service.trigger({
          ...ctx,
          parameters: { 'terraform-prod-mode': true },
        }),
        t.service.bump({ ...ctx, image: 'deployer' }),
      ];
      for (const attempt of attempts) {
        await expect(attempt).rejects.toMatchObject({
          name: 'NotAllowedError',
          message: expect.stringContaining('user:default/grace may not'),
        });
      }
      expect(t.upstreamCalls()).toBe(0);
      expect(t.events.every(e => e.outcome === 'fail')).toBe(true);
    });

    it('triggers exactly one pipeline for two simultaneous parks', async () => {
      const t = await setup(databaseId);
      const results = await Promise.allSettled([
        t.service.park({ environment: 'prod', credentials: owner }),
        t.service.park({ environment: 'prod', credentials: owner }),
      ]);
      expect(t.triggered).toHaveLength(1);
      const rejected = results.filter(
        r => r.status === 'rejected',
      ) as PromiseRejectedResult[];
      expect(rejected).toHaveLength(1);
      expect(rejected[0].reason).toMatchObject({ name: 'ConflictError' });
    });

    it('returns the first result for a repeated idempotency key', async () => {
      const t = await setup(databaseId);
      const ctx = {
        environment: 'prod',
        credentials: owner,
        idempotencyKey: 'click-1',
      };
      const first = await t.service.park(ctx);
      const second = await t.service.park(ctx);
      expect(second).toEqual(first);
      expect(t.triggered).toHaveLength(1);
      await expect(t.service.unpark(ctx)).rejects.toThrow(
        'Idempotency-Key "click-1" was already used for another request (park of prod)',
      );
    });

    it('refuses to park while a deploy awaits approval, naming it', async () => {
      const t = await setup(databaseId);
      await t.history.savePipeline(
        pipelineRecord({ id: 'p-9', number: 412, terminal: false }),
        [
          workflowRecord({
            id: 'w-9',
            pipelineId: 'p-9',
            pipelineNumber: 412,
            status: 'on_hold',
            stoppedAt: undefined,
          }),
        ],
        [],
      );
      await expect(
        t.service.park({ environment: 'prod', credentials: owner }),
      ).rejects.toThrow(
        'prod is locked: deploy pipeline #412 is awaiting approval',
      );
      expect(t.triggered).toHaveLength(0);
    });

    it('approves the held job of a deploy workflow, and nothing else', async () => {
      const t = await setup(databaseId);
      const p = t.circle.addPipeline({
        workflows: [
          {
            name: 'terraform-prod',
            status: 'on_hold',
            jobs: [
              { name: 'terraform-prod-plan', status: 'success' },
              {
                name: 'hold-terraform-prod-apply',
                type: 'approval',
                status: 'on_hold',
                approval_request_id: 'req-1',
              },
            ],
          },
        ],
      });
      const w = t.circle.workflow('terraform-prod');
      await t.history.savePipeline(
        pipelineRecord({ id: p.id, number: p.number, terminal: false }),
        [
          workflowRecord({
            id: w.id,
            pipelineId: p.id,
            pipelineNumber: p.number,
            status: 'on_hold',
            stoppedAt: undefined,
          }),
        ],
        [],
      );
      const result = await t.service.approve({
        environment: 'prod',
        credentials: owner,
        workflowId: w.id,
      });
      expect(t.approved).toEqual([`${w.id}/req-1`]);
      expect(result.message).toBe(
        `Approved hold-terraform-prod-apply of terraform-prod (pipeline #${p.number})`,
      );

      await expect(
        t.service.approve({
          environment: 'prod',
          credentials: owner,
          workflowId: '00000000-0000-0000-0000-000000000000',
        }),
      ).rejects.toMatchObject({ name: 'InputError' });
      await expect(
        t.service.approve({
          environment: 'prod',
          credentials: owner,
          workflowId: 'x"; rm',
        }),
      ).rejects.toThrow('Invalid workflow id "x\\"; rm"');
      expect(t.approved).toHaveLength(1);
    });

    it('checks generic pipeline parameters against .circleci/config.yml before triggering', async () => {
      const t = await setup(databaseId);
      await expect(
        t.service.trigger({
          environment: 'prod',
          credentials: owner,
          parameters: { 'deploy-everything': true },
        }),
      ).rejects.toThrow('"deploy-everything" is not declared');
      await expect(
        t.service.trigger({
          environment: 'prod',
          credentials: owner,
          parameters: { 'terraform-prod-mode': 'yes' },
        }),
      ).rejects.toThrow('"terraform-prod-mode" must be a boolean, got "yes"');
      expect(t.triggered).toHaveLength(0);
      await t.service.trigger({
        environment: 'prod',
        credentials: owner,
        parameters: {
          'refresh-prefect-image-mode': true,
          'terraform-prod-mode': false,
        },
      });
      expect(t.triggered).toEqual([
        {
          branch: 'main',
          parameters: {
            'refresh-prefect-image-mode': true,
            'terraform-prod-mode': false,
          },
        },
      ]);
    });

    it('rebuilds with the seed parameters, retrying a 429 with Retry-After', async () => {
      const t = await setup(databaseId);
      server.use(
        http.post(
          `${UPSTREAMS.circleci}/project/gh/rlhatcher/rocket-club/pipeline`,
          () =>
            HttpResponse.json(
              { message: 'Rate limit exceeded' },
              { status: 429, headers: { 'Retry-After': '1' } },
            ),
          { once: true },
        ),
      );
      const result = await t.service.rebuild({
        environment: 'prod',
        credentials: owner,
      });
      expect(t.triggered).toEqual([
        {
          branch: 'main',
          parameters: {
            'refresh-prefect-image-mode': true,
            'terraform-prod-mode': false,
          },
        },
      ]);
      expect(result.pipeline?.number).toBe(1);
    });

    it('does not repeat a trigger after a 5xx, and releases the lock', async () => {
      const t = await setup(databaseId);
      server.use(
        http.post(
          `${UPSTREAMS.circleci}/project/gh/rlhatcher/rocket-club/pipeline`,
          () => HttpResponse.json({ message: 'boom' }, { status: 502 }),
          { once: true },
        ),
      );
      await expect(
        t.service.park({ environment: 'prod', credentials: owner }),
      ).rejects.toMatchObject({
        name: 'ServiceUnavailableError',
      });
      expect(t.triggered).toHaveLength(0);
      await expect(
        t.service.park({ environment: 'prod', credentials: owner }),
      ).resolves.toBeDefined();
      expect(t.triggered).toHaveLength(1);
    });

    it('opens the bump pull request with a one-line diff of main.tf', async () => {
      const t = await setup(databaseId);
      const dry = await t.service.bump({
        environment: 'prod',
        credentials: owner,
        image: 'deployer',
        dryRun: true,
      });
      expect(t.github.pulls).toHaveLength(0);
      expect(t.github.calls.every(c => c.startsWith('GET'))).toBe(true);
      expect(dry).toMatchObject({
        dryRun: true,
        fromTag: 'prefect-deployer-3-python3.12-1a2b3c4',
        toTag: 'prefect-deployer-3-python3.12-9f8e7d6',
        digest: 'sha256:new',
        pullRequest: {
          branch: 'environments/bump-prod-deployer',
          updated: false,
        },
      });
      expect(dry.diff!.split('\n').filter(l => /^[-+][^-+]/.test(l))).toEqual([
        `-  prefect_deployer_image = "${registry}/blog-data:prefect-deployer-3-python3.12-1a2b3c4"`,
        `+  prefect_deployer_image = "${registry}/blog-data:prefect-deployer-3-python3.12-9f8e7d6"`,
      ]);

      const real = await t.service.bump({
        environment: 'prod',
        credentials: owner,
        image: 'deployer',
      });
      expect(real.pullRequest).toMatchObject({
        number: 40,
        url: 'https://github.com/rlhatcher/rocket-club/pull/40',
        updated: false,
      });
      expect(real.diff).toBe(dry.diff);
      const after = t.github.file('environments/bump-prod-deployer', MAIN_TF)!;
      const changed = mainTf
        .split('\n')
        .filter((line, i) => line !== after.split('\n')[i]);
      expect(changed).toHaveLength(1);
      expect(t.github.file('main', MAIN_TF)).toBe(mainTf);
      expect(t.github.pulls[0].body).toContain(
        'https://github.com/rlhatcher/rocket-club/compare/1a2b3c4...9f8e7d6',
      );
      expect(t.github.pulls[0].body).toContain('Roll back');

      // Again: the open pull request is updated, not duplicated.
      const again = await t.service.bump({
        environment: 'prod',
        credentials: owner,
        image: 'deployer',
      });
      expect(again.pullRequest).toMatchObject({ number: 40, updated: true });
      expect(t.github.pulls).toHaveLength(1);
    });

    it('opens nothing when the tag is already pinned', async () => {
      const t = await setup(databaseId);
      const result = await t.service.bump({
        environment: 'prod',
        credentials: owner,
        image: 'deployer',
        tag: 'prefect-deployer-3-python3.12-1a2b3c4',
      });
      expect(result).toMatchObject({
        noop: true,
        message:
          'prod already pins deployer at prefect-deployer-3-python3.12-1a2b3c4; nothing to do',
      });
      expect(t.github.calls.filter(c => !c.startsWith('GET'))).toEqual([]);
    });

    it.each([
      [
        'a malformed tag',
        { image: 'deployer', tag: 'prefect deployer' },
        'Invalid image tag "prefect deployer"',
      ],
      [
        'a quote',
        { image: 'deployer', tag: 'prefect-deployer-3-python3.12-abc"def' },
        'Invalid image tag',
      ],
      [
        'a newline',
        { image: 'deployer', tag: 'prefect-deployer-3-python3.12-abcdef0\nx' },
        'Invalid image tag',
      ],
      [
        'an interpolation',
        { image: 'deployer', tag: '${local.x}' },
        'Invalid image tag "${local.x}"',
      ],
      [
        'a tag of another image',
        { image: 'deployer', tag: 'prefect-3-python3.12-ecs' },
        'does not match',
      ],
      ['an unknown image', { image: 'worker' }, 'prod has no image "worker"'],
      ['an unbumpable image', { image: 'base' }, 'cannot be bumped'],
    ])('refuses %s before any upstream call', async (_what, input, message) => {
      const t = await setup(databaseId);
      await expect(
        t.service.bump({ environment: 'prod', credentials: owner, ...input }),
      ).rejects.toThrow(message);
      expect(t.upstreamCalls()).toBe(0);
    });

    it('refuses a tag that is not in the ECR repository, before touching GitHub', async () => {
      const t = await setup(databaseId);
      await expect(
        t.service.bump({
          environment: 'prod',
          credentials: owner,
          image: 'deployer',
          tag: 'prefect-deployer-3-python3.12-0000000',
        }),
      ).rejects.toThrow(
        'Tag "prefect-deployer-3-python3.12-0000000" is not in ECR repository "blog-data"',
      );
      expect(t.github.calls).toEqual([]);
    });

    it('names an unknown environment', async () => {
      const t = await setup(databaseId);
      await expect(
        t.service.park({ environment: 'staging', credentials: owner }),
      ).rejects.toThrow('No environment "staging"; known: prod');
    });

    it('keeps secrets out of results and audit events', async () => {
      const t = await setup(databaseId);
      const results = [
        await t.service.park({ environment: 'prod', credentials: owner }),
        await t.service.bump({
          environment: 'prod',
          credentials: owner,
          image: 'deployer',
        }),
      ];
      const text = JSON.stringify([results, t.events]);
      for (const secret of Object.values(SECRETS)) {
        expect(text).not.toContain(secret);
      }
    });
  });
});
