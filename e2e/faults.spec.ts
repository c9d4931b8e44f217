import { expect, test } from './support/fixtures';
import { openEnvironmentTab, signInAsGuest, statusPanel } from './support/ui';

/** Longer than the backend's CircleCI request timeout (10 s by default). */
const HOLD_MS = 15_000;

/*
 * A careful operator's bad day: CircleCI acts on the park trigger only
 * after the portal gave up waiting. The dialog says the outcome is not
 * known; the operator retries from the same dialog (the same
 * Idempotency-Key), and the portal adopts the pipeline CircleCI ran
 * instead of triggering a second one.
 */
test('a park whose trigger times out, retried from the UI, ends with one pipeline', async ({
  page,
  portal,
  sandbox,
}) => {
  test.setTimeout(180_000);
  await portal.ensureActive();
  await sandbox.clearFaults();
  const parksBefore = (await sandbox.pipelines()).filter(
    p => p.parameters['park-infrastructure-mode'] === true,
  ).length;

  await signInAsGuest(page);
  await openEnvironmentTab(page);
  const panel = statusPanel(page);

  await sandbox.faults('circleci', {
    faults: [{ method: 'POST', path: '/pipeline$', holdMs: HOLD_MS }],
  });
  await panel.getByRole('button', { name: 'Park', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Park Production (prod)?' });
  const confirm = dialog.getByRole('button', { name: 'Park prod' });
  await confirm.click();

  // No answer in time: the dialog stays open and says what is known.
  await expect(
    dialog.getByText(/outcome is (unknown|not known)/i).first(),
  ).toBeVisible({ timeout: 30_000 });
  // The lock that refuses other operations is on record meanwhile.
  expect((await portal.details()).lock).toMatchObject({ kind: 'park' });

  // CircleCI runs the park once it handled the held trigger.
  await expect
    .poll(
      async () =>
        (
          await sandbox.pipelines()
        ).filter(p => p.parameters['park-infrastructure-mode'] === true).length,
      { timeout: HOLD_MS + 15_000 },
    )
    .toBe(parksBefore + 1);

  // The retry from the same dialog adopts that pipeline.
  await confirm.click();
  await expect(dialog).toBeHidden({ timeout: 30_000 });
  await expect(
    page.getByText(/Triggered the park pipeline #\d+ of prod/).first(),
  ).toBeVisible();

  await portal.waitForState('parked', 90_000);
  const parks = (await sandbox.pipelines()).filter(
    p => p.parameters['park-infrastructure-mode'] === true,
  );
  expect(parks).toHaveLength(parksBefore + 1);
  expect(parks.at(-1)!.workflows.map(w => [w.name, w.status])).toEqual([
    ['park-infrastructure', 'success'],
  ]);
  await sandbox.clearFaults();
});
