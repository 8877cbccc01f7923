/**
 * get, list and watch: served from the projection, or from a rebuilt past
 * state for `resourceVersion=N&resourceVersionMatch=Exact` and for later
 * pages of a paged list (each page is read at the first page's version,
 * as kube does, so paging is consistent).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  apiVersionOf,
  notFound,
  toTable,
  type ClusterState,
  type KubeList,
  type KubeObject,
} from '@chronokube/core';
import { scaleOf } from '@chronokube/core';
import type { ApiContext } from '../api-context';
import { listJson, objectJson } from '../json-cache';
import { encodeContinue, type ListOptions } from './list-options';
import { objectFilter } from './list-selection';
import type { Representation } from './negotiate';
import type { RequestTarget } from './request-info';

type ResourceTarget = Extract<RequestTarget, { type: 'resource' }>;

export class ReadService {
  constructor(private readonly api: ApiContext) {}

  /** The state a read is served from. */
  private async stateFor(opts: ListOptions): Promise<ClusterState> {
    const live = this.api.projection.state;
    if (opts.continueToken) return this.api.history.stateAt(opts.continueToken.position);
    if (opts.resourceVersion === undefined || opts.resourceVersion === 0) return live;
    if (opts.resourceVersionMatch === 'Exact') return this.api.history.stateAt(opts.resourceVersion);
    // NotOlderThan (and a bare resourceVersion): anything at least that new.
    if (opts.resourceVersion > live.position) await this.api.history.stateAt(opts.resourceVersion);
    return live;
  }

  async get(t: ResourceTarget, opts: ListOptions, rep: Representation): Promise<unknown> {
    const state = await this.stateFor(opts);
    const stored = state.get(t.resource, t.namespace, t.name!);
    if (!stored) throw notFound(t.resource.plural, t.name!, t.resource.group);
    if (!rep.table && !t.subresource) return objectJson(stored.object);
    const object = t.subresource === 'scale' ? scaleOf(stored.object) : stored.object;
    if (rep.table && t.subresource !== 'scale') {
      return toTable(t.resource.kind, [object], { now: new Date(), includeObject: opts.includeObject, resourceVersion: object.metadata.resourceVersion });
    }
    return object;
  }

  async list(t: ResourceTarget, opts: ListOptions, rep: Representation): Promise<unknown> {
    const state = await this.stateFor(opts);
    const filter = objectFilter(t.resource, t.namespace, opts);
    const items: KubeObject[] = [];
    let next: string | undefined;
    let lastKey = '';
    let remaining = 0;
    for (const stored of state.list(t.resource, t.resource.namespaced ? t.namespace : undefined, opts.continueToken?.after)) {
      if (!filter(stored.object)) continue;
      if (opts.limit && items.length >= opts.limit) {
        next = lastKey;
        remaining++;
        continue;
      }
      items.push(stored.object);
      const m = stored.object.metadata;
      lastKey = m.namespace ? `${m.namespace}/${m.name}` : (m.name ?? '');
    }
    const resourceVersion = String(state.position);
    const continueToken = next !== undefined ? encodeContinue(state.position, next) : undefined;
    if (rep.table) {
      return toTable(t.resource.kind, items, { now: new Date(), includeObject: opts.includeObject, resourceVersion, continue: continueToken });
    }
    const metadata: KubeList['metadata'] = { resourceVersion };
    if (continueToken) {
      metadata.continue = continueToken;
      metadata.remainingItemCount = remaining;
    }
    return listJson({ apiVersion: apiVersionOf(t.resource), kind: `${t.resource.kind}List`, metadata }, items);
  }

  watch(req: IncomingMessage, res: ServerResponse, t: ResourceTarget, opts: ListOptions, rep: Representation): void {
    const filter = objectFilter(t.resource, t.namespace, opts);
    const includeObject = opts.includeObject;
    const kind = t.resource.kind;
    let headersSent = false;
    const encode = (event: { type: string; object: unknown }): string => {
      if (event.type === 'BOOKMARK' || event.type === 'ERROR') return JSON.stringify(event) + '\n';
      if (!rep.table) return `{"type":"${event.type}","object":${objectJson(event.object as KubeObject)}}\n`;
      const object = event.object as KubeObject;
      // Column definitions travel with the first event only, so kubectl prints its header once.
      const table = toTable(kind, [object], { now: new Date(), includeObject, resourceVersion: object.metadata.resourceVersion, noHeaders: headersSent });
      headersSent = true;
      return JSON.stringify({ type: event.type, object: table }) + '\n';
    };
    // A random timeout in [30, 60) minutes when none is asked, as kube-apiserver's min-request-timeout does.
    const timeoutSeconds = opts.timeoutSeconds ?? 1800 + Math.floor(Math.random() * 1800);
    const fromPosition = opts.resourceVersion ? opts.resourceVersion : undefined;
    this.api.watches.serve(req, res, { resource: t.resource, namespace: t.namespace, filter, fromPosition, bookmarks: opts.allowWatchBookmarks, timeoutSeconds, encode });
  }
}
