/**
 * The query parameters of get, list and watch, checked the way
 * kube-apiserver checks them (each mistake is a 400 with its reason).
 */
import { badRequest, fieldError, invalid, queryFlag, type FieldError } from '@chronokube/core';

export interface ListOptions {
  labelSelector?: string;
  fieldSelector?: string;
  /** Parsed resourceVersion; undefined = most recent; 0 = any. */
  resourceVersion?: number;
  resourceVersionMatch?: 'Exact' | 'NotOlderThan';
  limit?: number;
  continueToken?: { position: number; after: string };
  watch: boolean;
  allowWatchBookmarks: boolean;
  timeoutSeconds?: number;
  includeObject?: 'None' | 'Metadata' | 'Object';
}

function parseVersion(text: string): number {
  if (!/^\d+$/.test(text)) throw badRequest(`Invalid value: "${text}": resourceVersion must be an integer`);
  return Number(text);
}

/** A continue token: the list's position and the last key served, opaque to clients. */
export function encodeContinue(position: number, after: string): string {
  return Buffer.from(JSON.stringify({ v: 1, rv: position, start: after })).toString('base64url');
}

function decodeContinue(token: string): { position: number; after: string } {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { v: number; rv: number; start: string };
    if (parsed.v !== 1 || typeof parsed.rv !== 'number' || typeof parsed.start !== 'string') throw new Error('shape');
    return { position: parsed.rv, after: parsed.start };
  } catch {
    throw badRequest('continue key is not valid: the continue token could not be decoded');
  }
}

export function parseListOptions(q: URLSearchParams): ListOptions {
  const opts: ListOptions = {
    labelSelector: q.get('labelSelector') || undefined,
    fieldSelector: q.get('fieldSelector') || undefined,
    watch: queryFlag(q, 'watch'),
    allowWatchBookmarks: queryFlag(q, 'allowWatchBookmarks'),
  };
  const rv = q.get('resourceVersion');
  if (rv) opts.resourceVersion = parseVersion(rv);
  const match = q.get('resourceVersionMatch');
  if (match) {
    // kube-apiserver's ValidateListOptions: 422 Invalid on ListOptions.meta.k8s.io.
    const refuse = (e: FieldError): never => {
      throw invalid('ListOptions', '', [e], 'meta.k8s.io');
    };
    if (match !== 'Exact' && match !== 'NotOlderThan') refuse(fieldError.notSupported('resourceVersionMatch', match, ['Exact', 'NotOlderThan']));
    if (opts.watch) refuse(fieldError.forbidden('resourceVersionMatch', 'resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided'));
    if (opts.resourceVersion === undefined) refuse(fieldError.forbidden('resourceVersionMatch', 'resourceVersionMatch is forbidden unless resourceVersion is provided'));
    if (q.get('continue')) refuse(fieldError.forbidden('resourceVersionMatch', 'resourceVersionMatch is forbidden when continue is provided'));
    if (match === 'Exact' && opts.resourceVersion === 0) refuse(fieldError.forbidden('resourceVersionMatch', 'resourceVersionMatch "exact" is forbidden for resourceVersion "0"'));
    opts.resourceVersionMatch = match as 'Exact' | 'NotOlderThan';
  }
  const limit = q.get('limit');
  if (limit) {
    if (!/^\d+$/.test(limit)) throw badRequest(`limit: Invalid value: "${limit}": must be a non-negative integer`);
    opts.limit = Number(limit) || undefined;
  }
  const cont = q.get('continue');
  if (cont) {
    if (rv && rv !== '0') throw badRequest('specifying resource version is not allowed when using continue');
    opts.continueToken = decodeContinue(cont);
  }
  const timeout = q.get('timeoutSeconds');
  if (timeout) {
    if (!/^\d+$/.test(timeout)) throw badRequest(`timeoutSeconds: Invalid value: "${timeout}"`);
    opts.timeoutSeconds = Number(timeout);
  }
  const include = q.get('includeObject');
  if (include) {
    if (include !== 'None' && include !== 'Metadata' && include !== 'Object') throw badRequest(`includeObject: Unsupported value: "${include}"`);
    opts.includeObject = include;
  }
  return opts;
}
