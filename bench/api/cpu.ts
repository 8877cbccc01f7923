import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';

/** CPU used during one phase, in cores (1.0 = one core busy the whole time). */
export interface CpuUse {
  server: number;
  client: number;
  /**
   * The load generator's event-loop delay, p99 and max in ms: a busy client
   * reads responses late, and that lateness would pass for server latency.
   */
  clientLoopDelayP99Ms: number;
  clientLoopDelayMaxMs: number;
}

/**
 * Linux reports process times in clock ticks of 1/USER_HZ s; USER_HZ is 100
 * on every mainstream architecture, and asking `getconf` would cost a spawn.
 */
const TICKS_PER_SECOND = 100;
/** Sampling interval of the client's event-loop delay. */
const LOOP_RESOLUTION_MS = 10;

/**
 * Starts measuring the CPU of the server process (from /proc, children and
 * threads included in its own counters) and of this process. The returned
 * function ends the phase. On 2 cores, it tells whether a figure is limited
 * by the server or by the load generator; NaN for the server where /proc is
 * missing. Also samples this process's event-loop delay over the phase.
 */
export function startCpuMeter(serverPid: number): () => CpuUse {
  const wallStart = performance.now();
  const serverStart = serverTicks(serverPid);
  const clientStart = process.cpuUsage();
  const loopDelay = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
  loopDelay.enable();
  return () => {
    loopDelay.disable();
    const wallSeconds = (performance.now() - wallStart) / 1000;
    const client = process.cpuUsage(clientStart);
    const serverEnd = serverTicks(serverPid);
    return {
      server: (serverEnd - serverStart) / TICKS_PER_SECOND / wallSeconds,
      client: (client.user + client.system) / 1e6 / wallSeconds,
      // The histogram is in nanoseconds and each sample includes the sampling interval itself.
      clientLoopDelayP99Ms: Math.max(0, loopDelay.percentile(99) / 1e6 - LOOP_RESOLUTION_MS),
      clientLoopDelayMaxMs: Math.max(0, loopDelay.max / 1e6 - LOOP_RESOLUTION_MS),
    };
  };
}

/** utime + stime of a process, in ticks; NaN if unreadable. */
function serverTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces; fields are counted after its ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after ')'.
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return NaN;
  }
}
