/**
 * The discovery documents kubectl reads before anything else (legacy,
 * unaggregated form: /api, /apis, /apis/<group>, /api/v1, /apis/<g>/<v>),
 * and /version. All derived from the resource registry.
 */
import { RESOURCES, apiVersionOf, groupVersions, type ResourceInfo } from '@chronokube/core';
import { HISTORY_GROUP, HISTORY_VERSION, historyResources } from '../history/history-authz';
import { REVIEW_GROUP_VERSIONS, reviewResources } from '../auth/review-discovery';

/** The Kubernetes version chronokube speaks (kubectl warns beyond one minor of skew). */
export const KUBE_VERSION = { major: '1', minor: '32', gitVersion: 'v1.32.0-chronokube' };

export function versionInfo(): Record<string, string> {
  return {
    ...KUBE_VERSION,
    gitCommit: '0000000000000000000000000000000000000000',
    gitTreeState: 'clean',
    buildDate: '2026-11-25T00:00:00Z',
    goVersion: `node${process.versions.node}`,
    compiler: 'node',
    platform: `${process.platform}/${process.arch === 'x64' ? 'amd64' : process.arch}`,
  };
}

function resourceEntries(r: ResourceInfo): Record<string, unknown>[] {
  const main: Record<string, unknown> = {
    name: r.plural,
    singularName: r.singular,
    namespaced: r.namespaced,
    kind: r.kind,
    verbs: r.verbs,
  };
  if (r.shortNames.length) main.shortNames = r.shortNames;
  if (r.categories.length) main.categories = r.categories;
  const subs = r.subresources.map((s) => {
    const entry: Record<string, unknown> = { name: `${r.plural}/${s.name}`, singularName: '', namespaced: r.namespaced, kind: s.kind, verbs: s.verbs };
    if (s.group) entry.group = s.group;
    if (s.version) entry.version = s.version;
    return entry;
  });
  return [main, ...subs];
}

/** The discovery document at `path`, or undefined when there is none. */
export function discoveryDocument(path: string, serverAddress: string): unknown {
  // The history API is a group of ours beside the resource registry's; the self reviews are kube's, served outside it.
  const gvs = [...groupVersions(), { group: HISTORY_GROUP, version: HISTORY_VERSION }, ...REVIEW_GROUP_VERSIONS];
  if (path === '/api') {
    return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }] };
  }
  // A group served in several versions is one entry listing them all, the first preferred.
  const byGroup = new Map<string, string[]>();
  for (const gv of gvs.filter((g) => g.group !== '')) byGroup.set(gv.group, [...(byGroup.get(gv.group) ?? []), gv.version]);
  const groups = [...byGroup].map(([name, versions]) => ({
    name,
    versions: versions.map((version) => ({ groupVersion: `${name}/${version}`, version })),
    preferredVersion: { groupVersion: `${name}/${versions[0]}`, version: versions[0] },
  }));
  if (path === '/apis') return { kind: 'APIGroupList', apiVersion: 'v1', groups };
  const parts = path.split('/').filter(Boolean);
  if (parts[0] === 'apis' && parts.length === 2) {
    const group = groups.find((g) => g.name === parts[1]);
    return group ? { kind: 'APIGroup', apiVersion: 'v1', ...group } : undefined;
  }
  const [group, version] = parts[0] === 'api' ? ['', parts[1]] : [parts[1], parts[2]];
  if (!gvs.some((gv) => gv.group === group && gv.version === version)) return undefined;
  const resources = group === HISTORY_GROUP ? historyResources()
    : REVIEW_GROUP_VERSIONS.some((gv) => gv.group === group) ? reviewResources(group)
    : RESOURCES.filter((r) => r.group === group && r.version === version).flatMap(resourceEntries);
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: apiVersionOf({ group, version }), resources };
}
