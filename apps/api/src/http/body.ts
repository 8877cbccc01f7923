/**
 * Request bodies: read with a size limit (kube-apiserver's 3 MiB), then
 * decoded by content type. Anything that cannot be decoded is a Status
 * (400, 413, 415) before any command is built.
 */
import type { IncomingMessage } from 'node:http';
import * as yaml from 'js-yaml';
import { KubeProtobufError, badRequest, decodeKubeProtobuf, tooLarge, unsupportedMediaType } from '@chronokube/core';

/** The largest body accepted, as kube-apiserver's default MaxRequestBodyBytes. */
export const MAX_BODY_BYTES = 3 * 1024 * 1024;

export type PatchType = 'json' | 'merge' | 'strategic' | 'apply';

export const PATCH_TYPES: Record<string, PatchType> = {
  'application/json-patch+json': 'json',
  'application/merge-patch+json': 'merge',
  'application/strategic-merge-patch+json': 'strategic',
  'application/apply-patch+yaml': 'apply',
};

/** The media type without parameters, lower case. */
export function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0].trim().toLowerCase();
}

/** Reads the whole body; rejects with 413 as soon as it exceeds `limit`. */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) {
    req.resume();
    return Promise.reject(tooLarge(limit));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limit) {
        failed = true;
        reject(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => !failed && resolve(Buffer.concat(chunks)));
    req.on('error', (err) => !failed && reject(err));
  });
}

/**
 * The deepest nesting a JSON body may have. Go's decoder stops at 10,000;
 * the recursive code that walks objects here (patches, diffs, field sets)
 * would run out of stack well before that, and no real object comes near
 * even this.
 */
export const MAX_JSON_DEPTH = 1000;

/** The deepest nesting of arrays and objects in JSON text, found without recursion. */
export function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > deepest) deepest = depth;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}

/** Parses JSON with kube's wording for a syntax error; refuses nesting deeper than MAX_JSON_DEPTH. */
export function parseJson(body: Buffer, what = 'request body'): unknown {
  const text = body.toString('utf8');
  if (text.trim() === '') throw badRequest(`the ${what} is empty`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw badRequest(`error decoding ${what}: json parse error: ${(err as Error).message}`);
  }
  if (jsonDepth(text) > MAX_JSON_DEPTH) throw badRequest(`error decoding ${what}: json: exceeded max depth (${MAX_JSON_DEPTH} levels of nesting)`);
  return value;
}

/** Aliases one YAML document may use at all; manifests rarely need any. */
export const MAX_YAML_ALIASES = 10_000;
/** Nodes a YAML document may expand to once every alias is followed. */
export const MAX_YAML_NODES = 4_000_000;

/**
 * Share of the expanded nodes that may come from aliases, by document size:
 * generous for small documents, strict for huge ones, as go-yaml (which
 * kube-apiserver uses) judges "excessive aliasing".
 */
function allowedAliasShare(nodes: number): number {
  const low = 400_000;
  if (nodes <= low) return 0.99;
  if (nodes >= MAX_YAML_NODES) return 0.1;
  return 0.99 - ((nodes - low) / (MAX_YAML_NODES - low)) * 0.89;
}

/**
 * Measures what a parsed document becomes once aliases are expanded: the
 * parser shares one value per anchor, so a 500-byte "billion laughs" is
 * small in memory but explodes in whatever walks or serializes it. Each
 * distinct node is sized once; the walk stops as soon as the limit is passed.
 */
function expandedNodes(root: unknown): { expanded: number; distinct: number } {
  const sizes = new Map<object, number>();
  let distinct = 0;
  const size = (value: unknown): number => {
    if (typeof value !== 'object' || value === null) return 1;
    const known = sizes.get(value);
    if (known !== undefined) return known;
    distinct++;
    sizes.set(value, 1); // a cycle, if the parser ever made one, counts once
    let total = 1;
    for (const child of Array.isArray(value) ? value : Object.values(value)) {
      if (typeof child !== 'object' || child === null) distinct++;
      total += size(child);
      if (total > MAX_YAML_NODES) break;
    }
    sizes.set(value, total);
    return total;
  };
  return { expanded: size(root), distinct };
}

/** Parses a YAML (or JSON) document; refuses alias bombs before anything expands them. */
export function parseYaml(body: Buffer, what = 'request body'): unknown {
  const text = body.toString('utf8');
  if (text.trim() === '') throw badRequest(`the ${what} is empty`);
  let value: unknown;
  try {
    value = yaml.load(text, { schema: yaml.JSON_SCHEMA, maxAliases: MAX_YAML_ALIASES } as yaml.LoadOptions);
  } catch (err) {
    throw badRequest(`error decoding YAML: ${(err as Error).message.split('\n')[0]}`);
  }
  if (!text.includes('*')) return value;
  const { expanded, distinct } = expandedNodes(value);
  const fromAliases = expanded - distinct;
  if (expanded > MAX_YAML_NODES || (expanded > 1000 && fromAliases / expanded > allowedAliasShare(expanded))) {
    throw badRequest(`error decoding YAML: yaml: document contains excessive aliasing (${expanded > MAX_YAML_NODES ? `more than ${MAX_YAML_NODES}` : expanded} nodes once aliases are expanded)`);
  }
  // Unshare aliased values, so a later change to one occurrence cannot change the others.
  return JSON.parse(JSON.stringify(value));
}

const PROTOBUF = 'application/vnd.kubernetes.protobuf';

/**
 * Kubernetes protobuf, which kubectl's typed clients send (create configmap,
 * create deployment, ...): decoded to the JSON form the rest of the server uses.
 */
function parseProtobuf(body: Buffer): unknown {
  try {
    return decodeKubeProtobuf(body).object;
  } catch (err) {
    if (err instanceof KubeProtobufError && err.reason === 'UnsupportedKind') throw unsupportedMediaType(PROTOBUF, ['application/json', 'application/yaml']);
    throw badRequest(`error decoding protobuf body: ${(err as Error).message}`);
  }
}

/** Decodes a DeleteOptions body (JSON or protobuf); empty means none. */
export function decodeDeleteOptionsBody(contentType: string | undefined, body: Buffer): Record<string, unknown> | undefined {
  if (body.length === 0 || body.toString('utf8').trim() === '') return undefined;
  const value = mediaType(contentType) === PROTOBUF ? parseProtobuf(body) : parseJson(body, 'DeleteOptions');
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw badRequest('DeleteOptions must be a JSON object');
  return value as Record<string, unknown>;
}

/** Decodes the body of a create or update (JSON or YAML), insisting on an object. */
export function decodeObjectBody(contentType: string | undefined, body: Buffer): Record<string, unknown> {
  const type = mediaType(contentType);
  let value: unknown;
  if (type === '' || type === 'application/json' || type === '*/*') value = parseJson(body);
  else if (type === 'application/yaml' || type === 'application/x-yaml') value = parseYaml(body);
  else if (type === PROTOBUF) value = parseProtobuf(body);
  else throw unsupportedMediaType(type, ['application/json', 'application/yaml', PROTOBUF]);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw badRequest('the request body must be a JSON object');
  }
  return value as Record<string, unknown>;
}

/** Decodes a PATCH body by its content type. */
export function decodePatchBody(contentType: string | undefined, body: Buffer): { type: PatchType; patch: unknown } {
  const type = PATCH_TYPES[mediaType(contentType)];
  if (!type) throw unsupportedMediaType(mediaType(contentType), Object.keys(PATCH_TYPES));
  const patch = type === 'apply' ? parseYaml(body) : parseJson(body, 'patch');
  if (type === 'json' ? !Array.isArray(patch) : typeof patch !== 'object' || patch === null || Array.isArray(patch)) {
    throw badRequest(type === 'json' ? 'json patch must be a JSON array of operations' : 'the patch must be a JSON object');
  }
  return { type, patch };
}
