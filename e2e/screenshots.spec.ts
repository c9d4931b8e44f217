import { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import {
  captureWhileShowing,
  openEnvironmentTab,
  screenshot,
  signInAsGuest,
  stateChip,
  statusPanel,
} from './support/ui';

/*
 * Screenshots of the environment tab and the environments index at the
 * widths people use (test-output/screens-<state>-<width>.png), for a
 * person to look at: nothing clipped, no mid-word breaks, one notice per
 * thing to say.
 */

const WIDTHS = [800, 1280, 1920];

async function atEveryWidth(page: Page, name: string) {
  for (const width of WIDTHS) {
    // Tall enough for every panel: the content scrolls inside the page.
    await page.setViewportSize({ width, height: 2600 });
    // Let the layout settle (tables measure themselves).
    await page.waitForTimeout(300);
    await screenshot(page, `screens-${name}-${width}`);
  }
  await page.setViewportSize({ width: 1280, height: 1500 });
}

test('the environment tab and the index at 800, 1280 and 1920 px', async ({
  page,
  portal,
  sandbox,
}) => {
  test.setTimeout(300_000);
  await portal.ensureActive();
  await signInAsGuest(page);

  // Active.
  await openEnvironmentTab(page);
  await expect(stateChip(page)).toHaveAttribute('data-state', 'active');
  await expect(page.getByRole('table', { name: 'Images' })).toBeVisible();
  await atEveryWidth(page, 'active');

  // Parking (held on screen while captured; the responses are real).
  // Hold the status responses from before the park, so the first one that
  // says "parking" stays on screen while captured.
  const captured = captureWhileShowing(page, 'parking', () =>
    atEveryWidth(page, 'parking'),
  );
  await portal.post('park', {}, 201);
  await captured;
  await portal.waitForState('parked');
  await portal.post('unpark', {}, 201);
  await portal.waitForState('active');
  await portal.waitUntilIdle();

  // Awaiting approval, with the Approve dialog open.
  await sandbox.push({
    message: 'Screens: a held apply',
    actor: 'e2e-developer',
  });
  await expect(stateChip(page)).toHaveAttribute(
    'data-state',
    'awaiting-approval',
    { timeout: 60_000 },
  );
  await atEveryWidth(page, 'awaiting-approval');
  await statusPanel(page).getByRole('button', { name: 'Approve' }).click();
  const dialog = page.getByRole('dialog', {
    name: 'Approve the apply to Production (prod)?',
  });
  await expect(dialog).toBeVisible();
  await atEveryWidth(page, 'awaiting-approval-dialog');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();

  // A failed deploy: the apply job fails once; the environment stays up.
  await sandbox.failNext('terraform-prod-apply');
  const held = (await portal.details()).heldApproval!;
  await portal.post(`approvals/${held.workflowId}`);
  await portal.waitUntilIdle();
  await expect(page.getByTestId('failure-line')).toContainText(
    'Last deploy failed: terraform-prod-apply',
    { timeout: 30_000 },
  );
  await expect(stateChip(page)).toHaveAttribute('data-state', 'active');
  await atEveryWidth(page, 'failed-deploy');

  // The environments index.
  await page.goto('/environments');
  await expect(page.getByRole('link', { name: /Production/ })).toBeVisible();
  await atEveryWidth(page, 'environments-index');

  // A non-owner: the permission backend's answers turned to DENY, as a
  // member of another team would get them.
  await page.route('**/api/permission/authorize', async route => {
    const response = await route.fetch();
    const body = await response.json();
    await route.fulfill({
      response,
      json: {
        ...body,
        items: body.items.map((i: object) => ({ ...i, result: 'DENY' })),
      },
    });
  });
  await openEnvironmentTab(page);
  await expect(page.getByRole('note')).toContainText('Owned by');
  await atEveryWidth(page, 'non-owner');
  await page.unroute('**/api/permission/authorize');
});
