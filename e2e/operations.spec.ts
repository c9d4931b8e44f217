import { expect, test } from './support/fixtures';
import { pullRequestFiles } from './support/sandbox';

const MAIN_TF = 'infra/platform/infra/envs/prod/main.tf';

/*
 * The other operations, driven through the REST API as the guest and
 * checked in the stand-ins themselves: the pull request in the GitHub
 * stand-in, the pipeline parameters in the CircleCI stand-in.
 */

test('bump opens a pull request that changes one line of main.tf', async ({
  portal,
  request,
  sandbox,
}) => {
  const deployer = (await portal.images()).images.find(
    i => i.name === 'deployer',
  )!;
  expect(deployer.upToDate).toBe(false);
  const pinned = deployer.pinned!.tag;
  const newest = deployer.newest!.tag;

  // The dry run shows the real diff and changes nothing.
  const pullsBefore = (await sandbox.state()).pulls.length;
  const preview = await portal.post(
    'images/deployer/bump',
    { dryRun: true },
    200,
  );
  expect(preview).toMatchObject({
    dryRun: true,
    fromTag: pinned,
    toTag: newest,
  });
  const changed = preview.diff!.split('\n').filter(l => /^[-+][^-+]/.test(l));
  expect(changed).toEqual([
    expect.stringContaining(pinned),
    expect.stringContaining(newest),
  ]);
  expect((await sandbox.state()).pulls.length).toBe(pullsBefore);

  // For real: a pull request (or the open one, updated, on a rerun).
  const result = await portal.post('images/deployer/bump', {});
  expect(result.dryRun).toBe(false);
  const number = result.pullRequest!.number!;
  const pull = (await sandbox.state()).pulls.find(p => p.number === number);
  expect(pull).toMatchObject({ state: 'open', base: 'main' });

  const files = await pullRequestFiles(request, number);
  expect(files).toHaveLength(1);
  expect(files[0]).toMatchObject({
    filename: MAIN_TF,
    additions: 1,
    deletions: 1,
  });
  expect(files[0].patch).toContain(`-`);
  expect(files[0].patch).toMatch(
    new RegExp(`\\n-.*${pinned}[\\s\\S]*\\n\\+.*${newest}`),
  );
});

test('rebuild triggers the image refresh pipeline with its mode parameters', async ({
  portal,
  sandbox,
}) => {
  await portal.ensureActive();
  const result = await portal.post('rebuild', {}, 201);
  const pipeline = (await sandbox.pipelines()).find(
    p => p.id === result.pipeline!.id,
  )!;
  expect(pipeline.parameters).toEqual({
    'refresh-prefect-image-mode': true,
    'terraform-prod-mode': false,
  });
  expect(pipeline.workflows.map(w => w.name)).toEqual([
    'refresh-prefect-image',
  ]);

  // It shows up in the history as a rebuild, and does not change the state.
  await portal.waitUntilIdle();
  const rebuilds = await portal.deployments({ kind: 'rebuild' });
  expect(rebuilds.items[0]).toMatchObject({
    workflowName: 'refresh-prefect-image',
    status: 'success',
    pipeline: { number: result.pipeline!.number },
  });
  expect((await portal.details()).state).toBe('active');
});

test('a park survives CircleCI answering 429 with Retry-After once', async ({
  portal,
  sandbox,
}) => {
  await portal.ensureActive();
  await sandbox.faults('circleci', {
    faults: [
      {
        method: 'POST',
        path: '/pipeline',
        status: 429,
        retryAfter: 1,
        count: 1,
      },
    ],
  });
  await sandbox.resetStats();
  const parks = async () =>
    (await sandbox.pipelines()).filter(
      p => p.parameters['park-infrastructure-mode'] === true,
    );
  const parksBefore = (await parks()).length;

  const result = await portal.post('park', {}, 201);
  // The trigger was refused once, then retried after Retry-After.
  const stats = (await sandbox.stats()).circleci;
  expect(stats.faulted).toBe(1);
  const triggers = Object.entries(stats.byOperation).filter(([op]) =>
    op.startsWith('POST '),
  );
  expect(triggers.map(([, n]) => n)).toEqual([2]);
  expect((await sandbox.queuedFaults()).circleci.faults).toEqual([]);
  // One pipeline: the retry, not a duplicate.
  const after = await parks();
  expect(after).toHaveLength(parksBefore + 1);
  expect(after.at(-1)!.id).toBe(result.pipeline!.id);

  await portal.waitForState('parked');
  expect((await sandbox.state()).parked).toBe(true);
  await portal.waitUntilIdle();
  await portal.ensureActive();
});
