import { copyFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from './support/fixtures';
import {
  captureWhileShowing,
  screenshot,
  signInAsGuest,
  stateChip,
  statusPanel,
} from './support/ui';

/** Set to refresh the README's screenshot from this run. */
const UPDATE_DOCS_SCREENSHOT = !!process.env.E2E_UPDATE_DOCS_SCREENSHOT;

test('park and unpark prod from its environment tab', async ({
  page,
  portal,
  sandbox,
}) => {
  await portal.ensureActive();
  await signInAsGuest(page);

  // The resource page's overview, then its Environment tab.
  await page.goto('/catalog/default/resource/prod');
  await expect(
    page.getByRole('heading', { name: 'Production', level: 1 }),
  ).toBeVisible();
  await expect(
    page.getByRole('link', { name: 'Platform team' }).first(),
  ).toBeVisible();
  await page.getByRole('tab', { name: 'Environment' }).click();
  await expect(page).toHaveURL(
    /\/catalog\/default\/resource\/prod\/environment$/,
  );
  const panel = statusPanel(page);

  await expect(stateChip(page)).toHaveAttribute('data-state', 'active');
  await expect(stateChip(page)).toHaveText('Active');
  const active = await screenshot(page, 'environment-active');
  if (UPDATE_DOCS_SCREENSHOT) {
    const docs = resolve(__dirname, '..', 'docs', 'screenshot.png');
    copyFileSync(active, docs);
    expect(statSync(docs).size).toBeLessThan(300 * 1024);
  }

  // Park: the confirm dialog names the environment.
  await panel.getByRole('button', { name: 'Park', exact: true }).click();
  const parkDialog = page.getByRole('dialog', {
    name: 'Park Production (prod)?',
  });
  await parkDialog.getByRole('button', { name: 'Park prod' }).click();
  await expect(parkDialog).toBeHidden();

  await captureWhileShowing(page, 'parking', async () => {
    await expect(stateChip(page)).toHaveText('Parking');
    await expect(
      panel.getByText(/^Locked: park pipeline #\d+/).first(),
    ).toBeVisible();
    await screenshot(page, 'environment-parking');
  });

  await expect(stateChip(page)).toHaveAttribute('data-state', 'parked', {
    timeout: 60_000,
  });
  await expect(stateChip(page)).toHaveText('Parked');
  await expect(
    panel.getByText(/park-infrastructure \(pipeline #\d+\)/),
  ).toBeVisible();
  await screenshot(page, 'environment-parked');

  // The stand-in ran the park workflow with the configured parameters.
  expect((await sandbox.state()).parked).toBe(true);
  const park = (await sandbox.pipelines()).at(-1)!;
  expect(park.parameters).toEqual({
    'park-infrastructure-mode': true,
    'terraform-prod-mode': false,
  });
  expect(park.workflows.map(w => [w.name, w.status])).toEqual([
    ['park-infrastructure', 'success'],
  ]);
  // The probes find the endpoints down: expected while parked, no outage.
  await expect
    .poll(async () => (await portal.details()).endpoints.map(e => e.status), {
      timeout: 30_000,
    })
    .toEqual(['expected-down', 'expected-down']);

  // Unpark, back to active.
  const unpark = panel.getByRole('button', { name: 'Unpark', exact: true });
  await expect(unpark).toBeEnabled();
  await unpark.click();
  const unparkDialog = page.getByRole('dialog', {
    name: 'Unpark Production (prod)?',
  });
  await unparkDialog.getByRole('button', { name: 'Unpark prod' }).click();
  await expect(unparkDialog).toBeHidden();
  await expect(stateChip(page)).toHaveAttribute('data-state', 'active', {
    timeout: 60_000,
  });
  expect((await sandbox.state()).parked).toBe(false);
});
