import { test as base, expect } from '@playwright/test';
import { guestToken, PortalApi } from './portal';
import type { SandboxAdminClient } from '@rocket-club/sandbox';
import { sandboxAdmin } from './sandbox';

/**
 * The flows' fixtures: the portal's REST API as the guest, and the
 * sandbox's admin API. Every test starts with no queued faults and ends
 * with no contract violations recorded by the stand-ins (the backend's
 * requests and the stand-ins' responses checked against the OpenAPI
 * descriptions of packages/contracts).
 */
export const test = base.extend<{
  portal: PortalApi;
  sandbox: SandboxAdminClient;
}>({
  sandbox: async ({}, use) => {
    const sandbox = sandboxAdmin();
    await sandbox.clearFaults();
    await use(sandbox);
    expect(await sandbox.violations()).toEqual([]);
  },
  portal: async ({ request }, use) => {
    await use(new PortalApi(request, await guestToken(request)));
  },
});

export { expect };
