/**
 * The OpenAPI 3.0 documents served under /openapi/v3: one per group-version
 * (plus the discovery and version endpoints), each holding its own paths and
 * the schemas they reach, and a root that lists them with a content hash.
 *
 * kubectl 1.32 reads these for explain (finding a kind by the GVK extension
 * on its path's operations, then on a component schema), for client-side
 * apply (strategic-merge-patch metadata from the schema's patch extensions)
 * and to decide whether the server validates fields itself (the PATCH
 * operation of the kind must list `fieldValidation` and accept
 * `application/strategic-merge-patch+json`).
 *
 * The content hash is SHA-512, which core cannot compute without Node's
 * crypto: the server passes it in (`Sha512Hex`), keeping core browser-safe.
 */
import { DEFINITIONS } from './definitions';
import { deepFreeze } from './freeze';
import { ParamSpec } from './params';
import { OperationSpec, PathSpec, apiPaths } from './paths';
import { Json, refsOf, toV3Schema } from './render-schema';
import { OPENAPI_INFO } from './v2';

const SCHEMA_PREFIX = '#/components/schemas/';

function param(p: ParamSpec): Json {
  return { name: p.name, in: p.in, description: p.description, ...(p.required ? { required: true } : {}),
    schema: { type: p.type, uniqueItems: true } };
}

function operation(op: OperationSpec): Json {
  const content = (schema: Json, types: string[]) => Object.fromEntries(types.map((t) => [t, { schema }]));
  return {
    tags: [op.tag],
    description: op.description,
    operationId: op.operationId,
    ...(op.query.length ? { parameters: op.query.map(param) } : {}),
    ...(op.body ? { requestBody: { content: content({ $ref: SCHEMA_PREFIX + op.body.def }, op.body.consumes), required: true } } : {}),
    responses: Object.fromEntries(op.responses.map((r) => [r.code, {
      description: r.description,
      ...(r.def ? { content: content({ $ref: SCHEMA_PREFIX + r.def }, op.produces) }
        : r.text ? { content: content({ type: 'string' }, op.produces) } : {}),
    }])),
    ...(op.action ? { 'x-kubernetes-action': op.action } : {}),
    ...(op.gvk ? { 'x-kubernetes-group-version-kind': { group: op.gvk.group, kind: op.gvk.kind, version: op.gvk.version } } : {}),
  };
}

/** Definitions the paths use, closed over references, sorted by name. */
function reachableDefinitions(paths: readonly PathSpec[]): string[] {
  const seen = new Set<string>();
  const queue: string[] = [];
  const visit = (name: string) => {
    if (!seen.has(name)) { seen.add(name); queue.push(name); }
  };
  for (const p of paths) {
    for (const op of p.operations) {
      if (op.body) visit(op.body.def);
      for (const r of op.responses) if (r.def) visit(r.def);
    }
  }
  while (queue.length) {
    const def = DEFINITIONS[queue.shift()!];
    if (def) for (const name of refsOf(def)) visit(name);
  }
  return [...seen].sort();
}

function buildDoc(paths: readonly PathSpec[]): Json {
  return {
    openapi: '3.0.0',
    info: { ...OPENAPI_INFO },
    paths: Object.fromEntries(paths.map((p) => [p.path, {
      ...Object.fromEntries(p.operations.map((op) => [op.method, operation(op)])),
      ...(p.params.length ? { parameters: p.params.map(param) } : {}),
    }])),
    components: {
      schemas: Object.fromEntries(reachableDefinitions(paths).map((name) => [name, toV3Schema(DEFINITIONS[name])])),
      securitySchemes: {
        BearerToken: { type: 'apiKey', description: 'Bearer Token authentication', name: 'authorization', in: 'header' },
      },
    },
    security: [{ BearerToken: [] }],
  };
}

let cached: Record<string, Json> | undefined;

/** Every v3 document by key (`api/v1`, `apis/apps/v1`, `api`, `apis`, `apis/apps`, `version`, ...). Built once, frozen. */
export function openApiV3Documents(): Readonly<Record<string, Json>> {
  if (!cached) {
    const byDoc = new Map<string, PathSpec[]>();
    for (const p of apiPaths()) byDoc.set(p.doc, [...(byDoc.get(p.doc) ?? []), p]);
    cached = deepFreeze(Object.fromEntries([...byDoc].map(([key, paths]) => [key, buildDoc(paths)])));
  }
  return cached;
}

/**
 * The v3 document of a group-version path such as `api/v1` or
 * `apis/apps/v1` (a leading slash or `openapi/v3/` prefix is tolerated), or
 * undefined when nothing is served there. Shared and frozen.
 */
export function openApiV3For(groupVersionPath: string): Json | undefined {
  const key = groupVersionPath.replace(/^\/+/, '').replace(/^openapi\/v3\//, '').replace(/\/+$/, '');
  return Object.prototype.hasOwnProperty.call(openApiV3Documents(), key) ? openApiV3Documents()[key] : undefined;
}

/** Hex SHA-512 of a UTF-8 string (the server passes node:crypto's). */
export type Sha512Hex = (text: string) => string;

/** A stable content hash of a document: SHA-512 of its JSON, upper-case hex, as kube uses for ?hash=. */
export function documentHash(doc: unknown, sha512hex: Sha512Hex): string {
  return sha512hex(JSON.stringify(doc)).toUpperCase();
}

/** The root listing for the given documents, each URL carrying the hash of its content. */
export function v3RootFor(docs: Readonly<Record<string, unknown>>, sha512hex: Sha512Hex): { paths: Record<string, { serverRelativeURL: string }> } {
  return {
    paths: Object.fromEntries(Object.keys(docs).sort().map((key) => [
      key, { serverRelativeURL: `/openapi/v3/${key}?hash=${documentHash(docs[key], sha512hex)}` },
    ])),
  };
}

let cachedRoot: ReturnType<typeof v3RootFor> | undefined;

/**
 * The document served at /openapi/v3. Clients fetch each serverRelativeURL
 * and may cache the answer for as long as the hash matches, so a server
 * should answer a matching hash with immutable caching headers and a stale
 * one with a redirect to the current URL.
 */
export function openApiV3Root(sha512hex: Sha512Hex): { paths: Record<string, { serverRelativeURL: string }> } {
  // Built once: every caller passes SHA-512, so the first one's answer is everyone's.
  cachedRoot ??= deepFreeze(v3RootFor(openApiV3Documents(), sha512hex));
  return cachedRoot;
}

/** The current hash of one v3 document, or undefined when there is no such document. */
export function openApiV3Hash(groupVersionPath: string, sha512hex: Sha512Hex): string | undefined {
  const key = groupVersionPath.replace(/^\/+/, '').replace(/^openapi\/v3\//, '').replace(/\/+$/, '');
  const root = openApiV3Root(sha512hex);
  const url = Object.prototype.hasOwnProperty.call(root.paths, key) ? root.paths[key].serverRelativeURL : undefined;
  return url?.slice(url.indexOf('?hash=') + '?hash='.length);
}
