/**
 * Turns what the user typed for a kind (`po`, `pods`, `Pod`,
 * `deployments.apps`) into a resource, the way kubectl's RESTMapper does,
 * from the server's discovery documents.
 */
import type { ChronoClient } from './http-client';

/** One served resource, enough to build its URL and name its Kind. */
export interface ResourceRef {
  group: string;
  version: string;
  kind: string;
  plural: string;
  namespaced: boolean;
}

/** The parts of a discovery APIResourceList the mapper reads. */
export interface ApiResourceList {
  groupVersion: string;
  resources: { name: string; singularName?: string; kind: string; namespaced: boolean; shortNames?: string[] }[];
}

/**
 * The resource `text` names in `lists`, or undefined. Matches plural,
 * singular, short names and the Kind (case-insensitively), optionally
 * qualified by a group (`deployments.apps`). Earlier lists win, so the core
 * group comes first as in kubectl. Subresources (`pods/log`) never match.
 */
export function matchResource(lists: readonly ApiResourceList[], text: string): ResourceRef | undefined {
  const wanted = text.toLowerCase();
  for (const list of lists) {
    const [group, version] = list.groupVersion.includes('/') ? list.groupVersion.split('/') : ['', list.groupVersion];
    for (const r of list.resources) {
      if (r.name.includes('/')) continue;
      const names = [r.name, r.singularName || r.kind.toLowerCase(), r.kind.toLowerCase(), ...(r.shortNames ?? [])].map((n) => n.toLowerCase());
      const qualified = group ? names.map((n) => `${n}.${group}`) : [];
      if (names.includes(wanted) || qualified.includes(wanted)) {
        return { group, version, kind: r.kind, plural: r.name, namespaced: r.namespaced };
      }
    }
  }
  return undefined;
}

/** The URL path of a resource's collection, or of one object when `name` is given. */
export function resourcePath(r: ResourceRef, namespace: string | undefined, name?: string): string {
  const base = r.group ? `/apis/${r.group}/${r.version}` : `/api/${r.version}`;
  const ns = r.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  return `${base}${ns}/${r.plural}${name ? `/${encodeURIComponent(name)}` : ''}`;
}

interface ApiGroupList { groups: { name: string; preferredVersion?: { groupVersion: string }; versions: { groupVersion: string }[] }[] }

/**
 * Looks `text` up on the server: the core group first, then the preferred
 * version of every other group. Undefined when nothing matches.
 */
export async function discoverResource(client: ChronoClient, text: string): Promise<ResourceRef | undefined> {
  const core = await client.getJson<ApiResourceList>('/api/v1');
  const inCore = matchResource([core], text);
  if (inCore) return inCore;
  const groups = await client.getJson<ApiGroupList>('/apis');
  const lists = await Promise.all(
    groups.groups
      .filter((g) => g.name !== 'history.chronokube.io')
      .map((g) => client.getJson<ApiResourceList>(`/apis/${g.preferredVersion?.groupVersion ?? g.versions[0]?.groupVersion}`)),
  );
  return matchResource(lists, text);
}
