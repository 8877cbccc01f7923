/**
 * kube-proxy's iptables mode, the rules (pure): what to hand
 * `iptables-restore --noflush` so the kernel forwards each Service address
 * to its ready endpoints, as kube-proxy's default mode does. Per agent, all
 * chains start with one prefix made from the node name, so two agents on
 * one host (or a restarted one) never touch each other's rules:
 *
 *   nat    PREFIX-SERVICES     (jumped to from OUTPUT, for the host's own
 *                              connections, and PREROUTING, for pods'; a pod
 *                              reaches a ClusterIP only in a routable, not
 *                              loopback, service range) one rule per Service
 *                              address: -d IP -p tcp --dport P -j PREFIX-S<hash>
 *   nat    PREFIX-S<hash>      the Service port: with sessionAffinity
 *                              ClientIP, first "this client was sent to E
 *                              recently" per endpoint; then round robin,
 *                              rule i of n matching every (n-i)th new
 *                              connection that reaches it
 *   nat    PREFIX-E<hash>      one endpoint: mark a connection from the
 *                              endpoint itself (a pod reaching its own
 *                              Service), remember the client (affinity)
 *                              and DNAT to ip:port
 *   nat    PREFIX-POSTROUTING  (jumped to from POSTROUTING) masquerade what
 *                              was DNATed from a loopback source, which the
 *                              pod could not answer otherwise, and marked
 *                              hairpin connections, which the pod would
 *                              answer to itself
 *   filter PREFIX-REJECT       (jumped to from OUTPUT and FORWARD) reset connections to
 *                              a Service address with no ready endpoint
 *
 * Only new connections pass the nat table, so the round robin is per
 * connection, like the user-space proxy's.
 */
import { createHash } from 'node:crypto';
import type { ListenerSpec } from './proxy-plan';

/** The chains jumped to from the built-in chains. */
export interface TopChains {
  services: string;
  postrouting: string;
  reject: string;
}

/** The per-node chain prefix: "CK-" and 6 hex digits of the node name's hash (chain names are limited to 28 characters). */
export function chainPrefix(node: string): string {
  return `CK-${hash(node, 6)}`;
}

export function topChains(prefix: string): TopChains {
  return { services: `${prefix}-SERVICES`, postrouting: `${prefix}-POSTROUTING`, reject: `${prefix}-REJECT` };
}

/** The packet mark for hairpin connections to masquerade (kube uses 0x4000 for the same purpose; this bit avoids meeting it). */
export const HAIRPIN_MARK = '0x40000/0x40000';

function hash(text: string, length: number): string {
  return createHash('sha256').update(text).digest('hex').slice(0, length).toUpperCase();
}

/** The input for `iptables-restore --noflush`, and the per-Service chains it leaves defined. */
export interface RestorePlan {
  input: string;
  chains: Set<string>;
}

/**
 * The rules for `listeners`; chains in `previous` that are no longer
 * needed are flushed and deleted in the same atomic restore.
 */
export function restorePlan(prefix: string, listeners: ListenerSpec[], previous: Iterable<string> = []): RestorePlan {
  const top = topChains(prefix);
  const chains = new Set<string>();
  const natRules: string[] = [];
  const rejectRules: string[] = [];
  const sorted = [...listeners].sort((a, b) => a.address.localeCompare(b.address));
  for (const l of sorted) {
    const match = `-d ${l.host}/32 -p tcp -m tcp --dport ${l.port} -m comment --comment "${l.service}:${l.portName}"`;
    if (l.backends.length === 0) {
      rejectRules.push(`-A ${top.reject} ${match} -j REJECT --reject-with tcp-reset`);
      continue;
    }
    const svcChain = `${prefix}-S${hash(`${l.address}|${l.service}|${l.portName}`, 10)}`;
    chains.add(svcChain);
    natRules.push(`-A ${top.services} ${match} -j ${svcChain}`);
    const endpoints = l.backends.map((b) => ({ ...b, chain: `${prefix}-E${hash(`${svcChain}|${b.ip}:${b.port}`, 10)}` }));
    if (l.affinitySeconds !== undefined) {
      for (const e of endpoints) natRules.push(`-A ${svcChain} -m recent --name ${e.chain} --rcheck --seconds ${l.affinitySeconds} --reap -j ${e.chain}`);
    }
    endpoints.forEach((e, i) => {
      const left = endpoints.length - i;
      natRules.push(left > 1 ? `-A ${svcChain} -m statistic --mode nth --every ${left} --packet 0 -j ${e.chain}` : `-A ${svcChain} -j ${e.chain}`);
    });
    for (const e of endpoints) {
      chains.add(e.chain);
      const remember = l.affinitySeconds !== undefined ? ` -m recent --name ${e.chain} --set` : '';
      natRules.push(`-A ${e.chain} -s ${e.ip}/32 -j MARK --set-xmark ${HAIRPIN_MARK}`);
      natRules.push(`-A ${e.chain} -p tcp${remember} -j DNAT --to-destination ${e.ip}:${e.port}`);
    }
  }
  const stale = [...previous].filter((c) => !chains.has(c)).sort();
  const declare = (name: string) => `:${name} - [0:0]`;
  const input = [
    '*nat',
    declare(top.services),
    declare(top.postrouting),
    ...[...chains].sort().map(declare),
    ...stale.map(declare),
    `-A ${top.postrouting} -s 127.0.0.0/8 ! -d 127.0.0.0/8 -m conntrack --ctstate DNAT -j MASQUERADE`,
    `-A ${top.postrouting} -m mark --mark ${HAIRPIN_MARK} -j MASQUERADE`,
    ...natRules,
    ...stale.map((c) => `-X ${c}`),
    'COMMIT',
    '*filter',
    declare(top.reject),
    ...rejectRules,
    'COMMIT',
    '',
  ].join('\n');
  return { input, chains };
}

/** The restore input that empties and deletes every chain of `prefix` listed in `existing` (nat chains; the filter one is fixed). */
export function teardownPlan(prefix: string, existingNat: Iterable<string>): string {
  const top = topChains(prefix);
  const nat = [...new Set([top.services, top.postrouting, ...existingNat])].sort();
  return [
    '*nat', ...nat.map((c) => `:${c} - [0:0]`), ...nat.map((c) => `-X ${c}`), 'COMMIT',
    '*filter', `:${top.reject} - [0:0]`, `-X ${top.reject}`, 'COMMIT', '',
  ].join('\n');
}

/** The chains of `prefix` an `iptables-save -t nat` output declares (a previous run's, say). */
export function chainsIn(save: string, prefix: string): string[] {
  const out: string[] = [];
  for (const line of save.split('\n')) {
    const m = /^:(\S+) /.exec(line);
    if (m && m[1].startsWith(`${prefix}-`)) out.push(m[1]);
  }
  return out;
}
