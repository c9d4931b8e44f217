import { expect, test } from './support/fixtures';
import {
  openEnvironmentTab,
  screenshot,
  signInAsGuest,
  stateChip,
  statusPanel,
} from './support/ui';

const AURORA = 'infra/platform/infra/modules/aurora/main.tf';

test('the approver reviews the plan: a protected replace needs the name typed', async ({
  page,
  portal,
  sandbox,
}) => {
  await portal.ensureActive();
  await page.setViewportSize({ width: 1280, height: 1100 });
  // A push that changes the Aurora module: its plan replaces the cluster.
  const push = await sandbox.push({
    message: 'Resize the Aurora cluster',
    actor: 'e2e-developer',
    files: { [AURORA]: '# resized by the e2e flow\n' },
  });

  await signInAsGuest(page);
  await openEnvironmentTab(page);
  const notice = statusPanel(page)
    .getByRole('alert')
    .filter({ hasText: 'Apply waiting for approval' });
  await expect(notice).toContainText(`pipeline #${push.pipeline.number}`, {
    timeout: 60_000,
  });
  await expect(notice).toContainText('+0 ~0 −0 ±1');
  await expect(notice).toContainText(
    'destroys or replaces 1 protected resource',
  );

  await notice.getByRole('button', { name: 'Approve' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('Replaced (1)');
  await expect(dialog).toContainText('module.aurora.aws_rds_cluster.this');
  await expect(dialog.getByText('protected', { exact: true })).toBeVisible();
  const approve = dialog.getByRole('button', { name: 'Approve apply' });
  await expect(approve).toBeDisabled();
  await screenshot(page, 'approval-protected-replace-1280');

  // The backend refuses it too without the name, whatever the page does.
  const held = (await portal.details()).heldApproval!;
  expect(held.plan).toMatchObject({
    status: 'ok',
    counts: { create: 0, update: 0, delete: 0, replace: 1 },
  });
  const refused = await portal.post(
    `approvals/${held.workflowId}`,
    { dryRun: true },
    200,
  );
  expect(refused).toMatchObject({
    wouldSucceed: false,
    reason: expect.stringContaining('module.aurora.aws_rds_cluster.this'),
  });

  await dialog.getByLabel(/Type prod to approve/).fill('prod');
  await expect(approve).toBeEnabled();
  await approve.click();
  await expect(dialog).toBeHidden();
  await expect(stateChip(page)).toHaveAttribute('data-state', 'active', {
    timeout: 60_000,
  });
});

test('a drift check started from the tab shows what drifted', async ({
  page,
  portal,
  sandbox,
}) => {
  await portal.ensureActive();
  await page.setViewportSize({ width: 1280, height: 1100 });
  await signInAsGuest(page);
  await openEnvironmentTab(page);
  const panel = statusPanel(page);
  const check = panel.getByRole('button', { name: 'Check drift now' });
  await expect(check).toBeEnabled({ timeout: 30_000 });
  await check.click();
  const dialog = page.getByRole('dialog');
  const started = page.waitForResponse(
    r => r.url().endsWith('/drift-check') && r.request().method() === 'POST',
  );
  await dialog.getByRole('button', { name: 'Check drift' }).click();
  const result = await (await started).json();
  expect(result).toMatchObject({ operation: 'drift' });
  // What the read-only plan finds changed outside Terraform.
  await sandbox.plan(result.pipeline.number, {
    summary: {
      format_version: '1.2',
      resource_changes: [],
      resource_drift: [
        {
          address: 'module.ecs.aws_ecs_service.prefect',
          type: 'aws_ecs_service',
          change: { actions: ['update'] },
        },
      ],
    },
  });
  const badge = panel.getByTestId('drift-badge');
  await expect(badge).toContainText('Drifted: 1 resource', { timeout: 60_000 });
  await screenshot(page, 'drift-badge-1280');
  const details = await portal.details();
  expect(details.drift).toMatchObject({
    status: 'drifted',
    pipeline: { number: result.pipeline.number },
    resources: [{ address: 'module.ecs.aws_ecs_service.prefect' }],
  });
});
