import {
  registerMswTestHooks,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { setupServer } from 'msw/node';
import {
  APPROVAL_REQUEST_ID,
  MAIN_TF,
  REGISTRY as registry,
  mainTf,
  operationsHarness,
  owner,
  stranger,
} from '../../__testUtils__/operationsHarness';
import { pipelineRecord, workflowRecord } from '../../__testUtils__/records';
import { SECRETS, UPSTREAMS } from '../../__testUtils__/testConfig';

jest.setTimeout(60_000);

const server = setupServer();
registerMswTestHooks(server);

describe('OperationsService', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  async function setup(databaseId: string) {
    return operationsHarness(await databases.init(databaseId as any), server);
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
      const { pipeline: p, workflow: w } = await t.heldDeploy();
      const result = await t.service.approve({
        environment: 'prod',
        credentials: owner,
        workflowId: w.id,
      });
      expect(t.approved).toEqual([`${w.id}/${APPROVAL_REQUEST_ID}`]);
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
      t.sandbox.faults('circleci', {
        faults: [
          {
            method: 'POST',
            path: '/project/gh/rlhatcher/rocket-club/pipeline$',
            status: 429,
            retryAfter: 1,
            body: { message: 'Rate limit exceeded' },
          },
        ],
      });
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
      expect(
        t.sandbox
          .requests()
          .circleci.filter(r => r.method === 'POST')
          .map(r => r.status),
      ).toEqual([429, 201]);
    });

    it('does not repeat a trigger after a 5xx: the lock stays unknown until reconciliation proves no pipeline', async () => {
      const t = await setup(databaseId);
      t.trigger.next.push('5xx');
      await expect(
        t.service.park({ environment: 'prod', credentials: owner }),
      ).rejects.toMatchObject({
        name: 'ServiceUnavailableError',
        message: expect.stringContaining('The outcome is unknown'),
      });
      expect(t.triggered).toHaveLength(0);
      // CircleCI may have acted: no second trigger while that is unknown.
      await expect(
        t.service.park({ environment: 'prod', credentials: owner }),
      ).rejects.toThrow(/prod is locked: the outcome of a park requested at/);
      // Past the window with no pipeline on record: released, and a park
      // may run.
      t.clock.t += 3 * 60_000;
      await expect(
        t.service.park({ environment: 'prod', credentials: owner }),
      ).resolves.toMatchObject({ pipeline: { number: 1 } });
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
      expect(t.github.pulls()).toHaveLength(0);
      expect(t.github.writes()).toEqual([]);
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
      const [pull] = t.github.pulls();
      expect(real.pullRequest).toMatchObject({
        number: pull.number,
        url: t.github.pullUrl(pull.number),
        updated: false,
      });
      expect(real.diff).toBe(dry.diff);
      const after = t.github.file('environments/bump-prod-deployer', MAIN_TF)!;
      const changed = mainTf
        .split('\n')
        .filter((line, i) => line !== after.split('\n')[i]);
      expect(changed).toHaveLength(1);
      expect(t.github.file('main', MAIN_TF)).toBe(mainTf);
      expect(t.github.pulls()[0].body).toContain(
        'https://github.com/rlhatcher/rocket-club/compare/1a2b3c4...9f8e7d6',
      );
      expect(t.github.pulls()[0].body).toContain('Roll back');

      // Again: the open pull request is updated, not duplicated.
      const again = await t.service.bump({
        environment: 'prod',
        credentials: owner,
        image: 'deployer',
      });
      expect(again.pullRequest).toMatchObject({
        number: pull.number,
        updated: true,
      });
      expect(t.github.pulls()).toHaveLength(1);
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
      expect(t.github.writes()).toEqual([]);
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
      expect(t.github.calls()).toEqual([]);
    });

    it('names an unknown environment', async () => {
      const t = await setup(databaseId);
      await expect(
        t.service.park({ environment: 'staging', credentials: owner }),
      ).rejects.toThrow("No environment 'staging'; known: prod");
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
