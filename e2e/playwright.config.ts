import { defineConfig } from '@playwright/test';
import { resolve } from 'node:path';

const root = resolve(__dirname, '..');
const output = resolve(root, 'test-output');

/** How long each sandbox CircleCI job runs: long enough to see "Parking". */
const stepMs = process.env.E2E_SANDBOX_STEP_MS ?? '4000';
/** A running portal is reused locally; CI (./run test) starts its own. */
const reuse = !process.env.CI;

/**
 * Browser and API flows against the real backend and app, with the
 * loopback stand-ins of `packages/sandbox` behind them, in Debian's Chromium
 * (never a downloaded browser). `yarn test:browser` starts, in order, the
 * sandbox, the backend (app-config.yaml plus e2e/app-config.e2e.yaml) and
 * the frontend dev server. The flows change the shared environment, so they
 * run one at a time, each first bringing `prod` to the state it starts from.
 */
export default defineConfig({
  testDir: __dirname,
  timeout: 120_000,
  expect: { timeout: 30_000 },
  workers: 1,
  fullyParallel: false,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [
    ['list'],
    [
      'html',
      { open: 'never', outputFolder: resolve(output, 'playwright-report') },
    ],
  ],
  outputDir: resolve(output, 'playwright'),
  use: {
    baseURL: 'http://localhost:3000',
    // Tall enough for every panel of the environment tab in one screenshot.
    viewport: { width: 1280, height: 1500 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  webServer: [
    {
      // The stand-ins first: the backend's first ingestion should find them.
      command: 'yarn workspace @rocket-club/sandbox start',
      cwd: root,
      env: { SANDBOX_STEP_MS: stepMs },
      url: 'http://127.0.0.1:7010/_sandbox/state',
      timeout: 120_000,
      reuseExistingServer: reuse,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      command: `yarn start backend --config ${resolve(
        root,
        'app-config.yaml',
      )} --config ${resolve(__dirname, 'app-config.e2e.yaml')}`,
      cwd: root,
      url: 'http://localhost:7007/.backstage/health/v1/readiness',
      timeout: 240_000,
      reuseExistingServer: reuse,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      command: 'yarn start app',
      cwd: root,
      url: 'http://localhost:3000',
      timeout: 240_000,
      reuseExistingServer: reuse,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
});
