/**
 * Host ports in use on a node, after kube's HostPortInfo: a port is taken
 * per (hostIP, protocol, port), and 0.0.0.0 overlaps every address. Counts
 * rather than sets, so removing one of two pods that (wrongly) share a
 * port leaves the port taken.
 */
import type { Pod } from '../api/types';

/** One host port a pod asks for, with kube's defaults applied. */
export interface HostPort {
  hostIP: string;
  protocol: string;
  port: number;
}

const ANY_IP = '0.0.0.0';

/**
 * The host ports a pod's containers want. hostIP defaults to 0.0.0.0 and
 * protocol to TCP; with hostNetwork a port's hostPort defaults to its
 * containerPort, as API defaulting does.
 */
export function podHostPorts(pod: Pod): HostPort[] {
  const out: HostPort[] = [];
  const hostNetwork = pod.spec?.hostNetwork === true;
  for (const c of pod.spec?.containers ?? []) {
    for (const p of c.ports ?? []) {
      const port = p.hostPort ?? (hostNetwork ? p.containerPort : 0);
      if (!port || port <= 0) continue;
      out.push({ hostIP: p.hostIP || ANY_IP, protocol: p.protocol || 'TCP', port });
    }
  }
  return out;
}

/** The host ports used on one node. */
export class HostPortSet {
  private readonly exact = new Map<string, number>();
  // Per protocol/port over all addresses, so a 0.0.0.0 request is one lookup.
  private readonly anyAddress = new Map<string, number>();

  /** Record a used port. */
  add(p: HostPort): void {
    bump(this.exact, `${p.hostIP}|${p.protocol}|${p.port}`, 1);
    bump(this.anyAddress, `${p.protocol}|${p.port}`, 1);
  }

  /** Release a port recorded with add. */
  remove(p: HostPort): void {
    bump(this.exact, `${p.hostIP}|${p.protocol}|${p.port}`, -1);
    bump(this.anyAddress, `${p.protocol}|${p.port}`, -1);
  }

  /** Would `p` collide with a port in use? */
  conflicts(p: HostPort): boolean {
    if (p.hostIP === ANY_IP) return (this.anyAddress.get(`${p.protocol}|${p.port}`) ?? 0) > 0;
    return (this.exact.get(`${p.hostIP}|${p.protocol}|${p.port}`) ?? 0) > 0
      || (this.exact.get(`${ANY_IP}|${p.protocol}|${p.port}`) ?? 0) > 0;
  }

  /** How many (address, protocol, port) entries are in use. */
  get size(): number {
    return this.exact.size;
  }

  /** An independent copy (preemption dry-runs edit copies). */
  clone(): HostPortSet {
    const c = new HostPortSet();
    for (const [k, v] of this.exact) c.exact.set(k, v);
    for (const [k, v] of this.anyAddress) c.anyAddress.set(k, v);
    return c;
  }
}

function bump(m: Map<string, number>, key: string, by: number): void {
  const n = (m.get(key) ?? 0) + by;
  if (n <= 0) m.delete(key);
  else m.set(key, n);
}
