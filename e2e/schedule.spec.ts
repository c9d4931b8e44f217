import { expect, test } from './support/fixtures';
import { openEnvironmentTab, signInAsGuest, statusPanel } from './support/ui';

test('the schedule on the page: the next park, keep awake and its end', async ({
  page,
  portal,
}) => {
  await portal.ensureActive();
  await signInAsGuest(page);
  await openEnvironmentTab(page);
  const panel = statusPanel(page);
  await expect(panel.getByText(/Next scheduled park/)).toBeVisible();
  expect((await portal.details()).schedule).toMatchObject({
    nextPark: expect.any(String),
    timezone: 'Europe/London',
  });

  const keep = panel.getByRole('button', { name: 'Keep awake…' });
  await expect(keep).toBeEnabled({ timeout: 30_000 });
  await keep.click();
  const dialog = page.getByRole('dialog', {
    name: 'Keep Production (prod) awake?',
  });
  await dialog.getByRole('button', { name: 'Keep prod awake' }).click();
  await expect(panel.getByText(/^Kept awake until/)).toBeVisible();
  const kept = (await portal.details()).schedule?.keepAwakeUntil;
  expect(Date.parse(kept!)).toBeGreaterThan(Date.now() + 23 * 3600_000);

  await panel.getByRole('button', { name: 'End keep-awake' }).click();
  await expect(panel.getByText(/^Kept awake until/)).toBeHidden();
  expect((await portal.details()).schedule?.keepAwakeUntil).toBeFalsy();
});

test('the owners are told when an apply waits for approval, with the plan counts', async ({
  page,
  portal,
  sandbox,
}) => {
  await portal.ensureActive();
  const push = await sandbox.push({
    message: 'Schedule flow: a held apply',
    actor: 'e2e-developer',
  });
  await portal.waitForState('awaiting-approval');
  await signInAsGuest(page);
  await page.goto('/notifications');
  const notice = page
    .getByText(`Production: deploy #${push.pipeline.number} awaits approval`)
    .first();
  await expect(notice).toBeVisible({ timeout: 60_000 });
  // The list cuts long descriptions: open this one.
  const row = page.getByRole('row').filter({ has: notice });
  await row.getByRole('button', { name: 'Show more' }).click();
  await expect(row).toContainText(/Plan \+\d+ ~\d+ −\d+ ±\d+\./);
  await portal.ensureActive();
});
