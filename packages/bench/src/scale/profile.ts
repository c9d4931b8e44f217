import { readFileSync } from 'node:fs';

/** A V8 CPU profile, as `Profiler.stop` and `node --cpu-prof` write it. */
export interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
  }[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Where a profile's self time went. */
export interface ProfileSummary {
  /** CPU (non-idle) milliseconds sampled in the window. */
  cpuMs: number;
  /** `cpuMs` over the requests answered in the window. */
  cpuMsPerRequest?: number;
  /** Self time by package (or repository folder, or `node:` internals). */
  byPackage: { name: string; ms: number; share: number }[];
  /** The heaviest functions by self time. */
  byFunction: { name: string; ms: number; share: number }[];
}

/** The package a script URL belongs to, e.g. `@backstage/backend-defaults`. */
export function packageOf(url: string): string {
  if (!url) return '(native)';
  if (url.startsWith('node:')) return 'node: (runtime)';
  const nm = /.*node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (nm) return nm[1];
  const repo = /\/(plugins|packages)\/([^/]+)\//.exec(url);
  return repo ? `${repo[1]}/${repo[2]}` : url;
}

const IDLE = new Set(['(idle)', '(program)']);

/** Self time by package and by function, over the whole profile. */
export function summarizeProfile(
  profile: CpuProfile,
  requests?: number,
  top = 12,
): ProfileSummary {
  const byId = new Map(profile.nodes.map(n => [n.id, n]));
  const pkg = new Map<string, number>();
  const fn = new Map<string, number>();
  let cpuUs = 0;
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    const dt = profile.timeDeltas[i] ?? 0;
    if (!node || IDLE.has(node.callFrame.functionName)) return;
    cpuUs += dt;
    const { functionName, url, lineNumber } = node.callFrame;
    const p =
      functionName === '(garbage collector)'
        ? '(garbage collector)'
        : packageOf(url);
    pkg.set(p, (pkg.get(p) ?? 0) + dt);
    const f = `${functionName || '(anonymous)'} ${p}${
      url ? `:${lineNumber + 1}` : ''
    }`;
    fn.set(f, (fn.get(f) ?? 0) + dt);
  });
  const rank = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({
        name,
        ms: Math.round(us / 100) / 10,
        share: Math.round((us / cpuUs) * 1000) / 10,
      }));
  return {
    cpuMs: Math.round(cpuUs / 1000),
    cpuMsPerRequest: requests
      ? Math.round((cpuUs / 1000 / requests) * 100) / 100
      : undefined,
    byPackage: rank(pkg),
    byFunction: rank(fn),
  };
}

/**
 * Profiles a process started with `--inspect=127.0.0.1:<port>` over the
 * Chrome DevTools protocol, so that the profile covers exactly the measured
 * window and not the backend's start-up.
 */
export async function startProfiling(inspectPort: number) {
  const list = await (
    await fetch(`http://127.0.0.1:${inspectPort}/json/list`)
  ).json();
  const ws = new WebSocket(list[0].webSocketDebuggerUrl);
  await new Promise((resolve, reject) => {
    ws.onopen = resolve;
    ws.onerror = reject;
  });
  let nextId = 1;
  const pending = new Map<number, (result: any) => void>();
  ws.onmessage = message => {
    const data = JSON.parse(String(message.data));
    pending.get(data.id)?.(data.result);
    pending.delete(data.id);
  };
  const send = (method: string, params: object = {}) =>
    new Promise<any>(resolve => {
      const id = nextId++;
      pending.set(id, resolve);
      ws.send(JSON.stringify({ id, method, params }));
    });
  await send('Profiler.enable');
  await send('Profiler.setSamplingInterval', { interval: 500 });
  await send('Profiler.start');
  return {
    async stop(): Promise<CpuProfile> {
      const { profile } = await send('Profiler.stop');
      ws.close();
      return profile;
    },
  };
}

/** CPU milliseconds (user + system) a process has used, from /proc. */
export function processCpuMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return undefined;
  }
}
