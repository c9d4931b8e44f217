import { expect, test } from './support/fixtures';
import {
  captureWhileShowing,
  openEnvironmentTab,
  screenshot,
  signInAsGuest,
  stateChip,
  statusPanel,
} from './support/ui';

test('a push waits for approval; approving it from the tab deploys it', async ({
  page,
  portal,
  sandbox,
}) => {
  await portal.ensureActive();
  const before = await portal.deployments({ kind: 'deploy' });

  // A developer pushes to main: its terraform-prod workflow plans, then
  // holds before the apply.
  const push = await sandbox.push({
    message: 'Tune the ECS service',
    actor: 'e2e-developer',
  });

  await signInAsGuest(page);
  await openEnvironmentTab(page);
  const panel = statusPanel(page);
  const notice = panel.getByRole('alert').filter({
    hasText: 'Apply waiting for approval',
  });
  await captureWhileShowing(page, 'awaiting-approval', async () => {
    await expect(stateChip(page)).toHaveText('Awaiting approval');
    await expect(notice).toContainText('e2e-developer pushed');
    await expect(notice).toContainText('Tune the ECS service');
    await expect(notice).toContainText(`pipeline #${push.pipeline.number}`);
    await screenshot(page, 'environment-awaiting-approval');
  });

  await notice.getByRole('button', { name: 'Approve' }).click();
  const dialog = page.getByRole('dialog', {
    name: 'Approve the apply to Production (prod)?',
  });
  await expect(dialog).toContainText('e2e-developer pushed');
  await dialog.getByRole('button', { name: 'Approve apply' }).click();
  await expect(dialog).toBeHidden();

  // The apply and the endpoint check run, then prod is active again.
  await expect(stateChip(page)).toHaveAttribute('data-state', 'active', {
    timeout: 60_000,
  });
  await expect(notice).toBeHidden();

  // A new deploy row: the pushed commit, succeeded, with its approval wait.
  const after = await portal.deployments({ kind: 'deploy' });
  expect(after.items.length).toBe(before.items.length + 1);
  expect(after.items[0]).toMatchObject({
    kind: 'deploy',
    workflowName: 'terraform-prod',
    status: 'success',
    pipeline: { number: push.pipeline.number },
    commit: { sha: push.commit, subject: 'Tune the ECS service' },
  });
  expect(after.items[0].approvalWaitMs).toBeGreaterThan(0);
  // ... and in the tab's deploy history table.
  const row = page
    .getByRole('row')
    .filter({ hasText: 'terraform-prod' })
    .filter({
      has: page.getByRole('link', {
        name: new RegExp(`^#${push.pipeline.number}\\b`),
      }),
    });
  await expect(row).toContainText('success');

  // The stand-in's workflow: every job ran, the hold approved.
  const pipeline = (await sandbox.pipelines()).find(
    p => p.id === push.pipeline.id,
  )!;
  const workflow = pipeline.workflows.find(w => w.name === 'terraform-prod')!;
  expect(workflow.status).toBe('success');
  expect(workflow.jobs.map(j => [j.name, j.status])).toEqual([
    ['build-prefect-deployer-image', 'success'],
    ['terraform-prod-plan', 'success'],
    ['hold-terraform-prod-apply', 'success'],
    ['terraform-prod-apply', 'success'],
    ['verify-prod-endpoints', 'success'],
  ]);
});
