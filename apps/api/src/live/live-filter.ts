/**
 * A subscription's selection: where it starts and which events it passes.
 * Parsing is strict (a Kubernetes 400 names the bad field) so a typo never
 * silently selects nothing; matching also applies the user's namespace
 * rights, through the history API's one mayReadNamespace rule.
 */
import { badRequest, kindName, resourceForKind, type HistoryEvent } from '@chronokube/core';
import type { UserInfo } from '../auth/token-file';
import { mayReadNamespace } from '../history/history-authz';
import type { SubscribeRequest } from './live-protocol';

/** A parsed `subscribe`: `from` a position, or 'now'. */
export interface LiveSelection {
  from: number | 'now';
  /** Kind names; undefined = every kind. */
  kinds?: ReadonlySet<string>;
  /** Namespaces ('' = cluster-scoped); undefined = every namespace. */
  namespaces?: ReadonlySet<string>;
}

/** Validates a client's `subscribe` payload; throws a 400 ApiError naming the field. */
export function parseSelection(body: unknown): LiveSelection {
  if (body === undefined || body === null) return { from: 'now' };
  if (typeof body !== 'object' || Array.isArray(body)) throw badRequest('subscribe: the request must be an object {from, kinds, namespaces}');
  const req = body as SubscribeRequest & Record<string, unknown>;
  for (const field of Object.keys(req)) {
    if (field !== 'from' && field !== 'kinds' && field !== 'namespaces') throw badRequest(`subscribe: unknown field "${field}"`);
  }
  const selection: LiveSelection = { from: parseFrom(req.from) };
  const kinds = stringList(req.kinds, 'kinds');
  if (kinds) {
    selection.kinds = new Set(kinds.map((k) => {
      const kind = kindName(k);
      if (!resourceForKind(kind)) throw badRequest(`subscribe: kinds: unknown kind "${k}"`);
      return kind;
    }));
  }
  const namespaces = stringList(req.namespaces, 'namespaces');
  if (namespaces) selection.namespaces = new Set(namespaces);
  return selection;
}

function parseFrom(from: unknown): number | 'now' {
  if (from === undefined || from === 'now') return 'now';
  if (typeof from !== 'string' || !/^(0|[1-9][0-9]{0,15})$/.test(from) || !Number.isSafeInteger(Number(from))) {
    throw badRequest(`subscribe: from: must be "now" or a resourceVersion (a decimal string), got ${JSON.stringify(from)}`);
  }
  return Number(from);
}

function stringList(value: unknown, field: string): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw badRequest(`subscribe: ${field}: must be an array of strings`);
  return value as string[];
}

/** True when `user` may see `event` and the selection wants it. Pure. */
export function selects(selection: LiveSelection, user: UserInfo, event: HistoryEvent): boolean {
  const ns = event.object.namespace ?? '';
  if (!mayReadNamespace(user, ns)) return false;
  if (selection.kinds && !selection.kinds.has(event.object.kind)) return false;
  if (selection.namespaces && !selection.namespaces.has(ns)) return false;
  return true;
}
