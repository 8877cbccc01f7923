/**
 * Decoding and validating the bodies of the self reviews, with kube's
 * answers: a body that is no object, or whose fields have the wrong
 * types, is 400 BadRequest; a SelfSubjectAccessReview without exactly one
 * of resourceAttributes and nonResourceAttributes is 422 Invalid with the
 * field path, as kube-apiserver's validation words it.
 */
import { badRequest, fieldError, invalid } from '@chronokube/core';
import { decodeObjectBody } from '../http/body';
import type { NonResourceAttributes, ResourceAttributes } from './access-review';

type Json = Record<string, unknown>;

const RESOURCE_FIELDS = ['namespace', 'verb', 'group', 'version', 'resource', 'subresource', 'name'] as const;
const NON_RESOURCE_FIELDS = ['path', 'verb'] as const;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The body as an object of `kind` in `apiVersion` (either may be left out, as kube defaults them). */
export function decodeReview(contentType: string | undefined, body: Buffer, kind: string, apiVersion: string): Json {
  // An empty body is an empty review (kube decodes it so too).
  const object = body.length === 0 ? {} : decodeObjectBody(contentType, body);
  if (object.kind !== undefined && object.kind !== kind) {
    throw badRequest(`the kind in the request body (${String(object.kind)}) does not match the expected kind (${kind})`);
  }
  if (object.apiVersion !== undefined && object.apiVersion !== apiVersion) {
    throw badRequest(`the API version in the request body (${String(object.apiVersion)}) does not match the expected API version (${apiVersion})`);
  }
  if (object.metadata !== undefined && object.metadata !== null && !isObject(object.metadata)) throw badRequest('metadata must be a JSON object');
  if (object.spec !== undefined && object.spec !== null && !isObject(object.spec)) throw badRequest('spec must be a JSON object');
  return object;
}

function attributes<K extends string>(value: unknown, field: string, keys: readonly K[]): Partial<Record<K, string>> | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) throw badRequest(`${field} must be a JSON object`);
  const out: Partial<Record<K, string>> = {};
  for (const key of keys) {
    const v = value[key];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'string') throw badRequest(`${field}.${key} must be a string, not ${JSON.stringify(v)}`);
    out[key] = v;
  }
  return out;
}

/** The attributes a SelfSubjectAccessReview asks about: exactly one kind of them. */
export function accessReviewSpec(review: Json): { resource?: ResourceAttributes; nonResource?: NonResourceAttributes } {
  const spec = (review.spec ?? {}) as Json;
  const resource = attributes(spec.resourceAttributes, 'spec.resourceAttributes', RESOURCE_FIELDS);
  const nonResource = attributes(spec.nonResourceAttributes, 'spec.nonResourceAttributes', NON_RESOURCE_FIELDS);
  const name = typeof (review.metadata as Json | undefined)?.name === 'string' ? String((review.metadata as Json).name) : '';
  if (!resource && !nonResource) {
    throw invalid('SelfSubjectAccessReview', name, [fieldError.invalid('spec.resourceAttributes', null, 'exactly one of nonResourceAttributes or resourceAttributes must be specified')], 'authorization.k8s.io');
  }
  if (resource && nonResource) {
    throw invalid('SelfSubjectAccessReview', name, [fieldError.invalid('spec.nonResourceAttributes', nonResource, 'cannot be specified in combination with resourceAttributes')], 'authorization.k8s.io');
  }
  return { resource, nonResource };
}

/** spec.namespace of a SelfSubjectRulesReview ('' when left out). */
export function rulesReviewNamespace(review: Json): string {
  const ns = ((review.spec ?? {}) as Json).namespace;
  if (ns === undefined || ns === null) return '';
  if (typeof ns !== 'string') throw badRequest(`spec.namespace must be a string, not ${JSON.stringify(ns)}`);
  return ns;
}
