import type { Sandbox, SandboxOptions } from '@rocket-club/sandbox';
import { startTestSandbox } from '@rocket-club/sandbox/testUtils';
import { http, passthrough } from 'msw';
import type { SetupServer } from 'msw/node';

/** The sandboxes started in this test, closed after it. */
const started: Sandbox[] = [];
afterEach(async () => {
  const open = started.splice(0);
  await Promise.all(open.map(s => s.close()));
  // Every exchange of the test kept to the upstreams' descriptions.
  const violations = open.flatMap(s => s.violations());
  if (violations.length > 0) {
    throw new Error(`Contract violations: ${JSON.stringify(violations)}`);
  }
});

/**
 * A sandbox for one test whose GitHub repository holds just `files` on
 * `main` (a few milliseconds to start, no seeded history), its clock
 * stopped, closed after the test. The stand-ins are real servers on
 * loopback, which `server` lets by. `options` are the sandbox's others
 * (e.g. `circleci.pageSize`).
 */
export async function startSmallSandbox(
  server: SetupServer,
  files: Record<string, string>,
  options: Omit<SandboxOptions, 'seed' | 'repository'> = {},
): Promise<Sandbox> {
  const sandbox = await startTestSandbox({
    ...options,
    seed: false,
    repository: {
      files: Object.entries(files).map(([path, text]) => ({
        path,
        content: Buffer.from(text),
        mode: '100644' as const,
      })),
    },
  });
  started.push(sandbox);
  server.use(http.all(/^http:\/\/127\.0\.0\.1:\d+\//, () => passthrough()));
  return sandbox;
}
