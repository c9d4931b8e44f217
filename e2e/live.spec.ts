import { expect, test } from './support/fixtures';
import {
  openEnvironmentTab,
  signInAsGuest,
  stateChip,
  statusPanel,
} from './support/ui';

/*
 * The environment tab stays current by itself: each flow opens it once and
 * never reloads it while something happens elsewhere (a push, the REST API,
 * an endpoint, ECR). The backend announces each change on the signal
 * channel `environments:prod`; the page refetches what changed.
 */

/** How long the open page may lag what the backend already reports. */
const PAGE_LAG_MS = 5_000;
/** The e2e probe period (e2e/app-config.e2e.yaml). */
const PROBE_PERIOD_MS = 5_000;

test.beforeEach(async ({ portal }) => {
  await portal.ensureActive();
});

test('a push shows "Awaiting approval" on the open page within 5 s', async ({
  page,
  portal,
  sandbox,
}) => {
  await signInAsGuest(page);
  await openEnvironmentTab(page);
  await expect(stateChip(page)).toHaveAttribute('data-state', 'active');

  const push = await sandbox.push({
    message: 'Live page: a held apply',
    actor: 'e2e-developer',
  });
  await portal.waitForState('awaiting-approval');
  await expect(stateChip(page)).toHaveAttribute(
    'data-state',
    'awaiting-approval',
    { timeout: PAGE_LAG_MS },
  );
  const notice = statusPanel(page).getByRole('alert').filter({
    hasText: 'Apply waiting for approval',
  });
  await expect(notice).toContainText(`pipeline #${push.pipeline.number}`);
  // Park is refused while a deploy waits, with the reason.
  await expect(
    statusPanel(page).getByRole('button', { name: 'Park', exact: true }),
  ).toBeDisabled();

  // Leave prod as it was for the next flow.
  const held = (await portal.details()).heldApproval!;
  await portal.post(`approvals/${held.workflowId}`);
  await expect(stateChip(page)).toHaveAttribute('data-state', 'active', {
    timeout: 60_000,
  });
});

test('a park started through the REST API shows "Parking", then "Parked"', async ({
  page,
  portal,
}) => {
  await signInAsGuest(page);
  await openEnvironmentTab(page);
  await expect(stateChip(page)).toHaveAttribute('data-state', 'active');

  // Not through the page: as the park template's action does.
  const result = await portal.post('park', {}, 201);
  // From the moment the backend holds the lock, before CircleCI lists it.
  await expect(stateChip(page)).toHaveAttribute('data-state', 'parking', {
    timeout: PAGE_LAG_MS,
  });
  await expect(
    statusPanel(page).getByRole('button', { name: 'Park', exact: true }),
  ).toBeDisabled();
  await expect(
    statusPanel(page)
      .getByRole('link', {
        name: new RegExp(`pipeline #${result.pipeline!.number}\\b`),
      })
      .first(),
  ).toBeVisible();
  await portal.waitForState('parked');
  await expect(stateChip(page)).toHaveAttribute('data-state', 'parked', {
    timeout: PAGE_LAG_MS,
  });

  await portal.post('unpark', {}, 201);
  await expect(stateChip(page)).toHaveAttribute('data-state', 'unparking', {
    timeout: PAGE_LAG_MS,
  });
  await expect(stateChip(page)).toHaveAttribute('data-state', 'active', {
    timeout: 60_000,
  });
});

test('an endpoint turned down shows "Down" within one probe period', async ({
  page,
  sandbox,
}) => {
  await signInAsGuest(page);
  await openEnvironmentTab(page);
  const endpoints = page.getByRole('table', { name: 'Endpoints' });
  const portalRow = endpoints.getByRole('row').filter({ hasText: 'portal' });
  await expect(portalRow).toContainText('Up');

  await sandbox.faults('endpoints', {
    faults: [{ path: '^/portal/health', status: 503, count: 1000 }],
  });
  try {
    // One probe period, plus the page's lag behind the backend.
    await expect(portalRow).toContainText('Down', {
      timeout: PROBE_PERIOD_MS + PAGE_LAG_MS,
    });
    await expect(portalRow).toContainText('HTTP 503');
  } finally {
    await sandbox.clearFaults();
  }
  await expect(portalRow).toContainText('Up', {
    timeout: PROBE_PERIOD_MS + PAGE_LAG_MS,
  });
});

test('a new image pushed to ECR shows in the Images panel', async ({
  page,
  portal,
  sandbox,
}) => {
  await signInAsGuest(page);
  await openEnvironmentTab(page);
  const images = page.getByRole('table', { name: 'Images' });
  await expect(images).toBeVisible();

  // The push pipeline's build job pushes prefect-deployer-3-python3.12-<sha7>.
  const push = await sandbox.push({
    message: 'Live page: a new deployer image',
    actor: 'e2e-developer',
  });
  const sha7 = push.commit.slice(0, 7);
  await expect
    .poll(
      async () =>
        (await portal.images()).images.find(i => i.name === 'deployer')?.newest
          ?.tag,
      { timeout: 60_000, intervals: [500, 1000] },
    )
    .toContain(sha7);
  await expect(
    images.getByRole('row').filter({ hasText: 'deployer' }),
  ).toContainText(`prefect-deployer-3-python3.12-${sha7}`, {
    timeout: PAGE_LAG_MS,
  });

  // Leave prod as it was for the next flow.
  await portal.waitForState('awaiting-approval');
  const held = (await portal.details()).heldApproval!;
  await portal.post(`approvals/${held.workflowId}`);
  await portal.waitUntilIdle();
});
