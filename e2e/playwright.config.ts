import { defineConfig } from '@playwright/test';
import { resolve } from 'node:path';

const root = resolve(__dirname, '..');
const output = resolve(root, 'test-output');

/**
 * Browser tests against the running portal, in Debian's Chromium (never a
 * downloaded browser). `yarn test:browser` starts the backend and the
 * frontend dev server; locally an already running portal is reused.
 */
export default defineConfig({
  testDir: __dirname,
  timeout: 180_000,
  expect: { timeout: 30_000 },
  workers: 1,
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
      command: 'yarn start backend',
      cwd: root,
      url: 'http://localhost:7007/.backstage/health/v1/readiness',
      timeout: 240_000,
      reuseExistingServer: !process.env.CI,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      command: 'yarn start app',
      cwd: root,
      url: 'http://localhost:3000',
      timeout: 240_000,
      reuseExistingServer: !process.env.CI,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
});
