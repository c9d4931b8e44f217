import { expect, Locator, Page } from '@playwright/test';
import { resolve } from 'node:path';

/** Where screenshots go (ignored by git). */
export const OUTPUT = resolve(__dirname, '..', '..', 'test-output');

/** The environment tab of the `prod` resource (packages/app EntityPage.tsx). */
export const ENVIRONMENT_TAB = '/catalog/default/resource/prod/environment';

/** Signs in as the guest through the sign-in page's "Enter" button. */
export async function signInAsGuest(page: Page): Promise<void> {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(page.getByRole('button', { name: 'Enter' })).toBeHidden();
}

/** The status panel of the environment tab (the card titled "Production"). */
export function statusPanel(page: Page): Locator {
  return page
    .getByRole('article')
    .filter({ has: page.getByText('Environment prod', { exact: true }) });
}

/** The state chip in the status panel; its `data-state` is the raw state. */
export function stateChip(page: Page): Locator {
  return statusPanel(page).locator('[data-state]').first();
}

/** Opens the environment tab and waits for the state chip. */
export async function openEnvironmentTab(page: Page): Promise<void> {
  await page.goto(ENVIRONMENT_TAB);
  await expect(
    page.getByRole('heading', { name: 'Production', level: 1 }),
  ).toBeVisible();
  await expect(stateChip(page)).toBeVisible();
}

/** A full-page screenshot in test-output/. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const path = resolve(OUTPUT, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** The status request of the environment tab (not its history or images). */
const STATUS_URL = '**/api/environments/environments/prod';

/**
 * Waits until the tab shows `state`, then runs `capture` while holding back
 * later status responses, so that a short state (Parking lasts one sandbox
 * job) stays on screen for its screenshot. Responses are real and pass
 * untouched until the page shows `state`; only requests after that wait
 * until `capture` is done. (Holding from the first response that reports
 * the state is not enough: the live page may have discarded that response
 * for a newer request, which would then be held with the state unseen.)
 */
export async function captureWhileShowing(
  page: Page,
  state: string,
  capture: () => Promise<unknown>,
): Promise<void> {
  let holding = false;
  let release = () => {};
  const released = new Promise<void>(resolve => {
    release = resolve;
  });
  await page.route(STATUS_URL, async route => {
    if (holding) await released;
    // The page may have gone (navigated) meanwhile.
    await route.continue().catch(() => {});
  });
  try {
    await expect(stateChip(page)).toHaveAttribute('data-state', state, {
      timeout: 60_000,
    });
    holding = true;
    await capture();
  } finally {
    release();
    await page.unroute(STATUS_URL);
  }
}
