import { cpus } from 'node:os';

/** What every results file records about the machine it was measured on. */
export function machineInfo(): { cpus: number; cpuModel?: string; node: string; platform: string } {
  return { cpus: cpus().length, cpuModel: cpus()[0]?.model, node: process.version, platform: `${process.platform}/${process.arch}` };
}
