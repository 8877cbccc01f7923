/**
 * Entry point: a Kubernetes protobuf request body -> the plain JSON object
 * Go's encoding/json would have produced for the same object, so a
 * JSON-native API server can treat both content types alike.
 */
import { decodeMessageJson } from './decode-message';
import { KUBE_PROTOBUF_CONTENT_TYPE, readEnvelope } from './envelope';
import { KubeProtobufError, malformed } from './errors';
import { KUBE_MESSAGES, messageForKind } from './schema';

/** A decoded body: its type and the object as JSON (kind and apiVersion included). */
export interface DecodedKubeObject {
  apiVersion: string;
  kind: string;
  object: Record<string, unknown>;
}

/**
 * Decodes an `application/vnd.kubernetes.protobuf` body. Pure. Throws a
 * KubeProtobufError (one-line message): reason 'Malformed' for bad bytes or
 * envelope, 'UnsupportedKind' for a kind with no schema here.
 */
export function decodeKubeProtobuf(body: Uint8Array): DecodedKubeObject {
  const env = readEnvelope(body);
  if (env.contentEncoding !== '') throw malformed(`unsupported contentEncoding "${env.contentEncoding}"`);
  if (env.contentType !== '' && env.contentType !== KUBE_PROTOBUF_CONTENT_TYPE) {
    throw malformed(`unsupported inner contentType "${env.contentType}"`);
  }
  if (env.kind === '') throw malformed('envelope has no kind');
  const message = messageForKind(env.apiVersion, env.kind);
  if (!message) {
    throw new KubeProtobufError(`no protobuf schema for ${env.apiVersion || '(no apiVersion)'}, Kind=${env.kind}`, 'UnsupportedKind');
  }
  const fields = decodeMessageJson(env.raw, 0, env.raw.length, message, KUBE_MESSAGES) as Record<string, unknown>;
  return { apiVersion: env.apiVersion, kind: env.kind, object: { kind: env.kind, apiVersion: env.apiVersion, ...fields } };
}
