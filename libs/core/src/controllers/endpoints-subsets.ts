/**
 * Packing endpoint addresses into Endpoints subsets (kube's
 * endpoints.RepackSubsets and the endpoints controller's truncation):
 * ports offered by exactly the same set of (address, ready) pairs share a
 * subset. The order is deterministic (addresses by IP then uid, ports by
 * name/port/protocol, subsets by their ports) so that recomputing equal
 * state gives equal objects; kube sorts ports and subsets by hash instead.
 */
import type { EndpointAddress, EndpointSubset } from '../api/types';
import { deepEqual } from '../patch/json-value';
import { canonicalJson } from './template-hash';

export type EndpointPort = NonNullable<EndpointSubset['ports']>[number];

/** One (pod address, service port) pair; `port` undefined for a headless service without ports. */
export interface EndpointEntry {
  address: EndpointAddress;
  ready: boolean;
  port?: EndpointPort;
}

/** kube's maxCapacity: the most addresses one Endpoints object carries. */
export const ENDPOINTS_MAX_CAPACITY = 1000;

function addressKey(a: EndpointAddress): string {
  return `${a.ip}/${a.targetRef?.uid ?? ''}`;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** kube's LessEndpointAddress: by IP, then by target uid (no target first). */
export function compareAddresses(a: EndpointAddress, b: EndpointAddress): number {
  return compareStrings(a.ip, b.ip) || compareStrings(a.targetRef?.uid ?? '', b.targetRef?.uid ?? '');
}

function comparePorts(a: EndpointPort, b: EndpointPort): number {
  return compareStrings(a.name ?? '', b.name ?? '') || a.port - b.port || compareStrings(a.protocol ?? '', b.protocol ?? '');
}

/** Group entries into subsets as RepackSubsets does; an address ready on a port wins over not ready. Pure. */
export function repackSubsets(entries: readonly EndpointEntry[]): EndpointSubset[] {
  const addresses = new Map<string, EndpointAddress>();
  const byPort = new Map<string, { port?: EndpointPort; ready: Map<string, boolean> }>();
  for (const e of entries) {
    const key = addressKey(e.address);
    if (!addresses.has(key)) addresses.set(key, e.address);
    const portKey = e.port ? canonicalJson(e.port) : '';
    let slot = byPort.get(portKey);
    if (!slot) byPort.set(portKey, (slot = { port: e.port, ready: new Map() }));
    if (!slot.ready.get(key)) slot.ready.set(key, e.ready);
  }
  const groups = new Map<string, { ready: Map<string, boolean>; ports: EndpointPort[] }>();
  for (const slot of byPort.values()) {
    const setKey = [...slot.ready.entries()].map(([k, r]) => `${k}=${r}`).sort().join(',');
    let group = groups.get(setKey);
    if (!group) groups.set(setKey, (group = { ready: slot.ready, ports: [] }));
    if (slot.port) group.ports.push(slot.port);
  }
  const subsets: EndpointSubset[] = [];
  for (const group of groups.values()) {
    const subset: EndpointSubset = {};
    const ready = [...group.ready].filter(([, r]) => r).map(([k]) => addresses.get(k)!).sort(compareAddresses);
    const notReady = [...group.ready].filter(([, r]) => !r).map(([k]) => addresses.get(k)!).sort(compareAddresses);
    if (ready.length) subset.addresses = ready;
    if (notReady.length) subset.notReadyAddresses = notReady;
    if (group.ports.length) subset.ports = group.ports.sort(comparePorts);
    subsets.push(subset);
  }
  return subsets.sort((a, b) => compareStrings(canonicalJson(a.ports ?? []), canonicalJson(b.ports ?? [])) || compareStrings(canonicalJson(a), canonicalJson(b)));
}

/**
 * kube's truncateEndpoints: over `max` addresses, keep a proportional
 * share per subset (not-ready ones go first; ready ones are cut only when
 * they alone exceed `max`). Returns the subsets and whether it truncated. Pure.
 */
export function truncateSubsets(subsets: readonly EndpointSubset[], max = ENDPOINTS_MAX_CAPACITY): { subsets: EndpointSubset[]; truncated: boolean } {
  const totalReady = subsets.reduce((n, s) => n + (s.addresses?.length ?? 0), 0);
  const totalNotReady = subsets.reduce((n, s) => n + (s.notReadyAddresses?.length ?? 0), 0);
  if (totalReady + totalNotReady <= max) return { subsets: [...subsets], truncated: false };
  const cutReady = totalReady > max;
  const room = cutReady ? max : max - totalReady;
  const total = cutReady ? totalReady : totalNotReady;
  let left = room;
  const out = subsets.map((s, i) => {
    const inSubset = (cutReady ? s.addresses : s.notReadyAddresses)?.length ?? 0;
    let keep = i === subsets.length - 1 ? left : Math.floor((inSubset * room) / total);
    keep = Math.min(keep, inSubset);
    left -= keep;
    const next: EndpointSubset = { ...s };
    if (cutReady) {
      next.addresses = s.addresses?.slice(0, keep);
      delete next.notReadyAddresses;
    } else next.notReadyAddresses = s.notReadyAddresses?.slice(0, keep);
    if (!next.addresses?.length) delete next.addresses;
    if (!next.notReadyAddresses?.length) delete next.notReadyAddresses;
    return next;
  });
  return { subsets: out, truncated: true };
}

function withoutTargetVersions(subsets: readonly EndpointSubset[] | undefined): unknown {
  const strip = (list?: EndpointAddress[]) => list?.map((a) => (a.targetRef ? { ...a, targetRef: { ...a.targetRef, resourceVersion: undefined } } : a));
  return (subsets ?? []).map((s) => ({ ...s, addresses: strip(s.addresses), notReadyAddresses: strip(s.notReadyAddresses) }));
}

/** Subsets equal ignoring target resourceVersions (kube ignores pod updates it does not care about). */
export function sameSubsets(a: readonly EndpointSubset[] | undefined, b: readonly EndpointSubset[] | undefined): boolean {
  return deepEqual(withoutTargetVersions(a), withoutTargetVersions(b));
}
