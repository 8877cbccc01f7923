/**
 * Type admission: refuses an object whose fields do not have the JSON
 * types of its schema, with the status kube-apiserver answers where its
 * typed decoding fails. Which status depends on how the object arrived,
 * because kube fails at a different step for each:
 *
 * - create / update body: 400 BadRequest, `Pod in version "v1" cannot be
 *   handled as a Pod: json: cannot unmarshal ...` (transformDecodeError);
 * - json, merge and strategic patch: 422 Invalid on field `patch`, with an
 *   empty kind and name (` "" is invalid: patch: Invalid value: ...`), the
 *   way patch.go reports a patched object that does not decode, including
 *   one whose patch rewrote `kind` or `apiVersion`;
 * - server-side apply: 400 BadRequest, `failed to create typed patch object
 *   (...)`. Kube answers this one with a 500; a client's wrong type is a
 *   bad request, so chronokube says 400.
 */
import { ApiError, badRequest, fieldError, invalid } from '../api/errors';
import { typeMismatch } from '../openapi/type-check';

/** The version and kind an endpoint expects (`v1`/`Pod`, `autoscaling/v1`/`Scale`). */
export interface ExpectedType {
  apiVersion: string;
  kind: string;
}

/** The version part kube prints in "in version" (`apps/v1` prints `v1`). */
function versionOnly(apiVersion: string): string {
  return apiVersion.slice(apiVersion.indexOf('/') + 1);
}

/**
 * Throws 400 when a create or update body has a field of the wrong type.
 * Idempotent and pure.
 */
export function admitBodyTypes(expected: ExpectedType, body: unknown): void {
  const found = typeMismatch(expected.kind, body);
  if (!found) return;
  const { kind } = expected;
  throw badRequest(`${kind} in version "${versionOnly(expected.apiVersion)}" cannot be handled as a ${kind}: ${found.message}`);
}

/** Kube's Invalid on `patch` with no kind and no name, the value being the patched object. */
function patchInvalid(patched: unknown, detail: string): ApiError {
  return invalid('', '', [fieldError.invalid('patch', JSON.stringify(patched), detail)]);
}

/** The Go type name kube's conversion error uses for a kind: `v1.Secret`, `core.ConfigMap`. */
function conversionMessage(fromVersion: string, fromKind: string, expected: ExpectedType): string {
  const internalPackage = expected.apiVersion.includes('/') ? expected.apiVersion.split('/')[0].split('.')[0] : 'core';
  return `converting (${versionOnly(fromVersion)}.${fromKind}) to (${internalPackage}.${expected.kind}): unknown conversion`;
}

/**
 * Throws 422 when a json, merge or strategic patch left an object that
 * would not decode: `kind` or `apiVersion` rewritten (a ConfigMap may not
 * become a Secret), or a field of the wrong type. A removed `kind` or
 * `apiVersion` decodes as the endpoint's, as in kube. Pure.
 */
export function admitPatchedTypes(expected: ExpectedType, patched: unknown): void {
  if (typeof patched !== 'object' || patched === null || Array.isArray(patched)) {
    throw patchInvalid(patched, `json: cannot unmarshal ${Array.isArray(patched) ? 'array' : typeof patched} into Go value of type map[string]interface {}`);
  }
  const object = patched as Record<string, unknown>;
  const kind = object.kind ?? expected.kind;
  const apiVersion = object.apiVersion ?? expected.apiVersion;
  if (typeof kind !== 'string' || typeof apiVersion !== 'string') {
    throw patchInvalid(patched, `json: cannot unmarshal ${typeof kind !== 'string' ? 'kind' : 'apiVersion'} into Go struct field TypeMeta of type string`);
  }
  if (apiVersion !== expected.apiVersion) {
    throw patchInvalid(patched, `no kind "${kind}" is registered for version "${apiVersion}" in scheme "pkg/api/legacyscheme/scheme.go:30"`);
  }
  if (kind !== expected.kind) throw patchInvalid(patched, conversionMessage(apiVersion, kind, expected));
  const found = typeMismatch(expected.kind, patched);
  if (found) throw patchInvalid(patched, found.message);
}

/** `/v1, Kind=Pod`, as apimachinery prints a GroupVersionKind. */
function gvkString(expected: ExpectedType): string {
  const slash = expected.apiVersion.indexOf('/');
  const group = slash < 0 ? '' : expected.apiVersion.slice(0, slash);
  return `${group}/${versionOnly(expected.apiVersion)}, Kind=${expected.kind}`;
}

/** The kind of value structured-merge-diff expects for a Go type. */
function smdShape(goType: string): string {
  if (goType.startsWith('[]')) return 'list';
  if (goType.startsWith('map[')) return 'map';
  if (goType === 'v1.Time' || goType === 'v1.MicroTime' || goType === 'intstr.IntOrString' || goType === 'resource.Quantity') return 'scalar';
  if (/^[a-z0-9]+\.[A-Z]/.test(goType)) return 'map';
  return goType.startsWith('int') || goType.startsWith('float') ? 'numeric' : goType;
}

/**
 * Throws 400 when a server-side apply configuration has a field of the
 * wrong type, in structured-merge-diff's words. Pure.
 */
export function admitApplyTypes(expected: ExpectedType, namespace: string | undefined, name: string, patch: unknown): void {
  const found = typeMismatch(expected.kind, patch);
  if (!found) return;
  const who = namespace ? `${namespace}/${name}` : name;
  const shape = smdShape(found.expected);
  throw badRequest(`failed to create typed patch object (${who}; ${gvkString(expected)}): ${found.path || '.'}: expected ${shape}, got ${found.found}`);
}
