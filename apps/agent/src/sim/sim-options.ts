/** What a set of simulated nodes looks like and how fast it reacts. */
export interface SimOptions {
  count: number;
  /** Node names are `${prefix}${i}`, i from 0 ... */
  prefix: string;
  /** ... unless given here (then count is their number). */
  names?: string[];
  cpu: string;
  memory: string;
  pods: number;
  /** Delay between a pod being bound to a sim node and it becoming Running/Ready. */
  readyDelayMs: number;
  /** How often each node's Lease is renewed; 0 = never (a node that will go Unknown). */
  leaseIntervalMs: number;
  /** Parallel requests to the API. */
  concurrency: number;
}

export const DEFAULT_SIM: Omit<SimOptions, 'count'> = {
  prefix: 'sim-node-',
  cpu: '4',
  memory: '8Gi',
  pods: 110,
  readyDelayMs: 200,
  leaseIntervalMs: 10_000,
  concurrency: 16,
};
