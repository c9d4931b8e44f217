import { ManualClock } from '../clock';
import { silentLogger } from '../logger';
import { SandboxOptions } from '../options';
import { Sandbox } from '../sandbox';
import { startSandbox } from '../startSandbox';

/** A sandbox on random ports with a manual clock, quiet, contracts strict. */
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

/** JSON over fetch with the given headers. */
export async function call(
  url: string,
  init: {
    method?: string;
    headers?: Record<string, string>;
    body?: unknown;
  } = {},
) {
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    headers: {
      ...(init.body !== undefined
        ? { 'content-type': 'application/json' }
        : {}),
      ...init.headers,
    },
    body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
  });
  const text = await response.text();
  let body: any = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: response.status, headers: response.headers, body };
}
