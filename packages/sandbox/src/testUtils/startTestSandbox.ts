import { ManualClock } from '../clock';
import { silentLogger } from '../logger';
import { SandboxOptions } from '../options';
import { Sandbox } from '../sandbox';
import { startSandbox } from '../startSandbox';

/**
 * Starts a sandbox for tests: random loopback ports, a manual clock at
 * 2025-06-02T09:00:00Z (jobs move only on `clock.advance(ms)`), quiet,
 * contracts strict and no webhooks unless the options say otherwise.
 *
 * @public
 */
export async function startTestSandbox(
  options: SandboxOptions = {},
): Promise<Sandbox & { clock: ManualClock }> {
  const clock = new ManualClock(Date.parse('2025-06-02T09:00:00Z'));
  const sandbox = await startSandbox({
    ports: { circleci: 0, github: 0, ecr: 0, endpoints: 0 },
    clock,
    logger: silentLogger,
    contracts: { mode: 'strict' },
    ...options,
    circleci: { webhooks: { enabled: false }, ...options.circleci },
  });
  return sandbox as Sandbox & { clock: ManualClock };
}
