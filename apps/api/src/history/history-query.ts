/**
 * Query parameters of the history API, parsed once: slices, paging,
 * event filters and booleans. Every bad value is a 400 naming the
 * parameter, as the contract asks.
 */
import { badRequest, compileSlice, type Slice } from '@chronokube/core';

export const DEFAULT_LIMIT = 500;
export const MAX_LIMIT = 5000;

/** Go's strconv.ParseBool, as kube-apiserver parses boolean parameters. */
export function boolParam(q: URLSearchParams, name: string): boolean {
  const v = q.get(name);
  if (v === null || v === '') return false;
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v)) return false;
  throw badRequest(`invalid ${name} ${JSON.stringify(v)}: expected true or false`);
}

/** A comma list (empty items dropped), or undefined when absent. */
export function listParam(q: URLSearchParams, name: string): string[] | undefined {
  const v = q.get(name);
  if (v === null) return undefined;
  const items = v.split(',').map((s) => s.trim()).filter(Boolean);
  return items.length ? items : undefined;
}

/** A non-empty string parameter, or undefined. */
export function textParam(q: URLSearchParams, name: string): string | undefined {
  const v = q.get(name);
  return v === null || v === '' ? undefined : v;
}

export function sliceParams(q: URLSearchParams): Slice {
  return { kinds: listParam(q, 'kinds'), namespace: textParam(q, 'namespace'), labelSelector: textParam(q, 'labelSelector') };
}

/** The Kind name a `kind` parameter names (Pod, pods, po ...); 400 when unknown. */
export function kindParam(q: URLSearchParams, name = 'kind'): string | undefined {
  const v = textParam(q, name);
  if (v === undefined) return undefined;
  try {
    return compileSlice({ kinds: [v] }).resources[0].kind;
  } catch {
    throw badRequest(`invalid ${name}: unknown kind ${JSON.stringify(v)}`);
  }
}

export function orderParam(q: URLSearchParams, fallback: 'asc' | 'desc' = 'desc'): 'asc' | 'desc' {
  const v = textParam(q, 'order');
  if (v === undefined) return fallback;
  if (v !== 'asc' && v !== 'desc') throw badRequest(`invalid order ${JSON.stringify(v)}: expected asc or desc`);
  return v;
}

export function limitParam(q: URLSearchParams): number {
  const v = textParam(q, 'limit');
  if (v === undefined) return DEFAULT_LIMIT;
  const n = Number(v);
  if (!/^[0-9]+$/.test(v) || n < 1 || n > MAX_LIMIT) throw badRequest(`invalid limit ${JSON.stringify(v)}: expected an integer from 1 to ${MAX_LIMIT}`);
  return n;
}

/** A continue token: the position of the last item served and the order it was served in. */
export interface ContinueToken {
  position: number;
  order: 'asc' | 'desc';
}

export function encodeContinue(token: ContinueToken): string {
  return Buffer.from(JSON.stringify({ p: token.position, o: token.order })).toString('base64url');
}

export function continueParam(q: URLSearchParams, order: 'asc' | 'desc'): ContinueToken | undefined {
  const v = textParam(q, 'continue');
  if (v === undefined) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(v, 'base64url').toString('utf8')) as { p?: unknown; o?: unknown };
    if (typeof parsed.p === 'number' && Number.isSafeInteger(parsed.p) && parsed.p >= 0 && parsed.o === order) return { position: parsed.p, order };
  } catch {
    // falls through to the 400
  }
  throw badRequest('invalid continue: the token is malformed or from a query in another order');
}

/** Narrows (after, upTo] by a continue token: the next page starts past the last item served. */
export function pageRange(after: number, upTo: number, token: ContinueToken | undefined): { after: number; upTo: number } {
  if (!token) return { after, upTo };
  return token.order === 'asc' ? { after: Math.max(after, token.position), upTo } : { after, upTo: Math.min(upTo, token.position - 1) };
}
