import { cpus, loadavg, platform, release, totalmem } from 'node:os';

/** The machine a run was measured on. */
export interface MachineInfo {
  cores: number;
  model: string;
  memoryGb: number;
  node: string;
  os: string;
  /** 1-minute load average when the run started (others share the machine). */
  loadAverage: number;
}

/** Describes this machine. */
export function machineInfo(): MachineInfo {
  const cores = cpus();
  return {
    cores: cores.length,
    model: cores[0]?.model.trim() ?? 'unknown',
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    os: `${platform()} ${release()}`,
    loadAverage: Math.round(loadavg()[0] * 100) / 100,
  };
}

/** One line, e.g. "2 × AMD EPYC, 23 GB, node v22.23.3, linux 6.1". */
export function describeMachine(m: MachineInfo): string {
  return `${m.cores} × ${m.model}, ${m.memoryGb} GB, node ${m.node}, ${m.os}, load ${m.loadAverage}`;
}
